"""How good a first draft `kg draft` writes: precision and recall against hand-written gold annotations.

Run by hand, not by pytest: python3 tests/benchmarks/bench_draft.py [-v]

Twelve test articles in the style of Indonesian regional news (tests/draft/articles/ and, held out while
the rules were written, tests/draft/heldout/), each with a gold annotation in tests/draft/annotations/.
Each article is drafted in a fresh copy of the project's seeds, as a user would (see tests/draft_scoring.py
for what counts as right). The baseline is the gazetteer alone: the entities whose names the corpus already
knows, and nothing else; the ratio is the drafter's recall over the baseline's.
-v lists every miss and every wrong proposal.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from kg.draft.command import Draft
from kg.namespaces import entity
from tests.draft_scoring import (
    KINDS,
    Facts,
    Score,
    aligned,
    compile_file,
    compile_gold,
    draft_of,
    facts_of,
    gold_files,
    score,
)


def baseline(result: Draft) -> Facts:
    """The gazetteer alone: known names found in the text, as entities."""
    return Facts(entities={entity(str(p.fields["id"])) for p in result.proposals
                           if p.section == "entities" and p.rule.startswith("gazetteer")})


def run(held_out: bool, verbose: bool) -> tuple[dict[str, Score], dict[str, Score], int]:
    totals = {kind: Score() for kind in KINDS}
    base = {kind: Score() for kind in KINDS}
    files = gold_files(held_out)
    for gold in files:
        with tempfile.TemporaryDirectory() as folder:
            result, _ = draft_of(gold, Path(folder) / "draft")
            drafted = facts_of(compile_file(result.path.parent.parent, result.path))
            expected = facts_of(compile_gold(gold, Path(folder) / "gold"))
        for kind, value in score(drafted, expected).items():
            totals[kind].add(value)
        for kind, value in score(baseline(result), expected).items():
            base[kind].add(value)
        if verbose:
            _misses(gold.stem, aligned(drafted, expected), expected)
    return totals, base, len(files)


def _misses(name: str, drafted: Facts, expected: Facts) -> None:
    for kind in ("entities", "positions", "relations", "participations"):
        got, want = getattr(drafted, kind), getattr(expected, kind)
        for item in sorted(map(_short, want - got)):
            print(f"  {name}: missed {kind[:-1]} {item}")
        for item in sorted(map(_short, got - want)):
            print(f"  {name}: wrong {kind[:-1]} {item}")
    wanted = set(expected.events.values())
    for node, key in drafted.events.items():
        if key not in wanted:
            print(f"  {name}: wrong event {node} {sorted(map(str, key[0]))} {sorted(str(o) for _, o in key[1])}")


def _short(item: object) -> str:
    parts = item if isinstance(item, tuple) else (item,)
    return " ".join(str(p).rsplit("/", 1)[-1].rsplit("#", 1)[-1] if "/position/" not in str(p)
                    else str(p).split("/position/")[1] for p in parts)


def table(title: str, totals: dict[str, Score], base: dict[str, Score], count: int) -> str:
    lines = [f"{title} ({count} articles)", "",
             "| kind | expected | proposed | right | precision | recall | baseline recall | ratio |",
             "|---|---:|---:|---:|---:|---:|---:|---:|"]
    for kind in KINDS:
        t, b = totals[kind], base[kind]
        ratio = f"{t.recall / b.recall:.2f}" if b.right else "-"
        lines.append(f"| {kind} | {t.expected} | {t.proposed} | {t.right} | {t.precision:.0%} | {t.recall:.0%} | "
                     f"{b.recall:.0%} | {ratio} |")
    return "\n".join(lines)


def main() -> None:
    verbose = "-v" in sys.argv
    for title, held_out in (("Development articles", False), ("Held-out articles", True)):
        totals, base, count = run(held_out, verbose)
        print(table(title, totals, base, count))
        print()


if __name__ == "__main__":
    main()
