"""How fast the network page settles for a large graph: layout in Python, first draw in Chromium.

Not a test (pytest does not collect it); run it by hand from the project folder:

    python3 tests/benchmarks/bench_viz.py [--nodes 2000] [--edges 3000] [--physics]

It builds a synthetic graph shaped like `kg.network.build_network`'s output,
writes the page with `kg.viz.page`, opens it in headless Chromium and reports
the seconds to lay out, to write, to load and draw, and whether any node moves
afterwards. `--physics` also times what the page would cost with physics on
from random positions (vis-network's default), for comparison.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.network import KINDS
from kg.viz import layout, page

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
                 "url": "", "published": str(year), "start": i, "end": i + 30}
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


def measure(html: Path, physics: bool) -> dict[str, float]:
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
                  "first_draw_after_navigation_s": view.evaluate("kgPage.firstDraw") / 1000}
        before = view.evaluate("network.getPositions()")
        view.wait_for_timeout(2000)
        result["nodes_moved_in_2_s"] = sum(1 for k, p in view.evaluate("network.getPositions()").items()
                                           if p != before[k])
        result["redraw_ms"] = view.evaluate("""() => { const t = performance.now();
            for (let i = 0; i < 5; i++) network.redraw(); return (performance.now() - t) / 5; }""")
        result["outside_requests"] = len(outside)
        if physics:
            result["physics_on_stabilise_1000_iterations_s"] = view.evaluate("""() => new Promise((done) => {
                const ids = network.body.data.nodes.getIds();
                const scattered = ids.map((id, i) => ({id, x: (i * 7919) % 3000, y: (i * 104729) % 3000}));
                network.body.data.nodes.update(scattered);
                network.once("stabilizationIterationsDone", () => done((performance.now() - t) / 1000));
                const t = performance.now();
                network.setOptions({physics: {enabled: true, stabilization: {enabled: true, iterations: 1000}}});
                network.stabilize(1000);
            })""")
        browser.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--edges", type=int, default=3000)
    parser.add_argument("--physics", action="store_true", help="also time physics on, for comparison")
    options = parser.parse_args()
    graph = synthetic(options.nodes, options.edges)
    started = time.perf_counter()
    layout(graph)
    laid_out = time.perf_counter() - started
    started = time.perf_counter()
    text = page(graph)
    written = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "bench.html"
        html.write_text(text, encoding="utf-8")
        browser = measure(html, options.physics)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges; page {len(text) / 1e6:.1f} MB")
    print(f"networkx spring layout: {laid_out:.2f} s; whole page in Python (layout included): {written:.2f} s")
    for name, value in browser.items():
        print(f"{name}: {value:.2f}" if isinstance(value, float) else f"{name}: {value}")


if __name__ == "__main__":
    main()
