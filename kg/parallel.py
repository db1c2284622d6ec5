"""Work over many files spread across the cores: forked worker processes, results in the order given."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

from kg.progress import progress

_SHARED: Any = None


def shared() -> Any:
    """What the running `forked_map` shares with its work (the workers see it as it was when they forked)."""
    return _SHARED


def forked_map(work: Callable[..., bytes], columns: Sequence[Sequence[Any]], label: str, parallel_from: int,
               chunksize: int, sharing: Any = None) -> list[bytes]:
    """`work` applied to each row of `columns` (its arguments, column by column), in order, with progress on
    stderr: in forked workers, which see what this process holds (`sharing` as `shared()`), when there are at
    least `parallel_from` rows and more than one core; else here. `work` returns bytes, so that a result
    crosses from a worker once."""
    global _SHARED
    count = len(columns[0])
    workers = min(os.cpu_count() or 1, 8)
    outer, _SHARED = _SHARED, sharing
    try:
        if count < parallel_from or workers < 2:
            return list(progress(map(work, *columns), count, label))
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            return list(progress(pool.map(work, *columns, chunksize=chunksize), count, label))
    finally:
        _SHARED = outer
