"""Answers of saved queries, kept until the persistent store changes: asking the same again reads the answer.

An answer is kept under out/.cache/answers/STATE/, where STATE is the digest of the store's manifest (which
names the digest of every graph the store holds, and the kg.trig it equals), by a digest of the query text as
run (its parameters bound), the format, the code of kg and the versions of Oxigraph and rdflib. Only the
answers of the store as it is are kept: the first answer after a build clears the others. An answer is kept
only when the store still holds the same graphs after it was computed, so one computed while a build changed
the store is never kept; nor is the answer of a query that asks another endpoint or makes new values.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import rdflib

from kg.cache import read_entry, write_entry
from kg.compile import build_version
from kg.errors import KgError
from kg.store import held_state, manifest_digest

ANSWERS = Path(".cache") / "answers"
UNREPEATABLE = re.compile(r"(?<![?$\w])SERVICE\b|\b(NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)


class Answers:
    """The kept answers of the store next to `trig`; none are read or kept when it holds no store."""

    def __init__(self, trig: Path) -> None:
        self.folder = trig.parent / ANSWERS
        self.trig = trig
        self.state = held_state(trig)
        self.version = f"{build_version()}\0{ox.__version__}\0{rdflib.__version__}"

    def key(self, text: str, fmt: str) -> str:
        return hashlib.sha256(f"{self.version}\0{fmt}\0{text}".encode()).hexdigest()

    def get(self, text: str, fmt: str) -> str | None:
        if self.state is None or not repeatable(text):
            return None
        payload = read_entry(self.folder / self.state / self.key(text, fmt))
        return payload.decode() if payload is not None else None

    def held(self) -> bool:
        """Whether the store still holds what it held when this object found it."""
        return self.state is not None and manifest_digest(self.trig.parent) == self.state

    def keep(self, text: str, fmt: str, answer: str) -> None:
        """Keep an answer computed on the store as this object found it, when the store still holds that."""
        if not repeatable(text) or not self.held():
            return
        with contextlib.suppress(OSError):
            for other in self.folder.iterdir() if self.folder.is_dir() else ():
                if other.name != self.state:
                    shutil.rmtree(other, ignore_errors=True)
        with contextlib.suppress(KgError):
            write_entry(self.folder / self.state / self.key(text, fmt), answer.encode())


def repeatable(text: str) -> bool:
    """Whether a query's answer depends only on the store: none that asks another endpoint (SERVICE) or makes
    new values (NOW, RAND, UUID, STRUUID, BNODE) is kept. The text is searched as it is, comments and strings
    included: a word met there only means the answer is computed again."""
    return UNREPEATABLE.search(text) is None
