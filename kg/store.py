"""The persistent store: an on-disk Oxigraph store under out/.store, kept equal to out/kg.trig.

Each build replaces only the named graphs whose Turtle block changed (a manifest, out/.store.json, keeps the
digest of every graph's block, where each block is in kg.trig, and the identity of that kg.trig). A large
shared graph that changed (the resolved claims, the inferred statements) is updated by the subjects whose
statements changed: the build keeps its block's parts, one per subject, in out/.cache/parts/ by the block's
digest. Readers open the store read-only, and `kg serve` serves a copy of it, when its manifest matches the
build's stamp; otherwise they load kg.trig as before.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef

from kg.cache import keep_only, read_entry, write_entry
from kg.files import write_files

STORE = ".store"
MANIFEST = ".store.json"
PARTS = Path(".cache") / "parts"
PRELOAD_FROM = 64  # graphs from which a new store is loaded while the build goes on
PRELOAD_BATCH = 1000  # graphs per bulk load: the document of all of them would be as large as kg.trig
BLANK = "_:"  # graphs with blank nodes are loaded whole: labels do not carry over from one parse to the next


def block_digest(block: str) -> str:
    return hashlib.sha256(block.encode()).hexdigest()


def read_manifest(out: Path) -> dict:
    return manifest_read(out)[1]


def manifest_read(out: Path) -> tuple[bytes, dict]:
    """The store's manifest, as bytes and as read; an absent or unreadable one reads as empty."""
    try:
        payload = (out / MANIFEST).read_bytes()
        manifest = json.loads(payload)
    except (OSError, ValueError):
        return b"", {}
    return payload, manifest if isinstance(manifest, dict) else {}


def identity(trig: Path) -> list[int]:
    """What tells one written kg.trig from another without reading it (outputs are replaced, never edited)."""
    stat = trig.stat()
    return [stat.st_ino, stat.st_size, stat.st_mtime_ns]


class Preload:
    """Graphs bulk-loaded into a new store on a thread of their own (Oxigraph lets go of the interpreter while
    it loads), while the build goes on to the shared graphs; `update_store` then takes the store as holding
    them. The store is loaded so only when there is none a build could update: there is nothing to keep."""

    def __init__(self, out: Path, header: str, blocks: list[tuple[URIRef, str]]) -> None:
        (out / MANIFEST).unlink(missing_ok=True)
        self.store: ox.Store | None = ox.Store(str(out / STORE))
        self.graphs: dict[str, str] = {}
        self.error: BaseException | None = None
        self.stopping = False
        self.thread = threading.Thread(target=self.load, args=(self.store, header, blocks), daemon=True)
        self.thread.start()

    def load(self, store: ox.Store, header: str, blocks: list[tuple[URIRef, str]]) -> None:
        try:
            store.clear()
            for start in range(0, len(blocks), PRELOAD_BATCH):
                if self.stopping:
                    return
                batch = blocks[start:start + PRELOAD_BATCH]
                document = header + "".join(named_block(str(name), block) for name, block in batch)
                store.bulk_load(document.encode(), format=ox.RdfFormat.TRIG)
                self.graphs.update((str(name), block) for name, block in batch)
        except BaseException as exc:  # raised again where the build waits for the load
            self.error = exc.with_traceback(None)  # its frames would hold the store open

    def result(self) -> tuple[ox.Store, dict[str, str]]:
        """The store and the graphs it holds (their blocks, by name), once loaded."""
        self.thread.join()
        if self.error is not None:
            raise self.error
        assert self.store is not None, "a closed preload has no result"
        return self.store, self.graphs

    def close(self) -> None:
        """Let go of the store, once the batch being loaded is in; the batches not begun are not loaded."""
        self.stopping = True
        self.thread.join()
        self.store = None


@contextmanager
def preloading(out: Path, header: str, blocks: list[tuple[URIRef, str]]) -> Iterator[Preload | None]:
    """A `Preload` of these graphs when there are many and no store the build could update; waited for and let
    go of at the end, whatever happens."""
    if len(blocks) < PRELOAD_FROM or store_kept(out):
        yield None
        return
    preload = Preload(out, header, blocks)
    try:
        yield preload
    finally:
        preload.close()


def update_store(trig: Path, header: str, blocks: Iterable[tuple[URIRef, str]],
                 parts: Mapping[URIRef, list[str]] | None = None, layout: dict | None = None,
                 preload: Preload | None = None) -> list[str]:
    """Bring the store next to `trig` to these graphs, replacing only those whose block changed; return the
    graphs replaced. `parts` are the blocks of some graphs, one part per subject; the manifest also keeps
    `layout`, where each graph is in `trig` (see kg/sections.py); `preload`, graphs already loaded into a new
    store. An interrupted update leaves no manifest, so readers fall back and the next build reloads. A store
    loaded whole is compacted (its bulk load leaves overlapping files that made every lookup of a query two to
    three times slower)."""
    out = trig.parent
    manifest = read_manifest(out)
    before: dict[str, str] = manifest.get("graphs", {}) if (out / STORE).is_dir() else {}
    wanted = {str(name): (block, block_digest(block)) for name, block in blocks}
    (out / MANIFEST).unlink(missing_ok=True)
    fresh = not before
    store, preloaded = preload.result() if preload is not None else (ox.Store(str(out / STORE)), {})
    try:
        if fresh and preload is None:
            store.clear()
        for name in sorted(set(before) - set(wanted)):
            store.remove_graph(ox.NamedNode(name))
        changed = [(name, block) for name, (block, sha) in wanted.items()
                   if before.get(name) != sha and preloaded.get(name) != block]
        edited = [(name, block) for name, block in changed if name in before and BLANK not in block]
        subjects = {str(name): graph_parts for name, graph_parts in (parts or {}).items()}
        for name, block in edited:
            held = read_parts(out, before[name]) if name in subjects else None
            if held is not None:
                replace_parts(store, name, header, held, subjects[name])
            else:
                replace_by_difference(store, name, header + named_block(name, block))
        loaded = [(name, block) for name, block in changed if (name, block) not in edited]
        for name, _ in loaded:
            if name in before:
                store.remove_graph(ox.NamedNode(name))
        if loaded:
            document = header + "".join(named_block(name, block) for name, block in loaded)
            store.bulk_load(document.encode(), format=ox.RdfFormat.TRIG)
        if fresh:
            store.optimize()
        replaced = list(wanted) if fresh else [name for name, _ in changed]
        store.flush()
    finally:
        del store
        if preload is not None:
            preload.close()
    graphs = {name: sha for name, (_, sha) in wanted.items()}
    keep_parts(out, {graphs[str(name)]: graph_parts for name, graph_parts in (parts or {}).items()})
    manifest = {**(layout or {}), "trig": identity(trig), "graphs": graphs}
    write_files({out / MANIFEST: json.dumps(manifest, indent=1, sort_keys=True) + "\n"})
    return replaced


def named_block(name: str, block: str) -> str:
    return f"<{name}> {{\n{block}\n}}\n"


def replace_by_difference(store: ox.Store, name: str, document: str) -> None:
    """Bring one graph already in the store to `document` by removing and adding only the quads that differ
    (most of a shared graph stays as it was when one article changes)."""
    graph = ox.NamedNode(name)
    wanted = set(ox.parse(document.encode(), format=ox.RdfFormat.TRIG))
    held = set(store.quads_for_pattern(None, None, None, graph))
    for quad in held - wanted:
        store.remove(quad)
    store.extend(wanted - held)


def read_parts(out: Path, sha: str) -> list[str] | None:
    payload = read_entry(out / PARTS / f"{sha}.json")
    try:
        return json.loads(payload) if payload is not None else None
    except ValueError:
        return None


def keep_parts(out: Path, parts: dict[str, list[str]]) -> None:
    """Keep these blocks' parts by digest, and no others."""
    keep_only(out / PARTS, {f"{sha}.json" for sha in parts})
    for sha, block_parts in parts.items():
        if read_entry(out / PARTS / f"{sha}.json") is None:
            write_entry(out / PARTS / f"{sha}.json", json.dumps(block_parts).encode())


def replace_parts(store: ox.Store, name: str, header: str, held: list[str], wanted: list[str]) -> None:
    """Bring one graph from the block `held` to the block `wanted` (both as parts, one per subject) by removing
    the statements of the subjects whose part changed and adding their new ones."""
    graph = ox.NamedNode(name)
    for quad in in_graph(header, set(held) - set(wanted), graph):
        store.remove(quad)
    store.extend(in_graph(header, set(wanted) - set(held), graph))


def in_graph(header: str, parts: set[str], graph: ox.NamedNode) -> list[ox.Quad]:
    """The statements of these parts of a block, as quads in `graph`."""
    parsed = ox.parse((header + "".join(sorted(parts))).encode(), format=ox.RdfFormat.TURTLE)
    return [ox.Quad(quad.subject, quad.predicate, quad.object, graph) for quad in parsed]


def store_kept(out: Path) -> bool:
    """Whether the last update of the store in `out` finished (its manifest is written after it) and the store
    is still there; else the next build loads it again."""
    return (out / STORE).is_dir() and (out / MANIFEST).is_file()


def holds(trig: Path) -> bool:
    """Whether the persistent store next to `trig` is there and holds this very kg.trig."""
    return held_state(trig) is not None


def held_state(trig: Path) -> str | None:
    """A digest of what the persistent store next to `trig` holds (its manifest), when it holds this very
    kg.trig; else None."""
    payload, manifest = manifest_read(trig.parent)
    try:
        held = manifest.get("trig") == identity(trig) and (trig.parent / STORE).is_dir()
    except OSError:
        return None
    return hashlib.sha256(payload).hexdigest() if held else None


def open_built(trig: Path) -> ox.Store | None:
    """The persistent store, read-only, when it holds this very kg.trig; else None."""
    if not holds(trig):
        return None
    try:
        return ox.Store.read_only(str(trig.parent / STORE))
    except OSError:
        return None


def copy_built(trig: Path, target: Path) -> bool:
    """Copy the persistent store to `target`, a new folder (hard links to its files where `target` is on the same
    file system), when it holds this very kg.trig before and after the copy; False, with nothing at `target`,
    when it does not."""
    built = open_built(trig)
    if built is None:
        return False
    try:
        built.backup(str(target))
        copied = holds(trig)
    except (OSError, RuntimeError):
        copied = False
    del built
    if not copied:
        shutil.rmtree(target, ignore_errors=True)
    return copied


def open_store(trig: Path) -> ox.Store:
    """The dataset as an Oxigraph store, named graphs kept: the persistent store the build keeps next to it
    when it holds this kg.trig, else kg.trig loaded in memory."""
    built = open_built(trig)
    if built is not None:
        return built
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store
