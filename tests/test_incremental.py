"""The article is the unit of build: compiles are cached, a changed article is compiled alone, nothing changed
means nothing is read, and the output is byte-identical whether articles were compiled in parallel, one by
one, or taken from the cache."""

from __future__ import annotations

import builtins
import gc
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from corpus_generator import make_corpus

from kg import build as build_module
from kg import compile as compile_module
from kg import parallel, source_cache, stat_cache
from kg.build import build
from kg.cache import keep_only
from kg.errors import KgError, display_path
from kg.files import temporary_name
from kg.progress import progress

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"
ARTICLES = 70


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    """A generated corpus large enough to compile in parallel, built once cold."""
    folder = tmp_path_factory.mktemp("incremental")
    names = make_corpus(folder / "seeds", ARTICLES)
    build(folder / "seeds", folder / "cold", ONTOLOGY)
    return folder / "seeds", names, folder / "cold"


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in ("kg.trig", "kg.ttl")}


def count_compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    compiled: list[str] = []
    original = compile_module.Compiler.compile

    def counting(self, scan):
        compiled.append(scan.path.name)
        return original(self, scan)

    monkeypatch.setattr(compile_module.Compiler, "compile", counting)
    return compiled


def built_copy(seeds: Path, tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the corpus (the cache is keyed by each file's path too: its messages name it), built."""
    copy, out = tmp_path / "seeds", tmp_path / "out"
    shutil.copytree(seeds, copy)
    build(copy, out, ONTOLOGY)
    return copy, out


def assert_as_built_afresh(copy: Path, out: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compile_module, "PARALLEL_FROM", 10**9)
    build(copy, tmp_path / "fresh", ONTOLOGY)
    assert outputs(out) == outputs(tmp_path / "fresh")


def test_parallel_and_serial_compiles_write_the_same_bytes(corpus, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, _, cold = corpus
    monkeypatch.setattr(compile_module, "PARALLEL_FROM", 10**9)
    monkeypatch.setattr(source_cache, "PARALLEL_FROM", 10**9)
    compiled = count_compiles(monkeypatch)
    build(seeds, tmp_path / "serial", ONTOLOGY)
    assert len(compiled) == ARTICLES
    assert outputs(tmp_path / "serial") == outputs(cold)


def test_nothing_changed_reads_no_article(corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, _, cold = corpus
    out = tmp_path / "out"
    shutil.copytree(cold, out, symlinks=True)
    first = build(seeds, out, ONTOLOGY)

    def no_read(*_: object, **__: object) -> None:
        raise AssertionError("the sources were read although nothing changed")

    monkeypatch.setattr(build_module, "read_sources", no_read)
    again = build(seeds, out, ONTOLOGY)
    assert again.summary().splitlines()[1:] == first.summary().splitlines()[1:]
    assert again.warnings() == first.warnings()
    assert outputs(out) == outputs(cold)


def test_a_new_version_of_the_build_builds_again(corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, _, cold = corpus
    out = tmp_path / "out"
    shutil.copytree(cold, out, symlinks=True)
    read: list[Path] = []
    original = build_module.read_sources
    monkeypatch.setattr(build_module, "read_sources", lambda *args: read.append(args[0]) or original(*args))
    build(seeds, out, ONTOLOGY)
    assert read == []
    monkeypatch.setattr(build_module, "build_version", lambda: "a later version")
    build(seeds, out, ONTOLOGY)
    assert read == [seeds]
    assert outputs(out) == outputs(cold)


def test_one_changed_article_is_compiled_alone(corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, names, cold = corpus
    copy, out = built_copy(seeds, tmp_path)
    assert outputs(out) == outputs(cold)
    changed = copy / "annotations" / names[ARTICLES // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    compiled = count_compiles(monkeypatch)
    build(copy, out, ONTOLOGY)
    assert compiled == [changed.name]
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)
    assert b"/chaired/" in outputs(out)["kg.trig"]
    assert b"/chaired/" not in outputs(cold)["kg.trig"]


def test_the_caches_keep_only_the_entries_of_the_articles_as_they_are(corpus, tmp_path: Path) -> None:
    seeds, names, _ = corpus
    copy, out = built_copy(seeds, tmp_path)
    before = {folder: sorted(path.name for path in (out / folder).iterdir())
              for folder in (compile_module.ARTICLES, source_cache.SCANS)}
    changed = copy / "annotations" / names[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    build(copy, out, ONTOLOGY)
    for folder, entries in before.items():
        after = sorted(path.name for path in (out / folder).iterdir())
        assert len(after) == len(entries) == ARTICLES
        assert len(set(after) - set(entries)) == 1


def test_pruning_a_cache_leaves_a_running_writers_temporary_file(tmp_path: Path) -> None:
    writing = temporary_name(tmp_path / "new.pickle").name
    for name in ("kept.pickle", "gone.pickle", writing):
        (tmp_path / name).write_bytes(b"")
    keep_only(tmp_path, {"kept.pickle"})
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(["kept.pickle", writing])


NEW_TEXT = """Camat Hadiri Kegiatan Antarkota

{city_upper} - Camat Kota Lama, Rusdi Halim Matondang, turut hadir dalam kegiatan yang digelar di kota itu.

Rusdi Halim Matondang mengatakan pertemuan semacam ini membantu kecamatan belajar dari daerah lain.
"""

NEW_ANNOTATION = """article:
  id: berita-tambahan-camat
  text: ../articles/berita-tambahan-camat.txt
  title: Camat Hadiri Kegiatan Antarkota
  published: "2024-03-02"
  language: id
entities:
  - id: rusdi-halim-matondang
    type: Person
    name: Rusdi Halim Matondang
    quote: Camat Kota Lama, Rusdi Halim Matondang
participations:
  - participant: rusdi-halim-matondang
    role: attended
    event: {event}
    quote: Rusdi Halim Matondang, turut hadir dalam kegiatan
"""


def first_event(annotation: Path) -> str:
    lines = annotation.read_text(encoding="utf-8").splitlines()
    return lines[lines.index("events:") + 1].split("id:", 1)[1].strip()


def test_a_new_declaration_compiles_only_the_article_that_makes_it(corpus, tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, names, _ = corpus
    copy, out = built_copy(seeds, tmp_path)
    event = first_event(copy / "annotations" / names[0])
    (copy / "articles" / "berita-tambahan-camat.txt").write_text(NEW_TEXT.format(city_upper="KOTA"), encoding="utf-8")
    (copy / "annotations" / "berita-tambahan-camat.yaml").write_text(NEW_ANNOTATION.format(event=event),
                                                                     encoding="utf-8")
    compiled = count_compiles(monkeypatch)
    build(copy, out, ONTOLOGY)
    assert compiled == ["berita-tambahan-camat.yaml"]
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)
    assert b"rusdi-halim-matondang" in outputs(out)["kg.trig"]


def test_a_renamed_entity_recompiles_the_articles_that_use_it(corpus, tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    copy, out = built_copy(corpus[0], tmp_path)
    registry = copy / "entities.yaml"
    texts = {p.name: p.read_text(encoding="utf-8") for p in (copy / "annotations").glob("*.yaml")}
    people = [e for e in yaml.safe_load(registry.read_text(encoding="utf-8"))["entities"] if e["type"] == "Person"]
    person = next(e for e in people if any(f" {e['id']}\n" in text for text in texts.values()))
    users = sorted(name for name, text in texts.items() if f" {person['id']}\n" in text)
    line = f"name: {person['name']}\n"
    registry.write_text(registry.read_text(encoding="utf-8").replace(
        line, f"{line}    aliases: [Pak {person['name'].split()[-1]}]\n", 1), encoding="utf-8")
    compiled = count_compiles(monkeypatch)
    build(copy, out, ONTOLOGY)
    assert sorted(compiled) == users
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)


def test_a_damaged_cache_entry_is_compiled_again(corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, _, cold = corpus
    out = tmp_path / "out"
    shutil.copytree(cold, out, symlinks=True)
    (out / "kg.ttl").unlink()
    entries = sorted((out / compile_module.ARTICLES).glob("*.pickle"))
    assert len(entries) == ARTICLES
    entries[0].write_bytes(entries[0].read_bytes()[:-10])
    compiled = count_compiles(monkeypatch)
    build(seeds, out, ONTOLOGY)
    assert len(compiled) == 1
    assert (out / "kg.ttl").read_bytes() == outputs(cold)["kg.ttl"]


def count_scans(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    scanned: list[str] = []
    original = source_cache.scan_annotation

    def counting(path, ontology):
        scanned.append(path.name)
        return original(path, ontology)

    monkeypatch.setattr(source_cache, "scan_annotation", counting)
    monkeypatch.setattr(source_cache, "PARALLEL_FROM", 10**9)
    return scanned


def test_only_a_changed_file_is_scanned_again(corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, names, _ = corpus
    copy = tmp_path / "seeds"
    shutil.copytree(seeds, copy)
    out = tmp_path / "out"
    scanned = count_scans(monkeypatch)
    build(copy, out, ONTOLOGY)
    assert len(scanned) == ARTICLES
    changed = copy / "annotations" / names[3]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    scanned.clear()
    build(copy, out, ONTOLOGY)
    assert scanned == [changed.name]
    monkeypatch.undo()
    build(copy, tmp_path / "fresh", ONTOLOGY)
    assert outputs(out) == outputs(tmp_path / "fresh")


def opened_under(folders: list[Path], monkeypatch: pytest.MonkeyPatch) -> set[str]:
    """The names of the files under `folders` that are opened from now on."""
    opened: set[str] = set()

    def noting(original):
        def opening(file, *args, **kwargs):
            if isinstance(file, str | Path) and any(Path(os.path.abspath(file)).is_relative_to(f) for f in folders):
                opened.add(Path(file).name)
            return original(file, *args, **kwargs)
        return opening

    for module in (io, builtins, os):
        monkeypatch.setattr(module, "open", noting(module.open))
    return opened


def test_a_changed_article_is_the_only_source_file_read(corpus, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, names, _ = corpus
    monkeypatch.setattr(stat_cache, "SETTLED_NS", 0)
    copy, out = built_copy(seeds, tmp_path)
    build(copy, out, ONTOLOGY)
    changed = copy / "annotations" / names[5]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    opened = opened_under([copy.resolve() / "annotations", copy.resolve() / "articles"], monkeypatch)
    build(copy, out, ONTOLOGY)
    assert opened == {changed.name, changed.with_suffix(".txt").name}
    monkeypatch.undo()
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)


def test_a_file_edited_while_it_is_built_is_not_cached_under_its_old_digest(corpus, tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seeds, names, _ = corpus
    copy, out = built_copy(seeds, tmp_path)
    changed = copy / "annotations" / names[7]
    before = changed.read_text(encoding="utf-8")
    assert "role: spoke" in before
    changed.write_text(before.replace("role: spoke", "role: attended"), encoding="utf-8")
    original = source_cache.scan_annotation

    def edited_meanwhile(path, ontology):
        if path.name == changed.name:
            path.write_text(before.replace("role: spoke", "role: chaired"), encoding="utf-8")
        return original(path, ontology)

    monkeypatch.setattr(source_cache, "scan_annotation", edited_meanwhile)
    warnings = build(copy, out, ONTOLOGY).warnings()
    assert warnings[-1] == f"{display_path(changed.absolute())} changed while the build read it; run `kg build` again"
    monkeypatch.undo()
    changed.write_text(before.replace("role: spoke", "role: attended"), encoding="utf-8")
    build(copy, out, ONTOLOGY)
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)


@pytest.mark.parametrize(("loader", "name", "old", "edited", "meanwhile"), [
    ("load_reference", "reference/cities.csv", "Kota Medan", "Kota Medan Baru", "Kota Medan Lama"),
    ("load_registry", "entities.yaml", "name: Zainal Zainal Harahap\n", "name: Zainal Z. Harahap\n",
     "name: Zainal Y. Harahap\n"),
])
def test_shared_data_edited_while_it_is_read_is_not_cached_under_its_old_digest(
        corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loader: str, name: str, old: str, edited: str,
        meanwhile: str) -> None:
    seeds, _, _ = corpus
    copy, out = built_copy(seeds, tmp_path)
    changed = copy / name
    before = changed.read_text(encoding="utf-8")
    assert old in before
    changed.write_text(before.replace(old, edited), encoding="utf-8")
    original = getattr(build_module, loader)

    def edited_first(*args):
        changed.write_text(before.replace(old, meanwhile), encoding="utf-8")
        return original(*args)

    monkeypatch.setattr(build_module, loader, edited_first)
    compiles = sorted((out / compile_module.ARTICLES).iterdir())
    warnings = build(copy, out, ONTOLOGY).warnings()
    assert warnings[-1] == f"{display_path(changed.absolute())} changed while the build read it; run `kg build` again"
    assert sorted((out / compile_module.ARTICLES).iterdir()) == compiles
    monkeypatch.undo()
    changed.write_text(before.replace(old, edited), encoding="utf-8")
    build(copy, out, ONTOLOGY)
    assert_as_built_afresh(copy, out, tmp_path, monkeypatch)


def test_shared_blocks_come_from_the_cache_until_their_files_change(corpus, tmp_path: Path) -> None:
    seeds, _, _ = corpus
    copy = tmp_path / "seeds"
    shutil.copytree(seeds, copy)
    out = tmp_path / "out"
    build(copy, out, ONTOLOGY)
    blocks = sorted((out / source_cache.BLOCKS).glob("*.ttl"))
    assert len(blocks) == 3  # the ontology, the reference data, the registry
    for entry in blocks:
        entry.write_bytes(entry.read_bytes()[:-5])
    (copy / "reference" / "cities.csv").write_text(
        (copy / "reference" / "cities.csv").read_text(encoding="utf-8").replace("Kota Medan", "Kota Medan Baru"),
        encoding="utf-8")
    build(copy, out, ONTOLOGY)
    assert len(sorted((out / source_cache.BLOCKS).glob("*.ttl"))) == 4
    build(copy, tmp_path / "fresh", ONTOLOGY)
    assert outputs(out) == outputs(tmp_path / "fresh")
    assert b'"Kota Medan Baru"' in outputs(out)["kg.trig"]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    for stream, shown in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr(sys, "stderr", stream)
        assert list(progress(iter(range(3)), 3, "compiling")) == [0, 1, 2]
        assert ("compiling" in stream.getvalue()) is shown
        assert ("/3 [" in stream.getvalue()) is shown


def broken_in_compile(text: str) -> str:
    return text.replace("role: spoke", "role: sang")


def broken_in_scan(text: str) -> str:
    return text + "entities: [unclosed\n"


@pytest.mark.parametrize(("module", "breaking"), [(compile_module, broken_in_compile),
                                                  (source_cache, broken_in_scan)], ids=["compile", "scan"])
def test_an_error_in_parallel_work_is_the_serial_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module,
                                                     breaking) -> None:
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    names = make_corpus(tmp_path / "seeds", ARTICLES)
    for name in names[30], names[50]:
        broken = tmp_path / "seeds" / "annotations" / name
        broken.write_text(breaking(broken.read_text(encoding="utf-8")), encoding="utf-8")
    messages = []
    for parallel_from in (module.PARALLEL_FROM, 10**9):
        monkeypatch.setattr(module, "PARALLEL_FROM", parallel_from)
        with pytest.raises(KgError) as error:
            build(tmp_path / "seeds", tmp_path / f"out-{parallel_from}", ONTOLOGY)
        messages.append(str(error.value))
    assert messages[0] == messages[1]
    assert messages[0].startswith(display_path(tmp_path / "seeds" / "annotations" / names[30]) + ":")
    assert not (tmp_path / f"out-{module.PARALLEL_FROM}" / "kg.trig").exists()


def test_collection_runs_again_after_a_build_with_nothing_left_frozen() -> None:
    assert gc.isenabled()
    with build_module.collection_paused():
        assert not gc.isenabled()
        held = [[] for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() == 0
    assert all(gc.is_tracked(item) for item in held)
