"""The network of `kg viz` as files for Gephi and Cytoscape: GraphML and GEXF, drawn as the page draws it.

Every node carries the colour, size and position the page gives it (kg.viz.appearance):
GraphML as attributes `color` ("#2e86c1"), `r`, `g`, `b`, `size`, `x`, `y` and `shape`,
which Gephi's importer reads as the node's look and Cytoscape offers for style mappings;
GEXF in its viz namespace (viz:color, viz:size, viz:position, viz:shape). The page and
GraphML count y downwards, as screens do; GEXF upwards, as Gephi does, so y is negated
there and the drawing looks the same. Booleans are written `true` and `false`, the
only spellings XML Schema allows (networkx writes Python's `True`).
"""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx

from kg.facts import read_facts
from kg.network import build_network, graphml_ready
from kg.viz import Look, appearance

XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>'
GEXF_SHAPES = {"dot": "disc", "ellipse": "disc", "hexagon": "disc", "square": "square", "box": "square",
               "triangle": "triangle", "triangleDown": "triangle", "diamond": "diamond", "star": "diamond"}


def rgb(color: str) -> tuple[int, int, int]:
    """'#2e86c1' as (46, 134, 193)."""
    value = color.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def drawn_network(trig: Path) -> tuple[nx.MultiDiGraph, dict[str, Look]]:
    """The page's network, its attributes ready for XML writers, and each node's look."""
    network = build_network(read_facts(trig))
    return graphml_ready(network), appearance(network)


def to_graphml(trig: Path) -> str:
    """The network as GraphML, each node with the page's colour, size and position as attributes."""
    network, looks = drawn_network(trig)
    for node, look in looks.items():
        r, g, b = rgb(look.color)
        network.nodes[node].update(color=look.color, r=r, g=g, b=b, size=float(look.size), x=float(look.x),
                                   y=float(look.y), shape=look.shape)
    text = "\n".join(nx.generate_graphml(network, prettyprint=True)) + "\n"
    return lower_case_booleans(text, r'<key id="([^"]+)"[^>]*attr\.type="boolean"',
                               r'(<data key="{key}">)(True|False)(<)')


def to_gexf(trig: Path) -> str:
    """The network as GEXF 1.2, each node with the page's look in the viz namespace (y upwards)."""
    network, looks = drawn_network(trig)
    for node, look in looks.items():
        r, g, b = rgb(look.color)
        network.nodes[node]["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": look.size,
                                      "position": {"x": float(look.x), "y": float(-look.y), "z": 0.0},
                                      "shape": GEXF_SHAPES.get(look.shape, "disc")}
    for number, (u, v, key) in enumerate(sorted(network.edges(keys=True))):
        network.edges[u, v, key]["id"] = f"e{number}"
    text = "\n".join([XML_DECLARATION, *nx.generate_gexf(network, prettyprint=True)]) + "\n"
    text = re.sub(r' lastmodifieddate="[^"]*"', "", text, count=1)
    return lower_case_booleans(text, r'<attribute id="([^"]+)"[^>]*type="boolean"',
                               r'(<attvalue for="{key}" value=")(True|False)(")')


def lower_case_booleans(text: str, declaration: str, value: str) -> str:
    """`text` with the values of the attributes `declaration` finds as boolean written true or false."""
    for key in re.findall(declaration, text):
        pattern = re.compile(value.format(key=re.escape(key)))
        text = pattern.sub(lambda m: f"{m.group(1)}{m.group(2).lower()}{m.group(3)}", text)
    return text
