"""The README's format reference is the one generated from the format's description and the ontology, and
the hand-written tables of the README name the same roles and sections as they do."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.annotation_format import sections
from kg.errors import KgError
from kg.format_reference import BEGIN, END, refresh_readme, refreshed
from kg.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(ROOT / "ontology")


def test_the_readme_reference_is_up_to_date(ontology) -> None:
    assert refreshed(README, ontology) == README, "run: python tests/update_readme.py"


def test_a_stale_reference_is_rewritten(tmp_path: Path, ontology) -> None:
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    vocab = tmp_path / "ontology" / "vocab.ttl"
    vocab.write_text(vocab.read_text(encoding="utf-8").replace('"Treasurer"@en', '"Bursar"@en'), encoding="utf-8")
    readme = tmp_path / "README.md"
    readme.write_text(README, encoding="utf-8")
    assert refresh_readme(readme, tmp_path / "ontology") is True
    rows = [line for line in readme.read_text(encoding="utf-8").splitlines() if line.startswith("| `treasurer` |")]
    assert rows == ["| `treasurer` | Bursar | Bendahara | The officer who keeps the funds of an organisation, "
                    "commission or board. | anywhere |"]
    assert refresh_readme(readme, tmp_path / "ontology") is False


def test_every_section_and_field_is_in_the_readme() -> None:
    reference = README.split(BEGIN)[1].split(END)[0]
    for name, section in sections().items():
        table = reference.split(f"#### `{name}:`")[1].split("####")[0]
        assert re.findall(r"^\| `(\w+)` \|", table, re.MULTILINE) == list(section.field_names)


def test_markers_missing_are_an_error(ontology) -> None:
    with pytest.raises(KgError, match="the README needs the markers"):
        refreshed(README.replace(END, ""), ontology)


def test_the_posts_table_names_every_role(ontology) -> None:
    table = README.split("| role | the article writes | held in |")[1].split("\n\n")[0]
    written = set(re.findall(r"`([a-z-]+)`", "\n".join(line.split("|")[1] for line in table.splitlines()[2:])))
    assert written == set(ontology.concepts["roles"])


def test_the_worked_example_lists_the_vocabularies(ontology) -> None:
    """The comments of the first worked example name every entity type, participation role, agreement type,
    status and relation."""
    example = README.split("A worked example, for this passage")[1].split("```yaml")[1].split("```")[0]
    lines = example.splitlines()

    def listed(start: str) -> set[str]:
        line = next(line for line in lines if line.strip().startswith(start))
        return set(re.findall(r"[A-Za-z_-]+", line.split("#", 1)[1]))

    assert listed("type: Person") >= set(sections()["entities"].field("type").choices)
    assert listed("role: opened") >= set(ontology.concepts["participation-roles"])
    assert listed("type: joint-agreement") >= set(ontology.concepts["agreement-types"])
    assert listed("status: held") >= set(ontology.concepts["event-statuses"])
    assert listed("relations:") >= set(sections()["relations"].field("relation").choices)
