"""The sources digest with its stat cache: every edit, addition and removal changes it, and the cache never
changes its value, only what is read to compute it."""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

import pytest

import kg.stat_cache
from kg.cache import write_entry
from kg.source_digest import STAT_CACHE, sources_digest
from kg.stat_cache import read_known

FILES = {"seeds/annotations/a.yaml": "article:\n  id: a\n", "seeds/articles/a.txt": "Walikota Bogor.\n",
         "seeds/reference/cities.yaml": "cities: []\n", "ontology/apk.ttl": "@prefix : <#> .\n"}
LEFT_OUT = ("seeds/.draft.yaml", "seeds/.git/config", "ontology/.hidden/apk.ttl")


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Source files, and a clock for which every file is settled as soon as it is written."""
    for name, text in FILES.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    for name in LEFT_OUT:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("not a source\n", encoding="utf-8")
    monkeypatch.setattr(kg.stat_cache, "SETTLED_NS", 0)
    return tmp_path


def expected(root: Path) -> str:
    """The digest as builds have always written it: `name NUL sha256(content)` a line, in name order."""
    digest = hashlib.sha256()
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
                   and p.relative_to(root).parts[0] in ("seeds", "ontology")
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    for name in names:
        digest.update(f"{name}\0{hashlib.sha256((root / name).read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def digest(root: Path) -> str:
    return sources_digest(root / "seeds", root / "ontology", root / "out")


def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the digest reads from now on."""
    read: list[str] = []
    real = kg.stat_cache.file_digest
    monkeypatch.setattr(kg.stat_cache, "file_digest", lambda path: read.append(Path(path).name) or real(path))
    return read


def test_the_digest_is_that_of_names_and_contents_and_a_second_one_reads_nothing(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = digest(tree)
    read = reads(monkeypatch)
    assert digest(tree) == first
    assert read == []
    assert first == expected(tree) == sources_digest(tree / "seeds", tree / "ontology")


def test_an_edit_that_keeps_the_size_is_read_again_and_changes_the_digest(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(tree)
    text = tree / "seeds/articles/a.txt"
    stat = text.stat()
    text.write_text("Walikota Bekasi\n", encoding="utf-8")
    os.utime(text, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert text.stat().st_size == stat.st_size
    read = reads(monkeypatch)
    assert digest(tree) == expected(tree) != before
    assert read == ["a.txt"]


def test_an_edit_that_puts_the_mtime_back_is_still_seen_by_its_ctime(tree: Path) -> None:
    before = digest(tree)
    text = tree / "seeds/articles/a.txt"
    stat = text.stat()
    text.write_text("Walikota Bekasi\n", encoding="utf-8")
    os.utime(text, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert digest(tree) == expected(tree) != before


def test_an_added_or_removed_file_changes_the_digest(tree: Path) -> None:
    before = digest(tree)
    (tree / "seeds/articles/b.txt").write_text("Walikota Bogor.\n", encoding="utf-8")
    added = digest(tree)
    assert added == expected(tree) != before
    (tree / "seeds/articles/a.txt").unlink()
    assert digest(tree) == expected(tree) not in (before, added)
    assert "a.txt" not in " ".join(read_known(tree / "out" / STAT_CACHE))


def test_a_touched_but_identical_file_keeps_the_digest(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(tree)
    os.utime(tree / "ontology/apk.ttl", ns=(1, 10**18))
    read = reads(monkeypatch)
    assert digest(tree) == before
    assert read == ["apk.ttl"]


@pytest.mark.parametrize("damage", [b"", b"sha256 0\n{}", b"{not json", b"[]", b'{"x": 1}', b'{"x": [1, 2]}'])
def test_a_missing_or_damaged_cache_gives_the_same_digest(tree: Path, damage: bytes) -> None:
    before = digest(tree)
    cache = tree / "out" / STAT_CACHE
    if damage.startswith(b"sha256"):
        cache.write_bytes(damage)
    elif damage:
        write_entry(cache, damage)
    else:
        cache.unlink()
    assert read_known(cache) == {}
    assert digest(tree) == before
    assert read_known(cache) != {}


def test_a_file_changed_just_before_the_digest_is_recorded_only_later(
        tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An edit in the same clock tick could leave the stat as it was, so only files older than that are kept."""
    monkeypatch.setattr(kg.stat_cache, "SETTLED_NS", 60 * 10**9)
    before = digest(tree)
    assert read_known(tree / "out" / STAT_CACHE) == {}
    later = time.time_ns() + 61 * 10**9
    monkeypatch.setattr(kg.stat_cache.time, "time_ns", lambda: later)
    assert digest(tree) == before
    assert len(read_known(tree / "out" / STAT_CACHE)) == len(FILES)
