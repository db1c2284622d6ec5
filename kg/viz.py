"""`kg viz`: the network as one self-contained, offline HTML page (vis-network via pyvis).

Positions are computed here with a seeded networkx spring layout and physics is
off in the page, so the page is still the moment it is drawn, even for
thousands of nodes. The vis-network script and style that pyvis ships are
inlined; the page loads nothing from any other host. Text from articles reaches
the page only as JSON data and is put into the DOM as text, never as HTML.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis
from pyvis.network import Network

from kg.build import TRIG
from kg.errors import KgError, display_path
from kg.files import write_files
from kg.freshness import ensure_built
from kg.network import Scope, build_network, neighbourhood, read_facts

SEED = 7
VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
MANY_EDGES = 1000
LAYOUT_BUDGET = 25_000
MIN_ITERATIONS = 10


@dataclass(frozen=True)
class Style:
    """How one class of entity looks: its legend text, colour and vis-network shape."""

    legend: str
    color: str
    shape: str


STYLES = {
    "City": Style("City (kota)", "#2e86c1", "dot"),
    "Province": Style("Province", "#7f8c8d", "square"),
    "Person": Style("Person", "#c0392b", "diamond"),
    "Event": Style("Event", "#e67e22", "star"),
    "Agreement": Style("Agreement", "#8e44ad", "box"),
    "Association": Style("Association (APEKSI)", "#16a085", "hexagon"),
    "Commission": Style("Regional commission (Komwil)", "#27ae60", "triangle"),
    "Organization": Style("Organisation", "#6d4c41", "triangleDown"),
    "Venue": Style("Venue", "#d4ac0d", "ellipse"),
}
OTHER = Style("Other", "#95a5a6", "dot")


@dataclass
class PageResult:
    """What `kg viz` wrote, and whether it had to build the dataset first."""

    out: Path
    nodes: int
    edges: int
    built: str = ""

    def summary(self) -> str:
        wrote = f"Wrote {display_path(self.out)}: {self.nodes} nodes, {self.edges} edges"
        return f"{self.built}\n{wrote}" if self.built else wrote


def make_page(build_dir: Path, out: Path, seeds: Path, ontology_dir: Path, *, everything: bool = False,
              focus: str | None = None, depth: int = 1) -> PageResult:
    """Build the dataset if it is missing or stale, then write the network page for the chosen entities."""
    notes: list[str] = []
    ensure_built(seeds, build_dir, ontology_dir, notes.append)
    built = "".join(notes)
    facts = read_facts(build_dir / TRIG)
    scope: Scope = "every" if focus else "all" if everything else "articles"
    graph = build_network(facts, scope)
    if focus:
        graph = neighbourhood(graph, focus, depth)
    title = f"Neighbourhood of {graph.nodes[focus]['label']}" if focus else "APEKSI knowledge graph"
    write_files({out: page(graph, title)})
    return PageResult(out, graph.number_of_nodes(), graph.number_of_edges(), built)



def layout(graph: nx.MultiDiGraph, seed: int = SEED) -> dict[str, tuple[int, int]]:
    """Deterministic positions in pixels: a seeded spring layout of the linked entities, nodes in id order,
    with the entities that have no link in rows below it.

    Up to 500 linked entities get networkx's default 50 iterations; larger graphs get fewer (at least 10),
    so that the layout takes seconds, not minutes.
    """
    linked = nx.Graph()
    linked.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in graph.edges() if u != v))
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(linked))
    ordered.add_edges_from(linked.edges())
    scale = 220 * math.sqrt(len(ordered)) + 200
    iterations = max(MIN_ITERATIONS, min(50, LAYOUT_BUDGET // max(1, len(ordered))))
    spring = nx.spring_layout(ordered, seed=seed, scale=scale, iterations=iterations) if ordered else {}
    positions = {node: (round(float(x)), round(float(y))) for node, (x, y) in spring.items()}
    return positions | _rows(sorted(set(graph) - set(positions)), positions)


def _rows(nodes: list[str], placed: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Positions for unlinked nodes: rows under the placed nodes, as wide as they are."""
    left = min((x for x, _ in placed.values()), default=0)
    top = max((y for _, y in placed.values()), default=0) + 200
    per_row = max(1, (max((x for x, _ in placed.values()), default=0) - left) // 200 + 1)
    return {node: (left + 200 * (i % per_row), top + 100 * (i // per_row)) for i, node in enumerate(nodes)}


def vis_network(graph: nx.MultiDiGraph) -> Network:
    """The pyvis network: styled nodes at fixed positions, labelled edges, physics off.

    pyvis only assembles the nodes, edges and options here; its templates and write_html are not used,
    as they link CDNs or copy a lib/ folder into the working folder.
    """
    looks = appearance(graph)
    net = Network(directed=True, cdn_resources="remote")
    for node in sorted(graph):
        data, look = graph.nodes[node], looks[node]
        net.add_node(node, label=data.get("label") or node, shape=look.shape, color=look.color, x=look.x, y=look.y,
                     size=look.size, kg=data)
    for number, (u, v, _, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])):
        net.add_edge(u, v, id=f"e{number}", label=edge_label(data), dashes=not data.get("quotes"), kg=data)
    net.options = _options(graph.number_of_edges() > MANY_EDGES)
    return net


@dataclass(frozen=True)
class Look:
    """How the page draws one node: colour, vis-network shape, size, and position in pixels (y downwards)."""

    color: str
    shape: str
    size: float
    x: int
    y: int


def appearance(graph: nx.MultiDiGraph) -> dict[str, Look]:
    """Each node's look on the page: its class's colour and shape, a size growing with its links, its place."""
    positions = layout(graph)
    looks = {}
    for node in graph:
        style = STYLES.get(graph.nodes[node].get("kind", ""), OTHER)
        size = round(10 + 5 * math.sqrt(graph.degree(node)), 1)
        looks[node] = Look(style.color, style.shape, size, *positions[node])
    return looks


def edge_label(data: dict[str, Any]) -> str:
    """The relation in words, with its dates: 'mayor of (as of 2019)'."""
    dates = ", ".join(" ".join(pair) for pair in data.get("dates", []))
    return f"{data.get('label', '')} ({dates})" if dates else data.get("label", "")


def _options(many: bool) -> dict[str, Any]:
    return {
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1, "widthConstraint": {"maximum": 180}},
        "edges": {
            "smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 10, "face": "sans-serif", "align": "middle", "color": "#555"},
            "color": {"color": "#aab", "highlight": "#333", "hover": "#333"},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": many, "hideEdgesOnZoom": many},
    }


def page(graph: nx.MultiDiGraph, title: str = "APEKSI knowledge graph") -> str:
    """The whole HTML page: vis-network, its style, the data and the page script, all inline."""
    nodes, edges, _, _, _, options = vis_network(graph).get_network_data()
    kinds = sorted({data.get("kind", "") for _, data in graph.nodes(data=True)}, key=_kind_order)
    komwil = sorted({c for _, cs in graph.nodes(data="komwil") for c in cs or ()})
    payload = {
        "title": title, "nodes": nodes, "edges": edges, "options": json.loads(options),
        "legend": [_legend(kind, graph) for kind in kinds],
        "komwil": [{"id": c, "label": graph.nodes[c]["label"] if c in graph else c} for c in komwil],
        "years": sorted({y for _, ys in [*graph.nodes(data="years"), *_edge_years(graph)] for y in ys or ()}),
    }
    return "".join([
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f"<title>{html.escape(title)}</title>\n<style>\n", _asset("vis-network.css"), "\n", PAGE_CSS,
        "</style>\n</head>\n<body>\n", PAGE_BODY,
        '<script type="application/json" id="kg-data">', script_json(payload), "</script>\n",
        "<script>\n", _asset("vis-network.min.js"), "\n</script>\n<script>\n", PAGE_SCRIPT, "</script>\n",
        "</body>\n</html>\n",
    ])


def _kind_order(kind: str) -> int:
    return list(STYLES).index(kind) if kind in STYLES else len(STYLES)


def _legend(kind: str, graph: nx.MultiDiGraph) -> dict[str, Any]:
    style = STYLES.get(kind, OTHER)
    count = sum(1 for _, k in graph.nodes(data="kind") if k == kind)
    return {"kind": kind, "legend": style.legend, "color": style.color, "shape": style.shape, "count": count}


def _edge_years(graph: nx.MultiDiGraph) -> list[tuple[None, list[int]]]:
    return [(None, data.get("years") or []) for _, _, data in graph.edges(data=True)]


def script_json(value: Any) -> str:
    """JSON that is safe inside a <script> element: no '<', '>' or '&' can end it or open a tag."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _asset(name: str) -> str:
    try:
        text = (VIS / name).read_text(encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot read vis-network from the pyvis package ({exc.strerror}); reinstall pyvis",
                      VIS / name) from None
    return text.replace("</script", "<\\/script").replace("</style", "<\\/style")


PAGE_CSS = """
html, body { margin: 0; height: 100%; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { display: flex; color: #222; }
#side { width: 340px; flex: none; overflow-y: auto; padding: 10px 14px; border-right: 1px solid #ddd;
        box-sizing: border-box; background: #fafafa; }
#graph { flex: 1; height: 100%; }
h1 { font-size: 17px; margin: 4px 0 2px; }
h2 { font-size: 13px; margin: 14px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #555; }
#counts, .muted { color: #666; font-size: 12px; }
#search { width: 100%; box-sizing: border-box; padding: 5px 7px; font: inherit; }
#search-result { font-size: 12px; color: #666; min-height: 1.2em; }
ul.checks { list-style: none; padding: 0; margin: 0; }
ul.checks li { margin: 2px 0; }
ul.checks input { margin: 0 6px 0 0; vertical-align: -1px; }
.swatch { width: 14px; height: 14px; margin: 0 5px 0 3px; vertical-align: -2px; }
.card h3 { font-size: 15px; margin: 4px 0; }
.card .kind { color: #666; font-size: 12px; margin-bottom: 4px; }
.card dl { margin: 4px 0; display: grid; grid-template-columns: max-content 1fr; gap: 1px 8px; }
.card dt { color: #666; }
.card dd { margin: 0; }
.card blockquote { margin: 6px 0 2px; padding: 2px 8px; border-left: 3px solid #ccc; font-style: italic;
                   white-space: pre-wrap; }
.card .cite { font-size: 12px; color: #555; margin-bottom: 4px; }
div.vis-tooltip { max-width: 420px; white-space: normal; font: 13px/1.35 system-ui, sans-serif; }
"""

PAGE_BODY = """<div id="side">
<h1 id="title"></h1>
<div id="counts"></div>
<h2>Search</h2>
<input id="search" type="search" list="names" placeholder="Any name, e.g. Molen" autocomplete="off">
<datalist id="names"></datalist>
<div id="search-result"></div>
<h2>Classes</h2>
<ul id="legend" class="checks"></ul>
<h2>Komwil</h2>
<ul id="komwil" class="checks"></ul>
<h2>Years</h2>
<ul id="years" class="checks"></ul>
<p class="muted">Undated entities and links are always shown. Dashed links come from the reference data only.</p>
<h2>Details</h2>
<div id="details" class="card"><span class="muted">Click a node or a link.</span></div>
</div>
<div id="graph"></div>
"""

PAGE_SCRIPT = r"""(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const nodeById = new Map(data.nodes.map((n) => [n.id, n]));

  function el(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (className) e.className = className;
    return e;
  }
  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : ""; }
  function rows(dl, pairs) {
    for (const [name, value] of pairs) { dl.append(el("dt", name), el("dd", value)); }
  }
  function kindName(kind) {
    const entry = data.legend.find((l) => l.kind === kind);
    return entry ? entry.legend : kind;
  }
  function link(url, text, clickable) {
    if (!clickable || !safeUrl(url)) return el("span", url);
    const a = el("a", text);
    a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer";
    return a;
  }
  function cite(quote, withLink) {
    const line = el("div", null, "cite");
    line.append("\u2014 " + (quote.headline || quote.article) + (quote.published ? " (" + quote.published + ")" : ""));
    if (quote.url) line.append(" ", link(quote.url, "open article", withLink));
    return line;
  }
  function describe(item, isEdge, withLinks) {
    const kg = item.kg, card = el("div", null, "card");
    if (isEdge) {
      const ends = [nodeById.get(item.from).label, kg.label, nodeById.get(item.to).label];
      card.append(el("h3", ends.join(" \u2192 ")));
      card.append(el("div", "link: " + kg.label, "kind"));
    } else {
      card.append(el("h3", kg.label), el("div", kindName(kg.kind) + " \u00b7 " + item.id, "kind"));
    }
    const dl = el("dl");
    if (!isEdge && kg.names.length) rows(dl, [["other names", kg.names.join("; ")]]);
    rows(dl, kg.dates);
    rows(dl, kg.details);
    if (dl.childElementCount) card.append(dl);
    const quotes = kg.quotes || [];
    for (const quote of withLinks ? quotes : quotes.slice(0, 4)) {
      card.append(el("blockquote", "\u201c" + quote.quote + "\u201d"), cite(quote, withLinks));
    }
    if (quotes.length > 4 && !withLinks) {
      card.append(el("div", "+ " + (quotes.length - 4) + " more quotes: click", "muted"));
    }
    for (const source of kg.sources || []) {
      const line = el("div", "reference source: ", "cite");
      line.append(link(source, source, withLinks));
      card.append(line);
    }
    if (!quotes.length && !(kg.sources || []).length) card.append(el("div", "from the reference data", "muted"));
    return card;
  }

  const nodes = new vis.DataSet(data.nodes.map((n) => Object.assign({}, n, {title: describe(n, false, false)})));
  const edges = new vis.DataSet(data.edges.map((e) => Object.assign({}, e, {title: describe(e, true, false)})));
  const network = new vis.Network(document.getElementById("graph"), {nodes: nodes, edges: edges}, data.options);
  const page = {network: network, nodes: nodes, edges: edges, data: data, firstDraw: null};
  window.network = network;
  window.kgPage = page;
  network.once("afterDrawing", () => { page.firstDraw = performance.now(); });

  document.getElementById("title").textContent = data.title;
  document.title = data.title;
  const details = document.getElementById("details");
  function show(card) { details.replaceChildren(...card.childNodes); }
  function showNode(id) { show(describe(nodeById.get(id), false, true)); }
  network.on("click", (params) => {
    if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) show(describe(data.edges.find((e) => e.id === params.edges[0]), true, true));
  });

  const SHAPES = {
    square: "M2 2h12v12H2z", diamond: "M8 1l7 7-7 7-7-7z", triangle: "M8 1l7 13H1z", triangleDown: "M1 2h14L8 15z",
    hexagon: "M4.5 2h7L15 8l-3.5 6h-7L1 8z", box: "M1 4h14v8H1z",
    star: "M8 1l1.8 4.6 4.9.3-3.8 3.1 1.2 4.8L8 11.2 3.9 13.8l1.2-4.8-3.8-3.1 4.9-.3z",
  };
  function swatch(shape, color) {
    const ns = "http://www.w3.org/2000/svg", svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 16 16");
    svg.setAttribute("class", "swatch");
    const round = shape === "dot" || shape === "ellipse";
    const mark = document.createElementNS(ns, round ? "ellipse" : "path");
    if (round) {
      const radii = [["cx", 8], ["cy", 8], ["rx", 7], ["ry", shape === "dot" ? 7 : 4.5]];
      for (const [name, value] of radii) mark.setAttribute(name, value);
    } else {
      mark.setAttribute("d", SHAPES[shape] || SHAPES.square);
    }
    mark.setAttribute("fill", color);
    svg.append(mark);
    return svg;
  }
  function checkList(listId, items, group) {
    const list = document.getElementById(listId);
    for (const item of items) {
      const li = el("li"), label = el("label"), box = el("input");
      box.type = "checkbox"; box.checked = true; box.value = String(item.value); box.dataset.group = group;
      box.addEventListener("change", applyFilters);
      label.append(box);
      if (item.shape) label.append(swatch(item.shape, item.color));
      label.append(el("span", item.text));
      li.append(label);
      if (item.kind) li.dataset.kind = item.kind;
      list.append(li);
    }
    if (!items.length) list.append(el("li", "none", "muted"));
  }
  checkList("legend", data.legend.map((l) => ({value: l.kind, kind: l.kind, shape: l.shape, color: l.color,
    text: l.legend + " (" + l.count + ")"})), "kind");
  checkList("komwil", data.komwil.map((k) => ({value: k.id, text: k.label})), "komwil");
  checkList("years", data.years.map((y) => ({value: y, text: String(y)})), "year");

  function checked(group) {
    return new Set(Array.from(document.querySelectorAll("input[data-group='" + group + "']:checked"), (b) => b.value));
  }
  function anyIn(values, allowed) { return !values.length || values.some((v) => allowed.has(String(v))); }
  const hidden = new Map(), hiddenEdges = new Map();
  function applyFilters() {
    const kinds = checked("kind"), komwil = checked("komwil"), years = checked("year");
    const nodeChanges = [], edgeChanges = [];
    for (const n of data.nodes) {
      const hide = !kinds.has(n.kg.kind) || !anyIn(n.kg.komwil, komwil) || !anyIn(n.kg.years, years);
      if ((hidden.get(n.id) || false) !== hide) { hidden.set(n.id, hide); nodeChanges.push({id: n.id, hidden: hide}); }
    }
    for (const e of data.edges) {
      const hide = hidden.get(e.from) || hidden.get(e.to) || !anyIn(e.kg.years, years) || false;
      if ((hiddenEdges.get(e.id) || false) !== hide) {
        hiddenEdges.set(e.id, hide);
        edgeChanges.push({id: e.id, hidden: hide});
      }
    }
    nodes.update(nodeChanges);
    edges.update(edgeChanges);
    const shownNodes = data.nodes.length - data.nodes.filter((n) => hidden.get(n.id)).length;
    const shownEdges = data.edges.length - data.edges.filter((e) => hiddenEdges.get(e.id)).length;
    document.getElementById("counts").textContent = shownNodes + " of " + data.nodes.length + " entities, " +
      shownEdges + " of " + data.edges.length + " links shown";
  }
  applyFilters();

  function fold(text) { return String(text).normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim(); }
  function findNode(query) {
    const wanted = fold(query);
    if (!wanted) return null;
    let best = null, bestRank = 3;
    for (const n of data.nodes) {
      for (const name of [n.kg.label, ...n.kg.names, n.id]) {
        const have = fold(name);
        const rank = have === wanted ? 0 : have.startsWith(wanted) ? 1 : have.includes(wanted) ? 2 : 3;
        if (rank < bestRank) { best = n; bestRank = rank; }
      }
    }
    return best;
  }
  const names = document.getElementById("names");
  const allNames = new Set();
  for (const n of data.nodes) for (const name of [n.kg.label, ...n.kg.names]) allNames.add(name);
  for (const name of Array.from(allNames).sort()) { const o = el("option"); o.value = name; names.append(o); }
  const search = document.getElementById("search"), result = document.getElementById("search-result");
  function runSearch() {
    const found = findNode(search.value);
    if (!search.value.trim()) { result.textContent = ""; return; }
    if (!found) { result.textContent = "No entity has that name."; network.unselectAll(); return; }
    result.textContent = found.kg.label + (hidden.get(found.id) ? " (hidden by a filter)" : "");
    network.selectNodes([found.id]);
    if (!hidden.get(found.id)) network.focus(found.id, {scale: 1.2, animation: false});
    showNode(found.id);
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", (event) => { if (event.key === "Enter") runSearch(); });
  page.findNode = findNode;
})();
"""
