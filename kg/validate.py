"""What a value of an annotation field must look like, beyond being text: names, URLs, languages, counts.

Each check returns what is wrong (a message to show after the field), or None.
Control and bidirectional characters never get this far: the YAML reader
refuses them with their line.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Callable

MAX_NAME = 300
MAX_URL = 2000
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
WHOLE_NUMBER = re.compile(r"[0-9]{1,6}")
URL_FORBIDDEN = re.compile(r"[\s<>\"{}|\\^`]")


def identifier_problem(text: str) -> str | None:
    """An identifier is lower-case words joined by single hyphens."""
    if IDENTIFIER.fullmatch(text):
        return None
    return f"'{text}' is not an identifier; use lower-case letters, digits and hyphens, such as 'maulan-aklil'"


def name_problem(text: str) -> str | None:
    """A name is one line of text, without spaces around it."""
    if not text.strip():
        return "a name cannot be blank"
    if "\n" in text or "\r" in text:
        return "a name is one line of text; join its lines"
    if text != text.strip():
        return f"'{text.strip()}' has spaces around it; remove them"
    if len(text) > MAX_NAME:
        return f"a name has at most {MAX_NAME} characters"
    return None


def url_problem(text: str) -> str | None:
    """An absolute http or https URL with a host, no credentials and no character a URL cannot hold."""
    if len(text) > MAX_URL:
        return f"a URL has at most {MAX_URL} characters"
    if URL_FORBIDDEN.search(text):
        return f"'{text}' is not a URL: it has spaces or characters a URL cannot hold (percent-encode them)"
    try:
        parts = urllib.parse.urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return f"'{text}' is not a URL the build can read; copy it from the browser's address bar"
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok:
        return f"'{text}' is not an absolute http:// or https:// URL; give the article's web address"
    if parts.username is not None:
        return f"'{text}' carries a user name or password; give the article's public address"
    return None


def language_problem(text: str) -> str | None:
    if LANGUAGE.fullmatch(text):
        return None
    return f"'{text}' is not a language tag; use a code such as 'id' (Indonesian) or 'en'"


def occurrence_problem(text: str) -> str | None:
    if WHOLE_NUMBER.fullmatch(text) and int(text) >= 1:
        return None
    return "occurrence must be a whole number written in digits 0-9 (1 for the first)"


REVIEW_MARKS = ("suggested", "uncertain")


def review_problem(text: str) -> str | None:
    if text in REVIEW_MARKS:
        return None
    return (f"review is {' or '.join(REVIEW_MARKS)} (a proposal of kg draft awaiting review); delete the line "
            "once the block is checked")


VALUE_CHECKS: dict[str, Callable[[str], str | None]] = {
    "identifier": identifier_problem,
    "review": review_problem,
    "name": name_problem,
    "url": url_problem,
    "language": language_problem,
}


def value_problem(kind: str, value: str) -> str | None:
    """What is wrong with `value` as a value of this kind (kg/annotation_format.yaml), if anything."""
    check = VALUE_CHECKS.get(kind)
    return check(value) if check else None
