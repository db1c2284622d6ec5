"""The date reader against dateparser on dates written as Indonesian regional news writes them.

Run by hand, not by pytest: python3 tests/benchmarks/bench_dates.py [-v]

Each expression comes with the article's publication date, whether the event was held or is
planned (given to both readers: to ours as the tense, to dateparser as PREFER_DATES_FROM), and the
value it must give: a date as precise as its words ("2025-07", "2025-07-14", "2025-07-14T17:44"),
a period "start/end", bounds "[earliest,latest]", or "!" for a date that must be refused (a weekday
that contradicts the date, a day that does not exist, a period that ends before it starts).
Qualifiers (awal, pertengahan, akhir, pagi, malam) are not scored: dateparser has nothing to keep them in.

A reader's answer is right when it has the expected kind and precision and the same value (a time
of day counts only where one is expected); "invented precision" when it names a finer date inside
the expected month, year or bounds; "refused" when it gives nothing; otherwise wrong.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from dateparser import parse
from dateparser.date import DateDataParser

from kg.dates import Bounds, DateError, PartialDate, Period, parse_when

FRIDAY = "2025-07-18"  # Jumat, 18 Juli 2025: the publication date unless another is given
PREFER = {None: "current_period", "past": "past", "future": "future"}

# (expression, publication date, tense, expected)
CASES: list[tuple[str, str, str | None, str]] = [
    # bylines
    ("Selasa | 29-04-2025 | 17:44 WIB", FRIDAY, None, "2025-04-29T17:44"),
    ("Sabtu, 02 Juli 2022 - 10:15 WIB", FRIDAY, None, "2022-07-02T10:15"),
    ("Kamis, 30 Oktober 2025 | 23:56 WIB", FRIDAY, None, "2025-10-30T23:56"),
    ("29-04-2025", FRIDAY, None, "2025-04-29"),
    ("Jum'at, 11 Juli 2025 pukul 14.00 WITA", FRIDAY, None, "2025-07-11T14:00"),
    ("Senin, 14 Juli 2025 08:30 WIT", FRIDAY, None, "2025-07-14T08:30"),
    ("Rabu, 16 Jul 2025 | 19:05 WIB", FRIDAY, None, "2025-07-16T19:05"),
    ("Kamis, 17/07/2025 | 11:20 WITA", FRIDAY, None, "2025-07-17T11:20"),
    ("Minggu, 13 Juli 2025 - 21.10 WIB", FRIDAY, None, "2025-07-13T21:10"),
    ("Selasa, 15 Juli 2025, 10:00 WIB", FRIDAY, None, "2025-07-15T10:00"),
    ("18.07.2025", FRIDAY, None, "2025-07-18"),
    ("Sabtu, 12 Jul 2025", FRIDAY, None, "2025-07-12"),
    # a day in the body of the article, often without its year, often with a part of the day
    ("Senin (14/7)", FRIDAY, "past", "2025-07-14"),
    ("Kamis (17/7)", FRIDAY, "past", "2025-07-17"),
    ("Rabu malam (16/7/2025)", FRIDAY, "past", "2025-07-16"),
    ("Minggu (29/6/2025) malam", FRIDAY, "past", "2025-06-29"),
    ("Senin (7/7) pagi", FRIDAY, "past", "2025-07-07"),
    ("Kamis (10/7) sore", FRIDAY, "past", "2025-07-10"),
    ("Selasa (15/7) siang", FRIDAY, "past", "2025-07-15"),
    ("Jumat (18/7) dini hari", FRIDAY, "past", "2025-07-18"),
    ("Senin (14/7) lalu", FRIDAY, None, "2025-07-14"),
    ("Sabtu (5/7) lalu", FRIDAY, None, "2025-07-05"),
    ("13 Agustus 2019", FRIDAY, None, "2019-08-13"),
    ("Senin, 7 Oktober 2019", FRIDAY, None, "2019-10-07"),
    ("7 Okt 2019", FRIDAY, None, "2019-10-07"),
    ("12 Agt 2024", FRIDAY, None, "2024-08-12"),
    ("20 Des 2024", FRIDAY, None, "2024-12-20"),
    ("tanggal 5 Mei 2025", FRIDAY, None, "2025-05-05"),
    ("pada Senin (14/7)", FRIDAY, "past", "2025-07-14"),
    ("Kamis, (17/7/2025)", FRIDAY, None, "2025-07-17"),
    ("Jumat (18/7/2025) pagi pukul 08.00 WIB", FRIDAY, None, "2025-07-18T08:00"),
    ("Pukul 10.00 WIB, Selasa (15/7)", FRIDAY, "past", "2025-07-15T10:00"),
    ("12 dan 13 Juli 2025", FRIDAY, "past", "2025-07-12/2025-07-13"),
    ("Kamis (24/7) mendatang", FRIDAY, None, "2025-07-24"),
    ("Sabtu (26/7)", FRIDAY, "future", "2025-07-26"),
    # the year of a day without one
    ("Kamis (25/7)", FRIDAY, "past", "2024-07-25"),
    ("Minggu (5/1)", "2024-12-20", "future", "2025-01-05"),
    ("Senin (30/12)", "2025-01-03", "past", "2024-12-30"),
    ("Rabu (31/12) lalu", "2026-01-02", None, "2025-12-31"),
    # months and years, as precise as they are
    ("Juli 2025", FRIDAY, None, "2025-07"),
    ("bulan Juni 2025", FRIDAY, None, "2025-06"),
    ("Oktober 2019", FRIDAY, None, "2019-10"),
    ("Tahun 2020", FRIDAY, None, "2020"),
    ("tahun 2024", FRIDAY, None, "2024"),
    ("awal Mei 2025", FRIDAY, None, "2025-05"),
    ("pertengahan Juni 2023", FRIDAY, None, "2023-06"),
    ("akhir tahun 2024", FRIDAY, None, "2024"),
    ("medio Maret 2025", FRIDAY, None, "2025-03"),
    ("akhir Juli 2025", FRIDAY, None, "2025-07"),
    ("awal tahun 2025", FRIDAY, None, "2025"),
    # counted from the publication date
    ("Rabu lalu", FRIDAY, None, "2025-07-16"),
    ("Senin lalu", FRIDAY, None, "2025-07-14"),
    ("kemarin", FRIDAY, None, "2025-07-17"),
    ("pekan lalu", FRIDAY, None, "[2025-07-07,2025-07-13]"),
    ("bulan lalu", FRIDAY, None, "2025-06"),
    ("tahun lalu", FRIDAY, None, "2024"),
    ("Jumat pekan lalu", FRIDAY, None, "2025-07-11"),
    ("akhir pekan lalu", FRIDAY, None, "[2025-07-12,2025-07-13]"),
    ("besok", FRIDAY, None, "2025-07-19"),
    ("hari ini", FRIDAY, None, "2025-07-18"),
    ("Senin depan", FRIDAY, None, "2025-07-21"),
    ("pekan depan", FRIDAY, None, "[2025-07-21,2025-07-27]"),
    ("tahun depan", FRIDAY, None, "2026"),
    ("bulan depan", FRIDAY, None, "2025-08"),
    ("beberapa waktu lalu", FRIDAY, None, "[,2025-07-18]"),
    ("akhir Juni lalu", FRIDAY, None, "2025-06"),
    ("dua pekan lalu", FRIDAY, None, "[2025-06-30,2025-07-06]"),
    # periods
    ("28 April hingga 1 Mei 2025", FRIDAY, "past", "2025-04-28/2025-05-01"),
    ("28 April - 1 Mei 2025", FRIDAY, "past", "2025-04-28/2025-05-01"),
    ("13-15 Juni 2023", FRIDAY, "past", "2023-06-13/2023-06-15"),
    ("13 s.d. 15 Juni 2023", FRIDAY, "past", "2023-06-13/2023-06-15"),
    ("13 sampai dengan 15 Juni 2023", FRIDAY, "past", "2023-06-13/2023-06-15"),
    ("(13/6) hingga (15/6)", FRIDAY, "past", "2025-06-13/2025-06-15"),
    ("Senin-Rabu (14-16/7)", FRIDAY, "past", "2025-07-14/2025-07-16"),
    ("Selasa (15/7) sampai Kamis (17/7)", FRIDAY, "past", "2025-07-15/2025-07-17"),
    ("28 Desember 2024 - 2 Januari 2025", FRIDAY, "past", "2024-12-28/2025-01-02"),
    ("Juni - Juli 2025", FRIDAY, "past", "2025-06/2025-07"),
    ("Selasa-Kamis, 15-17 Juli 2025", FRIDAY, "past", "2025-07-15/2025-07-17"),
    ("Sabtu-Minggu (12-13/7)", FRIDAY, "past", "2025-07-12/2025-07-13"),
    ("15 hingga 17 Juli", FRIDAY, "past", "2025-07-15/2025-07-17"),
    # must be refused
    ("Selasa (7/10/2019)", FRIDAY, None, "!"),
    ("Jumat, 30 Oktober 2025", FRIDAY, None, "!"),
    ("31 Juni 2025", FRIDAY, None, "!"),
    ("Sabtu (14/7)", FRIDAY, "past", "!"),
    ("15-13 Juni 2023", FRIDAY, "past", "!"),
]


@dataclass(frozen=True)
class Single:
    """A date at a precision: 0 year, 1 month, 2 day; a time of day as HH:MM or None."""

    precision: int
    year: int
    month: int = 1
    day: int = 1
    time: str | None = None

    def first(self) -> dt.date:
        return dt.date(self.year, self.month, self.day)

    def last(self) -> dt.date:
        if self.precision == 2:
            return self.first()
        return PartialDate(self.year, self.month if self.precision else None).last_day()

    def same(self, other: Single) -> bool:
        return (self.precision == other.precision and self.first() == other.first()
                and (self.time is None or self.time == other.time))


Value = Single | tuple[str, Single, Single] | None


def single(text: str) -> Single:
    date, _, clock = text.partition("T")
    parts = [int(p) for p in date.split("-")]
    return Single(len(parts) - 1, *parts, time=clock or None)


def expected_value(text: str) -> Value | str:
    if text == "!":
        return "!"
    if text.startswith("["):
        earliest, latest = text.strip("[]").split(",")
        return ("bounds", single(earliest or "0001-01-01"), single(latest))
    if "/" in text:
        start, end = text.split("/")
        return ("period", single(start), single(end))
    return single(text)


def from_partial(date: PartialDate) -> Single:
    clock = f"{date.hour:02d}:{date.minute:02d}" if date.hour is not None else None
    return Single(date._precision(), date.year, date.month or 1, date.day or 1, clock)


def ours(text: str, published: dt.date, tense: str | None) -> Value:
    try:
        when = parse_when(text, PartialDate(published.year, published.month, published.day), tense)
    except DateError:
        return None
    if isinstance(when, Period):
        return ("period", from_partial(when.start), from_partial(when.end))
    if isinstance(when, Bounds):
        earliest = from_partial(when.earliest) if when.earliest else single("0001-01-01")
        return ("bounds", earliest, from_partial(when.latest))
    return from_partial(when)


def settings(published: dt.date, tense: str | None) -> dict:
    return {"RELATIVE_BASE": dt.datetime(published.year, published.month, published.day, 12),
            "PREFER_DATES_FROM": PREFER[tense]}


def from_datetime(moment: dt.datetime, precision: int) -> Single:
    return Single(precision, moment.year, moment.month if precision else 1, moment.day if precision == 2 else 1,
                  moment.strftime("%H:%M"))


@cache
def date_data_parser(published: dt.date, tense: str | None) -> DateDataParser:
    return DateDataParser(languages=["id"], settings=settings(published, tense))


def dateparser_periods(text: str, published: dt.date, tense: str | None) -> Value:
    data = date_data_parser(published, tense).get_date_data(text)
    if data.date_obj is None:
        return None
    return from_datetime(data.date_obj, {"year": 0, "month": 1}.get(data.period, 2))


def dateparser_parse(text: str, published: dt.date, tense: str | None) -> Value:
    moment = parse(text, languages=["id"], settings=settings(published, tense))
    return None if moment is None else from_datetime(moment, 2)


def score(expected: Value | str, got: Value) -> str:
    if expected == "!":
        return "right" if got is None else "wrong"
    if got is None:
        return "refused"
    if isinstance(expected, Single):
        if isinstance(got, Single) and expected.same(got):
            return "right"
        inside = isinstance(got, Single) and expected.first() <= got.first() and got.last() <= expected.last()
        return "invented precision" if inside and got.precision > expected.precision else "wrong"
    kind, first, last = expected
    if isinstance(got, tuple) and got[0] == kind and first.same(got[1]) and last.same(got[2]):
        return "right"
    inside = isinstance(got, Single) and got.precision == 2 and first.first() <= got.first() <= last.last()
    return "invented precision" if kind == "bounds" and inside else "wrong"


Reader = Callable[[str, dt.date, str | None], Value]
READERS: dict[str, Reader] = {
    "kg.dates": ours,
    "dateparser, with its period": dateparser_periods,
    "dateparser.parse": dateparser_parse,
}
OUTCOMES = ("right", "wrong", "refused", "invented precision")


def run(reader: Reader, verbose: bool, name: str) -> tuple[Counter[str], float]:
    """The outcomes, and the time per expression of a second pass (the first loads what the reader needs)."""
    counts: Counter[str] = Counter()
    for text, published, tense, expected in CASES:
        outcome = score(expected_value(expected), reader(text, dt.date.fromisoformat(published), tense))
        counts[outcome] += 1
        if verbose and outcome != "right":
            print(f"  {name}: {text!r} ({tense or 'no tense'}, published {published}): {outcome}, "
                  f"expected {expected}", file=sys.stderr)
    started = time.perf_counter()
    for text, published, tense, _ in CASES:
        reader(text, dt.date.fromisoformat(published), tense)
    return counts, (time.perf_counter() - started) / len(CASES) * 1000


def main(verbose: bool) -> None:
    warnings.filterwarnings("ignore")
    results = {name: run(reader, verbose, name) for name, reader in READERS.items()}
    names = list(READERS)
    baseline = names[1]
    print(f"{len(CASES)} date expressions in the style of Indonesian regional news\n")
    print(f"| outcome | {' | '.join(names)} | ratio ({names[0]} / {baseline}) |")
    print("|---|" + "---:|" * (len(names) + 1))
    for outcome in OUTCOMES:
        ours_count, base = results[names[0]][0][outcome], results[baseline][0][outcome]
        ratio = f"{ours_count / base:.2f}" if base else "-"
        print(f"| {outcome} | {' | '.join(str(results[n][0][outcome]) for n in names)} | {ratio} |")
    times = [results[n][1] for n in names]
    print(f"| ms per expression | {' | '.join(f'{t:.2f}' for t in times)} | {times[0] / times[1]:.2f} |")


if __name__ == "__main__":
    main("-v" in sys.argv[1:])
