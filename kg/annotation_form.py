"""The form of an annotation file, checked against the format's description before anything is read.

Sections and fields that exist, fields that are required, and the shape of each value (one value, a list,
a value with its own quote) come from kg/annotation_format.yaml; what a value must look like (a name, a URL,
a language tag) from kg/validate.py. What needs the article's text or the corpus (quotes found, identifiers
known, vocabulary keys) is resolved later, in kg/annotations.py.
"""

from __future__ import annotations

from pathlib import Path

from kg.annotation_format import Field, Section, section, sections
from kg.errors import KgError
from kg.validate import occurrence_problem, value_problem
from kg.yamlfile import Mapping, Sequence

OWN_EVIDENCE = ("value", "quote", "occurrence")


def check_sections(data: object, path: Path) -> Mapping:
    if not isinstance(data, Mapping):
        raise KgError("expected sections such as 'article:' and 'entities:' at the top level", path, 1)
    names = tuple(sections())
    for key in data:
        if key not in names:
            raise KgError(f"unknown section '{key}'; valid sections are {', '.join(names)}",
                          path, data.key_lines[key])
    for name in names:
        if section(name).required and name not in data:
            raise KgError(f"missing required section '{name}'", path, 1)
    return data


def section_blocks(data: Mapping, name: str, path: Path) -> list[tuple[object, int]]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, Sequence):
        raise KgError(f"'{name}' must be a list of blocks, each starting with '- '", path,
                      data.key_lines[name], name)
    return list(zip(value, value.item_lines, strict=True))


def check_block(data: object, line: int, name: str, path: Path) -> Mapping:
    """A block of `name` with known fields, its required ones, and each value in the shape its field takes."""
    described = section(name)
    if not isinstance(data, Mapping):
        raise KgError("expected a block of 'field: value' lines", path, line, name)
    for key in data:
        if key not in described.field_names:
            raise KgError(f"unknown field; valid fields are {', '.join(described.field_names)}", path,
                          data.key_lines[key], f"{name}.{key}")
    for key in described.required_fields:
        if not data.get(key):
            raise KgError(f"missing required field '{key}'", path, data.line, name)
    for field in described.fields:
        if data.get(field.name) is not None:
            _check_value(field, data[field.name], data.key_lines[field.name], described, path)
    return data


def _check_value(field: Field, value: object, line: int, described: Section, path: Path) -> None:
    where = f"{described.name}.{field.name}"
    if field.value in ("quote", "occurrence"):
        _check_evidence(field.value, value, line, where, path)
        return
    if not field.many and not field.own_quote and not isinstance(value, str):
        raise KgError("expected a single value, not a list or block", path, line, where)
    if not field.many and isinstance(value, Sequence):
        raise KgError("expected a single value, not a list", path, line, where)
    values = list(zip(value, value.item_lines, strict=True)) if isinstance(value, Sequence) else [(value, line)]
    for one, one_line in values:
        _check_one(field, one, one_line, where, path)


def _check_one(field: Field, value: object, line: int, where: str, path: Path) -> None:
    if isinstance(value, Mapping) and field.own_quote:
        if set(value) - set(OWN_EVIDENCE) or not isinstance(value.get("value"), str):
            raise KgError("a value with its own evidence has the fields value, quote and occurrence", path, line,
                          where)
        labels = {"quote": f"{where}.quote", "occurrence": where.split(".")[0] + ".occurrence"}
        for key, label in labels.items():
            if value.get(key) is not None:
                _check_evidence(key, value[key], value.key_lines[key], label, path)
        value = value["value"]
    if not isinstance(value, str):
        raise KgError("expected a value or a list of values", path, line, where)
    problem = value_problem(field.value, value)
    if problem:
        raise KgError(problem, path, line, where)


def _check_evidence(kind: str, value: object, line: int, where: str, path: Path) -> None:
    """A quote is one piece of text; an occurrence a whole number from 1."""
    if kind == "quote" and not isinstance(value, str):
        raise KgError("a quote is one piece of text", path, line, where)
    if kind == "occurrence" and (not isinstance(value, str) or occurrence_problem(value)):
        raise KgError(occurrence_problem(""), path, line, where)
