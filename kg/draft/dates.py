"""Dates as Indonesian news writes them, found in a sentence and read with kg.dates."""

from __future__ import annotations

import re

from kg.dates import DateError, PartialDate, When, parse_when
from kg.draft.text import DAYS, MONTHS

DAY = "(?:" + "|".join(DAYS) + ")"
MONTH = "(?:" + "|".join(MONTHS) + r"|Jan|Feb|Mar|Apr|Jun|Jul|Agt|Agu|Ags|Sep|Okt|Nov|Nop|Des)"
PART = r"(?:\s(?:dini hari|pagi|siang|sore|malam))?"
UNTIL = r"(?:hingga|sampai dengan|sampai|s\.d\.?|s/d|-|\u2013)"
FORMS = [
    rf"{DAY}-{DAY},? \d{{1,2}}-\d{{1,2}} {MONTH} \d{{4}}",
    rf"{DAY}-{DAY} \(\d{{1,2}}-\d{{1,2}}/\d{{1,2}}\)",
    rf"\d{{1,2}}(?: {MONTH}(?: \d{{4}})?)? {UNTIL} \d{{1,2}} {MONTH}(?: \d{{4}})?",
    rf"\d{{1,2}}-\d{{1,2}} {MONTH}(?: \d{{4}})?",
    r"\(\d{1,2}/\d{1,2}\) hingga \(\d{1,2}/\d{1,2}\)",
    rf"{DAY}{PART},? \(\d{{1,2}}/\d{{1,2}}(?:/\d{{4}})?\){PART}",
    rf"{DAY},? (?:tanggal )?\d{{1,2}} {MONTH} \d{{4}}",
    rf"(?:tanggal )?\d{{1,2}} {MONTH} \d{{4}}",
    rf"(?:awal|pertengahan|akhir|medio) (?:bulan )?{MONTH} \d{{4}}",
    rf"(?:bulan )?{MONTH} \d{{4}}",
    r"[Tt]ahun \d{4}",
]
DATE_RE = re.compile(r"(?<![\w/])(?:" + "|".join(FORMS) + r")(?![\w/])")


def dates_in(text: str, start: int, end: int, published: PartialDate | None, tense: str | None
             ) -> list[tuple[int, int, str, When]]:
    """The dates written between `start` and `end` that kg.dates reads, each with its span and reading."""
    found = []
    for match in DATE_RE.finditer(text, start, end):
        written = " ".join(match.group().split())
        try:
            found.append((match.start(), match.end(), written, parse_when(written, published, tense)))
        except DateError:
            continue
    return found
