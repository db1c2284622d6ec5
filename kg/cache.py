"""Cache entries that carry their own checksum: a damaged entry is recomputed, never trusted or fatal.

An entry is one line `sha256 HEX` followed by the payload; an entry that is
missing, truncated, emptied or altered reads as absent.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kg.files import write_files

HEADER = b"sha256 "


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


def write_entry(path: Path, payload: bytes) -> None:
    write_files({path: HEADER + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload})
