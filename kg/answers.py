"""Answers of saved queries, kept until the persistent store changes (kg/kept.py): asking the same again reads
the answer. An answer is kept by the query text as run (its parameters bound) and the format, with the versions
of Oxigraph and rdflib; never the answer of a query that asks another endpoint or makes new values.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.kept import Kept

ANSWERS = Path(".cache") / "answers"
UNREPEATABLE = re.compile(r"(?<![?$\w])SERVICE\b|\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


class Answers(Kept):
    """The kept answers of the store next to `trig`."""

    def __init__(self, trig: Path) -> None:
        super().__init__(trig, ANSWERS, ox.__version__, rdflib.__version__)

    def answer(self, fmt: str, text: str) -> str | None:
        """The answer kept for the query `text` in `fmt`, if any."""
        return self.get(fmt, text) if repeatable(text) else None

    def keep_answer(self, answer: str, fmt: str, text: str) -> None:
        if repeatable(text):
            self.keep(answer, fmt, text)


def repeatable(text: str) -> bool:
    """Whether a query's answer depends only on the store: none that asks another endpoint (SERVICE) or makes
    new values (NOW, RAND, UUID, STRUUID, BNODE) is kept. The text is searched as it is, comments and strings
    included: a word met there only means the answer is computed again."""
    return UNREPEATABLE.search(text) is None
