"""Every quote in the seeds resolves to the right offsets in its article's text."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
import yaml

from kg.quotes import QuoteError, locate
from tests.sparql import PROLOGUE

ROOT = Path(__file__).resolve().parent.parent

EVIDENCE = PROLOGUE + """SELECT ?text ?exact ?prefix ?suffix ?start ?end WHERE {
    ?ev oa:hasSource ?article ; oa:hasSelector ?q , ?p .
    ?article schema:text ?text .
    ?q oa:exact ?exact ; oa:prefix ?prefix ; oa:suffix ?suffix .
    ?p oa:start ?start ; oa:end ?end }"""


def evidence(store: pyoxigraph.Store) -> list[tuple[str, str, str, str, int, int]]:
    result = store.query(EVIDENCE, use_default_graph_as_union=True)
    return [(r["text"].value, r["exact"].value, r["prefix"].value, r["suffix"].value, int(r["start"].value),
             int(r["end"].value)) for r in result]


def quotes_in_seeds() -> set[tuple[str, str, object]]:
    """Every (file, quote, occurrence) the annotation files give, read with plain PyYAML."""
    found: set[tuple[str, str, object]] = set()

    def walk(node: object, path: Path) -> None:
        if isinstance(node, dict):
            if "quote" in node:
                found.add((path.name, node["quote"], node.get("occurrence")))
            for value in node.values():
                walk(value, path)
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    for path in (ROOT / "seeds" / "annotations").glob("*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")), path)
    return found


def test_every_quote_is_at_its_offsets(store: pyoxigraph.Store) -> None:
    found = evidence(store)
    assert len({(text, start, end) for text, _, _, _, start, end in found}) == len(quotes_in_seeds())
    for text, exact, prefix, suffix, start, end in found:
        assert text[start:end] == exact
        assert text[max(0, start - 32):start] == prefix
        assert text[end:end + 32] == suffix


def test_known_offsets(store: pyoxigraph.Store) -> None:
    quotes = {(exact, start, end) for _, exact, _, _, start, end in evidence(store)}
    assert ("Maulan Aklil (Molen)", 61, 81) in quotes
    assert ("Direktur Eksekutif Apeksi,\xa0Indah Wibi Nastiti", 501, 546) in quotes
    assert ("Rico Tri Putra Bayu Waas", 725, 749) in quotes
    assert ("Rico Tri Putra Bayu Waas", 310, 334) not in quotes


def test_every_statement_quotes_the_article_it_is_in(store: pyoxigraph.Store) -> None:
    query = PROLOGUE + """ASK { GRAPH ?g { ?st apk:evidence ?ev . ?ev oa:hasSource ?article }
        FILTER NOT EXISTS { GRAPH ?g { ?article a apk:Article } } }"""
    assert not store.query(query)


def test_whitespace_in_a_quote_matches_any_whitespace() -> None:
    span = locate("Apeksi,\xa0Indah\nWibi", "Apeksi, Indah Wibi")
    assert (span.start, span.end, span.exact) == (0, 18, "Apeksi,\xa0Indah\nWibi")


def test_occurrence_picks_one_of_several() -> None:
    assert locate("ab ab ab", "ab", occurrence=3).start == 6
    with pytest.raises(QuoteError, match=r"occurrence 4 asked for, but the quote occurs 3 time\(s\)"):
        locate("ab ab ab", "ab", occurrence=4)


def test_overlapping_occurrences_count() -> None:
    with pytest.raises(QuoteError, match="quote occurs 2 times in the article \\(at characters 0, 1\\)"):
        locate("aaa", "aa")
