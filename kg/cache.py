"""Cache entries that carry their own checksum: a damaged entry is recomputed, never trusted or fatal.

An entry is one line `sha256 HEX` followed by the payload; an entry that is
missing, truncated, emptied or altered reads as absent. So entries are not
flushed to the disk one by one, and each folder is cleared of what killed
writers left once per process, not before every entry (a cold build writes
thousands).
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import TypeVar

from kg.files import LEFTOVER, write_files
from kg.pickling import dumps

HEADER = b"sha256 "
T = TypeVar("T")


def read_entry(path: Path) -> bytes | None:
    """The payload of a cache entry, or None when it is absent or does not match its checksum."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    header, newline, payload = data.partition(b"\n")
    if not newline or header != HEADER + hashlib.sha256(payload).hexdigest().encode("ascii"):
        return None
    return payload


def read_pickled(path: Path, kind: type[T]) -> T | None:
    """The `kind` object a cache entry holds pickled, or None when the entry is absent, damaged, unreadable here
    or holds something else."""
    payload = read_entry(path)
    if payload is None:
        return None
    try:
        found = pickle.loads(payload)
    except Exception:  # an entry from another Python, rdflib or pyoxigraph reads as absent
        return None
    return found if isinstance(found, kind) else None


_TIDIED: set[Path] = set()


def write_entry(path: Path, payload: bytes) -> None:
    entry = HEADER + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    write_files({path: entry}, durable=False, tidy=path.parent not in _TIDIED)
    _TIDIED.add(path.parent)


def write_pickled(path: Path, obj: object) -> None:
    """`obj` pickled as a cache entry, read back with `read_pickled`."""
    write_entry(path, dumps(obj))


def keep_only(folder: Path, names: set[str]) -> None:
    """Remove the files of `folder` not named in `names`: the entries of inputs that are gone, changed, or read
    by an older build's code. Writers' temporary files are left to `remove_leftovers`."""
    for path in folder.iterdir() if folder.is_dir() else ():
        if path.name not in names and not LEFTOVER.fullmatch(path.name) and path.is_file():
            path.unlink(missing_ok=True)
