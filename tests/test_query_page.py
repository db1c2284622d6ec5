"""`kg serve` in a browser: the query page it prints, and the page of saved-query links, in Chromium with every
request to another host blocked."""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from playwright.sync_api import Browser, Route

from kg.build import BuildResult
from kg.cli import main
from kg.query import available, bindings, read_query, with_values
from kg.query_links import query_links
from tests.conftest import CHROMIUM
from tests.test_server import free_port, stop

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
# YASGUI fetches prefix.cc's list of popular prefixes to autocomplete PREFIX lines; without it the page
# works the same (the saved queries declare their prefixes), so that is the one request allowed to fail.
AUTOCOMPLETION = "http://prefix.cc/"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's Chromium at /usr/bin/chromium")


@pytest.fixture(scope="module")
def server(built: tuple[Path, BuildResult]) -> Iterator[tuple[str, list[str]]]:
    """`kg serve` on a free port: its base URL and the lines it printed first."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port), "--build-dir",
                                str(built[0])], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        lines = [process.stdout.readline() for _ in range(4)]
        yield f"http://127.0.0.1:{port}", lines
    finally:
        stop(process)


def local_rows(built: tuple[Path, BuildResult], name: str) -> int:
    result = CliRunner().invoke(main, ["query", str(QUERIES / f"{name}.rq"), "--format", "csv", "--build-dir",
                                       str(built[0])])
    assert result.exit_code == 0, result.output
    return len(result.output.splitlines()) - 1


def test_serve_prints_the_query_page_and_the_links(server: tuple[str, list[str]],
                                                   built: tuple[Path, BuildResult]) -> None:
    base, lines = server
    assert lines[1] == f"Query page:      {base}/ (open it in a browser)\n"
    assert lines[2] == (f"Saved queries:   {(built[0] / 'queries.html').as_uri()} (each link opens one in the "
                        "query page)\n")


def test_each_link_opens_its_query_ready_to_run(server: tuple[str, list[str]]) -> None:
    base, _ = server
    links = {link.name: link for link in query_links(f"{base}/", f"{base}/query", QUERIES)}
    assert sorted(links) == available(QUERIES)
    for name, link in links.items():
        page, fragment = link.link.split("#", 1)
        fields = dict(urllib.parse.parse_qsl(fragment))
        query = read_query(QUERIES / f"{name}.rq")
        assert (page, fields["endpoint"], fields["tabTitle"]) == (f"{base}/", f"{base}/query", name)
        assert fields["query"] == with_values(query, bindings(query, {}))
    assert "VALUES (?entity) { (<https://w3id.org/apeksi-kg/id/kota-pangkal-pinang>) }" in \
        dict(urllib.parse.parse_qsl(links["timeline"].link.split("#", 1)[1]))["query"]


def test_every_link_gives_the_local_rows_in_the_browser_offline(server: tuple[str, list[str]], browser: Browser,
                                                                built: tuple[Path, BuildResult],
                                                                tmp_path: Path) -> None:
    base, _ = server
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    blocked: list[str] = []

    def route(route: Route) -> None:
        if route.request.url.startswith(("file://", f"{base}/")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    links = built[0] / "queries.html"
    for name in available(QUERIES):
        page.goto(links.as_uri())
        page.click(f"#{name} a.open")
        page.wait_for_url(f"{base}/#*")
        summary = page.locator(".yasr_response_chip")
        summary.wait_for(timeout=20_000)
        assert re.match(rf"{local_rows(built, name)} results? in ", summary.inner_text()), name
        if name == "timeline":
            page.screenshot(path=str(tmp_path / "timeline.png"))
            assert page.locator(".yasr table tbody tr").count() == 4
            assert "Rakerkomwil APEKSI" in page.locator(".yasr table tbody").inner_text()
    context.close()
    assert errors == []
    assert {url for url in blocked if not url.startswith(AUTOCOMPLETION)} == set()
