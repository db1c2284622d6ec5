"""Errors become one line and an exit code in one place of the CLI, the same in every command."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.build
import kg.serve
from kg.cli import main
from kg.errors import CannotRun, KgError
from kg.failures import one_line


def run_with(monkeypatch: pytest.MonkeyPatch, error: Exception, *arguments: str, env: dict | None = None):
    def fail(*_: object, **__: object) -> None:
        raise error

    monkeypatch.setattr(kg.build, "build", fail)
    return CliRunner().invoke(main, ["build", *arguments], env=env or {"KG_TRACEBACK": None})


def test_an_input_error_is_exit_1(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, KgError("unknown type 'Venu'", "x.yaml", 3, "entities.type"))
    assert (result.exit_code, result.output) == (1, "Error: x.yaml:3: entities.type: unknown type 'Venu'\n")


def test_a_tool_that_cannot_run_is_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, CannotRun("cannot run the reasoner (Java is needed for HermiT): no java"))
    assert (result.exit_code, result.output) == (2, "Error: cannot run the reasoner (Java is needed for HermiT): "
                                                    "no java\n")


def test_an_os_error_names_the_file(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, PermissionError(13, "Permission denied", "seeds/reference/cities.csv"))
    assert (result.exit_code, result.output) == (1, "Error: seeds/reference/cities.csv: Permission denied\n")


def test_running_out_of_memory_is_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, MemoryError())
    assert (result.exit_code, result.output) == (
        1, "Error: out of memory; an input is far larger than an annotation or article should be\n")


def test_a_defect_is_one_line_exit_3_unless_the_traceback_is_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, ZeroDivisionError("division by zero"))
    assert (result.exit_code, result.output) == (
        3, "Error: internal error (ZeroDivisionError: division by zero); this is a defect in kg, please report it "
           "(set KG_TRACEBACK=1 to see where it happened)\n")
    result = run_with(monkeypatch, ZeroDivisionError("division by zero"), env={"KG_TRACEBACK": "1"})
    assert isinstance(result.exception, ZeroDivisionError)


def test_messages_never_carry_line_breaks_or_escape_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    result = run_with(monkeypatch, KgError('quote not found: "Hotel\n\x1b[31mSultan\u2028\u202e"', "x.yaml", 3))
    assert result.output == 'Error: x.yaml:3: quote not found: "Hotel\\n\\x1b[31mSultan\\u2028\\u202e"\n'
    assert one_line("tab\tstays") == "tab\tstays"


def test_kg_check_exits_2_on_any_error(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--checks", "nowhere"])
    assert result.exit_code == 2
    assert result.output.startswith("Error: ")


def test_a_missing_oxigraph_program_is_exit_2(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(kg.serve.shutil, "which", lambda name: None)
    monkeypatch.setattr(kg.serve.sys, "executable", str(tmp_path / "python"))
    (tmp_path / "kg.trig").write_text("", encoding="utf-8")
    result = CliRunner().invoke(main, ["serve", "--build-dir", str(tmp_path), "--seeds", str(tmp_path / "none")])
    assert (result.exit_code, result.output) == (
        2, "Error: the oxigraph program was not found; install it with: pip install oxigraph\n")


def test_a_service_that_cannot_be_reached_is_one_line(built: tuple[Path, object], tmp_path: Path) -> None:
    from tests.test_server import free_port

    query = tmp_path / "far.rq"
    query.write_text(f"# title: Far away\nSELECT * WHERE {{ SERVICE <http://127.0.0.1:{free_port()}/sparql> "
                     "{ ?s ?p ?o } }\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["query", str(query), "--build-dir", str(built[0])])
    assert (result.exit_code, result.output) == (1, f"Error: {query}: Connection refused (os error 111)\n")


def test_plain_pytest_collects_the_suite() -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parent.parent
    done = subprocess.run([str(Path(sys.executable).parent / "pytest"), "--collect-only", "-q", "-p",
                           "no:cacheprovider", "tests/test_dates.py", "tests/test_checks.py"],
                          cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "error" not in done.stdout.lower()
