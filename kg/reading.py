"""Reading a source file safely: a regular file, inside the folder it must be in, no bigger than a limit.

A FIFO would hang the build, /dev/zero would fill the memory, and a path or a
symlink that leads out of the seeds folder would put any file of the machine
into the graph; each is refused before a byte is read.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from kg.characters import TEXT_FORBIDDEN, first_forbidden, strip_bom
from kg.errors import display_path

MEGABYTE = 1024 * 1024


class Refused(ValueError):
    """A file that must not be read, or that is not clean UTF-8 text: why (without the file's name), and the line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def inside(path: Path, root: Path) -> Path:
    """`path` with every symlink resolved, which must lie inside `root` (resolved too)."""
    resolved = path.resolve()
    folder = root.resolve()
    if not resolved.is_relative_to(folder):
        raise Refused(f"outside {display_path(root)} (it leads to {resolved}); keep article texts inside "
                      f"{display_path(root)}")
    return resolved


def read_limited(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes; anything else raises Refused (or OSError)."""
    descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise Refused("not a regular file (a FIFO, a device or a folder cannot be read)")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise Refused(f"larger than the limit of {limit / MEGABYTE:g} MB")
    return data


def decode(data: bytes) -> str:
    """UTF-8 text without a leading byte-order mark; an invalid byte is refused with its line."""
    try:
        return strip_bom(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise Refused(f"not UTF-8 text ({exc.reason}, byte 0x{data[exc.start]:02x}); save it as UTF-8",
                      line) from None


def read_text(path: Path, limit: int, root: Path | None = None, forbidden: re.Pattern[str] = TEXT_FORBIDDEN) -> str:
    """A UTF-8 text file, read as `read_limited` does, inside `root` when given, with no `forbidden` character."""
    if root is not None:
        path = inside(path, root)
    text = decode(read_limited(path, limit))
    found = first_forbidden(text, forbidden)
    if found is not None:
        line, character = found
        raise Refused(f"the character {character} is not allowed in a source file; remove it", line)
    return text
