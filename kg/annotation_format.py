"""The annotation format as data: its sections and their fields, read from kg/annotation_format.yaml.

The reader's form checks (kg/annotation_form.py), the JSON Schema (kg/schema.py) and the README's format
reference (kg/format_reference.py) are all derived from this one description.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files

import yaml
from rdflib import URIRef
from rdflib.namespace import RDF, SDO, SKOS

from kg.namespaces import APK, ARTICLE, BASE, ID

DESCRIPTION = "annotation_format.yaml"
CURIE = re.compile(r"[a-z]+:[A-Za-z]+")
PREFIXES = {"apk": str(APK), "schema": str(SDO), "skos": str(SKOS), "rdf": str(RDF), "id": str(ID),
            "article": str(ARTICLE), "base": BASE}


@dataclass(frozen=True)
class Field:
    """One field of a block: what it holds, how many, whether required, what it becomes in RDF."""

    name: str
    value: str
    meaning: str
    many: bool = False
    own_quote: bool = False
    required: bool | str = False
    vocabulary: str | None = None
    choices: tuple[str, ...] = ()
    choice_rdf: tuple[tuple[str, str], ...] = ()
    rdf: str | None = None
    key: bool = False

    @property
    def always_required(self) -> bool:
        return self.required is True

    @property
    def property(self) -> URIRef | None:
        """The RDF property this field maps to, when `rdf` names one (`apk:eventCity`), not a pattern or a phrase."""
        return expand(self.rdf) if self.rdf and CURIE.fullmatch(self.rdf) else None


@dataclass(frozen=True)
class Section:
    """A top-level section: one block (article) or a list of blocks."""

    name: str
    shape: str
    meaning: str
    fields: tuple[Field, ...]
    required: bool = False
    rdf: str | None = None

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @property
    def required_fields(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.always_required)

    @property
    def declaring_fields(self) -> tuple[str, ...]:
        """The fields required in the block that declares an identifier."""
        return tuple(f.name for f in self.fields if f.required == "declaring")

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def links(self) -> dict[str, URIRef]:
        """The reference fields that become one statement each, from the block's node to the entity named."""
        return {f.name: f.property for f in self.fields
                if f.value == "reference" and not f.key and f.property is not None}


def expand(curie: str) -> URIRef:
    prefix, local = curie.split(":", 1)
    return URIRef(PREFIXES[prefix] + local)


def _field(data: dict) -> Field:
    choices = data.pop("choices", ())
    if isinstance(choices, dict):
        data["choice_rdf"] = tuple(choices.items())
        choices = tuple(choices)
    return Field(choices=tuple(choices), **data)


@cache
def sections() -> dict[str, Section]:
    """The sections in the order the format lists them."""
    data = yaml.safe_load(files("kg").joinpath(DESCRIPTION).read_text(encoding="utf-8"))
    evidence = tuple(_field(dict(f)) for f in data["evidence"])
    found = {}
    for name, section in data["sections"].items():
        fields = tuple(_field(dict(f)) for f in section["fields"])
        if section.get("evidence"):
            fields += evidence
        found[name] = Section(name, section["shape"], section["meaning"], fields, section.get("required", False),
                              section.get("rdf"))
    return found


def section(name: str) -> Section:
    return sections()[name]
