"""`kg draft`: each kind of proposal, exactly; the never-overwrite rule; --explain; a draft that builds as it
stands, and that `kg check` reports until reviewed. The article is our own (tests/draft/cases/)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.build import read_sources
from kg.check import check, review_violations
from kg.cli import main
from kg.draft.command import Draft, draft
from kg.draft.proposal import Proposal
from kg.draft.writer import Context, compose
from kg.errors import KgError
from kg.ontology import load_ontology
from kg.reference import load_reference
from kg.registry import load_registry
from kg.yamlfile import read_yaml
from tests.draft_scoring import compile_gold, gold_files
from tests.tools import needs_tool

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "draft" / "cases" / "wartasumbar-2025-rakernas-padang.txt"
ONTOLOGY = ROOT / "ontology"


@pytest.fixture
def seeds(tmp_path: Path) -> Path:
    """A copy of the project's seeds with the case article in articles/."""
    seeds = tmp_path / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    shutil.copy(CASE, seeds / "articles" / CASE.name)
    return seeds


@pytest.fixture
def drafted(seeds: Path) -> tuple[Draft, dict]:
    result = draft(seeds / "articles" / CASE.name, ontology_dir=ONTOLOGY)
    return result, _plain(read_yaml(result.path))


def _plain(value: object) -> object:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _block(data: dict, section: str, **keys: str) -> dict:
    found = [b for b in data[section] if all(b.get(k) == v for k, v in keys.items())]
    assert len(found) == 1, found
    return found[0]


def test_metadata_from_the_date_stamp_place_line_and_byline(drafted: tuple[Draft, dict]) -> None:
    assert drafted[1]["article"] == {
        "id": "wartasumbar-2025-rakernas-padang",
        "text": "../articles/wartasumbar-2025-rakernas-padang.txt",
        "title": "Rakernas APEKSI Dibuka, Padang dan Pariaman Teken MoU Wisata Sejarah",
        "published": "Rabu, 23 Juli 2025 | 15:40 WIB",
        "publisher": "wartasumbar-com",
        "language": "id",
        "authors": ["nofri-andika"],
        "editors": ["yesi-amelia"],
        "review": "suggested",
    }
    assert _block(drafted[1], "entities", id="wartasumbar-com") == {
        "id": "wartasumbar-com", "type": "Organization", "name": "WARTASUMBAR.COM", "quote": "WARTASUMBAR.COM",
        "review": "suggested"}
    assert _block(drafted[1], "entities", id="nofri-andika") == {
        "id": "nofri-andika", "type": "Person", "name": "Nofri Andika", "quote": "Penulis: Nofri Andika",
        "review": "suggested"}


def test_known_names_keep_their_identifiers(drafted: tuple[Draft, dict]) -> None:
    data = drafted[1]
    assert _block(data, "entities", id="kota-padang") == {
        "id": "kota-padang", "type": "City", "aliases": ["Padang"], "quote": "Padang", "occurrence": "1",
        "review": "suggested"}
    assert _block(data, "entities", id="komwil-i") == {
        "id": "komwil-i", "type": "Commission", "aliases": ["Komwil I APEKSI"], "quote": "Komwil I APEKSI",
        "review": "suggested"}
    assert _block(data, "entities", id="indah-wibi-nastiti") == {
        "id": "indah-wibi-nastiti", "type": "Person", "quote": "Indah Wibi Nastiti", "review": "suggested"}


def test_a_new_person_with_titles_and_degrees_split_off(drafted: tuple[Draft, dict]) -> None:
    assert _block(drafted[1], "entities", id="ahmad-fauzi") == {
        "id": "ahmad-fauzi", "type": "Person", "name": "Ahmad Fauzi", "honorific_prefix": "Dr. H.",
        "honorific_suffix": "S.T., M.Si.", "quote": "Dr. H. Ahmad Fauzi, S.T., M.Si.", "review": "suggested"}


def test_posts_from_the_patterns_of_news(drafted: tuple[Draft, dict]) -> None:
    assert drafted[1]["positions"] == [
        {"holder": "indah-wibi-nastiti", "role": "executive-director", "of": "apeksi",
         "quote": "Direktur Eksekutif APEKSI, Indah Wibi Nastiti", "review": "suggested"},
        {"holder": "ahmad-fauzi", "role": "mayor", "of": "kota-bukittinggi",
         "quote": "Wali Kota Bukitinggi, Dr. H. Ahmad Fauzi, S.T., M.Si.", "review": "uncertain"},
        {"holder": "airin-rachmi-diany", "role": "chair", "of": "apeksi", "end": "before publication",
         "quote": "Mantan Ketua APEKSI Airin Rachmi Diani", "review": "uncertain"},
    ]


def test_an_event_with_its_period_city_and_venue(drafted: tuple[Draft, dict]) -> None:
    assert drafted[1]["events"] == [{
        "id": "rakernas-apeksi-2025", "type": "national-working-meeting", "name": "Rakernas APEKSI 2025",
        "status": "held", "series": "rakernas-apeksi", "date": "22-24 Juli 2025", "city": "kota-padang",
        "venue": "hotel-truntum",
        "quote": "Rakernas APEKSI 2025 digelar di Hotel Truntum, Padang, pada 22-24 Juli 2025",
        "review": "suggested"}]
    assert _block(drafted[1], "relations", subject="hotel-truntum") == {
        "subject": "hotel-truntum", "relation": "located_in", "object": "kota-padang",
        "quote": "Hotel Truntum, Padang", "review": "suggested"}


def test_participations_the_sentences_state(drafted: tuple[Draft, dict]) -> None:
    assert [(p["participant"], p["role"], p["event"], p["quote"]) for p in drafted[1]["participations"]] == [
        ("indah-wibi-nastiti", "opened", "rakernas-apeksi-2025",
         "dibuka oleh Direktur Eksekutif APEKSI, Indah Wibi Nastiti"),
        ("ahmad-fauzi", "spoke", "rakernas-apeksi-2025",
         "Wali Kota Bukitinggi, Dr. H. Ahmad Fauzi, S.T., M.Si., memaparkan"),
        ("airin-rachmi-diany", "attended", "rakernas-apeksi-2025",
         "Mantan Ketua APEKSI Airin Rachmi Diani turut hadir"),
    ]


def test_an_agreement_with_its_parties_and_topic(drafted: tuple[Draft, dict]) -> None:
    assert drafted[1]["agreements"] == [{
        "id": "mou-kota-padang-dan-kota-pariaman-tentang-promosi-wisata-sejarah", "type": "mou",
        "name": "MoU Kota Padang dan Kota Pariaman tentang promosi wisata sejarah",
        "topic": "promosi wisata sejarah", "parties": ["kota-padang", "kota-pariaman"],
        "quote": "Kota Padang menandatangani MoU dengan Kota Pariaman tentang promosi wisata sejarah",
        "review": "suggested"}]


def test_a_list_of_cities_is_one_relation_with_one_quote(drafted: tuple[Draft, dict]) -> None:
    assert [r for r in drafted[1]["relations"] if r["relation"] == "member_of"] == [{
        "subject": ["kota-padang", "kota-solok", "kota-sawahlunto", "kota-pariaman", "kota-payakumbuh"],
        "relation": "member_of", "object": "komwil-i",
        "quote": "Komwil I APEKSI, yakni Padang, Solok, Sawahlunto, Pariaman dan Payakumbuh", "review": "suggested"}]


def test_series_edition_and_election_at_the_event(seeds: Path) -> None:
    article = ROOT / "tests" / "draft" / "articles" / "jawapos-surabaya-2025-munas.txt"
    shutil.copy(article, seeds / "articles" / article.name)
    result = draft(seeds / "articles" / article.name, ontology_dir=ONTOLOGY)
    data = _plain(read_yaml(result.path))
    assert data["events"] == [{
        "id": "munas-apeksi-ke-8-2025", "type": "national-congress", "name": "Munas APEKSI ke-8 2025",
        "status": "held", "series": "munas-apeksi", "edition": "ke-8", "date": "20-22 Agustus 2025",
        "city": "kota-surabaya", "venue": {"value": "hotel-majapahit", "quote": "Hotel Majapahit"},
        "host": {"value": "kota-surabaya", "quote": "Kota Surabaya, Erwin Cahyadi, selaku tuan rumah"},
        "quote": "Musyawarah Nasional (Munas) APEKSI ke-8 berlangsung di Surabaya pada 20-22 Agustus 2025",
        "review": "suggested"}]
    assert _block(data, "positions", holder="dimas-ardiansyah", role="chair") == {
        "holder": "dimas-ardiansyah", "role": "chair", "of": "apeksi", "elected_at": "munas-apeksi-ke-8-2025",
        "quote": "Dimas Ardiansyah terpilih sebagai Ketua Umum APEKSI", "review": "suggested"}


def test_near_misses_get_the_identifier_they_resemble_and_are_uncertain(drafted: tuple[Draft, dict]) -> None:
    result, data = drafted
    assert _block(data, "entities", id="kota-bukittinggi") == {
        "id": "kota-bukittinggi", "type": "City", "aliases": ["Bukitinggi"], "quote": "Bukitinggi",
        "review": "uncertain"}
    assert _block(data, "entities", id="airin-rachmi-diany") == {
        "id": "airin-rachmi-diany", "type": "Person", "aliases": ["Airin Rachmi Diani"],
        "quote": "Airin Rachmi Diani", "review": "uncertain"}
    assert ("entities airin-rachmi-diany [uncertain]: near-miss of 'Airin Rachmi Diany' (airin-rachmi-diany), "
            "similarity 94") in result.explain()


def test_every_block_is_marked_for_review(drafted: tuple[Draft, dict]) -> None:
    data = drafted[1]
    blocks = [b for section in ("entities", "events", "positions", "participations", "agreements", "relations")
              for b in data[section]]
    assert len(blocks) == 26
    assert {b["review"] for b in blocks} == {"suggested", "uncertain"}


def test_a_known_edition_keeps_its_event_and_the_corpus_still_builds(seeds: Path) -> None:
    """A second article on the first Sharing Session: the event of that edition is the seed's, not a new one."""
    shutil.copy(seeds / "articles" / "antara-babel-2019-apeksi-sharing-session.txt", seeds / "articles" / "again.txt")
    result = draft(seeds / "articles" / "again.txt", ontology_dir=ONTOLOGY)
    data = _plain(read_yaml(result.path))
    event = _block(data, "events", id="apeksi-sharing-session-2019-i")
    assert "name" not in event
    assert (event["series"], event["edition"]) == ("apeksi-sharing-session", "I")
    assert _block(data, "participations", participant="maulan-aklil")["event"] == "apeksi-sharing-session-2019-i"
    assert _block(data, "participations", participant="airin-rachmi-diany")["event"] == \
        "rapat-dewan-pengurus-apeksi-2019"
    assert len(read_sources(seeds, ONTOLOGY).articles) == 3


def test_never_overwrites_and_force_gives_the_same_bytes(seeds: Path) -> None:
    article = seeds / "articles" / CASE.name
    first = draft(article, ontology_dir=ONTOLOGY).path
    written = first.read_bytes()
    with pytest.raises(KgError) as error:
        draft(article, ontology_dir=ONTOLOGY)
    assert error.value.message == ("exists already; kg draft never overwrites an annotation (give --out FILE, or "
                                   "--force to replace it)")
    assert first.read_bytes() == written
    first.write_text("edited by hand\n", encoding="utf-8")
    draft(article, force=True, ontology_dir=ONTOLOGY)
    assert first.read_bytes() == written


def test_explain_names_the_rule_or_gazetteer_entry_of_each_proposal(seeds: Path) -> None:
    article = seeds / "articles" / CASE.name
    out = seeds.parent / "draft.yaml"
    result = CliRunner().invoke(main, ["draft", str(article), "--out", str(out), "--explain",
                                       "--ontology-dir", str(ONTOLOGY)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Wrote {out}: entities 15, events 1, positions 3, participations 3, agreements 1, "
                               "relations 3")
    assert "entities kota-padang [suggested]: gazetteer: 'Padang' (the reference data: 'Kota Padang' without "\
           "'Kota')" in lines
    assert "entities indah-wibi-nastiti [suggested]: gazetteer: 'Indah Wibi Nastiti' (the registry: preferred "\
           "name)" in lines
    assert "events rakernas-apeksi-2025 [suggested]: event name 'Rakernas APEKSI 2025' (national-working-meeting); "\
           "series rakernas-apeksi; date '22-24 Juli 2025' in its sentence" in lines
    assert "positions airin-rachmi-diany [uncertain]: post 'Mantan Ketua APEKSI' (chair of apeksi), name after "\
           "the post" in lines
    assert "relations kota-padang, kota-solok, kota-sawahlunto, kota-pariaman, kota-payakumbuh [suggested]: a list of "\
           "5 cities, members ('anggota') of komwil-i" in lines
    assert len(lines) == 1 + 5 + 26
    plain = CliRunner().invoke(main, ["draft", str(article), "--out", str(out), "--force",
                                      "--ontology-dir", str(ONTOLOGY)])
    assert plain.output.count("\n") == 1


def test_the_draft_builds_and_kg_check_reports_it_until_reviewed(seeds: Path, tmp_path: Path) -> None:
    needs_tool("java")
    path = draft(seeds / "articles" / CASE.name, ontology_dir=ONTOLOGY).path
    built = CliRunner().invoke(main, ["build", "--seeds", str(seeds), "--out", str(tmp_path / "out"),
                                      "--ontology-dir", str(ONTOLOGY)])
    assert built.exit_code == 0, built.output
    assert "articles: 3" in built.output
    pending = review_violations(seeds)
    assert len(pending) == 27
    assert [v for v in check(seeds, tmp_path / "out", ONTOLOGY) if v.check == "review"] == pending
    assert str(pending[0]) == (
        f"review: metadata ({path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}:14): "
        "article metadata is marked 'review: suggested' (a proposal of kg draft); check it against the article, "
        "fix or delete the block, then delete the review line")
    path.write_text(re.sub(r"\n *review: \w+", "", path.read_text(encoding="utf-8")), encoding="utf-8")
    assert review_violations(seeds) == []
    checked = CliRunner().invoke(main, ["check", "--seeds", str(seeds), "--build-dir", str(tmp_path / "out"),
                                        "--ontology-dir", str(ONTOLOGY)])
    assert "review:" not in checked.output


def test_a_proposal_that_would_not_build_is_left_out_and_explained(seeds: Path) -> None:
    text = (seeds / "articles" / CASE.name).read_text(encoding="utf-8")
    ontology = load_ontology(ONTOLOGY)
    out = seeds / "annotations" / "x.yaml"
    context = Context(ontology, load_reference(seeds / "reference"), load_registry(seeds), [], seeds, out)
    article = {"id": "x", "text": f"../articles/{CASE.name}", "language": "id", "review": "suggested"}
    good = Proposal("entities", {"id": "kota-padang", "type": "City"}, (text.index("Padang"), text.index("Padang") + 6),
                    "gazetteer")
    wrong = Proposal("positions", {"holder": "kota-padang", "role": "governor", "of": "kota-padang"},
                     (text.index("Padang"), text.index("Padang") + 6), "a wrong rule")
    composed = compose(article, [good, wrong], text, context)
    assert composed.kept == [good]
    assert [(p.label, reason) for p, reason in composed.dropped] == [
        ("kota-padang", "a governor holds office in a Province, and 'kota-padang' is not a Province")]


def test_a_field_that_would_not_build_is_left_out_and_its_block_kept(seeds: Path) -> None:
    text = (seeds / "articles" / CASE.name).read_text(encoding="utf-8")
    context = Context(load_ontology(ONTOLOGY), load_reference(seeds / "reference"), load_registry(seeds), [], seeds,
                      seeds / "annotations" / "x.yaml")
    article = {"id": "x", "text": f"../articles/{CASE.name}", "language": "id"}
    at = text.index("Rakernas APEKSI 2025 digelar")
    event = Proposal("events", {"id": "rakernas-x", "type": "national-working-meeting", "name": "Rakernas X",
                                "status": "held", "venue": "no-such-venue"}, (at, at + 20), "a rule")
    composed = compose(article, [event], text, context)
    assert composed.kept == [event]
    assert "venue" not in event.fields
    assert [(p.rule, reason.split(";")[0]) for p, reason in composed.dropped] == [
        ("its field venue", "unknown venue 'no-such-venue'")]


def test_an_unknown_metadata_reference_is_left_out(seeds: Path) -> None:
    text = (seeds / "articles" / CASE.name).read_text(encoding="utf-8")
    context = Context(load_ontology(ONTOLOGY), load_reference(seeds / "reference"), load_registry(seeds), [], seeds,
                      seeds / "annotations" / "x.yaml")
    article = {"id": "x", "text": f"../articles/{CASE.name}", "publisher": "nobody-known", "language": "id"}
    composed = compose(article, [], text, context)
    assert "publisher" not in composed.text
    assert composed.dropped[0][1].startswith("unknown entity 'nobody-known'")


@pytest.mark.parametrize(("args", "message"), [
    (["--published", "sekitar 2020"], "--published: cannot read 'sekitar 2020' as a date"),
    (["--url", "javascript:alert(1)"], "--url: "),
])
def test_bad_options_are_one_line(seeds: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["draft", str(seeds / "articles" / CASE.name), *args,
                                       "--ontology-dir", str(ONTOLOGY)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {message}")
    assert len(result.output.splitlines()) == 1


def test_a_missing_or_binary_article_is_one_line(seeds: Path) -> None:
    missing = CliRunner().invoke(main, ["draft", str(seeds / "articles" / "nope.txt"), "--ontology-dir",
                                        str(ONTOLOGY)])
    assert missing.exit_code == 1
    assert missing.output.endswith("nope.txt: article file not found; put the text in seeds/articles/\n")
    binary = seeds / "articles" / "binary.txt"
    binary.write_bytes(b"Kota Medan\x00\x01")
    refused = CliRunner().invoke(main, ["draft", str(binary), "--ontology-dir", str(ONTOLOGY)])
    assert refused.exit_code == 1
    assert "binary.txt:1: cannot use this file as an article text" in refused.output


def _mark(seeds: Path, mark: str) -> None:
    """Mark the first entity block of the Medan seed annotation `review: MARK`."""
    path = seeds / "annotations" / "komwil-i-apeksi-sosialisasi-medan-2025.yaml"
    text = path.read_text(encoding="utf-8")
    marked = text.replace("    occurrence: 2\n", f"    occurrence: 2\n    review: {mark}\n", 1)
    path.write_text(marked, encoding="utf-8")


def test_a_review_mark_other_than_suggested_or_uncertain_is_refused(seeds: Path) -> None:
    _mark(seeds, "maybe")
    with pytest.raises(KgError) as error:
        read_sources(seeds, ONTOLOGY)
    assert str(error.value).endswith("entities.review: review is suggested or uncertain (a proposal of kg draft "
                                     "awaiting review); delete the line once the block is checked")


def test_a_reviewed_annotation_with_review_marks_still_builds_in_full(seeds: Path) -> None:
    _mark(seeds, "uncertain")
    assert len(read_sources(seeds, ONTOLOGY).articles) == 2
    assert [(v.check, v.entity) for v in review_violations(seeds)] == [("review", "rico-waas")]


@pytest.mark.parametrize("gold", gold_files(), ids=lambda p: p.stem)
def test_every_gold_annotation_of_the_benchmark_builds(gold: Path, tmp_path: Path) -> None:
    annotation = compile_gold(gold, tmp_path)
    assert annotation.facts


def test_four_of_the_twelve_benchmark_articles_are_held_out() -> None:
    assert (len(gold_files(False)), len(gold_files(True))) == (8, 4)


def test_the_readme_documents_every_command_and_every_draft_option() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [name for name in sorted(main.commands) if f"kg {name}" not in readme] == []
    section = readme.split("## Drafting an annotation: `kg draft`", 1)[1].split("\n## ", 1)[0]
    options = [opt for param in main.commands["draft"].params for opt in getattr(param, "opts", [])
               if opt.startswith("--")]
    assert [opt for opt in options if opt not in section] == []
    for step in ("kg draft seeds/articles/", "kg build", "kg check", "review:"):
        assert step in section
