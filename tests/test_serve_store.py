"""`kg serve` serves a copy of the persistent store when that holds the build's kg.trig, and loads kg.trig
when it does not; either way it answers as the dataset does."""

from __future__ import annotations

import stat
from pathlib import Path

import pyoxigraph
import pytest

import kg.serve
import kg.store
from kg.build import BuildResult
from kg.serve import SCRATCH, OxigraphServer, oxigraph_binary
from kg.store import copy_built, update_store
from tests.test_outputs import DEAD_PID
from tests.test_server import GRAPHS, QUADS, free_port, local_rows, remote_rows


def refusing_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """An oxigraph program that fails `load` and otherwise runs the real one; the subcommands it was given."""
    calls = tmp_path / "calls"
    fake = tmp_path / "oxigraph"
    fake.write_text(f'#!/bin/sh\necho "$1" >> "{calls}"\n'
                    'if [ "$1" = load ]; then echo "Error: not allowed here" >&2; exit 1; fi\n'
                    f'exec "{oxigraph_binary()}" "$@"\n', encoding="utf-8")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(kg.serve, "oxigraph_binary", lambda: fake)
    return calls


def test_a_built_dataset_is_served_from_a_copy_of_its_store_without_loading_it(
        built: tuple[Path, BuildResult], store: pyoxigraph.Store, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    out = built[0]
    calls = refusing_load(tmp_path, monkeypatch)
    (out / f"{SCRATCH}{DEAD_PID}-left").mkdir()
    with OxigraphServer(out / "kg.trig", port=free_port()) as server:
        assert remote_rows(server.query_url, QUADS) == local_rows(store, QUADS)
        assert remote_rows(server.query_url, GRAPHS) == local_rows(store, GRAPHS)
        serving = sorted(p.name for p in out.glob(f"{SCRATCH}*"))
    assert calls.read_text() == "serve-read-only\n"
    assert [name.split("-")[1] for name in serving] == [str(kg.serve.os.getpid())]
    assert list(out.glob(f"{SCRATCH}*")) == []


def two_datasets(tmp_path: Path) -> Path:
    """A store that holds one graph, and a kg.trig rewritten after it that holds another (of another size)."""
    trig = tmp_path / "kg.trig"
    trig.write_text("<http://a> { <http://a> <http://b> <http://old> . }\n", encoding="utf-8")
    update_store(trig, "", [("http://a", "<http://a> <http://b> <http://old> .")])
    trig.write_text("<http://a> { <http://a> <http://b> <http://newer> . }\n", encoding="utf-8")
    return trig


def test_a_store_that_is_not_the_builds_is_not_served(tmp_path: Path) -> None:
    trig = two_datasets(tmp_path)
    with OxigraphServer(trig, port=free_port()) as server:
        assert remote_rows(server.query_url, "SELECT ?o WHERE { ?s ?p ?o }") == [("<http://newer>",)]
    assert list(tmp_path.glob(f"{SCRATCH}*")) == []


def test_a_copy_during_which_a_build_began_is_dropped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    trig = tmp_path / "kg.trig"
    trig.write_text("<http://a> { <http://a> <http://b> <http://c> . }\n", encoding="utf-8")
    update_store(trig, "", [("http://a", "<http://a> <http://b> <http://c> .")])
    assert copy_built(trig, tmp_path / "copy")
    assert len(pyoxigraph.Store.read_only(str(tmp_path / "copy"))) == 1
    answers = iter([True, False])
    monkeypatch.setattr(kg.store, "holds", lambda _: next(answers))
    assert not copy_built(trig, tmp_path / "again")
    assert not (tmp_path / "again").exists()
