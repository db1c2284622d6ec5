"""Indonesian and ISO dates read into dates, periods and bounds that stay as precise as the text is.

"13 Agustus 2019", "Selasa | 29-04-2025 | 17:44 WIB" and "Rabu malam (7/5/2025)"
stand alone; "Senin (7/10)" and "Kamis (17/7) sore" are read against the
publication date; "13-15 Juni 2023" and "28 April hingga 1 Mei 2025" are
periods; "Rabu lalu", "kemarin" and "bulan lalu" count from the publication
date; "awal Mei 2025" is May 2025 with the qualifier "early" kept beside it.
"pekan lalu" is only known to lie within a week, so it gives bounds, never a
guessed day. A named weekday is always checked against the date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, replace
from typing import Literal as Choice

from rdflib import Literal
from rdflib.namespace import XSD

Tense = Choice["past", "future"] | None

WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4, "sabtu": 5, "minggu": 6,
            "ahad": 6}
WEEKDAY_NAMES = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
ENGLISH_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "pebruari": 2, "peb": 2, "maret": 3, "mar": 3, "april": 4,
    "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "agus": 8, "september": 9, "sep": 9, "sept": 9, "okt": 10, "oktober": 10, "november": 11, "nov": 11,
    "nopember": 11, "nop": 11, "desember": 12, "des": 12,
}
MONTH_NAMES = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
               "Oktober", "November", "Desember"]
ZONES = {"wib": 7, "wita": 8, "wit": 9}
LATEST_UTC_OFFSET = dt.timedelta(hours=14)
QUALIFIERS = {"awal": "early", "pertengahan": "mid", "medio": "mid", "akhir": "late"}
PARTS_OF_DAY = {"dini hari": "before-dawn", "pagi": "morning", "siang": "midday", "sore": "afternoon",
                "malam": "night"}
TENSE_WORDS: dict[str, Tense] = {"lalu": "past", "kemarin": "past", "mendatang": "future", "depan": "future"}
SHIFTS = {"lalu": -1, "ini": 0, "depan": 1}
DAY_OFFSETS = {"kemarin": -1, "hari ini": 0, "besok": 1}
BEFORE_PUBLICATION = "before publication"
SOME_TIME_AGO = ("beberapa waktu lalu", "beberapa waktu yang lalu", "baru-baru ini")
EXAMPLES = ("'Senin (7/10)', 'Selasa | 29-04-2025 | 17:44 WIB', '13 Agustus 2019', '13-15 Juni 2023', "
            "'awal Mei 2025', 'Rabu lalu', 'Tahun 2020'")

_STOP = "hari|tanggal|tgl|pukul|pkl|jam|pagi|siang|sore|malam|dini|lalu|awal|akhir|pertengahan|medio|bulan|tahun"
_WORD = rf"(?!(?:{_STOP})\b)[a-z']+"
_POD = "|".join(PARTS_OF_DAY)
_QUAL = "|".join(QUALIFIERS)
_MONTH = r"(?P<monthname>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\b\.?"
_SEP = r"\s*[,|-]?\s*"
_DAY = r"(?P<day>\d{1,2})"
_PRE = rf"(?:(?:hari\s+)?(?P<weekday>{_WORD})(?:\s+(?P<pod1>{_POD}))?(?:\s+(?P<rel1>lalu))?{_SEP})?"
_POST = rf"(?:\s+(?P<pod2>{_POD}))?(?:\s+(?P<rel2>lalu|kemarin|mendatang|depan))?"
_TIME = (rf"(?:{_SEP}(?:(?:pukul|pkl\.?|jam)\s*)?(?P<hour>\d{{1,2}})[:.](?P<minute>\d{{2}}))?"
         r"(?:\s*(?P<zone>wita|wib|wit)\b)?")
_CORES = (
    rf"\(?\s*{_DAY}\s*/\s*(?P<month>\d{{1,2}})(?:\s*/\s*(?P<year>\d{{4}}))?\s*\)?",
    rf"{_DAY}(?P<sep>[-.])(?P<month>\d{{1,2}})(?P=sep)(?P<year>\d{{4}})",
    rf"(?:(?:tanggal|tgl\.?)\s*)?{_DAY}\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?",
)
DATE_PATTERNS = [
    re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"),
    *(re.compile(_PRE + core + _POST + _TIME) for core in _CORES),
    re.compile(rf"(?:(?P<qualifier>{_QUAL})\s+)?(?:bulan\s+)?{_MONTH}(?:\s+(?P<year>\d{{4}}))?"
               r"(?:\s+(?P<rel2>lalu|mendatang|depan))?"),
    re.compile(rf"(?:(?P<qualifier>{_QUAL})\s+)?(?:tahun\s+)?(?P<year>\d{{4}})"),
]
BARE_DAY = re.compile(rf"(?:(?P<weekday>{_WORD}){_SEP})?(?:(?:tanggal|tgl\.?)\s*)?{_DAY}")
_WEEKDAYS = rf"(?:(?P<weekday>{_WORD})\s*-\s*(?P<weekday2>{_WORD})\s*,?\s*)?"
COMPACT_PERIODS = (
    re.compile(rf"{_WEEKDAYS}\(?\s*{_DAY}\s*-\s*(?P<day2>\d{{1,2}})\s*/\s*(?P<month>\d{{1,2}})"
               r"(?:\s*/\s*(?P<year>\d{4}))?\s*\)?"),
    re.compile(rf"{_WEEKDAYS}{_DAY}\s*-\s*(?P<day2>\d{{1,2}})\s+{_MONTH}(?:\s+(?P<year>\d{{4}}))?"),
)
CONNECTOR = re.compile(r"\s*(?:-|\bhingga\b|\bsampai dengan\b|\bsampai\b|\bs\.\s?d\b\.?|\bs/d\b)\s*")
RELATIVE_DAY = re.compile(rf"(?P<word>kemarin|hari ini|besok)(?:\s+(?P<pod>{_POD}))?(?P<vague>\s*\(vague\))?")
RELATIVE_SPAN = re.compile(rf"(?:(?P<qualifier>{_QUAL})\s+)?(?P<unit>pekan|minggu|bulan|tahun)\s+"
                           r"(?P<shift>lalu|ini|depan)")
RELATIVE_WEEKDAY = re.compile(rf"(?:hari\s+)?(?P<weekday>{_WORD})(?:\s+(?P<pod>{_POD}))?\s+"
                              r"(?:(?P<week>pekan|minggu)\s+)?(?P<rel>lalu|kemarin|depan|mendatang)")


class DateError(ValueError):
    """A date that cannot be read, does not exist, or contradicts its weekday or its article."""


@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day, optionally with a time of day.

    `qualifier` keeps what the words add without adding precision: "early", "mid" or "late" (awal,
    pertengahan, akhir) for a month or a year, or a part of the day ("morning", "night", ...).
    """

    year: int
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    utc_offset: int | None = None
    qualifier: str | None = None

    def literal(self) -> Literal:
        """The RDF literal of exactly the known precision."""
        if self.hour is None:
            return Literal(self.iso(), datatype=(XSD.gYear, XSD.gYearMonth, XSD.date)[self._precision()])
        zone = "" if self.utc_offset is None else f"+{self.utc_offset:02d}:00"
        return Literal(f"{self.iso()}T{self.hour:02d}:{self.minute:02d}:00{zone}", datatype=XSD.dateTime)

    def iso(self) -> str:
        """The date part in ISO form, as precise as known: 2019, 2019-10 or 2019-10-07."""
        parts = [f"{self.year:04d}", *(f"{p:02d}" for p in (self.month, self.day) if p is not None)]
        return "-".join(parts)

    def date_only(self) -> PartialDate:
        return PartialDate(self.year, self.month, self.day)

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> dt.date:
        if self.day is not None:
            return self.first_day()
        month = self.month or 12
        return dt.date(self.year, month, calendar.monthrange(self.year, month)[1])

    def _precision(self) -> int:
        return 0 if self.month is None else 1 if self.day is None else 2


@dataclass(frozen=True)
class Period:
    """Something that ran from `start` to `end`, both inclusive, each as precise as the article is."""

    start: PartialDate
    end: PartialDate


@dataclass(frozen=True)
class Bounds:
    """A date known only to lie between `earliest` and `latest` (either may be unknown)."""

    earliest: PartialDate | None = None
    latest: PartialDate | None = None


When = PartialDate | Period | Bounds


@dataclass(frozen=True)
class Context:
    """What a date is read against: the publication date, and whether the event was held or is planned."""

    published: PartialDate | None = None
    year: int | None = None
    tense: Tense = None

    @property
    def day(self) -> dt.date | None:
        return self.published.first_day() if self.published and self.published.day else None


@dataclass
class Parts:
    """The pieces of one date expression, before they are checked and completed."""

    weekday: str | None = None
    day: int | None = None
    month: int | None = None
    year: int | None = None
    hour: int | None = None
    minute: int | None = None
    zone: str | None = None
    qualifier: str | None = None
    tense: Tense = None


def parse_when(text: str, published: PartialDate | None = None, tense: Tense = None) -> When:
    """Read `text` as a date, a period or bounds, against the article's publication date.

    `tense` is "past" for an event the article reports as held, "future" for a planned one.
    """
    return _read(text, Context(published, published.year if published else None, tense))


def parse_date(text: str, reference: int | PartialDate | None = None, tense: Tense = None) -> PartialDate:
    """Read `text` as one date; `reference` is the publication date (or only its year)."""
    if isinstance(reference, PartialDate):
        context = Context(reference, reference.year, tense)
    else:
        context = Context(None, reference, tense)
    when = _read(text, context)
    if not isinstance(when, PartialDate):
        kind = "a period" if isinstance(when, Period) else "only known to lie within bounds"
        raise DateError(f"'{text}' is {kind}; this field takes one date")
    return when


def make_period(start: PartialDate, end: PartialDate, what: str) -> PartialDate | Period:
    """The period from start to end; one date when they are the same; an error when it ends before it starts."""
    if end.last_day() < start.first_day():
        raise DateError(f"{what} ends on {end.iso()}, before it starts on {start.iso()}")
    return start if start == end else Period(start, end)


def check_not_future(date: PartialDate, text: str, today: dt.date | None = None) -> None:
    """Fail when `date` lies wholly after today, wherever on Earth today is."""
    today = today or (dt.datetime.now(dt.UTC) + LATEST_UTC_OFFSET).date()
    if date.first_day() > today:
        raise DateError(f"'{text}' is after today; an article cannot be published in the future")


def _read(text: str, context: Context) -> When:
    normal = _normal(text)
    low = normal.lower()
    if normal.count("(") != normal.count(")") or normal.find(")") < normal.find("("):
        raise DateError(f"'{text}' has an unbalanced parenthesis; write '(7/10)' or '7/10'")
    if any(c.isdigit() and not c.isascii() for c in normal):
        raise DateError(f"'{text}' has digits other than 0-9; write the date with ASCII digits")
    if low == BEFORE_PUBLICATION or low in SOME_TIME_AGO:
        if context.published is None:
            raise DateError(f"'{text}' needs the article's published date")
        return Bounds(latest=context.published.date_only())
    for reader in (_relative, _single, _period):
        found = reader(normal, low, context, text)
        if found is not None:
            return found
    raise DateError(f"cannot read '{text}' as a date; write it as the article does ({EXAMPLES}) "
                    "or as ISO ('2019-10-07', '2019-10', '2019')")


def _normal(text: str) -> str:
    for old, new in (("\u2019", "'"), ("\u2018", "'"), ("\u2013", "-"), ("\u2014", "-")):
        text = text.replace(old, new)
    text = " ".join(text.split()).rstrip(".")
    return text[5:] if text.lower().startswith("pada ") else text


# single dates

def _single(normal: str, low: str, context: Context, text: str) -> PartialDate | None:
    parts = _parts(normal, low)
    return _resolve(parts, context, text) if parts else None


def _parts(normal: str, low: str) -> Parts | None:
    for pattern in DATE_PATTERNS:
        match = pattern.fullmatch(low)
        if match:
            return _parts_of(match, normal)
    return None


def _parts_of(match: re.Match[str], normal: str) -> Parts:
    found = {name: normal[match.start(name):match.end(name)] for name, value in match.groupdict().items()
             if value is not None}
    number = {key: int(found[key]) for key in ("day", "month", "year", "hour", "minute") if key in found}
    if "monthname" in found:
        number["month"] = MONTHS[found["monthname"].lower().rstrip(".")]
    pod = found.get("pod1") or found.get("pod2")
    qualifier = QUALIFIERS[found["qualifier"].lower()] if "qualifier" in found else None
    rel = found.get("rel1") or found.get("rel2")
    return Parts(found.get("weekday"), number.get("day"), number.get("month"), number.get("year"),
                 number.get("hour"), number.get("minute"), found.get("zone"),
                 qualifier or (PARTS_OF_DAY[pod.lower()] if pod else None),
                 TENSE_WORDS[rel.lower()] if rel else None)


def _resolve(parts: Parts, context: Context, text: str) -> PartialDate:
    month, day = parts.month, parts.day
    if month is not None and not 1 <= month <= 12:
        raise DateError(f"'{text}' names month {month}, which does not exist")
    year = parts.year if parts.year is not None else _year(parts, context, text)
    if year < 1:
        raise DateError(f"'{text}' names the year 0, which does not exist")
    if day is not None:
        try:
            date = dt.date(year, month, day)
        except ValueError:
            raise DateError(f"'{text}' reads as {day} {MONTH_NAMES[month - 1]} {year}, a date that does not "
                            "exist") from None
        _check_weekday(parts.weekday, date, text)
    if parts.hour is not None and (parts.hour > 23 or parts.minute > 59):
        raise DateError(f"'{text}' has a time of day that does not exist")
    zone = ZONES[parts.zone.lower()] if parts.zone and parts.hour is not None else None
    result = PartialDate(year, month, day, parts.hour, parts.minute, zone, parts.qualifier)
    _check_tense(parts.tense, result, context, text)
    return result


def _year(parts: Parts, context: Context, text: str) -> int:
    """The year of a date written without one: the publication year, or the one before or after it.

    A day and month later than the publication date is in the year before when the words say `lalu`
    or the event was held; one earlier than it is in the year after when they say `mendatang` or the
    event is planned. A month alone is compared by month.
    """
    if context.year is None:
        raise DateError(f"'{text}' gives no year and the article has no publication date to read it against")
    tense, published = parts.tense or context.tense, context.day
    if published is None or tense is None or parts.month is None:
        return context.year
    stated = (parts.month, parts.day or 0)
    reference = (published.month, published.day if parts.day else 0)
    if tense == "past" and stated > reference:
        return context.year - 1
    if tense == "future" and stated < reference:
        return context.year + 1
    return context.year


def _check_tense(tense: Tense, date: PartialDate, context: Context, text: str) -> None:
    published = context.day
    if published is None or tense is None:
        return
    word = next((w for w in TENSE_WORDS if re.search(rf"\b{w}\b", text.lower())), "")
    if tense == "past" and date.first_day() > published:
        raise DateError(f"'{text}' says '{word}' (past), but {date.iso()} is after the publication date "
                        f"{published.isoformat()}")
    if tense == "future" and date.last_day() < published:
        raise DateError(f"'{text}' says '{word}' (to come), but {date.iso()} is before the publication date "
                        f"{published.isoformat()}")


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


# relative dates

def _relative(normal: str, low: str, context: Context, text: str) -> When | None:
    match = RELATIVE_DAY.fullmatch(low)
    if match:
        return _relative_day(match, context, text)
    match = RELATIVE_SPAN.fullmatch(low)
    if match and not (match["unit"] == "minggu" and normal[match.start("unit")].isupper()):
        return _relative_span(match, context, text)
    match = RELATIVE_WEEKDAY.fullmatch(low)
    if match and match["weekday"] in WEEKDAYS:
        return _relative_weekday(match, context, text)
    return None


def _publication_day(context: Context, text: str) -> dt.date:
    if context.day is None:
        raise DateError(f"'{text}' counts from the publication date; give the article's published date "
                        "(day, month and year)")
    return context.day


def _day(date: dt.date, qualifier: str | None = None) -> PartialDate:
    return PartialDate(date.year, date.month, date.day, qualifier=qualifier)


def _relative_day(match: re.Match[str], context: Context, text: str) -> When:
    published = _publication_day(context, text)
    if match["vague"]:
        if match["word"] != "kemarin" or match["pod"]:
            raise DateError(f"'{text}': only a bare 'kemarin' can be marked (vague)")
        return Bounds(latest=_day(published))
    pod = PARTS_OF_DAY[match["pod"]] if match["pod"] else None
    return _day(published + dt.timedelta(days=DAY_OFFSETS[match["word"]]), pod)


def _relative_span(match: re.Match[str], context: Context, text: str) -> When:
    shift, qualifier = SHIFTS[match["shift"]], match["qualifier"]
    if match["unit"] == "tahun":
        if context.year is None:
            raise DateError(f"'{text}' gives no year and the article has no publication date to read it against")
        return PartialDate(context.year + shift, qualifier=QUALIFIERS.get(qualifier or ""))
    published = _publication_day(context, text)
    if match["unit"] == "bulan":
        index = published.year * 12 + published.month - 1 + shift
        return PartialDate(index // 12, index % 12 + 1, qualifier=QUALIFIERS.get(qualifier or ""))
    monday = published - dt.timedelta(days=published.weekday() - 7 * shift)
    if qualifier is None:
        return Bounds(_day(monday), _day(monday + dt.timedelta(days=6)))
    if qualifier == "akhir":
        return Bounds(_day(monday + dt.timedelta(days=5)), _day(monday + dt.timedelta(days=6)))
    raise DateError(f"'{text}': a week is read whole, or as 'akhir pekan' (its weekend); "
                    f"'{qualifier}' would guess a day")


def _relative_weekday(match: re.Match[str], context: Context, text: str) -> PartialDate:
    published = _publication_day(context, text)
    weekday = WEEKDAYS[match["weekday"]]
    pod = PARTS_OF_DAY[match["pod"]] if match["pod"] else None
    past = TENSE_WORDS[match["rel"]] == "past"
    if match["week"]:
        if match["rel"] not in SHIFTS:
            raise DateError(f"cannot read '{text}' as a date; write 'pekan lalu' or 'pekan depan'")
        monday = published - dt.timedelta(days=published.weekday() - 7 * SHIFTS[match["rel"]])
        return _day(monday + dt.timedelta(days=weekday), pod)
    if past:
        return _day(published - dt.timedelta(days=(published.weekday() - weekday) % 7 or 7), pod)
    return _day(published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7), pod)


# periods

def _period(normal: str, low: str, context: Context, text: str) -> When | None:
    pair = _compact(normal, low) or _split(normal, low)
    if pair is None:
        return None
    start, end = pair
    start.month = start.month if start.month is not None else end.month
    start.tense = start.tense or end.tense
    if start.year is None and end.year is not None:
        start.year = end.year - (1 if start.month and end.month and start.month > end.month else 0)
    first = _resolve(start, context, text)
    if end.year is None:
        end.year = first.year + (1 if end.month and first.month and end.month < first.month else 0)
    return make_period(first, _resolve(end, context, text), f"'{text}'")


def _compact(normal: str, low: str) -> tuple[Parts, Parts] | None:
    """'Senin-Rabu (13-15/6)', '(13-15/6/2023)', 'Selasa-Kamis, 15-17 Juli 2025'."""
    match = next(filter(None, (pattern.fullmatch(low) for pattern in COMPACT_PERIODS)), None)
    if match is None:
        return None
    start = _parts_of(match, normal)
    weekday2 = normal[match.start("weekday2"):match.end("weekday2")] if match["weekday2"] else None
    return start, replace(start, weekday=weekday2, day=int(match["day2"]))


def _split(normal: str, low: str) -> tuple[Parts, Parts] | None:
    for connector in CONNECTOR.finditer(low):
        left, right = slice(0, connector.start()), slice(connector.end(), None)
        end = _parts(normal[right], low[right])
        if end is None:
            continue
        start = _parts(normal[left], low[left]) or _bare_day(normal[left], low[left])
        if start is not None and not (start.day is not None and start.month is None is end.month):
            return start, end
    return None


def _bare_day(normal: str, low: str) -> Parts | None:
    match = BARE_DAY.fullmatch(low)
    return _parts_of(match, normal) if match else None
