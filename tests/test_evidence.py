"""Every quote in the seeds resolves to the right offsets in its article's text."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
import yaml

from kg.quotes import QuoteError, locate, occurs
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


def quotes_in_seeds() -> set[tuple[str, str, int]]:
    """Every (article id, quote, occurrence) the annotation files give, read with plain PyYAML."""
    found: set[tuple[str, str, int]] = set()

    def walk(node: object, article: str) -> None:
        if isinstance(node, dict):
            if "quote" in node:
                found.add((article, node["quote"], int(node.get("occurrence", 1))))
            for value in node.values():
                walk(value, article)
        elif isinstance(node, list):
            for value in node:
                walk(value, article)

    for path in (ROOT / "seeds" / "annotations").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        walk(data, data["article"]["id"])
    return found


def spaced(text: str) -> str:
    """Every whitespace character as a plain space, one for one, so offsets do not move."""
    return "".join(" " if c.isspace() else c for c in text)


def nth_start(text: str, quote: str, nth: int) -> int:
    start = -1
    for _ in range(nth):
        start = text.index(quote, start + 1)
    return start


def test_every_quote_in_the_seeds_has_evidence_at_its_own_offsets(store: pyoxigraph.Store) -> None:
    spans = {}
    query = PROLOGUE + """SELECT ?article ?text ?start ?end WHERE { ?ev oa:hasSource ?a ; oa:hasSelector ?p .
        ?a schema:text ?text . ?p oa:start ?start ; oa:end ?end . BIND(STRAFTER(STR(?a), "/article/") AS ?article) }"""
    for row in store.query(query, use_default_graph_as_union=True):
        spans.setdefault(row["article"].value, set()).add((int(row["start"].value), int(row["end"].value)))
        texts = spans.setdefault("text:" + row["article"].value, row["text"].value)
        assert texts == row["text"].value
    expected = {}
    for article, quote, nth in quotes_in_seeds():
        start = nth_start(spaced(spans["text:" + article]), spaced(quote), nth)
        expected.setdefault(article, set()).add((start, start + len(quote)))
    assert {k: v for k, v in spans.items() if not k.startswith("text:")} == expected


def test_every_quote_is_at_its_offsets(store: pyoxigraph.Store) -> None:
    for text, exact, prefix, suffix, start, end in evidence(store):
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


@pytest.mark.parametrize(("text", "words", "found"), [
    ("Wali Kota Maulan Aklil membuka acara", "Maulan Aklil", True),
    ("Wali Kota Maulan Aklil membuka acara", "lan Ak", False),
    ("Wali\u00a0Kota\n\tBukittinggi", "Wali Kota Bukittinggi", True),
    ("Kota_Padang hadir", "Kota", False),
    ("Pemkot Sawahlunto, Pemkot Solok", "Pemkot Solok", True),
    ("Ketua APEKSI2025", "APEKSI", False),
    ("Bupati Ñamira dan Wali Kota Éko", "Éko", True),
    ("  Wali Kota", "Wali", True),
])
def test_whole_words_are_found_as_a_word_boundary_pattern_finds_them(text: str, words: str, found: bool) -> None:
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words.split()) + r"(?!\w)"
    assert (re.search(pattern, text) is not None) == found
    assert occurs(text, words) == found
