"""HTML pages made from the Jinja2 templates in kg/templates/, with every value escaped."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from kg.assets import asset, strings
from kg.errors import KgError, display_path

TEMPLATES = Path(str(resources.files("kg") / "templates"))


def render(name: str, **values: Any) -> str:
    """The template `name` filled in with `values`; a missing value is an error, not an empty string."""
    environment = jinja2.Environment(loader=jinja2.PackageLoader("kg", "templates"), autoescape=True,
                                     keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    try:
        template = environment.get_template(name)
    except jinja2.TemplateNotFound:
        raise KgError("the page template is missing; reinstall apeksi-kg", TEMPLATES / name) from None
    return template.render(**values)


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
