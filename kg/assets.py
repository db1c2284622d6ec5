"""The files the pages are made of (scripts, styles, strings, bundled libraries), read from the installed package."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from kg.errors import KgError

PACKAGE = "kg"


def asset(*parts: str) -> str:
    """A text file of the package, e.g. asset("assets", "network.js"), made safe to inline in a page."""
    path = resources.files(PACKAGE).joinpath(*parts)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise KgError(f"cannot read a file of the page ({exc.strerror}); reinstall apeksi-kg", str(path)) from None
    return inline_safe(text)


def inline_safe(text: str) -> str:
    """Text that cannot end the <script> or <style> element it is put in, and asks for no source map."""
    lines = [line for line in text.split("\n") if not line.lstrip().startswith(("//# sourceMappingURL=",
                                                                                 "/*# sourceMappingURL="))]
    return "\n".join(lines).replace("</script", "<\\/script").replace("</style", "<\\/style")


@cache
def strings(lang: str) -> dict[str, Any]:
    """The words of the pages in `lang` ("id" or "en")."""
    return json.loads(asset("assets", "strings.json"))[lang]
