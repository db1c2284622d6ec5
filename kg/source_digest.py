"""The digest of every file a build reads: it tells whether the built dataset is still that of its sources."""

from __future__ import annotations

import hashlib
from pathlib import Path

SOURCES_STAMP = ".sources.sha256"


def source_files(seeds: Path, ontology_dir: Path) -> list[tuple[str, Path]]:
    """Every file a build reads, named relative to its folder: ontology, reference data, annotations, texts."""
    return sorted(
        (f"{label}/{path.relative_to(folder).as_posix()}", path)
        for label, folder in (("ontology", ontology_dir), ("seeds", seeds)) if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def sources_digest(seeds: Path, ontology_dir: Path) -> str:
    """One digest of the names and contents of every source file: it changes when any is edited, added or removed."""
    digest = hashlib.sha256()
    for name, path in source_files(seeds, ontology_dir):
        with path.open("rb") as handle:
            content = hashlib.file_digest(handle, "sha256").hexdigest()
        digest.update(f"{name}\0{content}\n".encode())
    return digest.hexdigest()
