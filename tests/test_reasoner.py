"""The reasoner unit: what HermiT is given, what it infers, the cache, and its failures."""

from __future__ import annotations

from pathlib import Path

import owlready2
import pytest
from click.testing import CliRunner
from rdflib import Literal
from rdflib.namespace import RDF, SKOS

from kg import reasoner
from kg.cli import main
from kg.namespaces import APK, APV, ID
from kg.ontology import Ontology, load_ontology
from kg.reasoner import ReasonerError, infer, unit_triples

ROOT = Path(__file__).resolve().parent.parent
POSITION = ID["x/position"]


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology(ROOT / "ontology")


def mayor_unit() -> list:
    stated = [
        (POSITION, RDF.type, APK.Position), (POSITION, APK.holder, ID.molen), (POSITION, APK.role, APV.mayor),
        (POSITION, APK.positionIn, ID.pangkalpinang), (ID.molen, SKOS.prefLabel, Literal("Molen")),
    ]
    return unit_triples(stated, {ID.molen: APK.Person, ID.pangkalpinang: APK.City})


def test_a_unit_holds_classes_and_relations_only() -> None:
    unit = mayor_unit()
    assert (ID.molen, SKOS.prefLabel, Literal("Molen")) not in unit
    assert (ID.molen, RDF.type, APK.Person) in unit
    assert (ID.pangkalpinang, RDF.type, APK.City) in unit
    assert len(unit) == 6


def test_hermit_infers_the_mayor_and_the_cache_answers_next_time(ontology: Ontology, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    inferred = infer(mayor_unit(), ontology, tmp_path, "test unit")
    assert (ID.molen, RDF.type, APK.Mayor) in inferred
    assert len(list(tmp_path.glob("*.nt"))) == 1

    def no_java(*_: object) -> None:
        raise AssertionError("the reasoner ran although the unit was cached")

    monkeypatch.setattr(reasoner, "_run_hermit", no_java)
    assert infer(mayor_unit(), ontology, tmp_path, "test unit") == inferred


def test_an_inconsistent_unit_is_reported(ontology: Ontology, tmp_path: Path) -> None:
    unit = [(ID.pangkalpinang, RDF.type, APK.City), (ID.pangkalpinang, RDF.type, APK.Person)]
    with pytest.raises(ReasonerError) as error:
        infer(unit, ontology, tmp_path, "seeds/annotations/x.yaml")
    assert str(error.value) == (
        "the reasoner finds seeds/annotations/x.yaml inconsistent with the ontology; check its types and relations "
        "against the class definitions in ontology/apeksi.ttl")


@pytest.mark.parametrize("command", ["build", "check"])
def test_a_missing_java_is_one_line_and_exit_2_in_every_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                command: str) -> None:
    monkeypatch.setattr(owlready2, "JAVA_EXE", str(tmp_path / "no-java"))
    monkeypatch.setattr(owlready2.reasoning, "JAVA_EXE", str(tmp_path / "no-java"), raising=False)
    out = "--out" if command == "build" else "--build-dir"
    result = CliRunner().invoke(main, [command, "--seeds", str(ROOT / "seeds"), out, str(tmp_path / "out"),
                                       "--ontology-dir", str(ROOT / "ontology")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: cannot run the reasoner (Java is needed for HermiT): ")
    assert result.output.count("\n") == 1
    assert not (tmp_path / "out" / "kg.trig").exists()
