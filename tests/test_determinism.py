"""Same input, byte-identical output: across processes, hash seeds and a warm reasoner cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg.build import BuildResult

ROOT = Path(__file__).resolve().parent.parent


def build_in_process(out: Path, seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    subprocess.run([sys.executable, "-m", "kg", "build", "--out", str(out)], cwd=ROOT, env=env, check=True,
                   capture_output=True)


def test_two_builds_give_identical_bytes(tmp_path: Path, built: tuple[Path, BuildResult]) -> None:
    build_in_process(tmp_path / "a", "1")
    build_in_process(tmp_path / "a", "2")
    first = {name: (tmp_path / "a" / name).read_bytes() for name in ("kg.trig", "kg.ttl")}
    build_in_process(tmp_path / "b", "3")
    for name, data in first.items():
        assert (tmp_path / "b" / name).read_bytes() == data
        assert (built[0] / name).read_bytes() == data


def test_turtle_is_the_union_of_the_named_graphs(built: tuple[Path, BuildResult]) -> None:
    out, _ = built
    dataset = Dataset()
    dataset.parse(out / "kg.trig", format="trig")
    union = Graph()
    for s, p, o, _ in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    merged = Graph().parse(out / "kg.ttl", format="turtle")
    assert len(merged) == len(union)
    assert isomorphic(merged, union)
