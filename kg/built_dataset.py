"""The built dataset read back: out/kg.trig as an rdflib Dataset with its named graphs."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset

from kg.errors import KgError


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
