"""The command line: help for every command, `python -m kg`, and the build summary."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"kg {name} has no help text"
    for param in command.params:
        if isinstance(param, click.Option):
            assert param.help, f"kg {name} {param.opts[0]} has no help text"


def test_python_dash_m_kg() -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0
    assert "Build the graph from the annotated seeds" in result.stdout


@pytest.mark.parametrize(("args", "code", "stream", "line"), [
    (["--version"], 0, "stdout", "kg, version 0.1.0"),
    (["query", "no-such-query"], 1, "stderr", "Error: no query named 'no-such-query'; saved queries are: "),
    (["no-such-command"], 2, "stderr", "Error: No such command 'no-such-command'."),
])
def test_the_program_exits_with_the_commands_code_and_output(args: list[str], code: int, stream: str,
                                                             line: str) -> None:
    result = subprocess.run([sys.executable, "-m", "kg", *args], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == code
    assert getattr(result, stream).splitlines()[-1].startswith(line)


def test_build_summary(project: Path) -> None:
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("Built out/kg.trig and out/kg.ttl in ")
    assert lines[1:] == [
        "  articles: 2",
        "  entities: Agreement 3, Association 1, City 98, Commission 6, Country 1, Event 5, EventSeries 16, "
        "Mayor 3, Organization 13, Person 7, Province 38, Venue 3",
        "  facts stated by articles: 214, each with its quote",
        "  reference statements: 2032",
        "  registry statements: 25",
        "  inferred statements: 1424",
        "  conflicts between articles: 0 open, 0 settled by the registry",
    ]
    out = project / "out"
    assert sorted(p.name for p in out.iterdir()) == [".builds", ".cache", ".current", ".sources.sha256", ".store",
                                                     ".store.json", "kg.trig", "kg.ttl"]
    assert [p.name for p in (out / ".builds").iterdir()] == [Path(os.readlink(out / ".current")).name]
    assert {os.readlink(out / name) for name in ("kg.trig", "kg.ttl", ".sources.sha256")} == {
        ".current/kg.trig", ".current/kg.ttl", ".current/.sources.sha256"}
