"""A page of links, one per saved query, each opening the query in the SPARQL server's query page, ready to run.

Oxigraph's server answers its root URL with YASGUI, which reads a query and an
endpoint from the URL's fragment (`/#query=...&endpoint=...`); the links use that.
A parameter with a default is bound as `kg query` binds it (kg.query.with_values).
"""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from kg.files import write_files
from kg.pages import render
from kg.query import QUERY_DIR, Parameter, available, bindings, read_query, with_values

PAGE = "queries.html"


@dataclass(frozen=True)
class QueryLink:
    name: str
    title: str
    question: str
    parameters: list[Parameter]
    link: str


def page_link(page: str, endpoint: str, name: str, text: str) -> str:
    """The address that opens `text` in the YASGUI page at `page`, asking `endpoint`."""
    fragment = urllib.parse.urlencode({"query": text, "endpoint": endpoint, "requestMethod": "POST",
                                       "tabTitle": name}, quote_via=urllib.parse.quote)
    return f"{page}#{fragment}"


def query_links(page: str, endpoint: str, directory: Path = QUERY_DIR) -> list[QueryLink]:
    links = []
    for name in available(directory):
        query = read_query(directory / f"{name}.rq")
        text = with_values(query, bindings(query, {}))
        links.append(QueryLink(name, query.title or name, query.question, list(query.parameters.values()),
                               page_link(page, endpoint, name, text)))
    return links


def write_query_links(destination: Path, page: str, endpoint: str, directory: Path = QUERY_DIR) -> Path:
    """Write the page of links to `destination` (the saved queries of `directory`) and return its path."""
    html = render(PAGE, title="Saved queries of the APEKSI knowledge graph", page=page, endpoint=endpoint,
                  queries=query_links(page, endpoint, directory))
    write_files({destination: html})
    return destination


def announcement(endpoint: str, build_dir: Path, directory: Path = QUERY_DIR) -> str:
    """What `kg serve` prints once the server answers: the endpoint, the query page for a browser and the
    page of saved-query links, which it writes to `build_dir`."""
    page = endpoint.removesuffix("query")
    lines = [f"SPARQL endpoint: {endpoint} (for programs; all named graphs form the default graph)",
             f"Query page:      {page} (open it in a browser)"]
    if available(directory):
        links = write_query_links(build_dir / PAGE, page, endpoint, directory)
        lines.append(f"Saved queries:   {links.resolve().as_uri()} (each link opens one in the query page)")
    return "\n".join([*lines, "Ctrl-C stops the server"])
