"""Build time as the corpus grows: cold (no reasoner cache), warm (nothing changed), one article changed.

Run by hand, not by pytest: python3 tests/benchmarks/bench_build.py 50 200

Each synthetic article is the second seed article with the identifiers it declares (people, venues,
organisations, events, agreements, the article) renamed per copy; reference entities stay shared.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from kg.build import build

ROOT = Path(__file__).resolve().parents[2]
SEED = "komwil-i-apeksi-sosialisasi-medan-2025"
LOCAL_IDS = ("rico-waas", "hotel-grand-mercure-medan", "elfin-elyas", "ditjen-bina-adwil", "kemendagri",
             "sosialisasi-kesepakatan-bersama-komwil-i-2025", "kesepakatan-bersama-komwil-i-aplikasi-produk-unggulan",
             SEED)


def make_corpus(folder: Path, count: int) -> None:
    shutil.copytree(ROOT / "seeds" / "reference", folder / "reference")
    (folder / "articles").mkdir()
    (folder / "annotations").mkdir()
    text = (ROOT / "seeds" / "articles" / f"{SEED}.txt").read_text(encoding="utf-8")
    annotation = (ROOT / "seeds" / "annotations" / f"{SEED}.yaml").read_text(encoding="utf-8")
    pattern = re.compile("|".join(re.escape(i) for i in sorted(LOCAL_IDS, key=len, reverse=True)))
    for n in range(count):
        (folder / "articles" / f"{SEED}-{n}.txt").write_text(text, encoding="utf-8")
        renamed = pattern.sub(lambda m, n=n: f"{m.group(0)}-{n}", annotation)
        (folder / "annotations" / f"{SEED}-{n}.yaml").write_text(renamed, encoding="utf-8")


def timed(seeds: Path, out: Path) -> float:
    started = time.perf_counter()
    build(seeds, out, ROOT / "ontology")
    return time.perf_counter() - started


def main(counts: list[int]) -> None:
    print("articles  cold s  warm s  one changed s  kg.trig MB")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            seeds, out = Path(tmp) / "seeds", Path(tmp) / "out"
            make_corpus(seeds, count)
            cold = timed(seeds, out)
            warm = timed(seeds, out)
            changed = seeds / "annotations" / f"{SEED}-0.yaml"
            changed.write_text(changed.read_text(encoding="utf-8").replace("status: held", "status: planned"),
                               encoding="utf-8")
            one = timed(seeds, out)
            size = (out / "kg.trig").stat().st_size / 1e6
            print(f"{count:8d}  {cold:6.1f}  {warm:6.1f}  {one:13.1f}  {size:10.1f}", flush=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [50, 200])
