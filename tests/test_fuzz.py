"""A seeded mutator of the seed annotations: whatever a file holds, reading it raises only KgError.

Each run reads a few hundred mutants (the same ones every run: the seed is
fixed), stopping early once its time budget is spent. A failure shows the
mutant's number, so `mutant(n)` rebuilds it.
"""

from __future__ import annotations

import random
import shutil
import time
from pathlib import Path

import pytest

from kg.annotations import read_annotation, scan_annotation
from kg.corpus import index_corpus
from kg.errors import KgError
from kg.ontology import Ontology, load_ontology
from kg.reference import Reference, load_reference
from kg.registry import load_registry

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds" / "annotations").glob("*.yaml"))
CASES = 1500
BUDGET_SECONDS = 40.0
HOSTILE = [
    "&a x", "*a", "!!binary aGk=", "!x y", "[]", "{}", "~", "null", "''", '"', "[", "{a: [b", "- x", ": :",
    "<<: {a: b}", "\x00", "\u202e", "\ufeff", "\u2028", "²", "\u0663", "0", "-1", "99999999999999999999999", "1e9",
    "/etc/passwd", "../../../../../../etc/passwd", "/dev/zero", "/proc/self/environ", "..", ".", "http://",
    "javascript:alert(1)", "https://exa mple.org", "(7/10", "7/10)", "31/2", "Senin (32/13)", "2019-02-30", "0000",
    "x" * 3000, "{value: x}", "{value: [a]}", "{value: x, quote: [y]}", "[a, [b, [c]]]", "? a", "|\n  block", ">-",
    "%YAML 1.1", "---", "...", "@", "`", "\t", "&r [x, *r]", "Kamis, 30 Oktober 2025 25:61 WIB", "apeksi",
    "kota-medan", "Mayor",
    "City", "before publication", "Senin (7/10)", "Tahun 2999", "[Molen, Molen]", "{quote: x, occurrence: 0}",
    "kota-pangkal-pinang", "part_of", "member_of", "follow_up_of", "-", "--a", "A-B", "é", "\x85", "\x0c",
    '"Hotel\\e[31mSultan"', '"\\u202eSultan"', '"a\\0b"', '"\\x0b"', '"\\N"', '"\\L"', '"\\uFEFF"', '"\\t"',
]
KEYS = ["id", "type", "name", "aliases", "quote", "occurrence", "value", "text", "published", "date", "status",
        "role", "of", "holder", "event", "relation", "subject", "object", "follow_up_of", "url", "language", "topic",
        "parties", "signed_at", "start", "end", "as_of", "host", "entities", "events", "article"]


def mutate(text: str, rng: random.Random) -> bytes:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 3)):
        where = rng.randrange(len(lines))
        kind = rng.choices(range(10), weights=[1, 1, 1, 8, 3, 1, 1, 1, 1, 6])[0]
        if kind == 0 and len(lines) > 1:
            del lines[where]
        elif kind == 1:
            lines.insert(where, lines[rng.randrange(len(lines))])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[where], lines[other] = lines[other], lines[where]
        elif kind == 3 and ": " in lines[where]:
            head = lines[where].split(": ", 1)[0]
            lines[where] = f"{head}: {rng.choice(HOSTILE)}"
        elif kind == 4:
            lines.insert(where, " " * rng.choice([0, 2, 4, 6]) + f"{rng.choice(KEYS)}: {rng.choice(HOSTILE)}")
        elif kind == 5:
            lines[where] = rng.choice(["", " ", "  ", "\t"]) + lines[where]
        elif kind == 6 and lines[where]:
            at = rng.randrange(len(lines[where]))
            lines[where] = lines[where][:at] + rng.choice(HOSTILE) + lines[where][at + 1:]
        elif kind == 7:
            lines[where] = lines[where].lstrip()[: rng.randrange(len(lines[where]) + 1)]
        elif kind == 8:
            lines.insert(where, "  - " + rng.choice(HOSTILE))
        elif ": " in lines[where]:
            head, value = lines[where].split(": ", 1)
            lines[where] = f"{head}: {_quoted(rng.choice([rng.choice(HOSTILE), _swap(value, rng)]))}"
    data = "\n".join(lines).encode("utf-8")
    if rng.random() < 0.1:
        at = rng.randrange(len(data))
        data = data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if rng.random() < 0.05:
        data = data[: rng.randrange(len(data))]
    return data


def _quoted(value: str) -> str:
    """A value as a double-quoted YAML scalar, so the YAML stays valid and the value reaches the checks."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _swap(value: str, rng: random.Random) -> str:
    """The value with one of its characters replaced by a hostile one."""
    at = rng.randrange(len(value) + 1)
    hostile = rng.choice(["\x00", "\u202e", "²", "\u0663", "(", ")", "/", "-", "", " ", "\n", "é"])
    return value[:at] + hostile + value[at + 1:]


def mutant(number: int) -> bytes:
    rng = random.Random(number)
    return mutate(rng.choice(SEEDS).read_text(encoding="utf-8"), rng)


@pytest.fixture(scope="module")
def sources() -> tuple[Ontology, Reference]:
    return load_ontology(ROOT / "ontology"), load_reference(ROOT / "seeds" / "reference")


def test_reading_any_mutant_raises_only_kgerror(sources: tuple[Ontology, Reference], tmp_path: Path) -> None:
    ontology, reference = sources
    registry = load_registry(ROOT / "seeds")
    shutil.copytree(ROOT / "seeds" / "articles", tmp_path / "seeds" / "articles")
    (tmp_path / "seeds" / "annotations").mkdir()
    path = tmp_path / "seeds" / "annotations" / "mutant.yaml"
    deadline = time.monotonic() + BUDGET_SECONDS
    read, refused = 0, 0
    for number in range(CASES):
        if time.monotonic() > deadline:
            break
        path.write_bytes(mutant(number))
        try:
            scan = scan_annotation(path, ontology)
            read_annotation(scan, ontology, index_corpus(ontology, reference, registry, [(scan.path, scan.entries)]))
        except KgError:
            refused += 1
        except Exception as error:
            pytest.fail(f"mutant({number}) raised {type(error).__name__}: {error}\n{mutant(number)[:400]!r}")
        read += 1
    assert read >= 100 and refused > read // 2
