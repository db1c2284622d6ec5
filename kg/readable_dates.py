"""ISO dates as a person reads them: "30 Oktober 2025", "Oktober 2019", "2020" (or in English).

A value keeps the precision it has: a year stays a year, a month a month. A date
and time gives its day (the page shows when, not the minute it was filed).
Anything that is not an ISO date is returned as it is.
"""

from __future__ import annotations

import re
from typing import Literal

from kg.dates import MONTH_NAMES

Language = Literal["id", "en"]
LANGUAGES: tuple[Language, ...] = ("id", "en")
ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
ISO = re.compile(r"(?P<year>-?\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?(?:T[0-9:.]+(?:Z|[+-]\d{2}:\d{2})?)?")


def readable(value: str, lang: Language = "id") -> str:
    """'2025-10-30' as '30 Oktober 2025' ('30 October 2025' in English), '2019-10' as 'Oktober 2019'."""
    match = ISO.fullmatch(value.strip())
    if not match or (match["month"] and not 1 <= int(match["month"]) <= 12):
        return value
    year = str(int(match["year"]))
    if not match["month"]:
        return year
    month = (MONTH_NAMES if lang == "id" else ENGLISH_MONTHS)[int(match["month"]) - 1]
    return f"{int(match['day'])} {month} {year}" if match["day"] else f"{month} {year}"
