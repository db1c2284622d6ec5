"""The safe YAML reader: the same tree with and without libyaml, bounded, and one-line errors with their line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from kg.errors import KgError
from kg.yamlfile import MAX_NODES, Mapping, Sequence, parse_yaml, read_yaml

LOADERS = [pytest.param(yaml.SafeLoader, id="pure-python"),
           pytest.param(getattr(yaml, "CSafeLoader", yaml.SafeLoader), id="libyaml")]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = SEEDS / "annotations" / "antara-babel-2019-apeksi-sharing-session.yaml"


def plain(value: object) -> object:
    """The tree with its line numbers, as comparable built-in values."""
    if isinstance(value, Mapping):
        return {"line": value.line, "keys": value.key_lines, "items": {k: plain(v) for k, v in value.items()}}
    if isinstance(value, Sequence):
        return {"line": value.line, "lines": value.item_lines, "items": [plain(v) for v in value]}
    return value


@pytest.mark.parametrize("loader", LOADERS)
def test_nulls_are_none_and_quoted_nulls_are_text(loader: type) -> None:
    text = "a: null\nb: ~\nc:\nd: 'null'\ne: \"~\"\nf: [Null, NULL, x]\ng: no\nh: 2019\n"
    assert parse_yaml(text, Path("x.yaml"), loader) == {
        "a": None, "b": None, "c": None, "d": "null", "e": "~", "f": [None, None, "x"], "g": "no", "h": "2019"}


def test_both_loaders_read_the_seeds_alike() -> None:
    text = SEED.read_text(encoding="utf-8")
    trees = [plain(parse_yaml(text, SEED, loader.values[0])) for loader in LOADERS]
    assert trees[0] == trees[1]
    assert trees[0]["items"]["article"]["keys"]["id"] == 4


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(("text", "message"), [
    ("a: &x b\nc: *x\n", "x.yaml:1: anchor '&x': annotation files take no anchors or aliases; write the value out"),
    ("a: [b, *x]\n", "x.yaml:1: alias '*x': annotation files take no anchors or aliases; write the value out"),
    ("a: !!str b\n", "x.yaml:1: tag '!!str': annotation files take no YAML tags; write plain text"),
    ("a:\n  <<: {b: c}\n", "x.yaml:2: merge keys ('<<') are not allowed in annotation files; write the fields out"),
    ("a: b\n...\n---\nc: d\n", "x.yaml:3: a second YAML document ('---'); an annotation file holds one"),
    ("{a: b}: c\n", "x.yaml:1: a key must be a plain word"),
    ("a: b\na: c\n", "x.yaml:2: key 'a' appears twice in the same block; keep one"),
])
def test_what_annotation_files_never_need_is_refused(loader: type, text: str, message: str) -> None:
    with pytest.raises(KgError) as error:
        parse_yaml(text, Path("x.yaml"), loader)
    assert str(error.value) == message


def test_a_quoted_merge_key_is_an_ordinary_key() -> None:
    assert parse_yaml("'<<': b\n", Path("x.yaml")) == {"<<": "b"}


def test_too_many_values(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: [" + "b, " * MAX_NODES + "c]\n", encoding="utf-8")
    with pytest.raises(KgError) as error:
        read_yaml(path)
    assert str(error.value) == f"{path}:1: more than {MAX_NODES} values; split the annotation"


def test_a_file_too_large(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("a: " + "b" * (2 * 1024 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(KgError) as error:
        read_yaml(path)
    assert str(error.value) == f"{path}: larger than the limit of 2 MB"


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes(b"article:\n  id: x\n  title: caf\xe9\n")
    with pytest.raises(KgError) as error:
        read_yaml(path)
    assert str(error.value) == f"{path}:3: not UTF-8 text (invalid continuation byte, byte 0xe9); save it as UTF-8"


def test_a_leading_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_bytes("\ufeffa: b\n".encode())
    assert read_yaml(path) == {"a": "b"}


def test_a_fifo_is_refused_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    os.mkfifo(path)
    with pytest.raises(KgError) as error:
        read_yaml(path)
    assert str(error.value) == f"{path}: not a regular file (a FIFO, a device or a folder cannot be read)"


def test_a_missing_or_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(KgError) as error:
        read_yaml(tmp_path / "none.yaml")
    assert str(error.value) == f"{tmp_path / 'none.yaml'}: file not found"
    with pytest.raises(KgError) as error:
        read_yaml(tmp_path)
    assert str(error.value) == f"{tmp_path}: cannot read the file: Is a directory"


def test_a_reader_error_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*arguments: object, **options: object) -> object:
        raise yaml.reader.ReaderError("x.yaml", 3, 7, "utf-8", "special characters are not allowed")

    monkeypatch.setattr(yaml, "parse", broken)
    with pytest.raises(KgError) as error:
        parse_yaml("a: b\n", Path("x.yaml"))
    assert str(error.value) == ("x.yaml: malformed YAML: unacceptable character #x0007: special characters are not "
                                "allowed in \"x.yaml\", position 3")


@pytest.mark.parametrize("loader", LOADERS)
def test_a_control_character_written_as_an_escape_is_refused(loader: type) -> None:
    with pytest.raises(KgError) as error:
        parse_yaml('a: b\nname: "Hotel \\e[31mSultan"\n', Path("x.yaml"), loader)
    assert str(error.value) == ("x.yaml:2: the character U+001B (ESCAPE), written as an escape, is not allowed in a "
                                "source file; remove it")
    assert parse_yaml('name: "Hotel\\tSultan"\n', Path("x.yaml"), loader) == {"name": "Hotel\tSultan"}
