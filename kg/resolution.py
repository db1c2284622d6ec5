"""Resolving what the values of an annotation name: identifiers to the corpus's canonical nodes, vocabulary
keys to concepts, dates to partial dates, quotes to spans of the article's text, `text:` to the text itself.

Each failure is a KgError naming the file, the line and the field. Mapping the resolved values to RDF is
kg/annotations.py's part; the form of each block (fields, shapes) is kg/annotation_form.py's.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from rdflib import URIRef

from kg.annotation_form import check_block
from kg.annotation_format import sections
from kg.corpus import SECTION_OF, Corpus, Known
from kg.dates import DateError, PartialDate, parse_date
from kg.errors import KgError, display_path
from kg.model import Where
from kg.namespaces import entity, local_name
from kg.ontology import Ontology
from kg.quotes import QuoteError, Span, locate
from kg.reading import MEGABYTE, Refused, read_text
from kg.series import EditionError
from kg.yamlfile import Mapping, Sequence

T = TypeVar("T")
MAX_TEXT_BYTES = 5 * MEGABYTE
ENTITY_TYPES = sections()["entities"].field("type").choices


@dataclass(frozen=True)
class Item:
    """One value of a field, with the words that state it and where it was written."""

    text: str
    span: Span | None
    where: Where


class Record:
    """One block of an annotation file (an entity, an event, a position...), read field by field.

    Its form has been checked against the format's description (kg/annotation_form.py) when it is made."""

    def __init__(self, reader: Resolver, data: object, line: int, section: str) -> None:
        self.reader = reader
        self.section = section
        self.data = check_block(data, line, section, reader.path)
        self.span = self._evidence(self.data, "quote") if self.data.get("quote") is not None else None

    def where(self, key: str) -> Where:
        return Where(self.reader.shown, self.data.key_lines.get(key, self.data.line), f"{self.section}.{key}")

    def error(self, key: str, message: str) -> KgError:
        where = self.where(key)
        return KgError(message, self.reader.path, where.line, where.field)

    def text(self, key: str) -> str | None:
        return self.data.get(key)

    def items(self, key: str) -> list[Item]:
        """The values of a field: a word, a list of words, or blocks with their own 'value' and 'quote'."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, Sequence):
            return [self._item(v, line, key) for v, line in zip(value, value.item_lines, strict=True)]
        return [self._item(value, self.data.key_lines[key], key)]

    def item(self, key: str) -> Item | None:
        items = self.items(key)
        return items[0] if items else None

    def _item(self, value: str | Mapping, line: int, key: str) -> Item:
        where = Where(self.reader.shown, line, f"{self.section}.{key}")
        if isinstance(value, Mapping):
            span = self._evidence(value, f"{key}.quote") if value.get("quote") is not None else self.span
            return Item(value["value"], span, where)
        return Item(value, self.span, where)

    def _evidence(self, block: Mapping, label: str) -> Span:
        return self.reader._quote(block, f"{self.section}.{label}")


class Resolver:
    """What one annotation file's values name, resolved against its article's text, the ontology and the corpus."""

    def __init__(self, path: Path, ontology: Ontology, corpus: Corpus, root: Path | None = None) -> None:
        self.path = path
        self.root = root or path.resolve().parent.parent
        self.shown = display_path(path)
        self.ontology = ontology
        self.corpus = corpus
        self.text = ""
        self.published: PartialDate | None = None

    def _read_text(self, record: Record) -> str:
        """The article's text, from the file `text:` names (inside the seeds folder)."""
        text_path = Path(os.path.normpath(self.path.parent / record.text("text")))
        try:
            return read_text(text_path, MAX_TEXT_BYTES, self.root)
        except FileNotFoundError:
            raise record.error("text", f"article file not found: {display_path(text_path)}; "
                                       "the path is relative to the annotation file") from None
        except Refused as refused:
            line = f" (its line {refused.line})" if refused.line else ""
            raise record.error("text", f"cannot use {display_path(text_path)} as the article text: "
                                       f"{refused}{line}") from None
        except OSError as exc:
            raise record.error("text", f"cannot read the article file {display_path(text_path)}: "
                                       f"{exc.strerror}") from None

    def _quote(self, block: Mapping, label: str) -> Span:
        """Where the block's quote is in the article's text (its `occurrence`-th time, if given)."""
        occurrence = block.get("occurrence")
        try:
            return locate(self.text, block["quote"], int(occurrence) if occurrence else None)
        except QuoteError as exc:
            raise KgError(str(exc), self.path, block.key_lines["quote"], label) from None

    def _known(self, record: Record, identifier: str) -> Known:
        """The canonical declaration; the corpus index has refused every identifier it does not know."""
        if record.section == "entities":
            self._check_type(record)
        return self.corpus.known[self.corpus.canonical(identifier)]

    def _check_type(self, record: Record) -> None:
        name = record.text("type")
        if name is None:
            return
        if name == "Mayor":
            raise record.error("type", "Mayor is inferred, never annotated; declare a Person and add a position "
                                       "with role: mayor")
        if name not in ENTITY_TYPES:
            raise record.error("type", f"unknown type '{name}'; use one of {', '.join(ENTITY_TYPES)} "
                                       "(events and agreements have their own sections)")

    def _concept_of(self, item: Item, key: str, scheme: str) -> URIRef:
        """The concept of the vocabulary `scheme` whose key is the item's text."""
        concepts = self.ontology.concepts[scheme]
        if item.text not in concepts:
            raise self._error(item, f"unknown {key} '{item.text}'; use one of {', '.join(sorted(concepts))}")
        return concepts[item.text]

    def _ref(self, item: Item, prop: URIRef, domain: bool = False) -> URIRef:
        """The canonical node of an identifier the corpus knows; otherwise an error naming where such a thing
        is declared and the closest identifiers of the class the field expects."""
        known = self.corpus.get(item.text)
        if known is not None:
            return entity(known.identifier)
        expected = self.ontology.domain(prop) if domain else self.ontology.range(prop)
        kind = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", local_name(expected)).lower() if expected is not None else "entity"
        section = SECTION_OF.get(expected, "entities")
        raise self._error(item, f"unknown {kind} '{item.text}'; declare it under '{section}:' in this file or "
                                f"in seeds/entities.yaml{self._suggest(item.text, expected)}")

    def _date(self, record: Record, key: str, published: PartialDate | None, tense: str | None = None) -> PartialDate:
        item = record.item(key)
        return self._when(item, lambda: parse_date(item.text, published, tense))

    def _when(self, item: Item, read: Callable[[], T]) -> T:
        try:
            return read()
        except (DateError, EditionError) as exc:
            raise self._error(item, str(exc)) from None

    def _published(self) -> PartialDate | None:
        """The publication date that dates without a year are read against."""
        return self.published

    def _error(self, item: Item, message: str) -> KgError:
        return KgError(message, self.path, item.where.line, item.where.field)

    def _suggest(self, identifier: str | None, expected: URIRef | None) -> str:
        close = self.corpus.closest(identifier or "", expected)
        return f" (did you mean {', '.join(close)}?)" if close else ""
