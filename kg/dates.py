"""Indonesian and ISO dates read into dates that stay as precise as the text is.

"Senin (7/10)" is read against a reference year (the publication year),
"13 Agustus 2019" and "Kamis, 30 Oktober 2025 23:56 WIB" stand alone, "Tahun
2020" is a year. A weekday is checked against the date it names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from rdflib import Literal
from rdflib.namespace import XSD

WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6}
WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "maret": 3, "mar": 3, "april": 4, "apr": 4,
    "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nov": 11,
    "nopember": 11, "desember": 12, "des": 12,
}
MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember"]
ZONES = {"wib": 7, "wita": 8, "wit": 9}

_DAY = r"(?:(?P<weekday>[A-Za-z']+)\s*,?\s*)?"
_MONTH = r"(?P<monthname>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")"
_TIME = r"(?:\s*,?\s*(?:pukul\s+)?(?P<hour>\d{1,2})[:.](?P<minute>\d{2}))?(?:\s*(?P<zone>WIB|WITA|WIT))?"
PATTERNS = [
    re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?", re.ASCII),
    re.compile(_DAY + r"(?P<day>\d{1,2})\s+" + _MONTH + r"\.?\s+(?P<year>\d{4})" + _TIME, re.IGNORECASE | re.ASCII),
    re.compile(_DAY + r"\(?\s*(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})(?:\s*/\s*(?P<year>\d{4}))?\s*\)?",
               re.ASCII),
    re.compile(r"(?:tahun\s+)(?P<year>\d{4})", re.IGNORECASE | re.ASCII),
    re.compile(r"(?:bulan\s+)?" + _MONTH + r"\s+(?P<year>\d{4})", re.IGNORECASE | re.ASCII),
]
LATEST_UTC_OFFSET = dt.timedelta(hours=14)


class DateError(ValueError):
    """A date that cannot be read, does not exist, or contradicts its weekday."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, optionally with a time of day."""

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    utc_offset: int | None = None

    def literal(self) -> Literal:
        """The RDF literal of exactly the known precision."""
        if self.month is None:
            return Literal(f"{self.year:04d}", datatype=XSD.gYear)
        if self.day is None:
            return Literal(f"{self.year:04d}-{self.month:02d}", datatype=XSD.gYearMonth)
        date = f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.hour is None:
            return Literal(date, datatype=XSD.date)
        zone = "" if self.utc_offset is None else f"+{self.utc_offset:02d}:00"
        return Literal(f"{date}T{self.hour:02d}:{self.minute:02d}:00{zone}", datatype=XSD.dateTime)

    def date_only(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)

    def earliest(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)


def check_not_future(date: PartialDate, text: str, today: dt.date | None = None) -> None:
    """Fail when `date` lies wholly after today, wherever on Earth today is."""
    today = today or (dt.datetime.now(dt.UTC) + LATEST_UTC_OFFSET).date()
    if date.earliest() > today:
        raise DateError(f"'{text}' is after today; an article cannot be published in the future")


def parse_date(text: str, reference_year: int | None = None) -> PartialDate:
    """Read `text` as a date; `reference_year` supplies the year of "Senin (7/10)"."""
    cleaned = " ".join(text.split())
    if cleaned.count("(") != cleaned.count(")") or cleaned.find(")") < cleaned.find("("):
        raise DateError(f"'{text}' has an unbalanced parenthesis; write '(7/10)' or '7/10'")
    for pattern in PATTERNS:
        match = pattern.fullmatch(cleaned)
        if match:
            return _build(match.groupdict(), cleaned, reference_year)
    raise DateError(
        f"cannot read '{text}' as a date; write it as the article does ('Senin (7/10)', '13 Agustus 2019', "
        "'Tahun 2020') or as ISO ('2019-10-07', '2019-10', '2019')"
    )


def _build(parts: dict[str, str | None], text: str, reference_year: int | None) -> PartialDate:
    month = _month(parts)
    year = int(parts["year"]) if parts.get("year") else reference_year
    if year is None:
        raise DateError(f"'{text}' gives no year and the article has no publication date to read it against")
    if year < 1:
        raise DateError(f"'{text}' names the year 0, which does not exist")
    day = int(parts["day"]) if parts.get("day") else None
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' names month {month}, which does not exist")
    if day is not None:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            month_name = MONTH_NAMES[month - 1]
            raise DateError(f"'{text}' reads as {day} {month_name} {year}, a date that does not exist") from None
        _check_weekday(parts.get("weekday"), date, text)
    hour = int(parts["hour"]) if parts.get("hour") else None
    minute = int(parts["minute"]) if parts.get("minute") else None
    if hour is not None and (hour > 23 or minute > 59):
        raise DateError(f"'{text}' has a time of day that does not exist")
    zone = parts.get("zone") if hour is not None else None
    return PartialDate(year, month, day, hour, minute, ZONES[zone.lower()] if zone else None)


def _month(parts: dict[str, str | None]) -> int | None:
    name = parts.get("monthname")
    if name is None:
        return int(parts["month"]) if parts.get("month") else None
    return MONTHS[name.lower()]


def _check_weekday(weekday: str | None, date: dt.date, text: str) -> None:
    if weekday is None:
        return
    try:
        stated = WEEKDAYS[weekday.lower()]
    except KeyError:
        raise DateError(f"'{weekday}' is not a day name; use Senin ... Minggu") from None
    actual = date.weekday()
    if stated != actual:
        raise DateError(
            f"'{text}' reads as {date.isoformat()}, a {WEEKDAY_NAMES[actual]} ({ENGLISH_WEEKDAYS[actual]}), "
            f"not a {WEEKDAY_NAMES[stated]}; check the day or the date"
        )
