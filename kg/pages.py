"""HTML pages made from the Jinja2 templates in kg/templates/, with every value escaped."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from kg.assets import asset, strings
from kg.errors import KgError, display_path
from kg.files import write_files
from kg.kept import Kept

PACKAGE_DIR = Path(str(resources.files("kg")))
TEMPLATES = PACKAGE_DIR / "templates"
PAGES = Path(".cache") / "pages"


def render(name: str, **values: Any) -> str:
    """The template `name` filled in with `values`; a missing value is an error, not an empty string."""
    environment = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"), autoescape=True,
                                     keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    try:
        template = environment.get_template(name)
    except jinja2.TemplateNotFound:
        raise KgError("the page template is missing; reinstall apeksi-kg", TEMPLATES / name) from None
    return template.render(**values)


def kept_page(trig: Path, out: Path, built: str, asked: tuple[str, ...], make: Callable[[], tuple[str, str]],
              libraries: tuple[str, ...]) -> WrittenPage:
    """Write the page `asked` for, of the dataset in `trig`: the one kept when the store holds what it held
    when that page was made (kg/kept.py) with these `libraries`, else the one `make` gives (its counts and its
    text), then kept."""
    kept = Kept(trig, PAGES, page_files_digest(), f"jinja2 {jinja2.__version__}", *libraries)
    found = kept.get(*asked)
    if found is not None:
        counts, _, text = found.partition("\n")
    else:
        counts, text = make()
        kept.keep(f"{counts}\n{text}", *asked)
    write_files({out: text})
    return WrittenPage(out, counts, built)


def page_files_digest() -> str:
    """A digest of the templates and the assets the pages are made of."""
    digest = hashlib.sha256()
    for path in sorted(p for folder in ("templates", "assets") for p in (PACKAGE_DIR / folder).rglob("*")
                       if p.is_file()):
        digest.update(f"{path.relative_to(PACKAGE_DIR)}\0".encode() + path.read_bytes())
    return digest.hexdigest()


@dataclass
class WrittenPage:
    """What a page command wrote (counts in words), and whether it had to build the dataset first."""

    out: Path
    counts: str
    built: str = ""

    def summary(self) -> str:
        wrote = f"Wrote {display_path(self.out)}: {self.counts}"
        return f"{self.built}\n{wrote}" if self.built else wrote


def app_page(name: str, lang: str, title: str, data: str, library_css: str, library_js: str) -> str:
    """The page `name` (network or timeline): its template, with the shared and its own script and style,
    the library and the data inlined."""
    return render(f"{name}.html", lang=lang, title=title, strings=strings(lang), data=data,
                  library_css=library_css, library_js=library_js, common_css=asset("assets", "common.css"),
                  page_css=asset("assets", f"{name}.css"), common_js=asset("assets", "common.js"),
                  page_js=asset("assets", f"{name}.js"))
