"""The network page in headless Chromium: offline, complete, searchable, and safe with hostile text."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import click
import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page, Route

from kg.build import BuildResult
from kg.cli import main
from kg.facts import read_facts
from kg.network import build_network
from kg.viz import make_page, page, skeleton_positions

ROOT = Path(__file__).resolve().parent.parent
MAYOR_QUOTE = "Wali Kota Pangkalpinang, Provinsi Kepulauan Bangka Belitung, Maulan Aklil"
HOSTILE = "<script>window.__pwned=1</script>"

@dataclass
class Opened:
    """A page opened from a file, with every request that tried to leave the machine."""

    page: Page
    outside: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def graph(built: tuple[Path, BuildResult]) -> nx.MultiDiGraph:
    return build_network(read_facts(built[0] / "kg.trig"))


@pytest.fixture(scope="module")
def seeds_page(built: tuple[Path, BuildResult], tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("viz") / "graph.html"
    make_page(built[0], out, ROOT / "seeds", ROOT / "ontology", lang="en")
    return out


def open_page(browser: Browser, path: Path) -> Iterator[Opened]:
    context = browser.new_context()
    opened = Opened(context.new_page())

    def route(route: Route) -> None:
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            opened.outside.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    errors: list[str] = []
    opened.page.on("pageerror", lambda error: errors.append(str(error)))
    opened.page.goto(path.as_uri())
    opened.page.wait_for_function("window.kgPage && window.kgPage.firstDraw !== null", timeout=20_000)
    assert errors == []
    yield opened
    context.close()


@pytest.fixture
def seeds(browser: Browser, seeds_page: Path) -> Iterator[Opened]:
    yield from open_page(browser, seeds_page)


def test_page_loads_with_no_request_to_any_other_host(seeds: Opened) -> None:
    assert seeds.outside == []
    assert seeds.page.evaluate("document.querySelectorAll('[src], link[href]').length") == 0


def test_page_has_every_node_and_edge_of_the_graph(seeds: Opened, graph: nx.MultiDiGraph) -> None:
    counts = seeds.page.evaluate("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [graph.number_of_nodes(), graph.number_of_edges()] == [38, 56]
    assert seeds.page.inner_text("#counts") == "38 of 38 entities, 56 of 56 links shown"


def test_nodes_sit_at_the_precomputed_positions_with_physics_off(seeds: Opened, graph: nx.MultiDiGraph) -> None:
    x, y = skeleton_positions(graph, [], None)["maulan-aklil"]
    position = seeds.page.evaluate("network.getPositions(['maulan-aklil'])['maulan-aklil']")
    assert (position["x"], position["y"]) == (x, y)
    assert seeds.page.evaluate("network.physics.options.enabled") is False


def test_legend_lists_exactly_the_classes_present(seeds: Opened, graph: nx.MultiDiGraph) -> None:
    kinds = seeds.page.evaluate("Array.from(document.querySelectorAll('#legend li'), li => li.dataset.kind)")
    assert sorted(kinds) == sorted({kind for _, kind in graph.nodes(data="kind")})
    assert seeds.page.inner_text("#legend li[data-kind='City']") == "City (kota) (5)"


def test_searching_a_nickname_selects_the_person(seeds: Opened) -> None:
    seeds.page.fill("#search", "Molen")
    assert seeds.page.evaluate("network.getSelectedNodes()") == ["maulan-aklil"]
    assert seeds.page.inner_text("#search-result") == "Maulan Aklil"
    assert "Maulan Aklil (Molen)" in seeds.page.inner_text("#details")


def test_hovering_the_mayor_edge_shows_its_quote(seeds: Opened) -> None:
    script = """() => {
      const e = network.body.data.edges.get({filter: (e) => e.from === 'maulan-aklil'
        && e.to === 'kota-pangkal-pinang' && e.kg.label === 'mayor of'});
      return e.map((x) => [x.id, x.label, x.title.textContent]);
    }"""
    [(edge_id, label, tooltip)] = seeds.page.evaluate(script)
    assert label == "mayor of (as of 2019)"
    assert MAYOR_QUOTE in tooltip
    point = seeds.page.evaluate("""(id) => {
      network.focus('maulan-aklil', {scale: 1.5, animation: false});
      const ends = network.getConnectedNodes(id), p = network.getPositions(ends);
      const middle = network.canvasToDOM({x: (p[ends[0]].x * 3 + p[ends[1]].x) / 4,
                                          y: (p[ends[0]].y * 3 + p[ends[1]].y) / 4});
      const box = document.getElementById('graph').getBoundingClientRect();
      return [box.left + middle.x, box.top + middle.y];
    }""", edge_id)
    seeds.page.mouse.move(point[0] - 5, point[1] - 5)
    seeds.page.mouse.move(*point)
    seeds.page.wait_for_selector("div.vis-tooltip", state="visible", timeout=5_000)
    assert MAYOR_QUOTE in seeds.page.inner_text("div.vis-tooltip")


def test_filters_hide_classes_komwil_and_years(seeds: Opened, graph: nx.MultiDiGraph) -> None:
    hidden_nodes = "network.body.data.nodes.get({filter: (n) => n.hidden}).map((n) => n.id).sort()"
    seeds.page.uncheck("#legend input[value='Person']")
    people = sorted(node for node, kind in graph.nodes(data="kind") if kind == "Person")
    assert seeds.page.evaluate(hidden_nodes) == people
    seeds.page.check("#legend input[value='Person']")
    seeds.page.uncheck("#komwil input[value='komwil-ii']")
    assert seeds.page.evaluate(hidden_nodes) == [
        "komwil-ii", "kota-jambi", "kota-pangkal-pinang", "maulan-aklil", "provinsi-jambi",
        "provinsi-kepulauan-bangka-belitung", "rakerkomwil-ii-apeksi-2020", "studi-pertautan-pangkalpinang-ke-jambi"]
    seeds.page.check("#komwil input[value='komwil-ii']")
    seeds.page.uncheck("#years input[value='2025']")
    assert seeds.page.evaluate(hidden_nodes) == ["sosialisasi-kesepakatan-bersama-komwil-i-2025"]
    hidden_edges = seeds.page.evaluate("network.body.data.edges.get({filter: (e) => e.hidden}).length")
    touching = sum(1 for u, v, data in graph.edges(data=True)
                   if 2025 in data["years"] or "sosialisasi-kesepakatan-bersama-komwil-i-2025" in (u, v))
    assert hidden_edges == touching == 11


def hostile_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    common = {"names": [], "details": [], "dates": [], "years": [], "komwil": [], "articles": ["a1"],
              "mentioned": True, "iri": "https://example.org/x"}
    quote = {"quote": '<img src=x onerror="window.__pwned=2">', "article": "a1", "headline": "<b>bold</b>",
             "url": "javascript:window.__pwned=3", "published": "2020", "start": 0, "end": 5}
    graph.add_node("evil", **common, kind="Person", label=HOSTILE, quotes=[quote])
    graph.add_node("city", **common, kind="City", label="Kota Aman", quotes=[])
    graph.add_edge("evil", "city", key="mayor", relation="position/mayor", label=f"mayor of {HOSTILE}",
                   dates=[["as of", "2020"]], years=[2020], details=[], quotes=[quote], articles=["a1"],
                   sources=[], record="")
    return graph


def test_hostile_label_and_quote_show_as_text_and_run_nothing(browser: Browser, tmp_path: Path) -> None:
    path = tmp_path / "hostile.html"
    path.write_text(page(hostile_graph(), title=HOSTILE, lang="en"), encoding="utf-8")
    assert HOSTILE not in path.read_text(encoding="utf-8")
    for opened in open_page(browser, path):
        view = opened.page
        view.fill("#search", "script")
        assert view.evaluate("network.getSelectedNodes()") == ["evil"]
        assert view.evaluate("window.__pwned") is None
        details = view.inner_text("#details")
        assert HOSTILE in details
        assert '<img src=x onerror="window.__pwned=2">' in details
        assert view.evaluate("document.querySelectorAll('#details script, #details img, #details a').length") == 0
        assert view.inner_text("#title") == HOSTILE
        title = "network.body.data.nodes.get('evil').title"
        assert HOSTILE in view.evaluate(f"{title}.textContent")
        assert view.evaluate(f"{title} instanceof HTMLElement && !{title}.querySelector('script, img, a')") is True
        assert view.evaluate("document.querySelectorAll('script').length") == 3
        assert opened.outside == []


def test_same_graph_gives_the_same_bytes(graph: nx.MultiDiGraph) -> None:
    assert page(graph) == page(graph.copy())


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["viz", *args])
    return result.exit_code, result.output


def test_cli_writes_the_page(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    out = tmp_path / "g.html"
    code, output = run("--build-dir", str(built[0]), "--out", str(out), "--seeds", str(ROOT / "seeds"),
                       "--ontology-dir", str(ROOT / "ontology"))
    assert (code, output) == (0, f"Wrote {out}: 38 nodes, 56 edges\n")
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    code, output = run("--build-dir", str(built[0]), "--out", str(tmp_path / "f.html"), "--seeds",
                       str(ROOT / "seeds"), "--ontology-dir", str(ROOT / "ontology"), "--focus", "maulan-aklil")
    assert (code, output) == (0, f"Wrote {tmp_path / 'f.html'}: 3 nodes, 2 edges\n")


def test_cli_unknown_focus_is_a_one_line_error(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    code, output = run("--build-dir", str(built[0]), "--out", str(tmp_path / "g.html"), "--seeds",
                       str(ROOT / "seeds"), "--ontology-dir", str(ROOT / "ontology"), "--focus", "maulan")
    assert (code, output) == (1, "Error: unknown entity 'maulan'; close matches: maulan-aklil\n")
    assert not (tmp_path / "g.html").exists()


def test_cli_without_dataset_or_seeds_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run("--build-dir", "nothing", "--seeds", "no-seeds")
    assert (code, output) == (1, "Error: nothing: no dataset: kg.trig is missing and there is no seeds folder "
                                 "no-seeds to build it from; run `kg build` first or pass --seeds\n")


def test_cli_builds_a_missing_or_stale_dataset_first_and_opens_the_page(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launched: list[str] = []
    monkeypatch.setattr(click, "launch", lambda url: launched.append(url))
    code, output = run("--open")
    assert (code, output) == (0, "Built out/kg.trig first (it was missing)\nWrote out/graph.html: 38 nodes, 56 edges\n")
    assert launched == [(project / "out" / "graph.html").resolve().as_uri()]
    first = (project / "out" / "graph.html").read_bytes()
    assert run() == (0, "Wrote out/graph.html: 38 nodes, 56 edges\n")
    annotation = project / "seeds" / "annotations" / "antara-babel-2019-apeksi-sharing-session.yaml"
    later = (project / "out" / "kg.trig").stat().st_mtime + 10
    os.utime(annotation, (later, later))
    assert run() == (0, "Wrote out/graph.html: 38 nodes, 56 edges\n")
    annotation.write_text(annotation.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert run() == (0, "Built out/kg.trig first (its sources changed)\n"
                        "Wrote out/graph.html: 38 nodes, 56 edges\n")
    assert (project / "out" / "graph.html").read_bytes() == first


def test_depth_without_focus_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["viz", "--depth", "2"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --depth needs --focus ENTITY: it counts links around that entity"
