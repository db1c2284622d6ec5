"""Skipping a test, and only that test, when a tool it needs is not installed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


def needs_tool(name: str, path: Path | None = None) -> None:
    """Skip the calling test unless `name` is on PATH (or `path` exists); .ci/run installs them all."""
    found = path.exists() if path is not None else shutil.which(name) is not None
    if not found:
        pytest.skip(f"needs {name}, which is not installed (bash .ci/run installs it)")
