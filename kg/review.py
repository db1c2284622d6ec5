"""Proposals awaiting review: blocks of annotation files that `kg draft` marked `review: suggested` (or
`uncertain`), which `kg build` accepts and `kg check` reports until the line is deleted."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.annotations import SECTIONS, section_blocks
from kg.errors import display_path
from kg.yamlfile import Mapping, read_yaml


@dataclass(frozen=True)
class Pending:
    """One block still marked for review."""

    file: str
    line: int
    section: str
    label: str
    mark: str

    def __str__(self) -> str:
        return (f"{self.section} {self.label} is marked 'review: {self.mark}' (a proposal of kg draft); check it "
                "against the article, fix or delete the block, then delete the review line")


def pending_reviews(annotations: Path) -> list[Pending]:
    """Every block of every annotation file in `annotations` that still carries `review:`."""
    paths = sorted([*annotations.glob("*.yaml"), *annotations.glob("*.yml")])
    return pending_in((path, read_yaml(path)) for path in paths)


def pending_in(files: Iterable[tuple[Path, object]]) -> list[Pending]:
    """Every block that still carries `review:`, in annotation files already parsed."""
    found = []
    for path, data in files:
        if not isinstance(data, Mapping):
            continue
        article = data.get("article")
        if isinstance(article, Mapping) and article.get("review"):
            found.append(Pending(display_path(path), article.key_lines["review"], "article", "metadata",
                                 str(article["review"])))
        for section in SECTIONS[1:]:
            for block, _ in section_blocks(data, section, path):
                if isinstance(block, Mapping) and block.get("review"):
                    found.append(Pending(display_path(path), block.key_lines["review"], section, _label(block),
                                         str(block["review"])))
    return found


def _label(block: Mapping) -> str:
    for key in ("id", "holder", "participant", "subject"):
        if isinstance(block.get(key), str):
            return block[key]
    return "block"
