"""`kg docs`: one offline HTML page naming every class and property in both languages."""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.cli import main
from kg.docs import combined_label, offline
from kg.namespaces import APK

ROOT = Path(__file__).resolve().parent.parent
KINDS = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
EXTERNAL = re.compile(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"']?(?:https?:)?//|"
                      r"@import|url\(\s*[\"']?(?:https?:)?//|@font-face", re.IGNORECASE)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    graph = Graph()
    graph.parse(ROOT / "ontology" / "apeksi.ttl")
    return graph


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The ontology's page and the vocabularies' page beside it."""
    out = tmp_path_factory.mktemp("docs") / "ontology.html"
    result = CliRunner().invoke(main, ["docs", "--out", str(out), "--ontology-dir", str(ROOT / "ontology")])
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote {out} and {out.parent / 'vocabularies.html'}\n"
    return out.read_text(encoding="utf-8"), (out.parent / "vocabularies.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(pages: tuple[str, str]) -> str:
    return pages[0]


@pytest.fixture(scope="module")
def vocabulary_page(pages: tuple[str, str]) -> str:
    return pages[1]


def terms(ontology: Graph) -> list[URIRef]:
    found = {s for kind in KINDS for s in ontology.subjects(RDF.type, kind)
             if isinstance(s, URIRef) and s.startswith(str(APK))}
    return sorted(found)


def section(page: str, term: URIRef) -> str:
    """The part of the page about one term: from its anchor to the next term's."""
    start = page.index(f'<div class="property entity" id="{term.split("#")[-1]}">')
    end = page.find('<div class="property entity"', start + 1)
    return page[start:end if end > 0 else len(page)]


def labels(ontology: Graph, term: URIRef) -> dict[str, str]:
    return {label.language: str(label) for label in ontology.objects(term, RDFS.label) if isinstance(label, Literal)}


def test_the_terms_checked_here_include_every_term_the_code_uses(ontology: Graph) -> None:
    assert {term.split("#")[-1] for term in terms(ontology)} >= set(APK.__annotations__)


def test_every_class_and_property_is_named_in_english_and_indonesian(page: str, ontology: Graph) -> None:
    for term in terms(ontology):
        names = labels(ontology, term)
        assert set(names) == {"en", "id"}, term
        heading = html.escape(f"{names['en']} ({names['id']})", quote=False)
        assert re.search(rf"^\s*<h3>{re.escape(heading)}\s*<sup", section(page, term), re.MULTILINE), term


def test_every_definition_is_there_in_both_languages(page: str, ontology: Graph) -> None:
    for term in terms(ontology):
        definitions = [d for d in ontology.objects(term, SKOS.definition) if isinstance(d, Literal)]
        assert sorted(d.language for d in definitions) == ["en", "id"], term
        for definition in definitions:
            assert f"<p>{html.escape(str(definition), quote=False)}</p>" in section(page, term), term


def test_alignments_link_to_the_other_vocabularies(page: str, ontology: Graph) -> None:
    alignments = [(s, o) for p in (RDFS.subClassOf, RDFS.subPropertyOf) for s, o in ontology.subject_objects(p)
                  if isinstance(s, URIRef) and isinstance(o, URIRef) and not o.startswith(str(APK))]
    assert len(alignments) > 20
    for term, other in alignments:
        assert f'href="{other}"' in section(page, term), (term, other)
    assert 'href="https://schema.org/Person"' in section(page, APK.Person)
    assert 'href="http://xmlns.com/foaf/0.1/Person"' in section(page, APK.Person)


def test_inverses_are_noted(page: str) -> None:
    assert "<p>Inverse of holder.</p>" in section(page, APK.holdsPosition)
    assert "<p>Inverse of holdsPosition.</p>" in section(page, APK.holder)
    assert "<p>Inverse of mayorOf.</p>" in section(page, APK.hasMayor)


def test_the_pages_need_no_network(page: str, vocabulary_page: str) -> None:
    for text in (page, vocabulary_page):
        assert EXTERNAL.search(text) is None
        assert "<style>" in text


def text_of(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()).replace("( ", "(").replace(" )", ")")


def test_class_expressions_are_in_manchester_syntax_with_links(page: str) -> None:
    mayor = section(page, APK.Mayor)
    assert "Person and holdsPosition some (role value mayor and positionIn some City)" in text_of(mayor)
    assert '<a href="vocabularies.html#mayor">mayor</a>' in mayor
    assert '<a href="#holdsPosition">holdsPosition</a>' in mayor
    assert "City or Organization or Person" in text_of(section(page, APK.Actor))
    assert re.search(r"[0-9a-f]{32}", page) is None, "no blank node hash is left on the page"


def test_the_ontology_page_links_to_the_vocabularies(page: str) -> None:
    assert '<a href="vocabularies.html">vocabularies.html</a>' in page


def test_every_concept_is_on_the_vocabulary_page_in_both_languages(vocabulary_page: str) -> None:
    vocab = Graph().parse(ROOT / "ontology" / "vocab.ttl")
    concepts = sorted(set(vocab.subjects(RDF.type, SKOS.Concept)))
    assert len(concepts) == 35
    for concept in concepts:
        anchor = concept.split("/")[-1]
        row = re.search(rf'<tr id="{re.escape(anchor)}">(.*?)</tr>', vocabulary_page, re.DOTALL)
        assert row is not None, concept
        cells = [text_of(cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.DOTALL)]
        words = {f"{p.split('#')[-1]}@{o.language}": str(o) for p, o in vocab.predicate_objects(concept)
                 if isinstance(o, Literal) and o.language}
        assert cells == [str(vocab.value(concept, SKOS.notation)), words["prefLabel@en"], words["prefLabel@id"],
                         words["definition@en"], words["definition@id"]], concept
    for scheme in vocab.subjects(RDF.type, SKOS.ConceptScheme):
        names = {o.language: str(o) for o in vocab.objects(scheme, SKOS.prefLabel)}
        assert f"{names['en']} ({names['id']})" in text_of(vocabulary_page), scheme
    assert '<a href="ontology.html#role"><code>role</code></a>' in vocabulary_page


def test_offline_removes_external_scripts_styles_and_fonts() -> None:
    page = ('<head><script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
            'href="//cdn.example/x.css"><style>@import url("https://fonts.example/f.css");</style>'
            '<link rel="icon" href="data:image/png;base64,AA"></head>')
    assert offline(page) == '<head><style></style><link rel="icon" href="data:image/png;base64,AA"></head>'


def test_combined_label_puts_english_first() -> None:
    assert combined_label([Literal("Kota", lang="id"), Literal("City", lang="en")]) == Literal("City (Kota)")
    assert combined_label([Literal("Kota", lang="id")]) == Literal("Kota")


def test_default_output_and_logging_left_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    root = logging.getLogger()
    before = (list(root.handlers), root.level)
    result = CliRunner().invoke(main, ["docs", "--ontology-dir", str(ROOT / "ontology")])
    assert result.exit_code == 0, result.output
    assert result.output == "Wrote out/ontology.html and out/vocabularies.html\n"
    assert (tmp_path / "out" / "ontology.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert (list(root.handlers), root.level) == before


def test_a_missing_ontology_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["docs", "--ontology-dir", str(tmp_path), "--out", str(tmp_path / "o.html")])
    assert result.exit_code == 1
    assert result.output == (f"Error: {tmp_path}: apeksi.ttl not found; "
                             "pass the folder that holds it with --ontology-dir\n")


def test_two_runs_give_the_same_page(tmp_path: Path) -> None:
    """Regression: pyLODE ordered union members differently in each process."""
    root = Path(__file__).resolve().parent.parent
    pages = []
    for seed in ("1", "2"):
        out = tmp_path / seed / "ontology.html"
        subprocess.run([sys.executable, "-m", "kg", "docs", "--out", str(out)], cwd=root, check=True,
                       env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True)
        pages.append((out.read_bytes(), (out.parent / "vocabularies.html").read_bytes()))
    assert pages[0] == pages[1]
