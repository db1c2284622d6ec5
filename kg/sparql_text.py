"""Reading the shape of a SPARQL query's text: its form (SELECT, ASK...) and where its WHERE group opens.

A small tokenizer that knows comments, strings, IRIs and variables, so that a brace or a keyword inside
any of them is never taken for the query's own.
"""

from __future__ import annotations

import re

QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
STRING = "|".join([r"'{3}.*?'{3}", r'"{3}.*?"{3}', r"'(?:[^'\\\n]|\\.)*'", r'"(?:[^"\\\n]|\\.)*"'])
IRI = r"""<[^<>"{}|^`\\\x00-\x20]*>"""
TOKEN = re.compile(rf"(?P<space>\s+)|(?P<comment>#[^\n]*)|(?P<string>{STRING})|(?P<iri>{IRI})|(?P<variable>[?$]\w+)"
                   r"|(?P<word>[A-Za-z_][\w-]*(?::[\w.-]*)?|:[\w.-]*)|(?P<other>.)", re.DOTALL)
Token = tuple[str, int]


class QueryShapeError(ValueError):
    """The text has no place for what was asked (no query form, no WHERE group)."""


def tokens(text: str) -> list[Token]:
    """The words and punctuation of a query with their offsets; comments, strings, IRIs and variables left out."""
    return [(m.group(), m.start()) for m in TOKEN.finditer(text)
            if m.lastgroup not in ("space", "comment", "string", "iri", "variable")]


def query_form(text: str) -> str:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the first of them in the text, or "" when there is none."""
    return next((word.upper() for word, _ in tokens(text) if word.upper() in QUERY_FORMS), "")


def where_brace(text: str) -> int:
    """The offset of the `{` that opens the WHERE group (after a CONSTRUCT template, if any)."""
    words = tokens(text)
    forms = [i for i, (word, _) in enumerate(words) if word.upper() in QUERY_FORMS]
    if not forms:
        raise QueryShapeError("no SELECT, CONSTRUCT, ASK or DESCRIBE found")
    start = forms[0] + 1
    if words[forms[0]][0].upper() == "CONSTRUCT" and start < len(words):
        if words[start][0] != "{":
            raise QueryShapeError("a CONSTRUCT WHERE query has no group apart from its template; write the "
                                  "template out (CONSTRUCT { ... } WHERE { ... })")
        start = _group_end(words, start) + 1
    brace = next((offset for word, offset in words[start:] if word == "{"), None)
    if brace is None:
        raise QueryShapeError("the query has no WHERE group")
    return brace


def _group_end(words: list[Token], opening: int) -> int:
    depth = 0
    for index in range(opening, len(words)):
        depth += {"{": 1, "}": -1}.get(words[index][0], 0)
        if depth == 0:
            return index
    return len(words) - 1
