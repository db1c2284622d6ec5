"""`kg timeline`: posts and events on one offline HTML timeline page (vis-timeline, bundled in kg/assets/).

A post is a bar from its start to its end; a post known only from some date on
("from", no end), or only as held on a date ("as of"), or only as ended before
a date, is drawn as what is known: a bar that fades where the knowledge stops.
An event is a point on its day, or a bar over its period; an event known only
to lie before a date is a point marked so. Items are grouped by person, by
city, or by post ("Mayor of Kota Pangkal Pinang" over the years); clicking an
item shows its dates, quotes and articles. The data comes from the same
network as `kg viz` (kg.network), read from the built dataset.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox

from kg.assets import asset, strings
from kg.errors import KgError
from kg.facts import Facts, read_facts
from kg.freshness import ensure_built
from kg.ids import closest
from kg.namespaces import APK
from kg.network import build_network
from kg.outputs import TRIG
from kg.pages import WrittenPage, app_page, kept_page
from kg.readable_dates import Language, readable
from kg.viz import PAGE_LIBRARIES, script_json

PLACE_LINKS = ("held in", "hosted", "organised")
OPEN_DAYS = 365


def make_timeline(build_dir: Path, out: Path, seeds: Path, ontology_dir: Path, *, entity: str | None = None,
                  lang: Language = "id") -> WrittenPage:
    """Build the dataset if it is missing or stale, then write the timeline page (of one entity, if given)."""
    notes: list[str] = []
    ensure_built(seeds, build_dir, ontology_dir, notes.append)
    asked = ("timeline", "all" if entity is None else f"entity {entity}", lang)
    return kept_page(build_dir / TRIG, out, "".join(notes), asked, lambda: entity_timeline(build_dir, entity, lang),
                     PAGE_LIBRARIES)


def entity_timeline(build_dir: Path, entity: str | None, lang: Language) -> tuple[str, str]:
    """The counts and the text of the timeline page (of one entity, if given) of the dataset in `build_dir`."""
    facts = read_facts(build_dir / TRIG)
    graph = build_network(facts, "every")
    if entity is not None and entity not in graph:
        names = {node: [data["label"], *data["names"]] for node, data in graph.nodes(data=True)}
        near = closest(entity, names)
        raise KgError(f"unknown entity '{entity}'; " + (f"closest ids: {', '.join(near)}" if near
                                                        else "`kg ids TEXT` lists the ids by name"))
    data = timeline_data(graph, facts, lang, entity)
    words = strings(lang)
    title = words["timelineOf"].format(label=graph.nodes[entity]["label"]) if entity else words["timelineTitle"]
    kinds = [item["kind"] for item in data["items"]]
    return f"{kinds.count('post')} posts, {kinds.count('event')} events", timeline_page(data, title, lang)


def timeline_page(data: dict[str, Any], title: str, lang: Language) -> str:
    words = strings(lang)
    payload = {**data, "title": title, "strings": words, "network": "graph.html"}
    return app_page("timeline", lang, title, script_json(payload),
                    asset("assets", "vis-timeline", "vis-timeline-graph2d.min.css"),
                    asset("assets", "vis-timeline", "vis-timeline-graph2d.min.js"))


def timeline_data(graph: nx.MultiDiGraph, facts: Facts, lang: Language, entity: str | None = None) -> dict[str, Any]:
    """The items (posts and events), the groups they fall in by person, city and post, and the filters."""
    items = [*_posts(graph, lang), *_events(graph, facts, lang)]
    if entity is not None:
        items = [item for item in items if any(entity in members for members in item["groups"].values())]
    used = {group for item in items for members in item["groups"].values() for group in members}
    groups = {group: _group(graph, group) for group in sorted(used)}
    komwil = sorted({c for item in items for c in item["komwil"]})
    names = graph.graph.get("komwil_names", {})
    return {
        "items": sorted(items, key=lambda item: (item["start"], item["id"])), "groups": groups,
        "komwil": [{"id": c, "label": names.get(c, c)} for c in komwil],
        "years": sorted({y for item in items for y in item["years"]}), "entity": entity or "",
    }


def _group(graph: nx.MultiDiGraph, group: str) -> dict[str, str]:
    if group.startswith("post:"):
        return {"label": group.split(":", 2)[2], "kind": "post"}
    return {"label": graph.nodes[group]["label"], "kind": graph.nodes[group]["kind"]}


def _posts(graph: nx.MultiDiGraph, lang: Language) -> list[dict[str, Any]]:
    items = []
    for number, (holder, place, data) in enumerate(_sorted_edges(graph, "position/")):
        dates = dict(data["dates"])
        role = data["label"].removeprefix("former ").removesuffix(" of")
        post = f"{role[:1].upper()}{role[1:]} of {graph.nodes[place]['label']}"
        start, end, shape = _post_span(dates)
        cities = [place] if graph.nodes[place]["kind"] == "City" else []
        items.append({
            "id": f"p{number}", "kind": "post", "label": f"{graph.nodes[holder]['label']}: {post}",
            "start": start, "end": end, "shape": shape, "type": "range",
            "dates": [[name, readable(value, lang)] for name, value in data["dates"]],
            "quotes": _quotes(data["quotes"], lang), "komwil": _komwil(graph, [holder, place]),
            "years": data["years"],
            "groups": {"person": [holder], "city": cities, "post": [f"post:{data['relation']}/{place}:{post}"]},
        })
    return items


def _post_span(dates: dict[str, str]) -> tuple[str, str, str]:
    """Start, end and the shape of a post's bar: 'known' (both ends), 'open-end', 'as-of', 'open-start'."""
    start, end = dates.get("from"), dates.get("until")
    if start and end:
        return first_day(start), last_day(end), "known"
    if start:
        upto = dates.get("as of") or dates.get("ended before")
        return first_day(start), last_day(upto) if upto else _shift(first_day(start), OPEN_DAYS), "open-end"
    if end or dates.get("ended before"):
        upto = end or dates["ended before"]
        return _shift(first_day(upto), -OPEN_DAYS), last_day(upto) if end else first_day(upto), "open-start"
    known = dates.get("as of", "")
    return _shift(first_day(known), -OPEN_DAYS), last_day(known), "as-of"


def _events(graph: nx.MultiDiGraph, facts: Facts, lang: Language) -> list[dict[str, Any]]:
    items = []
    for event, data in sorted(graph.nodes(data=True)):
        if data["kind"] != "Event":
            continue
        dates = dict(data["dates"])
        day = dates.get("date") or dates.get("from")
        if not day and not dates.get("not after"):
            continue
        people, cities, roles = _taking_part(graph, facts, event)
        span = {"start": first_day(day), "end": last_day(dates["until"]), "type": "range", "shape": "known"} \
            if day and dates.get("until") else {"start": first_day(day or dates["not after"]), "end": "",
                                                 "type": "point", "shape": "known" if day else "not-after"}
        items.append({
            "id": f"e:{event}", "kind": "event", "label": data["label"], **span,
            "dates": [[name, readable(value, lang)] for name, value in data["dates"]], "roles": roles,
            "quotes": _quotes(data["quotes"], lang), "komwil": data["komwil"], "years": data["years"],
            "groups": {"person": people, "city": cities, "post": []},
        })
    return items


def _taking_part(graph: nx.MultiDiGraph, facts: Facts, event: str) -> tuple[list[str], list[str], dict[str, str]]:
    """The people and cities that took part in an event, and how each did, roles merged: 'attended, spoke'."""
    roles: dict[str, set[str]] = {}
    for u, _, data in graph.in_edges(event, data=True):
        if data["relation"].startswith("participation/") or data["label"] in PLACE_LINKS:
            label = data["label"]
            on = [o.value for o in facts.values(ox.NamedNode(data["record"]), APK.participationDate)] \
                if data["record"] else []
            roles.setdefault(u, set()).add(f"{label} ({readable(on[0])})" if on else label)
    for _, v, data in graph.out_edges(event, data=True):
        if data["label"] == "held in":
            roles.setdefault(v, set()).add("held in")
    kinds = {node: graph.nodes[node]["kind"] for node in roles}
    people = sorted(node for node, kind in kinds.items() if kind == "Person")
    cities = sorted(node for node, kind in kinds.items() if kind == "City")
    return people, cities, {node: ", ".join(sorted(how)) for node, how in sorted(roles.items())}


def _sorted_edges(graph: nx.MultiDiGraph, prefix: str) -> list[tuple[str, str, dict[str, Any]]]:
    edges = sorted(graph.edges(keys=True, data=True), key=lambda e: e[:3])
    return [(u, v, data) for u, v, _, data in edges if data["relation"].startswith(prefix)]


def _komwil(graph: nx.MultiDiGraph, nodes: list[str]) -> list[str]:
    return sorted({c for node in nodes for c in graph.nodes[node]["komwil"]})


def _quotes(quotes: list[dict[str, Any]], lang: Language) -> list[dict[str, Any]]:
    return [{**quote, "published": readable(quote.get("published", ""), lang)} for quote in quotes]


def first_day(value: str) -> str:
    """The first day a partial ISO date can mean: '2019' is 2019-01-01, '2019-10' 2019-10-01."""
    parts = value[:10].split("-")
    return "-".join([parts[0], *([*parts[1:], "01", "01"])[:2]])


def last_day(value: str) -> str:
    """The last day a partial ISO date can mean: '2019' is 2019-12-31, '2019-02' 2019-02-28."""
    parts = value[:10].split("-")
    year = int(parts[0])
    month = int(parts[1]) if len(parts) > 1 else 12
    day = int(parts[2]) if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{day:02d}"


def _shift(day: str, days: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=days)).isoformat()
