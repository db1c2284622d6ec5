"""Reading every quad of a built dataset: parsing kg.trig against iterating the persistent store.

Not a test (pytest does not collect it); run it by hand from the project folder:

    .venv/bin/python tests/benchmarks/bench_store_reads.py --articles 1000 [--folder DIR]

It generates a corpus (tests/corpus_generator.py) and builds it, or reuses DIR when it already holds a build,
then reads all quads three times each way and prints the best time of each: what `kg viz`, `kg export` and
`kg push` would pay to read the dataset from `out/.store` instead of `out/kg.trig`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_generator import make_corpus  # noqa: E402

from kg.build import build  # noqa: E402
from kg.store import open_built  # noqa: E402


def best(read: Callable[[], Iterable[ox.Quad]]) -> tuple[float, int]:
    """The fastest of three full reads, and the number of quads read."""
    times, count = [], 0
    for _ in range(3):
        started = time.perf_counter()
        count = sum(1 for _ in read())
        times.append(time.perf_counter() - started)
    return min(times), count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--folder", type=Path)
    options = parser.parse_args()
    folder = options.folder or Path(tempfile.mkdtemp(prefix="kg-store-reads-"))
    out, trig = folder / "out", folder / "out" / "kg.trig"
    if open_built(trig) is None:
        make_corpus(folder / "seeds", options.articles)
        build(folder / "seeds", out, ROOT / "ontology")
    store = open_built(trig)
    assert store is not None, "the build left no persistent store"
    parsed, quads = best(lambda: ox.parse(path=str(trig), format=ox.RdfFormat.TRIG))
    stored, _ = best(lambda: store.quads_for_pattern(None, None, None, None))
    print(f"{quads} quads: kg.trig parsed in {parsed:.2f} s, out/.store iterated in {stored:.2f} s "
          f"({stored / parsed:.1f}x)")


if __name__ == "__main__":
    main()
