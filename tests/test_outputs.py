"""Build outputs and their stamp as one unit; stamps with output digests; checksummed cache; no leftovers.

An interruption is injected before each step that touches the disk, and real
builds are killed with SIGKILL: every time, what `out/` shows is the whole old
build or the whole new one, and its stamp matches it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg.files
import kg.outputs
import kg.stat_cache
from kg.build import TRIG, TURTLE
from kg.cache import read_entry, write_entry
from kg.cli import main
from kg.errors import KgError
from kg.freshness import staleness
from kg.outputs import CURRENT, OUTPUT_STATS, Stamp, outputs_match, publish, read_stamp
from kg.source_digest import SOURCES_STAMP
from tests.test_bad_input import A, edit

DEAD_PID = 2**22 + 12345  # above Linux's largest pid, so never running


class Interrupted(BaseException):
    """Stands for a kill: nothing catches it, only `finally` blocks run."""


def view(out: Path) -> tuple[bytes, bytes, Stamp | None]:
    return (out / TRIG).read_bytes(), (out / TURTLE).read_bytes(), read_stamp(out, SOURCES_STAMP)


def interrupt_at(monkeypatch: pytest.MonkeyPatch, step: int) -> None:
    """Raise Interrupted at the step-th write, symlink or rename the outputs module makes."""
    count = iter(range(10**6))

    def wrap(function):
        def wrapped(*arguments, **options):
            if next(count) == step:
                raise Interrupted
            return function(*arguments, **options)
        return wrapped

    monkeypatch.setattr(kg.outputs, "write_new", wrap(kg.files.write_new))
    monkeypatch.setattr(kg.outputs.os, "symlink", wrap(os.symlink))
    monkeypatch.setattr(kg.outputs.os, "replace", wrap(os.replace))


@pytest.mark.parametrize("first", ["empty folder", "old regular files"])
def test_an_interruption_at_any_step_leaves_the_old_or_the_new_build(tmp_path: Path, first: str) -> None:
    def old(out: Path) -> None:
        if first == "empty folder":
            publish(out, {TRIG: "old trig", TURTLE: "old ttl"}, SOURCES_STAMP, "old-sources")
        else:
            out.mkdir()
            for name, text in ((TRIG, "old trig"), (TURTLE, "old ttl"), (SOURCES_STAMP, "old-sources\n")):
                (out / name).write_text(text, encoding="utf-8")

    new = {TRIG: "new trig", TURTLE: "new ttl"}
    step, finished = 0, False
    while not finished:
        out = tmp_path / f"out-{step}"
        old(out)
        before = view(out)
        with pytest.MonkeyPatch.context() as patch:
            interrupt_at(patch, step)
            try:
                publish(out, new, SOURCES_STAMP, "new-sources")
                finished = True
            except Interrupted:
                pass
        after = view(out)
        if after[:2] == (b"new trig", b"new ttl"):
            assert after[2] == Stamp("new-sources", {n: kg.outputs.digest(t.encode()) for n, t in new.items()})
        else:
            assert after == before, f"step {step}: a mixture of the old and new builds"
        step += 1
    assert step > 4
    assert outputs_match(out, read_stamp(out, SOURCES_STAMP))


def test_killed_builds_leave_the_old_or_the_new_build(project: Path) -> None:
    subprocess.run([sys.executable, "-m", "kg", "build"], check=True, capture_output=True)
    out = Path("out")
    old = view(out)
    edit(A, "    name: Hotel Sultan\n", "    name: Hotel Sultan Jakarta\n    aliases: [Hotel Sultan]\n")
    seen = set()
    for delay in (0.4, 0.8, 1.2, 1.6, 2.0, 2.6, 30):
        build = subprocess.Popen([sys.executable, "-m", "kg", "build"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        try:
            build.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            build.send_signal(signal.SIGKILL)
            build.wait()
        now = view(out)
        assert now[2] is not None and outputs_match(out, now[2])
        assert now == old or (b"Hotel Sultan Jakarta" in now[0] and b"Hotel Sultan Jakarta" in now[1])
        seen.add("old" if now == old else "new")
        if "new" in seen:
            break
    assert "new" in seen
    assert [p.name for p in (out / ".builds").iterdir()] == [Path(os.readlink(out / CURRENT)).name]
    subprocess.run([sys.executable, "-m", "kg", "build"], check=True, capture_output=True)
    assert view(out) == now  # the next build keeps what the killed one wrote, and clears what it left half-written
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_outputs_that_do_not_match_their_stamp_are_stale(project: Path) -> None:
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    out = Path("out")
    assert staleness(Path("seeds"), out, Path("ontology")) == ""
    (out / TRIG).resolve().write_text("@prefix x: <http://x/> .\n", encoding="utf-8")
    assert staleness(Path("seeds"), out, Path("ontology")) == "its files are not those its build wrote"
    (out / SOURCES_STAMP).resolve().write_text("a digest of the sources, as earlier versions wrote\n")
    assert staleness(Path("seeds"), out, Path("ontology")) == "its files are not those its build wrote"
    result = CliRunner().invoke(main, ["export", "--format", "nt"])
    assert result.exit_code == 0 and "x:" not in result.output


def test_outputs_are_read_again_only_when_their_stat_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.stat_cache, "SETTLED_NS", 0)
    publish(tmp_path, {TRIG: "trig", TURTLE: "ttl"}, SOURCES_STAMP, "sources")
    stamp = read_stamp(tmp_path, SOURCES_STAMP)
    assert stamp is not None and outputs_match(tmp_path, stamp)
    read: list[str] = []
    real = kg.stat_cache.file_digest
    monkeypatch.setattr(kg.stat_cache, "file_digest", lambda path: read.append(Path(path).name) or real(path))
    assert outputs_match(tmp_path, stamp) and read == []
    (tmp_path / TRIG).resolve().write_text("TRIG", encoding="utf-8")
    assert not outputs_match(tmp_path, stamp) and read == [TRIG]


def test_outputs_a_build_just_wrote_are_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    publish(tmp_path, {TRIG: "trig", TURTLE: "ttl"}, SOURCES_STAMP, "sources")
    stamp = read_stamp(tmp_path, SOURCES_STAMP)
    read: list[str] = []
    real = kg.stat_cache.file_digest
    monkeypatch.setattr(kg.stat_cache, "file_digest", lambda path: read.append(Path(path).name) or real(path))
    assert stamp is not None and outputs_match(tmp_path, stamp) and outputs_match(tmp_path, stamp)
    assert read == []
    (tmp_path / TURTLE).resolve().write_text("TTL!", encoding="utf-8")
    assert not outputs_match(tmp_path, stamp) and read == [TURTLE]


def test_outputs_are_checked_where_their_stat_cannot_be_recorded(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(path: Path, payload: bytes) -> None:
        raise KgError("cannot write here (Read-only file system); choose a folder you can write to", path)

    monkeypatch.setattr(kg.stat_cache, "write_entry", refuse)
    monkeypatch.setattr(kg.stat_cache, "SETTLED_NS", 0)
    publish(tmp_path, {TRIG: "trig", TURTLE: "ttl"}, SOURCES_STAMP, "sources")
    stamp = read_stamp(tmp_path, SOURCES_STAMP)
    assert stamp is not None and outputs_match(tmp_path, stamp)
    (tmp_path / TURTLE).resolve().write_text("TTL", encoding="utf-8")
    assert not outputs_match(tmp_path, stamp)
    assert not (tmp_path / OUTPUT_STATS).exists()


def test_leftovers_of_killed_writers_are_removed_and_those_of_live_ones_kept(project: Path) -> None:
    out = Path("out")
    (out / ".builds" / f"{DEAD_PID}-0a1b2c3d").mkdir(parents=True)
    (out / ".builds" / f"{DEAD_PID}-0a1b2c3d" / TRIG).write_text("half", encoding="utf-8")
    dead = out / f".kg.trig.{DEAD_PID}.0a1b2c3d.tmp"
    live = out / f".kg.trig.{os.getppid()}.0a1b2c3d.tmp"
    dead.write_text("half", encoding="utf-8")
    live.write_text("being written", encoding="utf-8")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    assert not dead.exists() and live.exists()
    assert [p.name for p in (out / ".builds").iterdir()] == [Path(os.readlink(out / CURRENT)).name]


@pytest.mark.parametrize("damage", ["emptied", "valid checksum, not N-Triples"])
def test_a_damaged_cache_entry_is_recomputed(project: Path, damage: str) -> None:
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    entries = sorted(Path("out/.cache/reasoner").iterdir())
    assert entries and all(read_entry(entry) is not None for entry in entries)
    for entry in entries:
        data = entry.read_bytes()
        if damage == "valid checksum, not N-Triples":
            write_entry(entry, b"<not n-triples\n")
        else:
            damaged = {"emptied": b"", "garbage": b"\x00\xff garbage", "truncated": data[:len(data) // 2]}
            entry.write_bytes(damaged[damage])
    Path("out/.sources.sha256").resolve().unlink()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    assert "  inferred statements: 1424" in result.output.splitlines()
    assert [entry.read_bytes() for entry in entries] != [b""] * len(entries)
    assert all(read_entry(entry) is not None for entry in entries)


def test_cache_entries_carry_their_checksum(tmp_path: Path) -> None:
    entry = tmp_path / "a.nt"
    write_entry(entry, b"")
    assert read_entry(entry) == b""
    assert read_entry(tmp_path / "missing.nt") is None
    write_entry(entry, b"<http://a> <http://b> <http://c> .\n")
    data = entry.read_bytes()
    for damaged in (b"", b"\x00\xff garbage", data[:len(data) // 2], data.replace(b"<http://c>", b"<http://d>")):
        entry.write_bytes(damaged)
        assert read_entry(entry) is None
