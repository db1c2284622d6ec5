"""The built dataset read back: out/kg.trig as an rdflib Dataset with its named graphs."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.errors import KgError
from kg.freshness import ensure_built


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
