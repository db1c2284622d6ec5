"""`kg ids`: the identifiers the corpus knows, with their type, names and where each is declared.

Ranked by a fuzzy match of the search text against every name and identifier
(rapidfuzz's WRatio), so "Molen" finds maulan-aklil and "Pangkalpinang" finds
kota-pangkal-pinang.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from rapidfuzz import fuzz, utils

from kg.corpus import Corpus
from kg.namespaces import local_name
from kg.results import table

MIN_SCORE = 70.0
NAME_PENALTY = 10.0


@dataclass(frozen=True)
class KnownId:
    identifier: str
    type: str
    names: list[str]
    folded: list[str]
    declared: str
    score: float | None = None


def known_ids(seeds: Path, ontology_dir: Path, text: str | None = None, limit: int = 10) -> list[KnownId]:
    """Every identifier (by identifier), or the `limit` closest to `text` (best first)."""
    from kg.build import index_sources  # loaded only here, not by `kg query`, which asks `closest`

    _, _, _, corpus = index_sources(seeds, ontology_dir)
    folded: dict[str, list[str]] = {}
    for old, canonical in sorted(corpus.folded.items()):
        folded.setdefault(canonical, []).append(old)
    rows = [_row(corpus, identifier, folded.get(identifier, [])) for identifier in sorted(corpus.known)]
    if text is None:
        return rows
    scored = [(_score(text, row), row) for row in rows]
    ranked = sorted(((s, r) for s, r in scored if s >= MIN_SCORE), key=lambda item: (-item[0], item[1].identifier))
    return [replace(r, score=round(s, 1)) for s, r in ranked[:limit]]


def ids_table(rows: list[KnownId]) -> str:
    scored = any(row.score is not None for row in rows)
    header = ["id", "type", "names", "other ids", "declared in"] + (["match"] if scored else [])
    cells = [[row.identifier, row.type, " | ".join(row.names), " | ".join(row.folded), row.declared]
             + ([f"{row.score:.0f}"] if scored else []) for row in rows]
    return table(header, cells)


def _row(corpus: Corpus, identifier: str, folded: list[str]) -> KnownId:
    known = corpus.known[identifier]
    names = [known.name, *sorted({n for n, _ in corpus.names.get(identifier, ()) if n != known.name})]
    return KnownId(identifier, local_name(known.cls), names, folded, str(known.where))


def _score(text: str, row: KnownId) -> float:
    return _best(text, [row.identifier, *row.folded, *row.names])


def _best(text: str, candidates: list[str]) -> float:
    return max(fuzz.WRatio(text, c, processor=utils.default_process) for c in candidates)


def closest(text: str, names: dict[str, list[str]], limit: int = 5) -> list[str]:
    """The `limit` identifiers closest to `text`, best first: by the id itself, then (less) by any name."""
    scored = sorted((-max(_best(text, [identifier]), _best(text, others or [""]) - NAME_PENALTY), identifier)
                    for identifier, others in names.items())
    return [identifier for score, identifier in scored if -score >= MIN_SCORE][:limit]
