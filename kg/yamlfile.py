"""YAML reading that keeps line numbers, so errors can point at the line to fix.

Every scalar is read as a string (no implicit booleans, dates or numbers): what
the annotator typed is what the build sees.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from kg.errors import KgError

NULLS = {"", "~", "null", "Null", "NULL"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Mapping(dict):
    """A YAML mapping with the line of the mapping and of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class Sequence(list):
    """A YAML sequence with the line of the sequence and of each item (1-based)."""

    line: int
    item_lines: list[int]


def read_yaml(path: Path) -> object:
    """Parse a YAML file into Mapping/Sequence/str/None values, or raise KgError."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KgError("file not found", path) from None
    except UnicodeDecodeError as exc:
        raise KgError(f"not UTF-8 text ({exc.reason} at byte {exc.start}); save the file as UTF-8", path) from None
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            problem += f" ({exc.context} started on line {exc.context_mark.line + 1})"
        raise KgError(f"malformed YAML: {problem}; check the indentation and quoting", path, line) from None
    except yaml.YAMLError as exc:
        raise KgError(f"malformed YAML: {exc}", path) from None
    return _convert(node, path) if node is not None else None


def _convert(node: yaml.Node, path: Path) -> object:
    if isinstance(node, yaml.ScalarNode):
        if node.style is None and node.value in NULLS:
            return None
        return node.value
    if isinstance(node, yaml.SequenceNode):
        seq = Sequence(_convert(item, path) for item in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [item.start_mark.line + 1 for item in node.value]
        return seq
    mapping = Mapping()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = _convert(key_node, path)
        line = key_node.start_mark.line + 1
        if not isinstance(key, str):
            raise KgError("a key must be a plain word", path, line)
        if key in mapping:
            raise KgError(f"key '{key}' appears twice in the same block; keep one", path, line)
        mapping[key] = _convert(value_node, path)
        mapping.key_lines[key] = line
    return mapping
