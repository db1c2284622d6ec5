"""The built dataset, rebuilt first when it is missing or older than what it is built from."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.build import TRIG, build
from kg.errors import KgError


def source_files(seeds: Path, ontology_dir: Path) -> list[Path]:
    """Every file a build reads: the ontology, reference data, annotations and article texts."""
    return sorted(
        path for folder in (ontology_dir, seeds) if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def is_stale(target: Path, sources: list[Path]) -> bool:
    """True when `target` is missing or some source changed after it was written."""
    if not target.is_file():
        return True
    written = target.stat().st_mtime_ns
    return any(source.stat().st_mtime_ns > written for source in sources)


def ensure_built(seeds: Path, out: Path, ontology_dir: Path) -> Path:
    """The path of out/kg.trig, building it first when it is missing or stale."""
    trig = out / TRIG
    if is_stale(trig, source_files(seeds, ontology_dir)):
        build(seeds, out, ontology_dir)
    return trig


def read_dataset(trig: Path) -> Dataset:
    """A TriG file as a dataset with its named graphs."""
    dataset = Dataset()
    try:
        dataset.parse(trig, format="trig")
    except OSError as error:
        raise KgError(f"cannot read the dataset ({error.strerror or error}); run `kg build`", trig) from None
    except Exception as error:
        raise KgError(f"not a valid TriG dataset ({error}); run `kg build` again", trig) from None
    return dataset


def load_dataset(seeds: Path, out: Path, ontology_dir: Path) -> Dataset:
    """The built dataset with its named graphs, building it first when needed."""
    return read_dataset(ensure_built(seeds, out, ontology_dir))
