"""A build's outputs and their stamp, switched into place as one unit.

Each build writes its files into a folder of its own, `out/.builds/PID-RANDOM/`,
then repoints one symlink, `out/.current`, at it with a single rename;
`out/kg.trig`, `out/kg.ttl` and `out/.sources.sha256` are fixed symlinks through
`.current`. A kill at any moment leaves either the whole old build or the whole
new one in view. The stamp holds the digest of the sources and of every output,
so outputs that are not what their stamp says are never taken as fresh.
Folders of builds that were killed, and superseded builds, are removed by the
next build.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from dataclasses import dataclass
from pathlib import Path

from kg.errors import KgError
from kg.files import alive, remove_leftovers, temporary_name, write_new
from kg.stat_cache import FileDigests, remember_written

TRIG = "kg.trig"
TURTLE = "kg.ttl"

BUILDS = ".builds"
CURRENT = ".current"
SOURCES_KEY = "sources"
OUTPUT_STATS = Path(".cache") / "output-stats.json"


@dataclass(frozen=True)
class Stamp:
    """What a build was made from and what it wrote: the sources' digest, and each output's digest."""

    sources: str
    outputs: dict[str, str]

    def text(self) -> str:
        outputs = (f"{name} {value}" for name, value in sorted(self.outputs.items()))
        lines = [f"{SOURCES_KEY} {self.sources}", *outputs]
        return "\n".join(lines) + "\n"

    @classmethod
    def parse(cls, text: str) -> Stamp | None:
        """The stamp in `text`, or None when it is not one."""
        pairs = [line.split(" ", 1) for line in text.splitlines() if line]
        if not pairs or any(len(pair) != 2 for pair in pairs) or pairs[0][0] != SOURCES_KEY:
            return None
        return cls(pairs[0][1], dict(pairs[1:]))


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def publish(out: Path, files: dict[str, str | bytes], stamp_name: str, sources: str) -> None:
    """Write `files` (names inside `out`) and their stamp as a new build, and switch to it in one step."""
    data = {name: content.encode("utf-8") if isinstance(content, str) else content for name, content in files.items()}
    stamp = Stamp(sources, {name: digest(content) for name, content in data.items()})
    data[stamp_name] = stamp.text().encode("utf-8")
    try:
        builds = out / BUILDS
        builds.mkdir(parents=True, exist_ok=True)
        remove_stale_builds(out)
        _adopt_plain_files(out, list(data))
        folder = _new_build_folder(builds)
        for name, content in data.items():
            write_new(folder / name, content)
        _fsync_folder(folder)
        _point(out / CURRENT, f"{BUILDS}/{folder.name}")
        for name in data:
            link = out / name
            if not (link.is_symlink() and os.readlink(link) == f"{CURRENT}/{name}"):
                _point(link, f"{CURRENT}/{name}")
        remove_stale_builds(out)
        remember_written(out / OUTPUT_STATS, {out / name: stamp.outputs[name] for name in files})
    except OSError as exc:
        raise KgError(f"cannot write here ({exc.strerror}); choose a folder you can write to", out) from None


def _new_build_folder(builds: Path) -> Path:
    folder = builds / f"{os.getpid()}-{secrets.token_hex(4)}"
    folder.mkdir()
    return folder


def _adopt_plain_files(out: Path, names: list[str]) -> None:
    """Turn outputs written as plain files (by earlier versions) into a build of their own, one name at a time.

    Each step shows the same old content, so an interruption never mixes old and new.
    """
    plain = [name for name in names if (out / name).is_file() and not (out / name).is_symlink()]
    if not plain or (out / CURRENT).is_symlink():
        return
    folder = _new_build_folder(out / BUILDS)
    for name in plain:
        shutil.copyfile(out / name, folder / name)
    _fsync_folder(folder)
    _point(out / CURRENT, f"{BUILDS}/{folder.name}")
    for name in plain:
        _point(out / name, f"{CURRENT}/{name}")


def _point(link: Path, target: str) -> None:
    """Make `link` a symlink to `target` with one rename, replacing whatever was there."""
    remove_leftovers(link.parent)
    temporary = temporary_name(link)
    os.symlink(target, temporary)
    try:
        os.replace(temporary, link)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def remove_stale_builds(out: Path) -> None:
    """Delete every build folder but the current one and those of other processes still running.

    This process builds one thing at a time, so its own folders that are not current are superseded.
    """
    builds = out / BUILDS
    current = os.path.basename(os.readlink(out / CURRENT)) if (out / CURRENT).is_symlink() else None
    with contextlib.suppress(OSError):
        for entry in os.scandir(builds):
            pid = entry.name.split("-", 1)[0]
            running = pid.isdigit() and int(pid) != os.getpid() and alive(int(pid))
            if entry.name == current or running:
                continue
            shutil.rmtree(entry.path, ignore_errors=True)


def read_stamp(out: Path, stamp_name: str) -> Stamp | None:
    try:
        return Stamp.parse((out / stamp_name).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None


def outputs_match(out: Path, stamp: Stamp) -> bool:
    """Whether every output the stamp names is there with the digest it records (outputs whose stat
    out/.cache/output-stats.json records are not read again)."""
    digests = FileDigests(out / OUTPUT_STATS)
    try:
        return bool(stamp.outputs) and all(digests.digest(out / name) == expected
                                           for name, expected in stamp.outputs.items())
    except OSError:
        return False
    finally:
        digests.save()
