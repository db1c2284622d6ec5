"""The in-process rules give exactly HermiT's entailments, unit by unit, on the seeds, the corpus fixtures and
a generated corpus; and the build asks HermiT about the ontology only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_generator import make_corpus
from rdflib import Graph
from rdflib.namespace import RDF

from kg import reasoner
from kg.build import Sources, build, read_sources
from kg.inference import entailments
from kg.namespaces import APK, ID
from kg.reasoner import infer, unit_triples
from kg.rules import RuleReasoner, _rules

ROOT = Path(__file__).resolve().parent.parent


def units(sources: Sources) -> list[tuple[str, list]]:
    found = [("the reference data", [f.triple for f in sources.reference.facts]),
             ("the registry", [f.triple for f in sources.registry.facts])]
    return found + [(str(a.path), [f.triple for f in a.facts]) for a in sources.articles]


def assert_rules_equal_hermit(seeds: Path, cache: Path) -> int:
    """Compare, for every unit, what the build writes from HermiT's inferences and from the rules'."""
    sources = read_sources(seeds, ROOT / "ontology")
    rules = RuleReasoner(sources.ontology)
    compared = 0
    for label, triples in units(sources):
        unit = unit_triples(triples, sources.types)
        stated = set(triples) | set(unit)
        by_hermit = entailments(stated, infer(unit, sources.ontology, cache, label), sources.ontology)
        by_rules = entailments(stated, rules.infer(unit), sources.ontology)
        assert by_rules == by_hermit, (label, sorted(by_rules - by_hermit), sorted(by_hermit - by_rules))
        compared += len(by_hermit)
    return compared


def test_rules_equal_hermit_on_the_seeds_and_the_corpus_fixtures(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    for folder in ("annotations", "articles"):
        for path in (ROOT / "tests" / "corpus" / folder).iterdir():
            shutil.copy(path, seeds / folder / path.name)
    assert assert_rules_equal_hermit(seeds, tmp_path / "cache") > 1000


def test_rules_equal_hermit_on_a_generated_corpus(tmp_path: Path) -> None:
    make_corpus(tmp_path / "seeds", 12)
    assert assert_rules_equal_hermit(tmp_path / "seeds", tmp_path / "cache") > 1000


def test_rules_derive_the_mayor_the_chain_and_the_inverses() -> None:
    sources = read_sources(ROOT / "seeds", ROOT / "ontology")
    position = ID["position/x"]
    unit = [(ID.molen, RDF.type, APK.Person), (position, RDF.type, APK.Position), (position, APK.holder, ID.molen),
            (position, APK.role, ID.mayor), (position, APK.positionIn, ID.pangkalpinang),
            (ID.pangkalpinang, RDF.type, APK.City), (ID.p, APK.participant, ID.molen),
            (ID.p, APK.participationIn, ID.rapat), (ID.p, RDF.type, APK.Participation), (ID.rapat, RDF.type, APK.Event)]
    mayor_role = sources.ontology.concepts["roles"]["mayor"]
    unit = [(s, p, mayor_role if o == ID.mayor else o) for s, p, o in unit]
    derived = RuleReasoner(sources.ontology).infer(unit)
    assert (ID.molen, RDF.type, APK.Mayor) in derived
    assert (ID.molen, RDF.type, APK.Actor) not in derived
    assert {(ID.molen, APK.holdsPosition, position), (ID.molen, APK.participatedIn, ID.rapat),
            (ID.rapat, APK.hadParticipant, ID.molen), (ID.molen, APK.hasParticipation, ID.p)} <= derived


def test_the_build_runs_hermit_once_on_the_ontology(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    run = reasoner._run_hermit
    monkeypatch.setattr(reasoner, "_run_hermit", lambda tbox, data, label: calls.append((data, label)) or
                        run(tbox, data, label))
    make_corpus(tmp_path / "seeds", 5)
    build(tmp_path / "seeds", tmp_path / "out", ROOT / "ontology")
    build(tmp_path / "seeds", tmp_path / "out", ROOT / "ontology")
    assert calls == [(b"", "the ontology")]


def test_a_class_expression_the_rules_do_not_know_is_refused() -> None:
    tbox = Graph().parse(data="""
        @prefix apk: <https://w3id.org/apeksi-kg/ontology#> . @prefix owl: <http://www.w3.org/2002/07/owl#> .
        apk:Loyal owl:equivalentClass [ owl:intersectionOf ( apk:Person
            [ a owl:Restriction ; owl:onProperty apk:holdsPosition ; owl:allValuesFrom apk:Position ] ) ] .
        """, format="turtle")
    with pytest.raises(ValueError, match="class expression not handled by the rules"):
        _rules(tbox)
