"""The network and timeline pages in Chromium: labels legible at the first view, groups, filter names, dates
as a person reads them, the timeline's bars and points and their quotes; for the seeds and a generated corpus."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Page

from kg.assets import asset
from kg.build import BuildResult, build
from kg.cli import main
from kg.errors import KgError
from kg.readable_dates import readable
from kg.timeline import first_day, last_day, make_timeline
from kg.viz import make_page
from tests.corpus_generator import make_corpus

ROOT = Path(__file__).resolve().parent.parent
DRAWN_TEXT = """
window.__drawn = [];
const fillText = CanvasRenderingContext2D.prototype.fillText;
CanvasRenderingContext2D.prototype.fillText = function (text) {
  const size = /(\\d+(?:\\.\\d+)?)px/.exec(this.font);
  if (size) window.__drawn.push([String(text), parseFloat(size[1]) * this.getTransform().a / devicePixelRatio]);
  return fillText.apply(this, arguments);
};
"""


def open_file(browser: Browser, path: Path, outside: list[str]) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                  else (outside.append(route.request.url), route.abort()))
    view = context.new_page()
    view.add_init_script(DRAWN_TEXT)
    errors: list[str] = []
    view.on("pageerror", lambda error: errors.append(str(error)))
    view.goto(path.as_uri())
    view.wait_for_function("window.kgPage && window.kgPage.firstDraw !== null", timeout=30_000)
    view.wait_for_timeout(300)
    assert errors == []
    yield view
    context.close()


def drawn(view: Page) -> dict[str, float]:
    sizes: dict[str, float] = {}
    for text, size in view.evaluate("window.__drawn"):
        sizes[text] = min(size, sizes.get(text, size))
    return sizes


@pytest.fixture(scope="module")
def pages(built: tuple[Path, BuildResult], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("pages")
    made = {"seeds": folder / "graph.html", "all": folder / "all.html", "timeline": folder / "timeline.html"}
    make_page(built[0], made["seeds"], ROOT / "seeds", ROOT / "ontology")
    make_page(built[0], made["all"], ROOT / "seeds", ROOT / "ontology", everything=True, lang="en")
    make_timeline(built[0], made["timeline"], ROOT / "seeds", ROOT / "ontology", lang="en")
    return made


def test_seeds_labels_are_legible_at_the_first_view(browser: Browser, pages: dict[str, Path]) -> None:
    outside: list[str] = []
    for view in open_file(browser, pages["seeds"], outside):
        sizes = drawn(view)
        assert min(sizes.values()) >= 11
        for name in ("Maulan Aklil", "Kota Medan", "Kota Yogyakarta"):
            assert name in sizes
        assert len(sizes) >= 40
        assert view.inner_text("#counts") == "38 dari 38 entitas, 56 dari 56 tautan tampil"
        komwil = view.evaluate("Array.from(document.querySelectorAll('#komwil li'), li => li.innerText)")
        assert komwil == ["Komisariat Wilayah I APEKSI", "Komisariat Wilayah II APEKSI",
                          "Komisariat Wilayah III APEKSI"]
    assert outside == []


def test_dates_and_headlines_show_as_a_person_reads_them(browser: Browser, pages: dict[str, Path]) -> None:
    for view in open_file(browser, pages["seeds"], []):
        view.fill("#search", "Kota Medan")
        view.evaluate("kgPage.network.selectNodes([])")
        label = view.evaluate("""kgPage.edges.get({filter: (e) => e.from === 'rico-waas'
            && e.to === 'kota-medan'})[0].label""")
        assert label == "mayor of (as of 30 Oktober 2025)"
        view.fill("#search", "Rico")
        details = view.inner_text("#details")
        assert "30 Oktober 2025" in details and "T23:56" not in details
        cites = view.evaluate("Array.from(document.querySelectorAll('#details .cite'), c => c.innerText)")
        headline = view.evaluate("kgPage.data.nodes.find((n) => n.id === 'rico-waas').kg.quotes[0].headline")
        assert headline and all(headline in cite or "reference" in cite for cite in cites)
        assert view.evaluate("document.querySelector('#details a.to-timeline').getAttribute('href')") == (
            "timeline.html#entity=rico-waas")


def test_all_folds_the_reference_cities_per_komwil_and_a_click_opens_them(
        browser: Browser, pages: dict[str, Path]) -> None:
    for view in open_file(browser, pages["all"], []):
        groups = view.evaluate("kgPage.data.groups.map((g) => [g.id, g.members.length])")
        assert [g for g, _ in groups] == [f"fold:komwil-{n}" for n in ("i", "ii", "iii", "iv", "v", "vi")]
        assert sum(n for _, n in groups) > 80
        assert view.evaluate("kgPage.data.groups.every((g) => kgPage.isClosed(g.id))") is True
        assert view.evaluate("network.body.nodeIndices.length") == 162 - sum(n for _, n in groups) + 6
        sizes = drawn(view)
        assert min(sizes.values()) >= 11
        assert {"Asosiasi Pemerintah Kota", "+28 from the reference"} <= set(sizes)
        view.evaluate("network.selectNodes([])")
        point = view.evaluate("""() => { const p = network.getPositions(['fold:komwil-ii'])['fold:komwil-ii'];
            const d = network.canvasToDOM(p), box = document.getElementById('graph').getBoundingClientRect();
            return [box.left + d.x, box.top + d.y]; }""")
        view.mouse.click(*point)
        assert view.evaluate("kgPage.isClosed('fold:komwil-ii')") is False
        members = view.evaluate("kgPage.data.groups.find((g) => g.id === 'fold:komwil-ii').members")
        assert all(view.evaluate(f"kgPage.nodes.get('{m}') !== null") for m in members)
        assert "Komisariat Wilayah II APEKSI" in view.inner_text("#details")
        view.click("#open-all")
        assert view.evaluate("network.body.nodeIndices.length") == 162
        assert view.evaluate("network.body.edgeIndices.length") == 338


def test_timeline_draws_posts_as_bars_and_events_as_points_with_their_quotes(
        browser: Browser, pages: dict[str, Path]) -> None:
    outside: list[str] = []
    for view in open_file(browser, pages["timeline"], outside):
        bars = view.evaluate("Array.from(document.querySelectorAll('.vis-item.post.vis-range'), e => e.textContent)")
        points = view.evaluate("Array.from(document.querySelectorAll('.vis-item.event.vis-point'), e => e.textContent)")
        assert "Mayor of Kota Pangkal Pinang" in bars
        assert "APEKSI Sharing Session I 2019" in points
        assert view.evaluate("document.querySelectorAll('.vis-item.post.as-of').length") >= 5
        groups = view.evaluate("Array.from(document.querySelectorAll('.vis-label'), e => e.textContent)")
        assert "Maulan Aklil" in groups
        mayor = view.evaluate("kgPage.data.items.find((i) => i.label === 'Maulan Aklil: Mayor of Kota Pangkal "
                              "Pinang').id")
        view.evaluate(f"timeline.setSelection(['{mayor}@maulan-aklil']); "
                      f"timeline.emit('select', {{items: ['{mayor}@maulan-aklil']}})")
        details = view.inner_text("#details")
        assert "as of\n2019" in details and "Wali Kota Pangkalpinang" in details
        view.check("input[name='mode'][value='post']")
        groups = view.evaluate("Array.from(document.querySelectorAll('.vis-label'), e => e.textContent)")
        assert "Mayor of Kota Pangkal Pinang" in groups
        view.uncheck("input[data-group='kind'][value='post']")
        assert view.evaluate("document.querySelectorAll('.vis-item.post').length") == 0
    assert outside == []


def test_a_generated_corpus_gives_legible_pages(browser: Browser, tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    make_corpus(seeds, 300)
    out = tmp_path / "out"
    build(seeds, out, ROOT / "ontology")
    make_page(out, out / "graph.html", seeds, ROOT / "ontology")
    make_timeline(out, out / "timeline.html", seeds, ROOT / "ontology")
    outside: list[str] = []
    for view in open_file(browser, out / "graph.html", outside):
        sizes = drawn(view)
        assert sizes and min(sizes.values()) >= 11
        groups = view.evaluate("kgPage.data.groups.map((g) => g.id)")
        assert groups and all(group.startswith("group:komwil-") for group in groups)
        assert {text for text in sizes if text.startswith("Komisariat Wilayah")}
    for view in open_file(browser, out / "timeline.html", outside):
        assert view.evaluate("document.querySelectorAll('.vis-item').length") > 10
    assert outside == []


def test_cli_timeline_of_one_entity_and_an_unknown_one(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    common = ["--build-dir", str(built[0]), "--seeds", str(ROOT / "seeds"), "--ontology-dir", str(ROOT / "ontology")]
    out = tmp_path / "t.html"
    result = CliRunner().invoke(main, ["timeline", "--entity", "maulan-aklil", "--out", str(out), *common])
    assert (result.exit_code, result.output) == (0, f"Wrote {out}: 1 posts, 1 events\n")
    result = CliRunner().invoke(main, ["timeline", "--entity", "maulan", "--out", str(out), *common])
    assert (result.exit_code, result.output) == (
        1, "Error: unknown entity 'maulan'; closest ids: maulan-aklil, kota-malang, kota-tidore-kepulauan\n")


def test_readable_dates_and_partial_bounds() -> None:
    assert [readable(v) for v in ("2025-10-30", "2019-10", "2020", "2025-10-30T23:56:00+07:00", "kemarin")] == [
        "30 Oktober 2025", "Oktober 2019", "2020", "30 Oktober 2025", "kemarin"]
    assert readable("2025-10-30", "en") == "30 October 2025"
    assert (first_day("2019"), last_day("2019"), last_day("2024-02")) == ("2019-01-01", "2019-12-31", "2024-02-29")


def test_a_missing_page_file_is_one_clear_error() -> None:
    with pytest.raises(KgError) as error:
        asset("assets", "no-such-file.js")
    assert str(error.value).endswith("kg/assets/no-such-file.js: cannot read a file of the page (No such file or "
                                     "directory); reinstall apeksi-kg")
