"""The `kg` command: a thin layer of click over the library in `kg/`."""

from __future__ import annotations

from pathlib import Path

import click

from kg import __version__
from kg.build import build as build_graph
from kg.errors import KgError

FOLDER = click.Path(file_okay=False, path_type=Path)


@click.group()
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """A knowledge graph of Indonesian cities, their officials, APEKSI and its events."""


@main.command()
@click.option("--seeds", type=FOLDER, default=Path("seeds"), show_default=True,
              help="Folder with annotations/, articles/ and reference/.")
@click.option("--out", type=FOLDER, default=Path("out"), show_default=True,
              help="Folder to write kg.trig and kg.ttl to.")
@click.option("--ontology", "ontology_dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with apeksi.ttl and vocab.ttl.")
def build(seeds: Path, out: Path, ontology_dir: Path) -> None:
    """Build the graph from the annotated seeds, reason over it, and write out/kg.trig and out/kg.ttl.

    Exit code 0 when the graph was written, 1 when an input is wrong (nothing is written then).
    """
    try:
        result = build_graph(seeds, out, ontology_dir)
    except KgError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(result.summary())
