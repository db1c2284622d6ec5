"""Writing outputs so that nothing is ever half-written, and nothing a killed writer left behind stays.

Temporary names carry the writer's process id (`.NAME.PID.RANDOM.tmp`), so the
next writer removes what a killed process left, never what a running one is
writing.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from pathlib import Path

from kg.errors import KgError

LEFTOVER = re.compile(r"\..+\.(?P<pid>\d+)\.[0-9a-f]+\.tmp")


def write_files(files: dict[Path, str | bytes], *, durable: bool = True, tidy: bool = True) -> None:
    """Write every file under a temporary name first, then rename them all into place; `durable`: flushed to
    the disk first; `tidy`: removing what killed writers left in the folder first."""
    temporary: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()
    path = Path()
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if tidy:
                remove_leftovers(path.parent)
            name = temporary_name(path)
            temporary.append((name, path))
            write_new(name, content, mode, durable)
        for name, path in temporary:
            name.replace(path)
    except OSError as exc:
        raise KgError(f"cannot write here ({exc.strerror}); choose a folder you can write to", path) from None
    finally:
        for name, _ in temporary:
            name.unlink(missing_ok=True)


def temporary_name(path: Path) -> Path:
    """A name beside `path` that no other writer uses, tagged with this process's id."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def write_new(path: Path, content: str | bytes, mode: int = 0o644, durable: bool = True) -> None:
    """Write a new file, flushed to the disk when `durable`, before it is renamed anywhere."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(data)
        if durable:
            handle.flush()
            os.fsync(handle.fileno())


def remove_leftovers(folder: Path) -> None:
    """Delete the temporary files of writers that are no longer running."""
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            match = LEFTOVER.fullmatch(entry.name)
            if match and entry.is_file(follow_symlinks=False) and not alive(int(match["pid"])):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


def alive(pid: int) -> bool:
    """Whether a process with this id is running (ours always is)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
