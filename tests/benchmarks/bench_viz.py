"""How fast the network page is written and becomes interactive for a large graph.

Not a test (pytest does not collect it); run it by hand from the project folder:

    python3 tests/benchmarks/bench_viz.py [--nodes 7000] [--edges 11000]

It builds a synthetic graph shaped like `kg.network.build_network`'s output and
prints a table: the project's figure, a baseline measured in the same run, and
their ratio. The baseline is what `kg viz` did before: a networkx spring layout
in Python (50 iterations, fewer for large graphs, at least 10) and the node and
edge lists assembled by pyvis's `Network`. The page is then opened in headless
Chromium (outside requests blocked and counted) to time the load and first draw.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright
from pyvis.network import Network

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.layout import layout
from kg.network import KINDS
from kg.viz import page

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
WORDS = ("mayor of", "attended", "held in", "member of", "party to", "part of", "organised", "in province")


def synthetic(nodes: int, edges: int, seed: int = 1) -> nx.MultiDiGraph:
    """A random graph with the node and edge attributes of the real network, each with one quote."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        year = 2015 + i % 11
        quote = {"quote": f"Kutipan nomor {i} dari sebuah berita", "article": f"article-{i % 50}", "headline": "",
                 "url": "", "published": str(year), "publisher": "", "start": i, "end": i + 30}
        graph.add_node(f"n{i:05d}", kind=KINDS[i % len(KINDS)], label=f"Entity {i}", names=[f"Alias {i}"],
                       details=[], dates=[["date", f"{year}-01-01"]], years=[year],
                       komwil=[f"komwil-{1 + i % 6}"], quotes=[quote], articles=[quote["article"]], mentioned=True,
                       iri=f"https://example.org/{i}")
    for j in range(edges):
        u, v = rng.randrange(nodes), rng.randrange(nodes)
        graph.add_edge(f"n{u:05d}", f"n{v:05d}", key=f"k{j}", relation="r", label=WORDS[j % len(WORDS)],
                       dates=[["as of", "2020"]], years=[2020], details=[], quotes=[], articles=[], sources=[],
                       record="")
    return graph


def spring_layout(graph: nx.MultiDiGraph) -> dict[str, tuple[int, int]]:
    """The layout `kg viz` used before: networkx's spring layout, fewer iterations for large graphs."""
    linked = nx.Graph()
    linked.add_nodes_from(sorted(graph))
    linked.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    iterations = max(10, min(50, 25_000 // max(1, len(linked))))
    spring = nx.spring_layout(linked, seed=7, scale=220 * math.sqrt(len(linked)) + 200, iterations=iterations)
    return {node: (round(float(x)), round(float(y))) for node, (x, y) in spring.items()}


def pyvis_page(graph: nx.MultiDiGraph) -> tuple:
    """The page data as `kg viz` assembled it before: the spring layout, then pyvis's Network."""
    positions = spring_layout(graph)
    net = Network(directed=True, cdn_resources="remote")
    for node in sorted(graph):
        net.add_node(node, label=graph.nodes[node]["label"], x=positions[node][0], y=positions[node][1],
                     kg=graph.nodes[node])
    for number, (u, v, _, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])):
        net.add_edge(u, v, id=f"e{number}", label=data["label"], kg=data)
    return net.get_network_data()


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def measure(html: Path) -> dict[str, float]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        view = browser.new_page(viewport={"width": 1400, "height": 900})
        outside: list[str] = []
        view.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://")
                   else (outside.append(r.request.url), r.abort()))
        started = time.perf_counter()
        view.goto(html.as_uri())
        view.wait_for_function("window.kgPage && window.kgPage.firstDraw !== null", timeout=120_000)
        result = {"load_and_first_draw_s": time.perf_counter() - started,
                  "redraw_ms": view.evaluate("""() => { const t = performance.now();
                      for (let i = 0; i < 5; i++) network.redraw(); return (performance.now() - t) / 5; }"""),
                  "shown_at_first": view.evaluate("network.body.nodeIndices.length"),
                  "outside_requests": len(outside)}
        browser.close()
    return result


def row(name: str, ours: float, baseline: float | None) -> str:
    if baseline is None:
        return f"| {name} | {ours:.2f} s | | |"
    return f"| {name} | {ours:.2f} s | {baseline:.2f} s | {baseline / ours:.1f}x faster |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=7000)
    parser.add_argument("--edges", type=int, default=11000)
    options = parser.parse_args()
    graph = synthetic(options.nodes, options.edges)
    with tempfile.TemporaryDirectory() as folder:
        cache = Path(folder) / "layout"
        layout_ours, _ = timed(lambda: layout(graph))
        layout_before, _ = timed(lambda: spring_layout(graph))
        cold, text = timed(lambda: page(graph, cache=cache))
        warm, _ = timed(lambda: page(graph, cache=cache))
        before, _ = timed(lambda: pyvis_page(graph))
        html = Path(folder) / "bench.html"
        html.write_text(str(text), encoding="utf-8")
        browser = measure(html)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; "
          f"page {len(str(text)) / 1e6:.1f} MB\n")
    print("| step | kg viz | baseline (networkx spring + pyvis) | ratio |")
    print("|---|---|---|---|")
    print(row("layout of the whole graph", layout_ours, layout_before))
    print(row("page written, layout cache empty", cold, before))
    print(row("page written, layout cached", warm, before))
    print(row("Chromium: load and first draw", browser["load_and_first_draw_s"], None))
    print(f"\nredraw: {browser['redraw_ms']:.0f} ms; nodes and groups shown at first: "
          f"{browser['shown_at_first']}; outside requests: {browser['outside_requests']}")


if __name__ == "__main__":
    main()
