"""Safe YAML reading that keeps line numbers, so errors can point at the line to fix.

Every scalar is read as a string (no implicit booleans, dates or numbers): what
the annotator typed is what the build sees. Annotation files need nothing but
mappings, lists and text, so anchors, aliases, merge keys, tags and second
documents are refused, which also rules out recursive and exponential aliases.
The tree is built from the parser's events without recursion, its depth and
size are bounded, and a plain `null`, `~` or empty value is None with or
without libyaml.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.characters import YAML_FORBIDDEN, first_forbidden
from kg.errors import KgError
from kg.reading import MEGABYTE, Refused, read_text

NULLS = {"", "~", "null", "Null", "NULL"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_BYTES = 2 * MEGABYTE
MAX_DEPTH = 20
MAX_NODES = 200_000
YAML_TAGS = "tag:yaml.org,2002:"


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class Sequence(list):
    """A YAML sequence with the line of the sequence and of each item (1-based)."""

    line: int
    item_lines: list[int]


def read_yaml(path: Path, loader: type = LOADER) -> object:
    """Parse a YAML file into Mapping/Sequence/str/None values, or raise KgError."""
    try:
        text = read_text(path, MAX_BYTES, forbidden=YAML_FORBIDDEN)
    except FileNotFoundError:
        raise KgError("file not found", path) from None
    except Refused as refused:
        raise KgError(str(refused), path, refused.line) from None
    except OSError as exc:
        raise KgError(f"cannot read the file: {exc.strerror}", path) from None
    return parse_yaml(text, path, loader)


def parse_yaml(text: str, path: Path, loader: type = LOADER) -> object:
    """The tree of one YAML document, refusing what annotation files never need."""
    builder = _Builder(path)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.take(event)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            problem += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise KgError(f"malformed YAML: {problem}; check the indentation and quoting", path, line) from None
    except yaml.YAMLError as exc:
        raise KgError(f"malformed YAML: {' '.join(str(exc).split())}", path) from None
    return builder.root


class _Builder:
    """Builds the tree from parser events, one container per open mapping or sequence."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.root: object = None
        self.stack: list[Mapping | Sequence] = []
        self.keys: list[str | None] = []
        self.documents = 0
        self.nodes = 0

    def take(self, event: yaml.Event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise self.error("a second YAML document ('---'); an annotation file holds one", line)
        elif isinstance(event, yaml.AliasEvent):
            raise self.error(f"alias '*{event.anchor}': annotation files take no anchors or aliases; write the "
                             "value out", line)
        elif isinstance(event, yaml.NodeEvent):
            self._node(event, line)
        elif isinstance(event, yaml.CollectionEndEvent):
            self._close()

    def _node(self, event: yaml.NodeEvent, line: int) -> None:
        if event.anchor is not None:
            raise self.error(f"anchor '&{event.anchor}': annotation files take no anchors or aliases; write the "
                             "value out", line)
        if event.tag is not None:
            shown = event.tag.replace(YAML_TAGS, "!!", 1)
            raise self.error(f"tag '{shown}': annotation files take no YAML tags; write plain text", line)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.error(f"more than {MAX_NODES} values; split the annotation", line)
        if isinstance(event, yaml.ScalarEvent):
            found = first_forbidden(event.value, YAML_FORBIDDEN)
            if found is not None:
                raise self.error(f"the character {found[1]}, written as an escape, is not allowed in a source file; "
                                 "remove it", line + found[0] - 1)
            plain = event.style in (None, "")
            self._add(None if plain and event.value in NULLS else event.value, line, plain)
            return
        if self.stack and isinstance(self.stack[-1], Mapping) and self.keys[-1] is None:
            raise self.error("a key must be a plain word", line)
        if len(self.stack) >= MAX_DEPTH:
            raise self.error(f"nested more than {MAX_DEPTH} levels deep; annotation files need a few", line)
        container = Mapping() if isinstance(event, yaml.MappingStartEvent) else Sequence()
        container.line = line
        if isinstance(container, Mapping):
            container.key_lines = {}
        else:
            container.item_lines = []
        self.stack.append(container)
        self.keys.append(None)

    def _close(self) -> None:
        container = self.stack.pop()
        self.keys.pop()
        self._add(container, container.line, False)

    def _add(self, value: object, line: int, plain: bool) -> None:
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, Sequence):
            parent.append(value)
            parent.item_lines.append(line)
            return
        key = self.keys[-1]
        if key is None:
            self._key(parent, value, line, plain)
            return
        parent[key] = value
        self.keys[-1] = None

    def _key(self, parent: Mapping, value: object, line: int, plain: bool) -> None:
        if not isinstance(value, str):
            raise self.error("a key must be a plain word", line)
        if plain and value == "<<":
            raise self.error("merge keys ('<<') are not allowed in annotation files; write the fields out", line)
        if value in parent:
            raise self.error(f"key '{value}' appears twice in the same block; keep one", line)
        parent.key_lines[value] = line
        parent[value] = None
        self.keys[-1] = value

    def error(self, message: str, line: int) -> KgError:
        return KgError(message, self.path, line)
