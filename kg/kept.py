"""What is worked out from the persistent store alone, kept until the store changes: asking again reads it.

Each kind (the answers of saved queries, the pages) has its folder under out/.cache/, and in it one folder,
STATE, the digest of the store's manifest (which names the digest of every graph the store holds, and the
kg.trig it equals); an entry there is named by a digest of what was asked, the code of kg and the versions of
the libraries that worked it out. Only the entries of the store as it is are kept (the first one kept after a
build clears the others), and of those the KEEP_AT_MOST written last. An entry is kept only when the store
still holds the same graphs, and kg.trig is still the file they were read from, after it was worked out: one
worked out while a build changed them is never kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
from pathlib import Path

from kg.cache import read_entry, write_entry
from kg.compile import build_version
from kg.errors import KgError
from kg.files import LEFTOVER
from kg.store import MANIFEST, held_state, identity

KEEP_AT_MOST = 64


class Kept:
    """The kept entries of one kind for the store next to `trig`; none are read or kept when it holds no store.
    `versions` are those of the libraries the entries depend on."""

    def __init__(self, trig: Path, folder: Path, *versions: str) -> None:
        self.folder = trig.parent / folder
        self.trig = trig
        self.state = held_state(trig)
        self.identity = identity(trig) if self.state is not None else None
        self.version = "\0".join((build_version(), *versions))

    def key(self, asked: tuple[str, ...]) -> str:
        return hashlib.sha256("\0".join((self.version, *asked)).encode()).hexdigest()

    def get(self, *asked: str) -> str | None:
        if self.state is None:
            return None
        payload = read_entry(self.folder / self.state / self.key(asked))
        return payload.decode() if payload is not None else None

    def held(self) -> bool:
        """Whether the store still holds what it held when this object found it, and kg.trig is the same file
        (the manifest's bytes and the file's identity compared, without parsing the manifest again)."""
        try:
            same = hashlib.sha256((self.trig.parent / MANIFEST).read_bytes()).hexdigest() == self.state
            return self.state is not None and same and identity(self.trig) == self.identity
        except OSError:
            return False

    def keep(self, value: str, *asked: str) -> None:
        """Keep what was worked out on the store as this object found it, when the store still holds that."""
        if not self.held():
            return
        with contextlib.suppress(OSError):
            for other in self.folder.iterdir() if self.folder.is_dir() else ():
                if other.name != self.state:
                    shutil.rmtree(other, ignore_errors=True)
        with contextlib.suppress(KgError):
            write_entry(self.folder / self.state / self.key(asked), value.encode())
        with contextlib.suppress(OSError):
            keep_newest(self.folder / self.state, KEEP_AT_MOST)


def keep_newest(folder: Path, count: int) -> None:
    """Remove all but the `count` entries of `folder` written last (writers' temporary files are left)."""
    entries = [(entry.stat().st_mtime_ns, entry.name) for entry in os.scandir(folder)
               if entry.is_file() and not LEFTOVER.fullmatch(entry.name)]
    for _, name in sorted(entries)[:-count]:
        (folder / name).unlink(missing_ok=True)
