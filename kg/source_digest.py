"""The digest of every file a build reads: it tells whether the built dataset is still that of its sources.

Each file's own digest is remembered by its stat in out/.cache/source-stats.json (kg/stat_cache.py), so only
files whose stat changed are read again; the digest is the same with or without that record.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from kg.stat_cache import FileDigests

SOURCES_STAMP = ".sources.sha256"
STAT_CACHE = Path(".cache") / "source-stats.json"
CHANGED_WHILE_READ = "unknown (a source changed while the build read it)"


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
    return source_digests(seeds, ontology_dir, out)[0]


def source_digests(seeds: Path, ontology_dir: Path, out: Path | None = None) -> tuple[str, FileDigests]:
    """The digest of every source file (`sources_digest`), and each file's own, for the caches' keys."""
    digests = FileDigests(out / STAT_CACHE if out is not None else None)
    digest = hashlib.sha256()
    for name, entry in source_files(seeds, ontology_dir):
        digest.update(f"{name}\0{digests.digest(entry.path, entry.stat())}\n".encode())
    digests.save()
    return digest.hexdigest(), digests


def digest_as_read(digest: str, digests: FileDigests) -> str:
    """What outputs built from the sources are stamped with: their digest `digest`, unless a file the build
    read changed after its digest was taken (then no sources have the stamp, and the next build builds again)."""
    return CHANGED_WHILE_READ if digests.changed else digest
