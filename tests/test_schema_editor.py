"""The shipped JSON Schema in the YAML language server, as VS Code's YAML extension runs it: our annotations
pass, mistakes are marked on their line, and vocabulary fields complete with the keys of vocab.ttl."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.ontology import load_ontology
from tests.language_server import SERVER, LanguageServer
from tests.test_schema import ANNOTATIONS, HERE
from tests.tools import needs_tool

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "kg" / "annotation.schema.json"
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    needs_tool("yaml-language-server", SERVER)
    started = LanguageServer(ROOT)
    yield started
    started.stop()


def with_modeline(path: Path, text: str) -> str:
    relative = os.path.relpath(SCHEMA, path.parent)
    return f"# yaml-language-server: $schema={relative}\n{text}"


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.name)
def test_our_annotations_pass(server: LanguageServer, path: Path) -> None:
    assert server.open(path, with_modeline(path, path.read_text(encoding="utf-8"))) == []


def test_the_readme_modeline_finds_the_schema(server: LanguageServer) -> None:
    modeline = re.search(r"^# yaml-language-server: \$schema=\S+$", README, re.MULTILINE).group(0)
    path = ROOT / "seeds" / "annotations" / "new-article.yaml"
    text = modeline + "\n" + (HERE / "kendari.yaml").read_text(encoding="utf-8").replace("role: mayor", "role: wali")
    assert [line for line, _ in server.open(path, text)] == [text.split("\n").index("    role: wali")]


def test_mistakes_are_marked_on_their_line(server: LanguageServer) -> None:
    path = ROOT / "seeds" / "annotations" / "kendari-mistakes.yaml"
    text = with_modeline(path, (HERE / "kendari.yaml").read_text(encoding="utf-8")
                         .replace("    role: mayor\n", "    role: walikota\n    rank: 1\n")
                         .replace("    city: kota-kendari\n", "    city: [kota-kendari]\n"))
    lines = text.split("\n")
    found = dict(server.open(path, text))
    assert sorted(found) == sorted(lines.index(line) for line in ("    role: walikota", "    rank: 1",
                                                                   "    city: [kota-kendari]"))
    assert found[lines.index("    rank: 1")] == "Property rank is not allowed."
    assert found[lines.index("    role: walikota")].startswith('Value is not accepted. Valid values: "board-member"')


def test_roles_complete_with_the_vocabulary(server: LanguageServer) -> None:
    path = ROOT / "seeds" / "annotations" / "kendari-completion.yaml"
    text = with_modeline(path, (HERE / "kendari.yaml").read_text(encoding="utf-8").replace("role: opened", "role: "))
    server.open(path, text)
    line = text.split("\n").index("    role: ")
    roles = load_ontology(ROOT / "ontology").concepts["participation-roles"]
    assert server.completions(path, line, len("    role: ")) == sorted(roles)
