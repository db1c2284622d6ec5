"""`kg docs`: an HTML page documenting the ontology, made by pyLODE and readable offline.

The SKOS vocabularies, which pyLODE does not document, get a page of their own
(kg/vocab_docs.py) that the ontology's page links to. Class expressions are
written out in Manchester syntax (kg/manchester.py) rather than left as blank nodes.
pyLODE shows every label of a term run together, so each term is given one
label that names it in English with the Indonesian label in brackets. pyLODE
does not show owl:inverseOf, so each inverse becomes a note. Anchors are the
terms' local names, so links such as ontology.html#Mayor stay valid. pyLODE
collects the members of a union or intersection in a set of HTML elements,
whose order changes from run to run; `_sorted_intersperse` puts them in the
order of their HTML, so the same ontology always gives the same page.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import KgError
from kg.export import sorted_triples
from kg.files import write_files
from kg.manchester import name, write_out_expressions
from kg.namespaces import APK, APV, local_name
from kg.turtle import canonical
from kg.vocab_docs import PAGE as VOCABULARY_PAGE
from kg.vocab_docs import vocabulary_html

ONTOLOGY_FILE = "apeksi.ttl"
VOCABULARY_NOTE = (f"The SKOS vocabularies (kinds of post, roles at events, event types, agreement types, event "
                   f"statuses) are documented in English and Indonesian in [{VOCABULARY_PAGE}]({VOCABULARY_PAGE}).")
LANGUAGES = ("en", "id")
EXTERNAL_RESOURCE = re.compile(
    r"<script\b[^>]*\bsrc=[\"']?(?:https?:)?//[^>]*>.*?</script>|"
    r"<link\b[^>]*\bhref=[\"']?(?:https?:)?//[^>]*>|"
    r"@import\s+(?:url\()?[\"']?(?:https?:)?//[^;]*;",
    re.IGNORECASE | re.DOTALL,
)


def read_ontology(ontology_dir: Path) -> Graph:
    path = ontology_dir / ONTOLOGY_FILE
    if not path.is_file():
        raise KgError(f"{ONTOLOGY_FILE} not found; pass the folder that holds it with --ontology-dir", ontology_dir)
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as error:
        raise KgError(f"not valid Turtle: {error}", path) from None
    return graph


def combined_label(labels: list[Literal]) -> Literal:
    """One label: English first, the other languages in brackets ("Mayor (Wali Kota)")."""
    ordered = sorted(labels, key=lambda label: (
        LANGUAGES.index(label.language) if label.language in LANGUAGES else len(LANGUAGES), str(label)))
    first, rest = str(ordered[0]), [str(label) for label in ordered[1:]]
    return Literal(f"{first} ({', '.join(rest)})" if rest else first)


def linked_name(term: Node) -> str:
    """A term of a class expression as a Markdown link to where it is documented (pyLODE renders Markdown)."""
    written = name(term)
    if str(term).startswith(str(APK)):
        return f"[{written}](#{written})"
    if str(term).startswith(str(APV)):
        return f"[{written}]({VOCABULARY_PAGE}#{written})"
    return written


def documented_graph(ontology: Graph) -> Graph:
    """The ontology as pyLODE should see it: one label per term, inverses as notes, canonical blank nodes."""
    graph = Graph()
    graph += canonical(ontology)
    write_out_expressions(graph, linked_name)
    for subject in sorted(set(graph.subjects(RDFS.label))):
        labels = [label for label in graph.objects(subject, RDFS.label) if isinstance(label, Literal)]
        graph.remove((subject, RDFS.label, None))
        graph.add((subject, RDFS.label, combined_label(labels)))
    for ontology in graph.subjects(RDF.type, OWL.Ontology):
        graph.add((ontology, SKOS.note, Literal(VOCABULARY_NOTE)))
    for prop, inverse in list(graph.subject_objects(OWL.inverseOf)):
        graph.add((prop, SKOS.note, Literal(f"Inverse of {local_name(inverse)}.")))
        graph.add((inverse, SKOS.note, Literal(f"Inverse of {local_name(prop)}.")))
    ordered = Graph()
    for triple in sorted_triples(graph):
        ordered.add(triple)
    return ordered


def pylode_page_class() -> Any:
    """pyLODE's OntPub, imported without letting pyLODE reconfigure logging for the whole program."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        import pylode.utils
        from pylode import OntPub
    except ImportError:
        raise KgError("pyLODE is not installed; install it with: pip install pylode==3.3.4") from None
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)
    if not getattr(pylode.utils.intersperse, "sorted_by_html", False):
        pylode.utils.intersperse = _sorted_intersperse(pylode.utils.intersperse)
    return OntPub


def _sorted_intersperse(intersperse: Any) -> Any:
    """pyLODE's intersperse, with the elements of a set put in the order of their HTML first."""
    def ordered(elements: Any, separator: Any) -> Any:
        if isinstance(elements, set):
            elements = sorted(elements, key=str)
        return intersperse(elements, separator)

    ordered.sorted_by_html = True
    return ordered


def offline(html: str) -> str:
    """The page without scripts, stylesheets or fonts fetched from the network."""
    return EXTERNAL_RESOURCE.sub("", html)


def ontology_html(ontology_dir: Path) -> str:
    """The HTML documentation of the ontology in `ontology_dir`."""
    graph = documented_graph(read_ontology(ontology_dir))
    page = pylode_page_class()(ontology=graph, sort_subjects=True)
    page.fids = {str(term): local_name(term) for term in sorted(set(graph.subjects()))
                 if isinstance(term, URIRef) and term.startswith(str(APK))}
    return offline(page.make_html())


def write_docs(ontology_dir: Path, destination: Path) -> list[Path]:
    """Write the ontology's page to `destination` and the vocabularies' page beside it; their paths."""
    vocabularies = destination.parent / VOCABULARY_PAGE
    write_files({destination: ontology_html(ontology_dir),
                 vocabularies: vocabulary_html(ontology_dir, destination.name)})
    return [destination, vocabularies]

