"""The JSON Schema of annotation files: shipped as generated, valid for every annotation we have, and in
agreement with the build on a table of small good and bad annotations.

The table's article (tests/schema/kendari.txt) is our own report of a meeting in Kendari.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import read_sources
from kg.cli import main
from kg.errors import KgError
from kg.schema import schema_text, shipped_schema
from kg.yamlfile import read_yaml

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent / "schema"
NAME = "sultra-harian-2025-rapat-kendari"
ANNOTATIONS = sorted(p for folder in ("seeds", "tests") for p in (ROOT / folder).glob("**/annotations/*.yaml"))
VALIDATOR = jsonschema.Draft7Validator(json.loads(shipped_schema()))
ARTICLE = (HERE / "kendari.yaml").read_text(encoding="utf-8").split("entities:")[0]
CITY_QUOTE = "    quote: Kendari, Rabu (12/3/2025)\n"
VOCABULARIES = """
    PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
    SELECT ?key WHERE { ?c skos:inScheme <https://w3id.org/apeksi-kg/vocab/%s> ; skos:notation ?key }
"""

GOOD = {
    "the article as written": ("", ""),
    "aliases as one word, not a list": ("    aliases: [Sulaiman]\n", "    aliases: Sulaiman\n"),
    "a value with its own quote": (
        "    venue: aula-bahteramas\n",
        "    venue:\n      value: aula-bahteramas\n      quote: Aula Bahteramas, Kendari\n"),
    "a list of values with their own quotes": (
        "    topics: [pengelolaan air bersih, penataan pasar tradisional]\n",
        "    topics:\n      - value: pengelolaan air bersih\n        quote: membahas pengelolaan air bersih\n"
        "      - penataan pasar tradisional\n"),
    "an empty optional field": ("  url: https://sultraharian.example/rapat-kendari\n", "  url:\n"),
    "an empty section": ("relations:\n", "agreements:\nrelations:\n"),
    "occurrence of a quote": (CITY_QUOTE, "    quote: Wali Kota Kendari\n    occurrence: 2\n"),
    "a former post": ("    of: kota-kendari\n    quote: Wali", "    of: kota-kendari\n    end: before publication\n"
                                                             "    quote: Wali"),
}
BAD = {
    "unknown section": ("relations:\n", "notes:\n  - hello\nrelations:\n"),
    "no article section": (ARTICLE, ""),
    "unknown field": ("    role: mayor\n", "    role: mayor\n    rank: 1\n"),
    "missing required field": ("    role: opened\n", ""),
    "missing quote": ("    quote: Sulaiman Tahir, membuka rapat koordinasi\n", ""),
    "required field left empty": ("    role: opened\n", "    role:\n"),
    "unknown role": ("    role: mayor\n", "    role: walikota\n"),
    "unknown participation role": ("    role: opened\n", "    role: led\n"),
    "unknown event type": ("    type: meeting\n", "    type: rapat\n"),
    "unknown event status": ("    status: held\n", "    status: done\n"),
    "unknown entity type": ("    type: Venue\n", "    type: Building\n"),
    "unknown relation": ("    relation: located_in\n", "    relation: sits_in\n"),
    "a list for a single value": ("    city: kota-kendari\n", "    city: [kota-kendari]\n"),
    "a block for a plain value": ("    name: Sulaiman Tahir\n", "    name:\n      value: Sulaiman Tahir\n"),
    "own evidence with another field": (
        "    venue: aula-bahteramas\n", "    venue:\n      value: aula-bahteramas\n      source: radio\n"),
    "own evidence without its value": ("    venue: aula-bahteramas\n", "    venue:\n      quote: Aula Bahteramas\n"),
    "a list inside a list": ("    aliases: [Sulaiman]\n", "    aliases: [[Sulaiman]]\n"),
    "not an identifier": ("  - id: aula-bahteramas\n", "  - id: Aula Bahteramas\n"),
    "a name with spaces around it": ("    name: Aula Bahteramas\n", "    name: ' Aula Bahteramas'\n"),
    "a name over two lines": ("    name: Aula Bahteramas\n", "    name: \"Aula\\nBahteramas\"\n"),
    "a name too long": ("    name: Aula Bahteramas\n", f"    name: {'Aula ' * 70}Bahteramas\n"),
    "not a language tag": ("  language: id\n", "  language: Indonesian\n"),
    "not an http URL": ("  url: https://sultraharian.example/rapat-kendari\n", "  url: ftp://sultraharian.example/x\n"),
    "a URL with a space": ("  url: https://sultraharian.example/rapat-kendari\n",
                           "  url: https://sultraharian.example/rapat kendari\n"),
    "occurrence zero": (CITY_QUOTE, "    quote: Wali Kota Kendari\n    occurrence: 0\n"),
    "occurrence in words": (CITY_QUOTE, "    quote: Wali Kota Kendari\n    occurrence: second\n"),
    "a quote that is a list": (CITY_QUOTE, "    quote: [Wali Kota Kendari]\n"),
    "a section that is not a list": ("relations:\n  - subject", "agreements: none\nrelations:\n  - subject"),
    "a block that is a word": ("positions:\n", "positions:\n  - sulaiman-tahir\n"),
}
# The build's message for each (after the file and line).
MESSAGES = {
    'unknown section': (
        "unknown section 'notes'; valid sections are article, entities, series, events, positions, "
        "participations, agreements, relations"),
    'no article section': "missing required section 'article'",
    'unknown field': (
        'positions.rank: unknown field; valid fields are holder, role, of, term, title, start, end, as_of, '
        'elected_at, appointed_at, inaugurated_at, document, quote, occurrence, review'),
    'missing required field': "participations: missing required field 'role'",
    'missing quote': "participations: missing required field 'quote'",
    'required field left empty': "participations: missing required field 'role'",
    'unknown role': (
        "positions.role: unknown role 'walikota'; use one of board-member, chair, deputy-minister, director, "
        "director-general, executive-director, governor, mayor, minister, official, president, regent, "
        "regional-secretary, secretary, secretary-general, treasurer, vice-chair, vice-governor, vice-mayor, "
        "vice-president, vice-regent"),
    'unknown participation role': (
        "participations.role: unknown role 'led'; use one of attended, chaired, hosted, opened, spoke"),
    'unknown event type': (
        "events.type: unknown type 'rapat'; use one of coordination-meeting, extraordinary-congress, "
        "information-session, meeting, national-congress, national-working-meeting, regional-congress, "
        "regional-working-meeting, sharing-session, study-visit"),
    'unknown event status': "events.status: unknown status 'done'; use one of held, planned",
    'unknown entity type': (
        "entities.type: unknown type 'Building'; use one of Person, Organization, Association, Commission, "
        "City, Province, Country, Venue (events and agreements have their own sections)"),
    'unknown relation': (
        "relations.relation: unknown relation 'sits_in'; use one of part_of, member_of, located_in, "
        "in_province"),
    'a list for a single value': 'events.city: expected a single value, not a list',
    'a block for a plain value': 'entities.name: expected a single value, not a list or block',
    'own evidence with another field': (
        'events.venue: a value with its own evidence has the fields value, quote and occurrence'),
    'own evidence without its value': (
        'events.venue: a value with its own evidence has the fields value, quote and occurrence'),
    'a list inside a list': 'entities.aliases: expected a value or a list of values',
    'not an identifier': (
        "entities.id: 'Aula Bahteramas' is not an identifier; use lower-case letters, digits and hyphens, "
        "such as 'maulan-aklil'"),
    'a name with spaces around it': "entities.name: 'Aula Bahteramas' has spaces around it; remove them",
    'a name over two lines': 'entities.name: a name is one line of text; join its lines',
    'a name too long': 'entities.name: a name has at most 300 characters',
    'not a language tag': (
        "article.language: 'Indonesian' is not a language tag; use a code such as 'id' (Indonesian) or 'en'"),
    'not an http URL': (
        "article.url: 'ftp://sultraharian.example/x' is not an absolute http:// or https:// URL; give the "
        "article's web address"),
    'a URL with a space': (
        "article.url: 'https://sultraharian.example/rapat kendari' is not a URL: it has spaces or characters "
        "a URL cannot hold (percent-encode them)"),
    'occurrence zero': 'entities.occurrence: occurrence must be a whole number written in digits 0-9 (1 for the first)',
    'occurrence in words': (
        'entities.occurrence: occurrence must be a whole number written in digits 0-9 (1 for the first)'),
    'a quote that is a list': 'entities.quote: a quote is one piece of text',
    'a section that is not a list': "agreements: 'agreements' must be a list of blocks, each starting with '- '",
    'a block that is a word': "positions: expected a block of 'field: value' lines",
}
# What only the build can check: it needs the article's text, the corpus or the reference data.
BUILD_ONLY = {
    "quote not in the article": (CITY_QUOTE, "    quote: Kendari, Kamis\n"),
    "quote that occurs twice": (CITY_QUOTE, "    quote: Wali Kota Kendari\n"),
    "unknown identifier": ("  - holder: sulaiman-tahir\n", "  - holder: sulaiman-tahri\n"),
    "alias not in the article": ("    aliases: [Sulaiman]\n", "    aliases: [Pak Wali]\n"),
    "topic not in the article": ("    topics: [pengelolaan air bersih, ", "    topics: [air minum, "),
    "declared without a name": ("    name: Aula Bahteramas\n", ""),
    "weekday that contradicts the date": ("    date: Rabu (12/3/2025)\n", "    date: Kamis (12/3/2025)\n"),
    "unreadable date": ("    date: Rabu (12/3/2025)\n", "    date: sekitar Maret\n"),
    "mayor of something that is not a city": ("    of: kota-kendari\n    quote: Wali",
                                              "    of: aula-bahteramas\n    quote: Wali"),
    "URL without a host": ("  url: https://sultraharian.example/rapat-kendari\n", "  url: https:///rapat-kendari\n"),
}


def annotation(tmp_path: Path, old: str, new: str) -> Path:
    """Seeds with only our Kendari article, its annotation edited; the annotation's path."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds" / "reference", seeds / "reference")
    shutil.copy(ROOT / "seeds" / "entities.yaml", seeds)
    (seeds / "articles").mkdir()
    (seeds / "annotations").mkdir()
    shutil.copy(HERE / "kendari.txt", seeds / "articles" / f"{NAME}.txt")
    text = (HERE / "kendari.yaml").read_text(encoding="utf-8")
    assert not old or text.count(old) == 1, f"the test's edit must match once: {old!r}"
    path = seeds / "annotations" / f"{NAME}.yaml"
    path.write_text(text.replace(old, new) if old else text, encoding="utf-8")
    return path


def schema_accepts(path: Path) -> bool:
    return VALIDATOR.is_valid(read_yaml(path))


def build_message(path: Path) -> str | None:
    """The build's error after the file and line, or None when the build accepts the file."""
    try:
        read_sources(path.parent.parent, ROOT / "ontology")
    except KgError as error:
        return str(error).split(": ", 1)[1]
    return None


def test_the_shipped_schema_is_the_generated_one() -> None:
    assert shipped_schema() == schema_text(ROOT / "ontology"), "run: kg schema --out kg/annotation.schema.json"


def test_the_schema_is_a_valid_draft_07_schema() -> None:
    jsonschema.Draft7Validator.check_schema(json.loads(shipped_schema()))


def test_kg_schema_prints_and_writes_it(tmp_path: Path) -> None:
    runner = CliRunner()
    printed = runner.invoke(main, ["schema", "--ontology-dir", str(ROOT / "ontology")])
    assert (printed.exit_code, printed.output) == (0, shipped_schema())
    written = runner.invoke(main, ["schema", "--ontology-dir", str(ROOT / "ontology"), "--out",
                                   str(tmp_path / "a.json")])
    assert (written.exit_code, written.output) == (0, f"Wrote {tmp_path / 'a.json'}\n")
    assert (tmp_path / "a.json").read_text(encoding="utf-8") == shipped_schema()


@pytest.mark.parametrize("path", ANNOTATIONS, ids=lambda p: p.name)
def test_every_annotation_we_have_is_valid(path: Path) -> None:
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(read_yaml(path))]
    assert errors == []


def test_we_validate_the_seeds_and_the_test_articles() -> None:
    assert {p.parent.parent.name for p in ANNOTATIONS} >= {"seeds", "posts", "corpus", "data"}
    assert len(ANNOTATIONS) >= 7


@pytest.mark.parametrize("scheme, keyword", [("roles", "role"), ("event-types", "type"),
                                             ("agreement-types", "type"), ("participation-roles", "role"),
                                             ("event-statuses", "status")])
def test_the_vocabularies_are_those_of_vocab_ttl(scheme: str, keyword: str) -> None:
    section = {"roles": "positions", "event-types": "events", "agreement-types": "agreements",
               "participation-roles": "participations", "event-statuses": "events"}[scheme]
    properties = json.loads(shipped_schema())["properties"][section]["items"]["properties"]
    enum = properties[keyword]["enum"] if "enum" in properties[keyword] else properties[keyword]["anyOf"][0]["enum"]
    store = pyoxigraph.Store()
    store.load(path=str(ROOT / "ontology" / "vocab.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    keys = sorted(solution["key"].value for solution in store.query(VOCABULARIES % scheme))
    assert enum == keys


@pytest.mark.parametrize("case", GOOD)
def test_schema_and_build_accept_the_same(tmp_path: Path, case: str) -> None:
    path = annotation(tmp_path, *GOOD[case])
    assert (schema_accepts(path), build_message(path)) == (True, None)


@pytest.mark.parametrize("case", BAD)
def test_schema_and_build_refuse_the_same(tmp_path: Path, case: str) -> None:
    path = annotation(tmp_path, *BAD[case])
    assert (schema_accepts(path), build_message(path)) == (False, MESSAGES[case])


@pytest.mark.parametrize("case", BUILD_ONLY)
def test_what_only_the_build_refuses(tmp_path: Path, case: str) -> None:
    path = annotation(tmp_path, *BUILD_ONLY[case])
    assert schema_accepts(path)
    assert build_message(path) is not None
