"""HTML pages made from the Jinja2 templates in kg/templates/, with every value escaped."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from kg.errors import KgError

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
