"""The article's own metadata: publication date, place line and outlet, title, author and editor lines."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.dates import DateError, PartialDate, check_not_future, parse_date
from kg.draft.dates import DAY, MONTH
from kg.draft.text import TOKEN

STAMP = re.compile(
    rf"(?:{DAY},?\s)?(?:\d{{1,2}} {MONTH} \d{{4}}|\d{{1,2}}[-/]\d{{1,2}}[-/]\d{{4}})"
    rf"(?:\s?[|,-]?\s?(?:pukul\s)?\d{{1,2}}[:.]\d{{2}}(?:\s?(?:WIB|WITA|WIT))?)?|{DAY}\s\|\s\d{{2}}-\d{{2}}-\d{{4}}"
    r"\s\|\s\d{1,2}[:.]\d{2}\s(?:WIB|WITA|WIT)")
DASH = r"[-\u2013\u2014]"
PLACE_LINE = re.compile(r"^(?P<place>[A-Z][A-Z]+(?: [A-Z]+)*)"
                        rf"(?:,\s?(?P<outlet>[A-Za-z][\w.]*\.(?i:com|id|co\.id|net)))?\s?{DASH}\s?", re.MULTILINE)
OUTLET = r"[A-Z][A-Z-]*\.(?:COM|CO\.ID|CO|ID|NET)"
OUTLET_FIRST = re.compile(rf"^(?P<outlet>{OUTLET}),\s?(?P<place>[A-Z][A-Z ]+?)\s?{DASH}\s",
                          re.MULTILINE)
OUTLET_AFTER = re.compile(rf"^(?P<place>[A-Z][A-Za-z]+(?: [A-Z][a-z]+)?) \((?P<outlet>[A-Z][A-Za-z]+)\) {DASH}\s",
                          re.MULTILINE)
PERSON = rf"(?P<name>{TOKEN.pattern}(?: {TOKEN.pattern}){{0,4}})"
AUTHOR_LINES = [
    re.compile(rf"(?:Pewarta|Penulis|Reporter|Wartawan|Laporan)\s?:\s?{PERSON}"),
    re.compile(rf"\((?:[\w.-]+\.(?:com|id|net))/{PERSON}\)"),
]
EDITOR_LINES = [re.compile(rf"(?:Editor|Penyunting|Redaktur)\s?:\s?{PERSON}")]
COPYRIGHT = re.compile(r"(?:COPYRIGHT|Copyright|Hak cipta)\s?©\s?(?P<name>[A-Z][\w.]*(?: [A-Z][\w.]*){0,5}?)"
                       r"(?: \d{4})?\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Found:
    """A piece of metadata, the words that give it and where."""

    value: str
    start: int
    end: int


def publication_stamp(text: str) -> tuple[Found, PartialDate] | None:
    """The publication date from the first lines: the stamp with a clock time, else the first one."""
    head = text[:800]
    stamps = []
    for match in STAMP.finditer(head):
        line = head[head.rfind("\n", 0, match.start()) + 1:].split("\n", 1)[0]
        if len(line) > 70 or match.start() - head.rfind("\n", 0, match.start()) > 30:
            continue
        written = " ".join(match.group().split())
        try:
            date = parse_date(written)
            check_not_future(date, written)
        except DateError:
            continue
        stamps.append((Found(written, match.start(), match.end()), date))
    timed = [s for s in stamps if re.search(r"\d[:.]\d\d", s[0].value)]
    return (timed or stamps or [None])[0]


def place_line(text: str) -> tuple[Found, Found | None] | None:
    """The place line of the lead ("MEDAN, KOMPAS.com -", "TRIBUNKALTIM.CO, BALIKPAPAN -", "Pontianak (ANTARA) -"):
    the place and the outlet, if it names one."""
    for pattern in (OUTLET_FIRST, OUTLET_AFTER):
        match = pattern.search(text)
        if match:
            return (Found(match.group("place"), match.start("place"), match.end("place")),
                    Found(match.group("outlet"), match.start("outlet"), match.end("outlet")))
    for match in PLACE_LINE.finditer(text):
        if len(match.group("place")) >= 3:
            outlet = Found(match.group("outlet"), match.start("outlet"), match.end("outlet")) \
                if match.group("outlet") else None
            return Found(match.group("place"), match.start("place"), match.end("place")), outlet
    return None


def people_lines(text: str, patterns: list[re.Pattern[str]]) -> list[Found]:
    found = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            found.append(Found(match.group("name"), match.start(), match.end()))
    return found


def authors(text: str) -> list[Found]:
    return people_lines(text, AUTHOR_LINES)


def editors(text: str) -> list[Found]:
    return people_lines(text, EDITOR_LINES)


def publisher(text: str) -> Found | None:
    match = COPYRIGHT.search(text)
    return Found(match.group("name"), match.start(), match.end()) if match else None


def title(text: str) -> Found | None:
    """The first line, when it reads as a headline (not a date, no full stop, a few words)."""
    match = re.match(r"\s*([^\n]+)", text)
    if match is None:
        return None
    line = match.group(1).strip()
    if STAMP.search(line) or line.endswith(".") or not 3 <= len(line.split()) <= 25:
        return None
    return Found(line, match.start(1), match.start(1) + len(line))
