"""Positions for the network page: igraph's compiled Fruchterman-Reingold layout, one component at a time,
the components packed beside the largest one, cached by the graph's shape.

Each component is laid out from a seeded start, so the same graph always gets
the same positions; it is then scaled so that a node's nearest neighbour is
typically NEIGHBOUR_PX away, squeezed to between WIDEST proportions (a
window's), and nodes are pushed apart until their labels do not overlap (small
components), so that a page showing it whole draws labels at a readable size. Components are
packed in rows of about the window's proportions, largest first, so that
isolated nodes and small groups sit beside the main one, not in a long row
under it. The positions of a graph are stored under a hash of its nodes and
links in the build's cache folder; a page of an unchanged graph does not lay it
out again.
"""

from __future__ import annotations

import hashlib
import json
import math
import random
from collections.abc import Iterable
from pathlib import Path

import igraph
import networkx as nx
import numpy as np
import scipy
from scipy.spatial import cKDTree

from kg.cache import read_entry, write_entry

SEED = 7
LIBRARIES = (f"igraph {igraph.__version__}", f"networkx {nx.__version__}", f"numpy {np.__version__}",
             f"scipy {scipy.__version__}")
NEIGHBOUR_PX = 80
WIDEST = (0.9, 1.4)
SMALL = 300
GAP_PX = 120
WRAP_PX = 220
SPREAD_MAX = 600
SPREAD_ROUNDS = 500
MIN_SPREAD_ROUNDS = 40
SPREAD_BUDGET = 10_000_000
ASPECT = 0.5
VERSION = "igraph-11"
Positions = dict[str, tuple[int, int]]


def layout(graph: nx.MultiDiGraph, cache: Path | None = None,
           room: dict[str, tuple[float, float]] | None = None) -> Positions:
    """Deterministic positions in pixels (y downwards) for every node of `graph`; `room` gives the width and
    height some nodes need instead of their label's (a group that opens into a drawing of that size)."""
    nodes = sorted(graph)
    links = sorted({(min(u, v), max(u, v)) for u, v in graph.edges() if u != v})
    room = room or {}
    boxes = [room.get(node) or label_box(str(graph.nodes[node].get("label") or node), graph.degree(node))
             for node in nodes]
    path = cache / f"{_key(nodes, links, boxes)}.json" if cache else None
    stored = read_entry(path) if path else None
    if stored is not None:
        return {node: (x, y) for node, (x, y) in json.loads(stored).items()}
    positions = _compute(nodes, links, boxes)
    if path:
        write_entry(path, json.dumps(positions, sort_keys=True, separators=(",", ":")).encode("utf-8"))
    return positions


def label_box(label: str, degree: int) -> tuple[float, float]:
    """About how much room a node and its label take at zoom 1: the label wraps at WRAP_PX."""
    font = 14 + min(8.0, 2 * math.sqrt(degree))
    width = 0.58 * font * len(label)
    lines = max(1, math.ceil(width / WRAP_PX))
    return min(width, WRAP_PX) + 10, lines * font * 1.25 + 30


def _key(nodes: list[str], links: list[tuple[str, str]], boxes: list[tuple[float, float]]) -> str:
    digest = hashlib.sha256(VERSION.encode("utf-8"))
    for part in (nodes, links, boxes):
        digest.update(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return digest.hexdigest()


def _compute(nodes: list[str], links: list[tuple[str, str]], boxes: list[tuple[float, float]]) -> Positions:
    index = {node: i for i, node in enumerate(nodes)}
    whole = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in links])
    pieces = sorted(whole.connected_components(), key=lambda members: (-len(members), min(members)))
    igraph.set_random_number_generator(random.Random(SEED))
    try:
        drawn = [_spread(_component(whole.subgraph(members)), [boxes[m] for m in members]) for members in pieces]
    finally:
        igraph.set_random_number_generator(random)
    placed = _pack(drawn)
    return {nodes[member]: placed[c][k] for c, members in enumerate(pieces) for k, member in enumerate(members)}


def _component(piece: igraph.Graph) -> list[tuple[float, float]]:
    """A component's positions, scaled to LINK_PX per typical link and moved to start at (0, 0)."""
    count = piece.vcount()
    if count == 1:
        return [(0.0, 0.0)]
    rng = random.Random(SEED + count)
    start = [[rng.uniform(-1, 1) * math.sqrt(count), rng.uniform(-1, 1) * math.sqrt(count)] for _ in range(count)]
    if count <= SMALL:
        coords = piece.layout_kamada_kawai(seed=start, maxiter=50 * count)
    else:
        iterations = 500 if count < 2000 else 200
        grid = "auto" if count > 1000 else "nogrid"
        coords = piece.layout_fruchterman_reingold(seed=start, niter=iterations, grid=grid)
    points = [(float(x), float(y)) for x, y in coords.coords]
    nearest, _ = cKDTree(points).query(points, k=2)
    factor = NEIGHBOUR_PX / (float(np.median(nearest[:, 1])) or 1.0)
    width, height = _extent(points)
    aspect = width / max(height, 1e-9)
    stretch = math.sqrt(aspect / min(max(aspect, WIDEST[0]), WIDEST[1]))
    scaled = [(x * factor / stretch, y * factor * stretch) for x, y in points]
    left, top = min(x for x, _ in scaled), min(y for _, y in scaled)
    return [(x - left, y - top) for x, y in scaled]


def _spread(points: list[tuple[float, float]], boxes: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points moved apart until no two labels overlap, or after as many rounds as SPREAD_BUDGET allows for
    this many points (between MIN_SPREAD_ROUNDS and SPREAD_ROUNDS); components of up to SPREAD_MAX points."""
    if len(points) < 2 or len(points) > SPREAD_MAX:
        return points
    at, size = np.array(points, dtype=float), np.array(boxes, dtype=float)
    reach = (size[:, None, :] + size[None, :, :]) / 2
    for _ in range(min(SPREAD_ROUNDS, max(MIN_SPREAD_ROUNDS, SPREAD_BUDGET // len(points) ** 2))):
        gap = at[:, None, :] - at[None, :, :]
        overlap = reach - np.abs(gap)
        clash = (overlap[..., 0] > 0) & (overlap[..., 1] > 0)
        np.fill_diagonal(clash, False)
        if not clash.any():
            break
        axis = np.argmin(overlap / reach, axis=2)
        push = np.zeros_like(gap)
        for dim in (0, 1):
            along = clash & (axis == dim)
            direction = np.where(gap[..., dim] >= 0, 1.0, -1.0)
            push[..., dim] = np.where(along, overlap[..., dim] * direction / 2, 0.0)
        at += push.sum(axis=1) * 0.6
    left, top = at.min(axis=0)
    return [(float(x - left), float(y - top)) for x, y in at]


def _pack(drawn: list[list[tuple[float, float]]]) -> list[list[tuple[int, int]]]:
    """The largest component first; the others in columns to its right, each column as tall as it."""
    sizes = [_extent(points) for points in drawn]
    height = max(sizes[0][1], math.sqrt(sum((w + GAP_PX) * (h + GAP_PX) for w, h in sizes[1:]) / ASPECT))
    placed = [[(round(x), round(y)) for x, y in drawn[0]]]
    x, y, column = sizes[0][0] + GAP_PX, 0.0, 0.0
    for points, (w, h) in zip(drawn[1:], sizes[1:], strict=True):
        if y > 0 and y + h > height:
            x, y, column = x + column + GAP_PX, 0.0, 0.0
        placed.append([(round(x + px), round(y + py)) for px, py in points])
        y, column = y + h + GAP_PX, max(column, w)
    return placed


def _extent(points: Iterable[tuple[float, float]]) -> tuple[float, float]:
    xs, ys = zip(*points, strict=True)
    return max(xs) - min(xs), max(ys) - min(ys)
