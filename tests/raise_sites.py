"""Every error the code can raise is raised by at least one test: a check run after the suite under coverage.

A raise site is a `raise` statement in kg/ that makes an error (a call:
`raise KgError(...)`, `raise record.error(...)`, `raise _unreachable(...)`);
re-raising a caught error (`raise`, `raise error`) is not one. The check reads
the coverage data of the test run (`coverage run -m pytest`) and lists every
raise site whose line never ran.

    .venv/bin/coverage run -m pytest && .venv/bin/python tests/raise_sites.py
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import coverage

ROOT = Path(__file__).resolve().parent.parent


def raise_sites(folder: Path = ROOT / "kg") -> list[tuple[Path, int, str]]:
    """(file, line, source) of each raise statement that constructs an error."""
    sites = []
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                sites.append((path, node.lineno, ast.get_source_segment(source, node).splitlines()[0].strip()))
    return sites


def unraised(data_file: str = ".coverage") -> list[tuple[Path, int, str]]:
    data = coverage.CoverageData(basename=str(ROOT / data_file))
    data.read()
    executed = {Path(name).resolve(): set(data.lines(name) or ()) for name in data.measured_files()}
    return [(path, line, text) for path, line, text in raise_sites() if line not in executed.get(path.resolve(), set())]


def main() -> int:
    sites, missing = raise_sites(), unraised()
    for path, line, text in missing:
        print(f"{path.relative_to(ROOT)}:{line}: no test raises this: {text}")
    print(f"{len(sites) - len(missing)} of {len(sites)} raise sites are raised by a test")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
