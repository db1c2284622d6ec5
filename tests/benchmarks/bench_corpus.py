"""The corpus at scale: every figure of issue 11 against baselines from the same run.

Run by hand, not by pytest:  .venv/bin/python tests/benchmarks/bench_corpus.py --articles 1000

It generates a corpus (tests/corpus_generator.py), then times each command through the CLI as a separate
process (startup included; peak memory of that process), and the saved queries inside Oxigraph too, both in
the persistent store `kg query` reads and in a store loaded in memory (the per-entity ones also warm, the best
of three more runs in the same store, as a server answers them), and each asked again through the CLI, answered
from the answer kept (kg/answers.py), as the network page is (kg/kept.py). The baselines: Oxigraph bulk-loading
the kg.trig the build wrote, and rdflib parsing it. Each figure is given with its ratio to the Oxigraph bulk
load.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))

from corpus_generator import make_corpus  # noqa: E402

from kg.query import bindings, find_query  # noqa: E402
from kg.query import run as run_query  # noqa: E402
from kg.store import open_built  # noqa: E402

PERSON = "a mayor"
QUERIES = (("events", None), ("positions", None), ("participants", None), ("agreements", None),
           ("city-network", None), ("timeline", PERSON), ("timeline", "kota-medan"), ("provenance", None),
           ("provenance", PERSON), ("aliases", None), ("conflicts", None), ("komwil-members", None),
           ("series", None))


TIMEOUT = [300.0]
WARM_RUNS = 3
WITH_BYTECODE = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}


def run(args: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak resident MB of one `python -m kg ...` process; inf when it is stopped after the timeout.

    The process is started through /usr/bin/time, a small process, because a child's peak memory on Linux
    starts from its parent's at fork, and this benchmark holds the whole dataset in memory. It may write its
    modules' bytecode, as an installed `kg` has it (PYTHONDONTWRITEBYTECODE in the caller's environment would
    make every command compile the project's modules again, about 0.3 s)."""
    with tempfile.TemporaryFile() as errors, tempfile.NamedTemporaryFile("r") as peak:
        started = time.perf_counter()
        process = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", peak.name, sys.executable, "-m", "kg", *args],
                                   cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors, start_new_session=True,
                                   env=WITH_BYTECODE)
        timer = threading.Timer(TIMEOUT[0], lambda: os.killpg(process.pid, signal.SIGKILL))
        timer.start()
        status = process.wait()
        timer.cancel()
        seconds = time.perf_counter() - started
        kilobytes = peak.read().strip().splitlines()
        megabytes = int(kilobytes[-1]) / 1024 if kilobytes and kilobytes[-1].isdigit() else float("nan")
        if seconds >= TIMEOUT[0]:
            return float("inf"), megabytes
        if status not in ((0, 1) if args[0] == "check" else (0,)):
            errors.seek(0)
            raise SystemExit(f"kg {' '.join(args)} failed: {errors.read().decode()[-2000:]}")
    return seconds, megabytes


def timed(action) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def a_person(store: ox.Store) -> str:
    rows = store.query("SELECT ?p WHERE { GRAPH ?g { ?p a <https://w3id.org/apeksi-kg/ontology#Mayor> } } "
                       "ORDER BY ?p LIMIT 1")
    return next(iter(rows))["p"].value.rsplit("/", 1)[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--skip", default="", help="comma-separated figures to skip (e.g. check,viz)")
    parser.add_argument("--timeout", type=float, default=TIMEOUT[0], help="seconds before a command is stopped")
    options = parser.parse_args()
    TIMEOUT[0] = options.timeout
    skip = set(filter(None, options.skip.split(",")))
    rows: list[tuple[str, float, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        project = Path(tmp)
        (project / "ontology").symlink_to(ROOT / "ontology")
        (project / "queries").symlink_to(ROOT / "queries")
        seconds, names = timed(lambda: make_corpus(project / "seeds", options.articles + 1))
        print(f"generated {options.articles + 1} articles in {seconds:.1f} s", file=sys.stderr)
        held_back = hold_back(project / "seeds", names.pop(), project / "held-back")

        def figure(label: str, args: list[str]) -> None:
            seconds, megabytes = run(args, project)
            rows.append((label, seconds, f"{megabytes:,.0f} MB"))
            print(f"{label}: {seconds:.2f} s", file=sys.stderr)

        figure("cold build", ["build"])
        figure("warm build, first after the cold one (re-reads sources written just before it)", ["build"])
        figure("warm build, nothing changed", ["build"])
        edit_role(project / "seeds" / "annotations" / names[len(names) // 2])
        figure("one article changed", ["build"])
        for place, where in zip(held_back, hold_back_places(project / "seeds", held_back), strict=True):
            place.rename(where)
        figure("one article added", ["build"])
        for place in hold_back_places(project / "seeds", held_back):
            place.unlink()
        figure("one article removed", ["build"])
        trig = project / "out" / "kg.trig"
        megabytes = trig.stat().st_size / 1e6
        bulk, store = timed(lambda: bulk_load(trig))
        quads = len(store)
        parse, _ = timed(lambda: Dataset().parse(trig, format="trig"))
        person = a_person(store)
        kept = open_built(trig)
        if kept is None:
            raise SystemExit("the build left no persistent store that holds its kg.trig")
        for name, entity in QUERIES:
            params = [f"entity={person if entity == PERSON else entity}"] if entity else []
            asked = ["query", name, *(a for p in params for a in ("--param", p))]
            figure(f"kg query {name}{' ' + params[0] if params else ''}", asked)
            if rows[-1][1] != float("inf"):
                figure("  the same asked again (the answer kept)", asked)
                counts = set()
                for where, engine in (("the persistent store", kept), ("memory", store)):
                    inside, count = timed(lambda n=name, p=params, e=engine: inside_engine(e, n, p))
                    rows.append((f"  the same inside Oxigraph, {where}", inside, ""))
                    counts.add(count)
                    if entity:
                        warm = min(timed(lambda n=name, p=params, e=engine: inside_engine(e, n, p))[0]
                                   for _ in range(WARM_RUNS))
                        rows.append((f"  the same again, warm (best of {WARM_RUNS})", warm, ""))
                if len(counts) > 1:
                    raise SystemExit(f"{name}: the persistent store and memory give {sorted(counts)} rows")
        del kept
        if "check" not in skip:
            figure("kg check, first run", ["check"])
            edit_role(project / "seeds" / "annotations" / names[len(names) // 3])
            figure("kg check after one changed article", ["check"])
        for fmt in ("turtle", "nt", "trig"):
            figure(f"kg export --format {fmt}", ["export", "--format", fmt, "--out", str(project / f"export.{fmt}")])
        if "viz" not in skip:
            figure("kg viz (default page), first run", ["viz", "--out", str(project / "graph.html")])
            edit_role(project / "seeds" / "annotations" / names[len(names) // 4])
            run(["build"], project)
            figure("kg viz after one changed article (built)", ["viz", "--out", str(project / "graph.html")])
            figure("  the same asked again (the page kept)", ["viz", "--out", str(project / "graph.html")])
    print(f"\n{options.articles:,} generated articles: kg.trig {megabytes:.0f} MB, {quads:,} quads\n")
    print(f"| figure | seconds | peak memory | x Oxigraph bulk load ({bulk:.2f} s) |")
    print("|---|---:|---:|---:|")
    print(f"| baseline: Oxigraph bulk load of kg.trig | {bulk:.2f} | | 1.0 |")
    print(f"| baseline: rdflib parse of kg.trig | {parse:.2f} | | {parse / bulk:.1f} |")
    for label, seconds, memory in rows:
        shown = (f"> {TIMEOUT[0]:.0f} (stopped)" if seconds == float("inf")
                 else f"{seconds:.2f}" if seconds >= 0.1 else f"{seconds * 1000:.1f} ms")
        print(f"| {label} | {shown} | {memory} | {seconds / bulk:.1f} |")


def edit_role(annotation: Path) -> None:
    """Change one participation's role in the annotation."""
    annotation.write_text(annotation.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"),
                          encoding="utf-8")


def hold_back(seeds: Path, name: str, folder: Path) -> list[Path]:
    """Move the last generated article (annotation and text) out of the corpus, to be added later."""
    folder.mkdir()
    moved = []
    for place in hold_back_places(seeds, [Path(name)]):
        moved.append(place.rename(folder / place.name))
    return moved


def hold_back_places(seeds: Path, held: list[Path]) -> list[Path]:
    """Where the held-back article's annotation and text go in the corpus."""
    annotation, text = (Path(held[0].name).with_suffix(".yaml"), Path(held[0].name).with_suffix(".txt"))
    return [seeds / "annotations" / annotation.name, seeds / "articles" / text.name]


def bulk_load(trig: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def inside_engine(store: ox.Store, name: str, params: list[str]) -> int:
    """Run a saved query as `kg query` does, on an open store, and read every row."""
    query = find_query(name, ROOT / "queries")
    return len(list(run_query(store, query, bindings(query, dict(p.split("=", 1) for p in params)))))


if __name__ == "__main__":
    main()
