"""What a build reads from files that did not change, taken from out/.cache instead of being worked out again.

An annotation file's scan (its YAML tree and the identifiers it declares) is kept under out/.cache/scans/ by
the digest of the file's bytes, and the Turtle blocks of the ontology, the reference data and the registry
under out/.cache/blocks/ by the digest of the files they come from. Each key also covers the build's own
code, the ontology and the working folder (messages name files relative to it), so an entry is reused only
where working it out again would give the same result.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.annotations import Scan, scan_annotation
from kg.cache import keep_only, read_entry, read_pickled, write_entry
from kg.compile import build_version
from kg.ontology import Ontology
from kg.parallel import forked_map, shared
from kg.pickling import dumps
from kg.stat_cache import FileDigests
from kg.yamlfile import MAX_BYTES

SCANS = Path(".cache") / "scans"
BLOCKS = Path(".cache") / "blocks"
PARALLEL_FROM = 64  # files to scan from which forked workers share the work


def files_key(paths: Iterable[Path], digests: FileDigests, *context: str) -> str:
    """A digest of the build's code, the working folder, `context` and the names and digests of `paths`."""
    return content_key(((path, digests.content(path) if path.is_file() else "absent") for path in paths), *context)


def content_key(named: Iterable[tuple[Path, str]], *context: str) -> str:
    """A digest of the build's code, the working folder, `context` and files' names and digests."""
    digest = hashlib.sha256("\0".join((build_version(), os.getcwd(), *context)).encode())
    for path, sha in sorted(named):
        digest.update(f"\0{path}\0{sha}".encode())
    return digest.hexdigest()


def folder_files(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()] if folder.is_dir() else []


def scan_all(paths: list[Path], ontology: Ontology, out: Path | None, digests: FileDigests) -> list[Scan]:
    """The scans of the annotation files, from the cache where a file's bytes were scanned before, else scanned
    (in parallel when there are many) and cached when the file did not change since its digest was taken; the
    cache then keeps these files' entries only. `digests` has the files' digests, where this build took them."""
    entries = [scan_entry(path, ontology, out, digests) for path in paths]
    found = [read_pickled(entry, Scan) if entry is not None else None for entry in entries]
    missing = [i for i, scan in enumerate(found) if scan is None]
    scanned = forked_map(_scan_in_worker, [[paths[i] for i in missing]], "reading", PARALLEL_FROM, chunksize=32,
                         sharing=ontology)
    for i, payload in zip(missing, scanned, strict=True):
        found[i] = pickle.loads(payload)
        entry = entries[i]
        if entry is not None and digests.unchanged(paths[i]):
            write_entry(entry, payload)
    if out is not None:
        keep_only(out / SCANS, {entry.name for entry in entries if entry is not None})
    return [scan for scan in found if scan is not None]


def _scan_in_worker(path: Path) -> bytes:
    return dumps(scan_annotation(path, shared()))


def scan_entry(path: Path, ontology: Ontology, out: Path | None, digests: FileDigests) -> Path | None:
    """Where the scan of one annotation file is cached; None when it is not (no cache, not a file, too large)."""
    try:
        info = path.stat()
        if out is None or not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            return None
        return out / SCANS / f"{files_key([path], digests, ontology.digest)}.pickle"
    except OSError:
        return None


def block_cached(out: Path | None, key: str | None, write: Callable[[], str]) -> str:
    """The Turtle block `write` gives, from the cache when `key` was written before."""
    if out is None or key is None:
        return write()
    entry = out / BLOCKS / f"{key}.ttl"
    payload = read_entry(entry)
    if payload is not None:
        return payload.decode("utf-8")
    block = write()
    write_entry(entry, block.encode("utf-8"))
    return block
