"""Finding an annotator's quote in the article text.

Offsets count Unicode code points from the start of the text, as the W3C Web
Annotation TextPositionSelector does: `text[start:end] == exact`. Whitespace in
a quote matches any run of whitespace in the text (articles carry non-breaking
spaces and line breaks an annotator cannot see); `exact` keeps the article's
own characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

CONTEXT = 32


class QuoteError(ValueError):
    """A quote that is not in the text, or is in it more than once without saying which."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str
    prefix: str
    suffix: str


def locate(text: str, quote: str, occurrence: int | None = None) -> Span:
    """The span of `quote` in `text`; `occurrence` (1-based) picks one of several."""
    if not quote.split():
        raise QuoteError("the quote is empty; copy the words of the article that state the fact")
    matches = _find_all(text, quote)
    starts = [start for start, _ in matches]
    if not starts:
        raise QuoteError(f"quote not found in the article: \"{_short(quote)}\"; copy it exactly from the text")
    if occurrence is None:
        if len(starts) > 1:
            raise QuoteError(
                f"quote occurs {len(starts)} times in the article (at characters "
                f"{', '.join(map(str, starts))}): \"{_short(quote)}\"; quote more words or add 'occurrence: N'"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise QuoteError(f"occurrence {occurrence} asked for, but the quote occurs {len(starts)} time(s)")
    start, end = matches[occurrence - 1]
    return Span(start, end, text[start:end], text[max(0, start - CONTEXT):start], text[end:end + CONTEXT])


def starts(text: str, quote: str) -> list[int]:
    """Where each occurrence of `quote` starts, as `locate` counts them for `occurrence:`."""
    return [start for start, _ in _find_all(text, quote)] if quote.split() else []


def _find_all(text: str, quote: str) -> list[tuple[int, int]]:
    """The start and end in `text` of every occurrence of the quote's words, overlapping ones included, any
    run of whitespace between them matching any run of whitespace."""
    collapsed, where = _collapsed(text)
    words = " ".join(quote.split())
    found, at = [], collapsed.find(words)
    while at >= 0:
        found.append((where[at], where[at + len(words) - 1] + 1))
        at = collapsed.find(words, at + 1)
    return found


@lru_cache(maxsize=4)
def _collapsed(text: str) -> tuple[str, list[int]]:
    """`text` with each run of whitespace made one space, and where each of its characters is in `text`."""
    chars: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        where.append(index)
    return "".join(chars), where


def occurs(text: str, words: str) -> bool:
    """Whether `words` occur in `text` as whole words ("lan Ak" is not in "Maulan Aklil"), whitespace matched
    as in quotes."""
    if not words.split():
        return False
    return any(not _word_char(text, start - 1) and not _word_char(text, end) for start, end in _find_all(text, words))


def _word_char(text: str, index: int) -> bool:
    """Whether `text` has a letter, a digit or an underscore at `index` (what a regular expression's \\w is)."""
    return 0 <= index < len(text) and (text[index].isalnum() or text[index] == "_")


def _short(quote: str, limit: int = 60) -> str:
    return quote if len(quote) <= limit else quote[: limit - 3] + "..."
