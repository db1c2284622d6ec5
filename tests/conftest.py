"""Shared fixtures: the seeds built once per session, and copies of the seeds to break."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph
import pytest
from playwright.sync_api import Browser, sync_playwright

from kg.build import BuildResult, build
from tests.tools import needs_tool

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """The seeds built into a temporary out/ folder (the reasoner needs Java)."""
    needs_tool("java")
    out = tmp_path_factory.mktemp("out")
    return out, build(ROOT / "seeds", out, ROOT / "ontology")


@pytest.fixture(scope="session")
def store(built: tuple[Path, BuildResult]) -> pyoxigraph.Store:
    """The built dataset in Oxigraph, all named graphs kept."""
    out, _ = built
    store = pyoxigraph.Store()
    store.load(path=str(out / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return store


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of seeds/ and ontology/ in a temporary folder that is also the working folder."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's headless Chromium through Playwright (never `playwright install`)."""
    needs_tool("chromium", CHROMIUM)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
