"""The digest of every file a build reads: it tells whether the built dataset is still that of its sources.

Each file's own digest is kept in out/.cache/source-stats.json with the file's size, mtime, ctime and inode, as
git's index keeps them: a file whose stat is the one recorded is not read again. A file changed less than
SETTLED_NS before the digest was taken is not recorded, since an edit within the file system's clock tick
could leave its stat as it was. The cache only saves reading: without it, or with a damaged one, the digest
is the same.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from kg.cache import read_entry, write_entry

SOURCES_STAMP = ".sources.sha256"
STAT_CACHE = Path(".cache") / "source-stats.json"
SETTLED_NS = 2_000_000_000

Stat = tuple[int, int, int, int]
Known = dict[str, tuple[Stat, str]]


def source_files(seeds: Path, ontology_dir: Path) -> list[tuple[str, os.DirEntry]]:
    """Every file a build reads, named relative to its folder: ontology, reference data, annotations, texts.

    Names or folders starting with a dot are left out; symbolic links to folders are not followed."""
    found: list[tuple[str, os.DirEntry]] = []
    for label, folder in (("ontology", ontology_dir), ("seeds", seeds)):
        if folder.is_dir():
            found.extend(_walk(os.path.abspath(folder), label))
    return sorted(found, key=lambda named: named[0])


def _walk(folder: str, prefix: str) -> list[tuple[str, os.DirEntry]]:
    try:
        with os.scandir(folder) as listing:
            entries = [entry for entry in listing if not entry.name.startswith(".")]
    except PermissionError:
        return []
    found = []
    for entry in entries:
        name = f"{prefix}/{entry.name}"
        if entry.is_dir(follow_symlinks=False):
            found.extend(_walk(entry.path, name))
        elif entry.is_file():
            found.append((name, entry))
    return found


def sources_digest(seeds: Path, ontology_dir: Path, out: Path | None = None) -> str:
    """One digest of the names and contents of every source file: it changes when any is edited, added or removed.

    With `out`, files whose stat out/.cache/source-stats.json records are taken at the digest it records."""
    started = time.time_ns()
    known = read_known(out / STAT_CACHE) if out is not None else {}
    digest = hashlib.sha256()
    current: Known = {}
    for name, entry in source_files(seeds, ontology_dir):
        stat = entry.stat()
        key = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
        held = known.get(entry.path)
        content = held[1] if held is not None and held[0] == key else file_digest(entry.path)
        current[entry.path] = (key, content)
        digest.update(f"{name}\0{content}\n".encode())
    settled = {path: held for path, held in current.items() if max(held[0][1:3]) < started - SETTLED_NS}
    if out is not None and settled != known:
        write_entry(out / STAT_CACHE, json.dumps({p: [*stat, sha] for p, (stat, sha) in settled.items()}).encode())
    return digest.hexdigest()


def file_digest(path: str) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_known(cache: Path) -> Known:
    """The stat and digest of each file the cache records; nothing when it is missing or not what we write."""
    payload = read_entry(cache)
    try:
        recorded = json.loads(payload) if payload is not None else {}
        return {path: ((size, mtime, ctime, inode), sha) for path, (size, mtime, ctime, inode, sha) in recorded.items()}
    except (ValueError, TypeError, AttributeError):
        return {}
