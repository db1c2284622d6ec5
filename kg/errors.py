"""The one exception the library raises for bad input."""

from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from pathlib import Path


def display_path(path: str | Path) -> str:
    """A path as the user should read it: relative to the working folder when inside it."""
    path = Path(path)
    try:
        return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)
    except OSError:
        return str(path)


class KgError(Exception):
    """Bad input: one line naming the file, the line, the field and what to fix."""

    def __init__(
        self, message: str, file: str | Path | None = None, line: int | None = None, field: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = display_path(file) if file is not None else None
        self.line = line
        self.field = field

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file if self.line is None else f"{self.file}:{self.line}"
            where += ": "
        field = f"{self.field}: " if self.field else ""
        return f"{where}{field}{self.message}"


def close_matches(wanted: str, candidates: Iterable[str], count: int = 3) -> list[str]:
    """The candidates spelled most like `wanted`, for "did you mean" hints."""
    return difflib.get_close_matches(wanted, list(candidates), n=count, cutoff=0.6)


class CannotRun(KgError):
    """A command could not run at all (a tool such as Java or oxigraph is missing): exit code 2, not 1."""
