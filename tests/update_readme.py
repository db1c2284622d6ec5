"""Regenerate the format reference in README.md (between its marker comments) from kg/annotation_format.yaml
and ontology/: `python tests/update_readme.py`. tests/test_format_reference.py fails until it is run after a
change to either."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.format_reference import refresh_readme  # noqa: E402

if __name__ == "__main__":
    changed = refresh_readme(ROOT / "README.md", ROOT / "ontology")
    print("README.md: format reference " + ("rewritten" if changed else "already up to date"))
