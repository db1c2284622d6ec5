"""Errors of the interoperability layer: query shapes, parameters with nowhere to go, requests that fail
before they reach a server, page templates, and contradictory export options."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import KgError
from kg.pages import render
from kg.query import read_query, term, with_values
from kg.remote import http
from kg.sparql_text import QueryShapeError, where_brace


@pytest.mark.parametrize(("text", "message"), [
    ("PREFIX ex: <http://example.org/>", "no SELECT, CONSTRUCT, ASK or DESCRIBE found"),
    ("CONSTRUCT WHERE { ?s ?p ?o }", "a CONSTRUCT WHERE query has no group apart from its template; write the "
                                     "template out (CONSTRUCT { ... } WHERE { ... })"),
    ("SELECT * FROM <http://example.org/g>", "the query has no WHERE group"),
])
def test_query_shapes_without_a_where_group(text: str, message: str) -> None:
    with pytest.raises(QueryShapeError) as error:
        where_brace(text)
    assert str(error.value) == message


def test_a_brace_inside_a_string_is_not_the_where_group() -> None:
    text = 'SELECT ?x WHERE { ?x ?p "{" }'
    assert where_brace(text) == text.index("{")


def test_parameters_with_nowhere_to_go(tmp_path: Path) -> None:
    path = tmp_path / "odd.rq"
    path.write_text("# title: Odd\n# param ?entity (entity): who\nPREFIX ex: <http://example.org/>\n",
                    encoding="utf-8")
    query = read_query(path)
    with pytest.raises(KgError) as error:
        with_values(query, {"entity": term(query.parameters["entity"], "maulan-aklil")})
    assert str(error.value) == f"{path}: no SELECT, CONSTRUCT, ASK or DESCRIBE found, so its parameters have " \
                               "nowhere to go"


def test_a_url_requests_cannot_parse() -> None:
    with pytest.raises(KgError) as error:
        http("GET", "http://127.0.0.1:99999/query", timeout=1)
    assert str(error.value) == ("cannot talk to http://127.0.0.1:99999/query: Failed to parse: "
                                "http://127.0.0.1:99999/query")


def test_a_missing_page_template() -> None:
    with pytest.raises(KgError) as error:
        render("no-such-page.html")
    assert str(error.value).endswith("kg/templates/no-such-page.html: the page template is missing; reinstall "
                                     "apeksi-kg")


def test_ontology_only_and_no_ontology_contradict() -> None:
    result = CliRunner().invoke(main, ["export", "--ontology-only", "--no-ontology"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: --ontology-only and --no-ontology contradict each other"
