"""A saved query asked again of the same store is answered from the answer kept; a changed store, format,
parameter or query is answered anew, and an answer is never kept for a store that changed while it ran."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import answers as answers_module
from kg import kept as kept_module
from kg import query as query_module
from kg.answers import ANSWERS, repeatable
from kg.cli import main
from kg.query import run_saved
from kg.store import MANIFEST, STORE

ANNOTATION = Path("seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml")


def ask(*args: str) -> str:
    result = CliRunner().invoke(main, ["query", *args])
    assert result.exit_code == 0, result.output
    return result.output


def kept(project: Path) -> list[Path]:
    return sorted(p for p in (project / "out" / ANSWERS).rglob("*") if p.is_file())


ROOT = Path(__file__).resolve().parent.parent
run_original = query_module.run


@pytest.fixture
def project(project: Path) -> Path:
    shutil.copytree(ROOT / "queries", project / "queries")
    return project


def refuse_to_run(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any query that reaches the engine; the names of those that did."""
    ran: list[str] = []

    def refuse(store, query, values, graphs=None):
        ran.append(query.name)
        raise AssertionError(f"{query.name} ran")

    monkeypatch.setattr(query_module, "run", refuse)
    return ran


def test_a_query_asked_again_is_answered_without_running_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = ask("participants", "events")
    assert "Maulan Aklil" in first
    assert len(kept(project)) == 2
    ran = refuse_to_run(monkeypatch)
    assert ask("participants", "events") == first
    assert ran == []


def test_another_format_parameter_or_query_text_is_answered_anew(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    asked = [("participants",), ("timeline", "--param", "entity=maulan-aklil")]
    answered = [ask(*args) for args in asked]
    ran = refuse_to_run(monkeypatch)
    assert [ask(*args) for args in asked] == answered
    for args in (("participants", "--format", "csv"), ("timeline", "--param", "entity=kota-medan")):
        assert CliRunner().invoke(main, ["query", *args]).exit_code == 3
    query = project / "queries" / "participants.rq"
    query.write_text(query.read_text(encoding="utf-8").replace("ORDER BY ?event", "ORDER BY DESC(?event)"),
                     encoding="utf-8")
    assert CliRunner().invoke(main, ["query", "participants"]).exit_code == 3
    assert ran == ["participants", "timeline", "participants"]


def test_a_changed_store_is_answered_anew_and_only_its_answers_are_kept(project: Path) -> None:
    before = ask("participants", "--format", "csv")
    assert "Airin Rachmi Diany,Chaired,\"Rapat Dewan Pengurus APEKSI, 13 Agustus 2019\"" in before
    text = ANNOTATION.read_text(encoding="utf-8")
    ANNOTATION.write_text(text.replace("    role: chaired\n", "    role: spoke\n", 1), encoding="utf-8")
    after = ask("participants", "--format", "csv")
    assert "Airin Rachmi Diany,Spoke,\"Rapat Dewan Pengurus APEKSI, 13 Agustus 2019\"" in after
    assert "Airin Rachmi Diany,Chaired" not in after
    assert len(kept(project)) == 1
    trig = project / "out" / "kg.trig"
    answered = run_saved(("participants",), {}, "csv", trig)
    shutil.rmtree(project / "out" / ANSWERS)
    assert run_saved(("participants",), {}, "csv", trig) == answered


def test_a_damaged_answer_is_computed_again(project: Path) -> None:
    first = ask("events")
    (entry,) = kept(project)
    entry.write_bytes(entry.read_bytes().replace(b"Sharing Session", b"Sharing Sessions"))
    assert ask("events") == first


def test_nothing_is_kept_without_the_persistent_store(project: Path) -> None:
    first = ask("events")
    shutil.rmtree(project / "out" / ANSWERS)
    shutil.rmtree(project / "out" / STORE)
    assert run_saved(("events",), {}, "table", project / "out" / "kg.trig") == first
    assert kept(project) == []


def test_an_answer_computed_while_the_store_changed_is_not_kept(project: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    ask("events")
    shutil.rmtree(project / "out" / ANSWERS)

    def run_while_a_build_writes(*args, **kwargs):
        manifest = project / "out" / MANIFEST
        manifest.write_text(manifest.read_text(encoding="utf-8") + " ", encoding="utf-8")
        return run_original(*args, **kwargs)

    monkeypatch.setattr(query_module, "run", run_while_a_build_writes)
    assert "Sharing Session" in run_saved(("events",), {}, "table", project / "out" / "kg.trig")
    assert kept(project) == []


def test_a_query_that_makes_new_values_or_asks_another_endpoint_is_never_kept(project: Path) -> None:
    fresh = project / "fresh.rq"
    fresh.write_text("SELECT (STRUUID() AS ?id) WHERE {}\n", encoding="utf-8")
    first, second = ask(str(fresh), "--format", "csv"), ask(str(fresh), "--format", "csv")
    assert first.splitlines()[0] == second.splitlines()[0] == "id"
    assert first != second
    assert kept(project) == []
    assert [repeatable(text) for text in ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }",
                                          "SELECT (rand () AS ?r) {}", "SELECT ?now ?service { ?now ?service ?s }")] \
        == [False, False, True]


@pytest.mark.parametrize("changed", ["kg", "pyoxigraph", "rdflib"])
def test_another_version_of_the_code_or_its_libraries_answers_anew(project: Path, monkeypatch: pytest.MonkeyPatch,
                                                                   changed: str) -> None:
    first = ask("events")
    ran = refuse_to_run(monkeypatch)
    if changed == "kg":
        monkeypatch.setattr(kept_module, "build_version", lambda: "another version")
    else:
        monkeypatch.setattr(getattr(answers_module, "ox" if changed == "pyoxigraph" else "rdflib"), "__version__", "0")
    assert CliRunner().invoke(main, ["query", "events"]).exit_code == 3
    monkeypatch.undo()
    assert ran == ["events"]
    assert ask("events") == first


def test_queries_asked_together_come_from_one_state_of_the_store(project: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    ask("events")
    trig = project / "out" / "kg.trig"
    manifest = project / "out" / MANIFEST
    original_open, ran = query_module.open_store, []

    def opened_after_a_build(path: Path):
        manifest.write_text(manifest.read_text(encoding="utf-8") + " ", encoding="utf-8")
        return original_open(path)

    def noted(store, query, values, graphs=None):
        ran.append(query.name)
        return run_original(store, query, values, graphs)

    monkeypatch.setattr(query_module, "open_store", opened_after_a_build)
    monkeypatch.setattr(query_module, "run", noted)
    run_saved(("events", "participants"), {}, "table", trig)
    assert ran == ["events", "participants"]


def test_an_answers_folder_that_cannot_be_listed_leaves_the_query_to_run(project: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    ask("events")

    def refused(self: Path):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "iterdir", refused)
    assert "Maulan Aklil" in ask("participants")


def test_only_the_answers_written_last_are_kept(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kept_module, "KEEP_AT_MOST", 2)
    ask("events")
    leftover = project / "out" / ANSWERS / kept(project)[0].parent.name / ".entry.999999.ab12.tmp"
    leftover.write_bytes(b"a writer still running")
    ask("positions")
    newest = [ask("participants"), ask("agreements")]
    assert len(kept(project)) == 3  # the two written last, and the running writer's file
    assert leftover.exists()
    ran = refuse_to_run(monkeypatch)
    assert [ask("participants"), ask("agreements")] == newest
    assert CliRunner().invoke(main, ["query", "events"]).exit_code == 3
    assert ran == ["events"]
