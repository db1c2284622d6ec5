"""`kg viz`: the network as one self-contained, offline HTML page (vis-network, from the pyvis package).

Positions come from kg.layout (igraph, cached by the graph's shape) and physics
is off in the page, so the page is still the moment it is drawn, even for
thousands of nodes. Labels grow with a node's links and are drawn only when at
least 11 px on screen, so the first view shows the important names legibly and
the others appear as one zooms in. Reference-only cities and provinces are
folded per Komwil, and a large graph is grouped by Komwil; a group opens on
click. The page is the template kg/templates/network.html with the script and
style files of kg/assets/ and vis-network inlined; it loads nothing from any
other host. Text from articles reaches the page only as JSON data and is put
into the DOM as text, never as HTML.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx
import pyvis

from kg.assets import inline_safe, strings
from kg.errors import KgError
from kg.facts import read_facts
from kg.freshness import ensure_built
from kg.layout import LIBRARIES, layout
from kg.network import Scope, build_network, neighbourhood
from kg.outputs import TRIG
from kg.pages import WrittenPage, app_page, kept_page
from kg.readable_dates import Language, readable

VIS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
MANY_EDGES = 1000
FOLD_MIN = 3
GROUP_ABOVE = 250
LABEL_PX = 11
BOOSTED_LABELS = 60
GROUP_MARGIN_PX = 80
ROOM_SHARE = 0.6
UNGROUPED = ("Association", "Country")
TIMELINE_KINDS = ("Person", "City", "Commission", "Association", "Organization", "Province", "Country")


@dataclass(frozen=True)
class Style:
    """How one class of entity looks: its legend text (English), colour and vis-network shape."""

    legend: str
    color: str
    shape: str


STYLES = {
    "City": Style("City (kota)", "#2e86c1", "dot"),
    "Province": Style("Province", "#7f8c8d", "square"),
    "Country": Style("Country", "#34495e", "square"),
    "Person": Style("Person", "#c0392b", "diamond"),
    "Event": Style("Event", "#e67e22", "star"),
    "Agreement": Style("Agreement", "#8e44ad", "box"),
    "Association": Style("Association (APEKSI)", "#16a085", "hexagon"),
    "Commission": Style("Regional commission (Komwil)", "#27ae60", "triangle"),
    "Organization": Style("Organisation", "#6d4c41", "triangleDown"),
    "Venue": Style("Venue", "#d4ac0d", "ellipse"),
}
OTHER = Style("Other", "#95a5a6", "dot")
PAGE_LIBRARIES = (*LIBRARIES, f"pyvis {pyvis.__version__}")


def make_page(build_dir: Path, out: Path, seeds: Path, ontology_dir: Path, *, everything: bool = False,
              focus: str | None = None, depth: int = 1, lang: Language = "id") -> WrittenPage:
    """Build the dataset if it is missing or stale, then write the network page for the chosen entities."""
    notes: list[str] = []
    ensure_built(seeds, build_dir, ontology_dir, notes.append)
    scope: Scope = "every" if focus else "all" if everything else "articles"
    asked = ("network", scope, focus or "", str(depth), lang)
    return kept_page(build_dir / TRIG, out, "".join(notes), asked,
                     lambda: network_page(build_dir, scope, focus, depth, lang), PAGE_LIBRARIES)


def network_page(build_dir: Path, scope: Scope, focus: str | None, depth: int, lang: Language) -> tuple[str, str]:
    """The counts and the text of the network page of the dataset in `build_dir`."""
    graph = build_network(read_facts(build_dir / TRIG), scope)
    if focus:
        graph = neighbourhood(graph, focus, depth)
    words = strings(lang)
    title = words["neighbourhood"].format(label=graph.nodes[focus]["label"]) if focus else words["title"]
    text = page(graph, title, lang=lang, cache=layout_cache(build_dir), timeline="timeline.html")
    return f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges", text


def layout_cache(build_dir: Path) -> Path:
    return build_dir / ".cache" / "layout"


@dataclass(frozen=True)
class Look:
    """How the page draws one node: colour, vis-network shape, size, and position in pixels (y downwards)."""

    color: str
    shape: str
    size: float
    x: int
    y: int


def appearance(graph: nx.MultiDiGraph, cache: Path | None = None,
               positions: dict[str, tuple[int, int]] | None = None) -> dict[str, Look]:
    """Each node's look on the page: its class's colour and shape, a size growing with its links, its place."""
    positions = positions or layout(graph, cache)
    looks = {}
    for node in graph:
        style = STYLES.get(graph.nodes[node].get("kind", ""), OTHER)
        size = round(10 + 5 * math.sqrt(graph.degree(node)), 1)
        looks[node] = Look(style.color, style.shape, size, *positions[node])
    return looks


def edge_label(data: dict[str, Any], lang: Language = "en") -> str:
    """The relation in words, with its dates as a person reads them: 'mayor of (as of Oktober 2019)'."""
    dates = ", ".join(f"{name} {readable(value, lang)}" for name, value in data.get("dates", []))
    return f"{data.get('label', '')} ({dates})" if dates else data.get("label", "")


def page(graph: nx.MultiDiGraph, title: str | None = None, *, lang: Language = "id", cache: Path | None = None,
         timeline: str = "") -> str:
    """The whole HTML page: vis-network, its style, the data and the page script, all inline."""
    words = strings(lang)
    title = title or words["title"]
    payload = {
        "title": title, "strings": words, "timeline": timeline, "options": _options(graph.number_of_edges()),
        "labelPx": LABEL_PX, "boost": BOOSTED_LABELS,
        **page_data(graph, lang, cache),
    }
    return app_page("network", lang, title, script_json(payload), _asset("vis-network.css"),
                    _asset("vis-network.min.js"))


def page_data(graph: nx.MultiDiGraph, lang: Language, cache: Path | None = None) -> dict[str, Any]:
    """The nodes, edges, groups, legend and filter values the page script draws."""
    values = {node: round(math.sqrt(1 + graph.degree(node)), 3) for node in graph}
    names = komwil_names(graph)
    closed = groups(graph, names, values, lang)
    looks = appearance(graph, cache, skeleton_positions(graph, closed, cache))
    nodes = [_vis_node(node, graph.nodes[node], looks[node], values[node], lang) for node in sorted(graph)]
    edges = [_vis_edge(number, u, v, data, lang)
             for number, (u, v, _, data) in enumerate(sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3]))]
    kinds = sorted({data.get("kind", "") for _, data in graph.nodes(data=True)}, key=_kind_order)
    return {
        "nodes": nodes, "edges": edges, "groups": closed,
        "legend": [_legend(kind, graph) for kind in kinds],
        "komwil": [{"id": c, "label": names[c]} for c in sorted(names)],
        "years": sorted({y for _, ys in [*graph.nodes(data="years"), *_edge_years(graph)] for y in ys or ()}),
    }


def komwil_names(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The name of every Komwil any node belongs to: from its node, else from the network's table of names."""
    known = graph.graph.get("komwil_names", {})
    ids = {c for _, cs in graph.nodes(data="komwil") for c in cs or ()}
    return {c: graph.nodes[c]["label"] if c in graph else known.get(c, c) for c in ids}


def _vis_node(node: str, data: dict[str, Any], look: Look, value: float, lang: Language) -> dict[str, Any]:
    shown = {**data, "dates": [[name, readable(value, lang)] for name, value in data.get("dates", [])],
             "quotes": _readable_quotes(data.get("quotes", []), lang),
             "timeline": data.get("kind") in TIMELINE_KINDS}
    return {"id": node, "label": data.get("label") or node, "shape": look.shape, "color": look.color,
            "x": look.x, "y": look.y, "value": value, "kg": shown}


def _vis_edge(number: int, u: str, v: str, data: dict[str, Any], lang: Language) -> dict[str, Any]:
    shown = {**data, "dates": [[name, readable(value, lang)] for name, value in data.get("dates", [])],
             "quotes": _readable_quotes(data.get("quotes", []), lang)}
    return {"id": f"e{number}", "from": u, "to": v, "label": edge_label(data, lang),
            "dashes": not data.get("quotes"), "kg": shown}


def _readable_quotes(quotes: list[dict[str, Any]], lang: Language) -> list[dict[str, Any]]:
    return [{**quote, "published": readable(quote.get("published", ""), lang)} for quote in quotes]


def groups(graph: nx.MultiDiGraph, names: dict[str, str], values: dict[str, float],
           lang: Language) -> list[dict[str, Any]]:
    """The groups the page closes at first: reference-only cities and provinces folded per Komwil and, in a
    graph of more than GROUP_ABOVE nodes, everything that belongs to one Komwil grouped under it."""
    words, biggest = strings(lang), max(values.values(), default=1.0)
    folds: dict[str, list[str]] = {}
    for node, data in sorted(graph.nodes(data=True)):
        if not data.get("mentioned", True) and data.get("kind") in ("City", "Province"):
            folds.setdefault((data.get("komwil") or [""])[0], []).append(node)
    folds = {key: members for key, members in folds.items() if len(members) >= FOLD_MIN}
    if graph.number_of_nodes() - sum(map(len, folds.values())) > GROUP_ABOVE:
        homes = _homes(graph)
        members_of: dict[str, list[str]] = {}
        for node in sorted(graph):
            if homes.get(node):
                members_of.setdefault(homes[node], []).append(node)
        text, prefix, color = words["cluster"], "group:", STYLES["Commission"].color
    else:
        members_of, text, prefix, color = folds, words["folded"], "fold:", STYLES["City"].color
    return [{"id": prefix + key, "label": text.format(label=names.get(key, key or "?"), n=len(members)),
             "members": members, "color": color, "value": biggest + 1} for key, members in sorted(members_of.items())]


def skeleton_positions(graph: nx.MultiDiGraph, closed: list[dict[str, Any]],
                       cache: Path | None) -> dict[str, tuple[int, int]]:
    """Positions when groups start closed: each group's members are laid out on their own, then the graph with
    each group as one node as large as its drawing, and each group's drawing is put where its node is. The
    first view is laid out for what it shows, and an opened group unfolds into room left for it (ROOM_SHARE
    of its size: it may overlap its neighbours a little)."""
    if not closed:
        return layout(graph, cache)
    home = {member: group["id"] for group in closed for member in group["members"]}
    local = {group["id"]: layout(graph.subgraph(group["members"]), cache) for group in closed}
    room = {group: _extent(points, ROOM_SHARE) for group, points in local.items()}
    skeleton = nx.MultiDiGraph()
    skeleton.add_nodes_from((node, {"label": data.get("label")}) for node, data in graph.nodes(data=True)
                            if node not in home)
    skeleton.add_nodes_from((group["id"], {"label": group["label"]}) for group in closed)
    skeleton.add_edges_from((home.get(u, u), home.get(v, v)) for u, v in graph.edges())
    centres = layout(skeleton, cache, room)
    placed = {node: centres[node] for node in graph if node not in home}
    for group, points in local.items():
        (x, y), (width, height) = centres[group], room[group]
        for member, (px, py) in points.items():
            placed[member] = (round(x + px - width / 2), round(y + py - height / 2))
    return placed


def _extent(points: dict[str, tuple[int, int]], share: float) -> tuple[float, float]:
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    return (max(xs) - min(xs)) * share + GROUP_MARGIN_PX, (max(ys) - min(ys)) * share + GROUP_MARGIN_PX


def _homes(graph: nx.MultiDiGraph) -> dict[str, str]:
    """The one Komwil each node belongs to: its own; for an event of several, that of the city it is held in;
    else the one most of its neighbours belong to (asked again until nothing changes)."""
    homes = {node: cs[0] for node, cs in graph.nodes(data="komwil") if cs and len(cs) == 1}
    for node, _, data in graph.edges(data=True):
        if data.get("relation") == "eventCity" and node not in homes:
            cities = [v for _, v, d in graph.out_edges(node, data=True) if d.get("relation") == "eventCity"]
            found = sorted(homes[city] for city in cities if city in homes)
            if found:
                homes[node] = found[0]
    changed = True
    while changed:
        changed = False
        for node in sorted(set(graph) - set(homes)):
            near = Counter(homes[n] for n in nx.all_neighbors(graph, node) if n in homes)
            if near:
                homes[node] = min(near, key=lambda c: (-near[c], c))
                changed = True
    return {node: home for node, home in homes.items() if graph.nodes[node].get("kind") not in UNGROUPED}


def _options(edges: int) -> dict[str, Any]:
    many = edges > MANY_EDGES
    threshold = {"enabled": True, "drawThreshold": LABEL_PX + 1, "maxVisible": 30}
    return {
        "physics": {"enabled": False, "stabilization": {"enabled": False}},
        "layout": {"improvedLayout": False},
        "nodes": {"font": {"size": 15, "face": "sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "widthConstraint": {"maximum": 220},
                  "scaling": {"min": 8, "max": 30, "label": {**threshold, "min": 15, "max": 22}}},
        "edges": {
            "smooth": False, "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
            "font": {"size": 13, "face": "sans-serif", "align": "middle", "color": "#555"},
            "scaling": {"label": {**threshold, "min": 13, "max": 13}},
            "color": {"color": "#aab", "highlight": "#333", "hover": "#333"},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": many, "hideEdgesOnZoom": many},
    }


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
    return inline_safe(text)
