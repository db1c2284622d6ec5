"""Progress of long work on stderr, shown only when stderr is a terminal (tqdm)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress(items: Iterable[T], total: int, label: str) -> Iterator[T]:
    """`items` as they come, with a progress bar on a terminal; nothing extra otherwise."""
    if not sys.stderr.isatty():
        yield from items
        return
    with tqdm(items, total=total, desc=label, unit=" articles", file=sys.stderr, leave=False) as bar:
        yield from bar
