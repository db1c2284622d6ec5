"""The built dataset, rebuilt first when it is missing or its sources are not what it was built from."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kg.errors import KgError, display_path
from kg.outputs import TRIG, outputs_match, read_stamp
from kg.source_digest import SOURCES_STAMP, sources_digest


def staleness(seeds: Path, out: Path, ontology_dir: Path) -> str:
    """Why out/kg.trig must be built again ("" when it need not): missing, or built from other sources."""
    if not (out / TRIG).is_file():
        return "it was missing"
    stamp = read_stamp(out, SOURCES_STAMP)
    if stamp is None or not outputs_match(out, stamp):
        return "its files are not those its build wrote"
    return "" if stamp.sources == sources_digest(seeds, ontology_dir, out) else "its sources changed"


def ensure_built(seeds: Path, out: Path, ontology_dir: Path, report: Callable[[str], None] = lambda _: None) -> Path:
    """The path of out/kg.trig, building it first when needed and telling `report` why.

    Without a seeds folder an existing dataset is used as it is.
    """
    trig = out / TRIG
    reason = staleness(seeds, out, ontology_dir)
    if not reason:
        return trig
    if not seeds.is_dir():
        if trig.is_file():
            return trig
        raise KgError(f"no dataset: {TRIG} is missing and there is no seeds folder {display_path(seeds)} to build it "
                      "from; run `kg build` first or pass --seeds", out)
    from kg.build import build  # the build's modules are loaded only when it runs

    build(seeds, out, ontology_dir)
    report(f"Built {display_path(trig)} first ({reason})")
    return trig

