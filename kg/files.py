"""Writing outputs so that nothing is ever half-written."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kg.errors import KgError


def write_files(files: dict[Path, str | bytes]) -> None:
    """Write every file under a temporary name first, then rename them all into place."""
    temporary: list[tuple[Path, Path]] = []
    mode = 0o666 & ~_umask()
    path = Path()
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            data = content.encode("utf-8") if isinstance(content, str) else content
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False, prefix=f".{path.name}.",
                                             suffix=".tmp") as handle:
                temporary.append((Path(handle.name), path))
                handle.write(data)
        for name, path in temporary:
            name.chmod(mode)
            name.replace(path)
    except OSError as exc:
        raise KgError(f"cannot write here ({exc.strerror}); choose a folder you can write to", path) from None
    finally:
        for name, _ in temporary:
            name.unlink(missing_ok=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
