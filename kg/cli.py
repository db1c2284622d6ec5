"""The `kg` command: a thin layer of click over the library in `kg/`."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import BinaryIO

import click

from kg import __version__
from kg.errors import display_path
from kg.export import FORMATS, Contents, export_ontology, write_export
from kg.failures import TRACEBACK_VARIABLE, failure
from kg.files import written
from kg.freshness import ensure_built
from kg.query import CHECKS, catalogue, parse_params, run_saved
from kg.readable_dates import LANGUAGES
from kg.remote import PASSWORD_VARIABLE, USER_VARIABLE, credentials_from
from kg.results import FORMATS as RESULT_FORMATS
from kg.serve import LOOPBACK

FOLDER = click.Path(file_okay=False, path_type=Path)


class KgGroup(click.Group):
    """Every command's errors become one line and an exit code here, and only here (see kg/failures.py)."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as error:
            if os.environ.get(TRACEBACK_VARIABLE):
                raise
            raise failure(error, ctx.invoked_subcommand) from None


@click.group(cls=KgGroup)
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """A knowledge graph of Indonesian cities, their officials, APEKSI and its events."""


def run() -> None:
    """`kg` as a program: the command, then an exit that does not free what it held one object at a time (a
    build of 10,000 articles holds millions; freeing them took about a second)."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else int(done.code is not None)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


@main.command()
@click.option("--seeds", type=FOLDER, default=Path("seeds"), show_default=True,
              help="Folder with annotations/, articles/ and reference/.")
@click.option("--out", type=FOLDER, default=Path("out"), show_default=True,
              help="Folder to write kg.trig and kg.ttl to.")
@click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with apeksi.ttl, vocab.ttl and shapes.ttl.")
def build(seeds: Path, out: Path, ontology_dir: Path) -> None:
    """Build the graph from the annotated seeds, reason over it, and write out/kg.trig and out/kg.ttl.

    Exit code 0 when the graph was written, 1 when an input is wrong (nothing is written then).
    """
    from kg.build import build as build_graph

    result = build_graph(seeds, out, ontology_dir)
    click.echo(result.summary())
    for warning in result.warnings():
        click.echo(f"Warning: {warning}", err=True)


def _prompt(text: str, hidden: bool) -> str:
    return click.prompt(text, hide_input=hidden)


def _dataset_options(command: Callable[..., None]) -> Callable[..., None]:
    """--seeds, --build-dir and --ontology-dir: where the built dataset is, and what rebuilds it when stale."""
    command = click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
                           help="Folder with apeksi.ttl and vocab.ttl.")(command)
    command = click.option("--build-dir", type=FOLDER, default=Path("out"), show_default=True,
                           help="Folder with kg.trig; it is (re)built first when missing or older than its sources.")(
        command)
    return click.option("--seeds", type=FOLDER, default=Path("seeds"), show_default=True,
                        help="Folder with annotations/, articles/ and reference/.")(command)


def _lang_option(command: Callable[..., None]) -> Callable[..., None]:
    return click.option("--lang", type=click.Choice(LANGUAGES), default="id", show_default=True,
                        help="Language of the page's words and dates (30 Oktober 2025 or 30 October 2025).")(command)


@main.command("export")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="turtle", show_default=True,
              help="Output format; trig and nquads keep the named graphs, the others merge them.")
@click.option("--out", "destination", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.option("--inferred/--no-inferred", default=True, show_default=True,
              help="Include the statements the reasoner inferred.")
@click.option("--ontology/--no-ontology", default=True, show_default=True, help="Include the ontology.")
@click.option("--ontology-only", is_flag=True,
              help="Only the ontology and its vocabularies, read from --ontology-dir (no build needed).")
@click.option("--reference/--no-reference", default=True, show_default=True,
              help="Include the reference data (cities, provinces, Komwil membership).")
@_dataset_options
def export_command(fmt: str, destination: Path | None, inferred: bool, ontology: bool, ontology_only: bool,
                   reference: bool, seeds: Path, build_dir: Path, ontology_dir: Path) -> None:
    """Export the graph; the facts the articles state are always included (graphml: the network of `kg viz`).

    By default everything `kg build` wrote goes in (as in out/kg.ttl); --no-inferred gives stated facts only.
    """
    if ontology_only and not ontology:
        raise click.UsageError("--ontology-only and --no-ontology contradict each other")
    if ontology_only:
        text = export_ontology(ontology_dir, fmt)
        _write_to(destination, lambda sink: sink.write(text.encode("utf-8")))
        return
    trig = ensure_built(seeds, build_dir, ontology_dir)
    _write_to(destination, partial(write_export, trig, fmt, Contents(inferred, ontology, reference)))


def _write_to(destination: Path | None, write: Callable[[BinaryIO], object]) -> None:
    """Write to standard output as it comes, or to `destination`, put in place once whole."""
    if destination is None:
        sys.stdout.flush()
        write(sys.stdout.buffer)
        return
    with written(destination) as sink:
        write(sink)


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True, help="Port to listen on.")
@click.option("--host", default=LOOPBACK, show_default=True,
              help="Address to listen on; anything but 127.0.0.1 lets other machines query the server.")
@_dataset_options
def serve(port: int, host: str, seeds: Path, build_dir: Path, ontology_dir: Path) -> None:
    """Serve the dataset, named graphs included, from a local Oxigraph SPARQL server until Ctrl-C."""
    from kg.query_links import announcement
    from kg.serve import serve as serve_dataset

    def announce(url: str) -> None:
        click.echo(announcement(url, build_dir))

    serve_dataset(ensure_built(seeds, build_dir, ontology_dir), host, port, announce)
    click.echo("Server stopped")


@main.command()
@click.option("--endpoint", required=True, help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store.")
@click.option("--ask-credentials", is_flag=True,
              help=f"Ask for a user and password (else {USER_VARIABLE} and {PASSWORD_VARIABLE} are used, if set).")
@click.option("--timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="Seconds to wait for each answer.")
@click.option("--all", "everything", is_flag=True,
              help="Put every named graph, also those unchanged since the last push.")
@_dataset_options
def push(endpoint: str, ask_credentials: bool, timeout: float, everything: bool, seeds: Path, build_dir: Path,
         ontology_dir: Path) -> None:
    """Put each named graph changed since the last push into a SPARQL 1.1 Graph Store, replacing it there."""
    from kg.push import push_built

    credentials = credentials_from(os.environ, ask_credentials, _prompt)
    result = push_built(ensure_built(seeds, build_dir, ontology_dir), endpoint, credentials, timeout, everything)
    click.echo(result.summary())


@main.command()
@click.option("--out", "destination", type=click.Path(dir_okay=False, path_type=Path),
              default=Path("out") / "ontology.html", show_default=True, help="HTML file to write.")
@click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with apeksi.ttl.")
def docs(destination: Path, ontology_dir: Path) -> None:
    """Write HTML pages documenting the ontology's classes and properties and its vocabularies, readable offline."""
    from kg.docs import write_docs

    click.echo("Wrote " + " and ".join(display_path(path) for path in write_docs(ontology_dir, destination)))


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/graph.html"),
              show_default=True, help="HTML file to write.")
@click.option("--all", "everything", is_flag=True, help="Add all 98 reference cities.")
@click.option("--focus", metavar="ENTITY", help="Show only the neighbourhood of this entity id, e.g. maulan-aklil.")
@click.option("--depth", type=click.IntRange(min=0), help="Links around --focus to show (default 1).")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@_lang_option
@_dataset_options
def viz(out: Path, everything: bool, focus: str | None, depth: int | None, open_page: bool, lang: str, seeds: Path,
        build_dir: Path, ontology_dir: Path) -> None:
    """Write the graph as one interactive HTML page that works offline (out/graph.html)."""
    from kg.viz import make_page

    if depth is not None and focus is None:
        raise click.UsageError("--depth needs --focus ENTITY: it counts links around that entity")
    depth = 1 if depth is None else depth
    result = make_page(build_dir, out, seeds, ontology_dir, everything=everything, focus=focus, depth=depth,
                       lang=lang)
    click.echo(result.summary())
    if open_page:
        click.launch(out.resolve().as_uri())


@main.command()
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=Path("out/timeline.html"),
              show_default=True, help="HTML file to write.")
@click.option("--entity", metavar="ID", help="Only the posts and events of this person, city or organisation.")
@click.option("--open", "open_page", is_flag=True, help="Open the page in the default browser.")
@_lang_option
@_dataset_options
def timeline(out: Path, entity: str | None, open_page: bool, lang: str, seeds: Path, build_dir: Path,
             ontology_dir: Path) -> None:
    """Write the posts and events as one interactive timeline page that works offline (out/timeline.html)."""
    from kg.timeline import make_timeline

    click.echo(make_timeline(build_dir, out, seeds, ontology_dir, entity=entity, lang=lang).summary())
    if open_page:
        click.launch(out.resolve().as_uri())


@main.command("query")
@click.argument("queries", nargs=-1)
@click.option("--list", "list_queries", is_flag=True, help="List the saved queries, their questions and parameters.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter to a value, as a typed RDF term (repeatable).")
@click.option("--format", "fmt", type=click.Choice(RESULT_FORMATS), default="table", show_default=True,
              help="table (aligned columns), csv, tsv, json (SPARQL 1.1 results), md (Markdown).")
@click.option("--endpoint", help="Run the queries at this SPARQL endpoint instead of on the local graph; "
              f"credentials come from {USER_VARIABLE} and {PASSWORD_VARIABLE}.")
@click.option("--timeout", type=click.FloatRange(min=1), default=30, show_default=True,
              help="Seconds to wait for each answer from --endpoint.")
@_dataset_options
def query_command(queries: tuple[str, ...], list_queries: bool, params: tuple[str, ...], fmt: str,
                  endpoint: str | None, timeout: float, seeds: Path, build_dir: Path, ontology_dir: Path) -> None:
    """Run saved SPARQL queries: a name (`events` runs queries/events.rq) or a .rq file.

    The local graph is built first when it is missing or older than its sources. CONSTRUCT queries print Turtle.
    """
    if not queries and not list_queries:
        raise click.UsageError("name a saved query (kg query events) or a .rq file; kg query --list shows them")
    if list_queries:
        click.echo(catalogue(), nl=False)
        return
    if endpoint:
        credentials = credentials_from(os.environ, False, _prompt)
        text = run_saved(queries, parse_params(params), fmt, endpoint=endpoint, credentials=credentials,
                         timeout=timeout)
    else:
        text = run_saved(queries, parse_params(params), fmt, ensure_built(seeds, build_dir, ontology_dir))
    click.echo(text, nl=False)


@main.command("ids")
@click.argument("text", required=False)
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many of the closest identifiers to list when searching.")
@click.option("--seeds", type=FOLDER, default=Path("seeds"), show_default=True,
              help="Folder with annotations/, articles/, reference/ and entities.yaml.")
@click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with apeksi.ttl and vocab.ttl.")
def ids_command(text: str | None, limit: int, seeds: Path, ontology_dir: Path) -> None:
    """List the identifiers the corpus knows (reference data, registry, annotations) with their type, names and
    where each is declared; with TEXT, the closest matches to it by any name, best first."""
    from kg.ids import ids_table, known_ids

    click.echo(ids_table(known_ids(seeds, ontology_dir, text, limit)), nl=False)


@main.command("draft")
@click.argument("article", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", metavar="DATE", help="The publication date, when the text does not give it.")
@click.option("--url", help="The article's URL.")
@click.option("--out", "destination", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: annotations/NAME.yaml beside the article's folder).")
@click.option("--force", is_flag=True, help="Replace the file if it exists (never done otherwise).")
@click.option("--explain", is_flag=True, help="Say for each proposal which rule or gazetteer entry made it.")
@click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with apeksi.ttl and vocab.ttl.")
def draft_command(article: Path, published: str | None, url: str | None, destination: Path | None, force: bool,
                  explain: bool, ontology_dir: Path) -> None:
    """Write a draft annotation of ARTICLE (seeds/articles/NAME.txt) that builds as it stands: every name the
    corpus knows, new people and their posts, events, participations, agreements and relations, each with its
    quote and marked 'review: suggested' (or 'uncertain') for you to check, fix or delete."""
    from kg.draft.command import draft

    result = draft(article, destination, published, url, force, ontology_dir)
    click.echo(result.summary())
    if explain:
        for line in result.explain():
            click.echo(line)


@main.command("check")
@click.option("--checks", type=FOLDER, default=CHECKS, show_default=True,
              help="Folder of SPARQL checks; each row a check returns is a violation.")
@_dataset_options
def check_command(checks: Path, seeds: Path, build_dir: Path, ontology_dir: Path) -> None:
    """Run the quality checks, the SHACL shapes and the reasoner's consistency check on a fresh build.

    Prints each violation with the entity and where it was annotated. Exit code 0: clean; 1: violations;
    2: the checks could not run.
    """
    from kg.check import check as run_checks

    violations = run_checks(seeds, build_dir, ontology_dir, checks)
    for violation in violations:
        click.echo(str(violation))
    click.echo(f"{len(violations)} violation{'s' if len(violations) != 1 else ''}")
    raise SystemExit(1 if violations else 0)


@main.command("schema")
@click.option("--out", "destination", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write the schema to, instead of printing it.")
@click.option("--ontology-dir", type=FOLDER, default=Path("ontology"), show_default=True,
              help="Folder with vocab.ttl, whose vocabularies the schema lists.")
def schema_command(destination: Path | None, ontology_dir: Path) -> None:
    """Print (or write with --out) a JSON Schema of annotation files, for editors such as VS Code's YAML extension."""
    from kg.schema import schema as annotation_schema

    text = annotation_schema(ontology_dir, destination)
    click.echo(f"Wrote {display_path(destination)}" if destination else text, nl=destination is not None)
