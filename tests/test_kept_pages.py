"""A page asked for again of the same store is written from the page kept, byte for byte; other options, a
changed store, or changed templates, assets or code make it anew."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import kept as kept_module
from kg import pages as pages_module
from kg import timeline as timeline_module
from kg import viz as viz_module
from kg.cli import main
from kg.pages import PAGES

ANNOTATION = Path("seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml")


def made(*args: str) -> tuple[str, bytes]:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.output.splitlines()[-1], Path(args[args.index("--out") + 1]).read_bytes()


@pytest.fixture
def drawn(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The pages whose network was drawn from the dataset, by command."""
    calls: list[str] = []
    for module, name in ((viz_module, "viz"), (timeline_module, "timeline")):
        original = module.build_network
        monkeypatch.setattr(module, "build_network",
                            lambda *args, original=original, name=name: calls.append(name) or original(*args))
    return calls


def test_a_page_asked_again_is_the_page_kept(project: Path, drawn: list[str]) -> None:
    first = made("viz", "--out", "graph.html")
    timeline = made("timeline", "--out", "timeline.html", "--entity", "maulan-aklil")
    Path("graph.html").unlink()
    assert made("viz", "--out", "graph.html") == first
    assert made("timeline", "--out", "timeline.html", "--entity", "maulan-aklil") == timeline
    assert first[0].startswith("Wrote graph.html: ") and " nodes, " in first[0]
    assert drawn == ["viz", "timeline"]
    assert len([p for p in (project / "out" / PAGES).rglob("*") if p.is_file()]) == 2


@pytest.mark.parametrize("other", [["--lang", "en"], ["--all"], ["--focus", "maulan-aklil"],
                                   ["--focus", "maulan-aklil", "--depth", "2"]])
def test_other_options_make_the_page_anew(project: Path, drawn: list[str], other: list[str]) -> None:
    made("viz", "--out", "graph.html", *(["--focus", "maulan-aklil"] if "--depth" in other else []))
    made("viz", "--out", "other.html", *other)
    kept = made("viz", "--out", "kept.html", *other)
    assert drawn == ["viz", "viz"]
    shutil.rmtree(project / "out" / PAGES)
    assert made("viz", "--out", "kept.html", *other) == kept


def test_a_changed_store_makes_the_page_anew_as_a_first_page(project: Path, drawn: list[str]) -> None:
    _, before = made("viz", "--out", "graph.html")
    text = ANNOTATION.read_text(encoding="utf-8")
    ANNOTATION.write_text(text.replace("    role: chaired\n", "    role: spoke\n", 1), encoding="utf-8")
    made("viz", "--out", "graph.html")
    _, kept = made("viz", "--out", "graph.html")
    assert drawn == ["viz", "viz"]
    assert len(list((project / "out" / PAGES).iterdir())) == 1
    shutil.rmtree(project / "out" / PAGES)
    assert made("viz", "--out", "fresh.html")[1] == kept
    assert kept != before


@pytest.mark.parametrize("other", [["--entity", "kota-pangkal-pinang"], ["--lang", "en"], ["--entity", ""]])
def test_another_timeline_is_made_anew(project: Path, drawn: list[str], other: list[str]) -> None:
    made("timeline", "--out", "timeline.html")
    result = CliRunner().invoke(main, ["timeline", "--out", "other.html", *other])
    if other == ["--entity", ""]:
        assert (result.exit_code, result.output.splitlines()[-1]) == (1, "Error: unknown entity ''; "
                                                                          "`kg ids TEXT` lists the ids by name")
    else:
        assert result.exit_code == 0
    assert drawn == ["timeline", "timeline"]


@pytest.mark.parametrize("changed", ["code", "page files"])
def test_changed_code_templates_or_assets_make_the_page_anew(project: Path, drawn: list[str],
                                                             monkeypatch: pytest.MonkeyPatch, changed: str) -> None:
    first = made("viz", "--out", "graph.html")
    if changed == "code":
        monkeypatch.setattr(kept_module, "build_version", lambda: "another version")
    else:
        monkeypatch.setattr(pages_module, "page_files_digest", lambda: "other templates")
    assert made("viz", "--out", "graph.html") == first
    assert drawn == ["viz", "viz"]


def test_an_unknown_focus_is_refused_and_nothing_is_kept(project: Path) -> None:
    result = CliRunner().invoke(main, ["viz", "--out", "graph.html", "--focus", "maulan-akli"])
    assert result.exit_code == 1
    assert not (project / "out" / PAGES).exists()
