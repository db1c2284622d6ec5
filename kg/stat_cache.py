"""Files' SHA-256 digests remembered by stat, as git's index remembers them: a file whose size, mtime, ctime and
inode are the recorded ones is not read again.

A file changed less than SETTLED_NS before the digests were taken is not recorded, since an edit within the file
system's clock tick could leave its stat as it was. The record only saves reading: without it, with a damaged
one, or where it cannot be written, every digest is the same.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from pathlib import Path

from kg.cache import read_entry, write_entry
from kg.errors import KgError

SETTLED_NS = 2_000_000_000

Stat = tuple[int, int, int, int]
Known = dict[str, tuple[Stat, str]]


class FileDigests:
    """The digests of the files asked for, taken from the record at `cache` where their stat is unchanged."""

    def __init__(self, cache: Path | None) -> None:
        self.cache = cache
        self.started = time.time_ns()
        self.known = read_known(cache) if cache is not None else {}
        self.current: Known = {}
        self.changed: set[str] = set()

    def digest(self, path: str | Path, stat: os.stat_result | None = None) -> str:
        """The digest of one file; `stat`, when given, is its stat taken before now."""
        name = os.path.abspath(path)
        key = stat_key(stat if stat is not None else os.stat(name))
        held = self.known.get(name)
        content = held[1] if held is not None and held[0] == key else file_digest(name)
        self.current[name] = (key, content)
        return content

    def content(self, path: str | Path) -> str:
        """The digest of one file as this run took it, else read now."""
        name = os.path.abspath(path)
        held = self.current.get(name)
        return held[1] if held is not None else file_digest(name)

    def unchanged(self, path: str | Path) -> bool:
        """Whether a file still has the stat this run took its digest with (or this run took none); those that
        do not are noted in `changed`."""
        name = os.path.abspath(path)
        held = self.current.get(name)
        try:
            same = held is None or stat_key(os.stat(name)) == held[0]
        except OSError:
            same = False
        if not same:
            self.changed.add(name)
        return same

    def save(self) -> None:
        """Record the digests taken of files that had settled (or were recorded as they are), when that changes
        the record."""
        settled = {name: held for name, held in self.current.items()
                   if max(held[0][1:3]) < self.started - SETTLED_NS or self.known.get(name) == held}
        if self.cache is None or settled == self.known:
            return
        with contextlib.suppress(KgError):
            write_entry(self.cache, json.dumps({n: [*stat, sha] for n, (stat, sha) in settled.items()}).encode())


def remember_written(cache: Path, digests: dict[Path, str]) -> None:
    """Record the digests of files this process has just written whole, under names of its own, with the
    stat they have now (they are not left to settle: nothing else has had them open). Other records stand."""
    known = read_known(cache)
    with contextlib.suppress(OSError):
        for path, sha in digests.items():
            known[os.path.abspath(path)] = (stat_key(os.stat(path)), sha)
    with contextlib.suppress(KgError):
        write_entry(cache, json.dumps({n: [*stat, sha] for n, (stat, sha) in known.items()}).encode())


def stat_key(stat: os.stat_result) -> Stat:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_known(cache: Path) -> Known:
    """The stat and digest of each file the record holds; nothing when it is missing or not what we write."""
    payload = read_entry(cache)
    try:
        recorded = json.loads(payload) if payload is not None else {}
        return {path: ((size, mtime, ctime, inode), sha) for path, (size, mtime, ctime, inode, sha) in recorded.items()}
    except (ValueError, TypeError, AttributeError):
        return {}
