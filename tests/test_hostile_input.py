"""Hostile and broken annotations: each refused with one line naming file, line and field, exit 1, nothing written.

The cases come from a round of hostile testing (issue 12): values the README
forbids, YAML features annotation files never need, characters that break
exports or terminals, and article texts from outside the seeds folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.test_bad_input import A, assert_refused, at

TEXT = "  text: ../articles/antara-babel-2019-apeksi-sharing-session.txt\n"
SULTAN = "    name: Hotel Sultan\n"
BUMN_PART_OF = "  - subject: komwil-ii\n    relation: part_of\n    object: apeksi\n"


def line_of(text: str, path: str = A, nth: int = 1) -> Callable[[], int]:
    return lambda: at(path, text, nth)


def refused(where: Callable[[], int], field: str | None, message: str, path: str = A) -> Callable[[], str]:
    return lambda: f"{path}:{where()}: {field + ': ' if field else ''}{message}"


def outside(given: str) -> str:
    return (f"cannot use {given} as the article text: outside seeds (it leads to {Path(given).resolve()}); keep "
            "article texts inside seeds")


CASES: dict[str, tuple[str, str, str, Callable[[], str]]] = {
    "id: null is no id (with or without libyaml)": (
        A, "  id: antara-babel-2019-apeksi-sharing-session\n", "  id: null\n",
        refused(line_of("  id: null"), None, "article: missing required field 'id'")),
    "name: ~ is no name": (
        A, SULTAN, "    name: ~\n",
        refused(lambda: at(A, "    name: ~"), "entities.name",
                "'hotel-sultan' has no preferred name; add 'name:' here, in another file that describes it, or in the "
                "registry")),
    "[] in a required field": (
        A, "    role: executive-director\n", "    role: []\n",
        refused(line_of("  - holder: indah-wibi-nastiti"), None, "positions: missing required field 'role'")),
    "year 0000": (
        A, '  published: "2019"\n', '  published: "0000"\n',
        refused(line_of("  published:"), "article.published", "'0000' names the year 0, which does not exist")),
    "one parenthesis": (
        A, "    date: Senin (7/10)\n", "    date: Senin (7/10\n",
        refused(line_of("    date: Senin (7/10"), "events.date",
                "'Senin (7/10' has an unbalanced parenthesis; write '(7/10)' or '7/10'")),
    "digits that are not ASCII": (
        A, "    date: 13 Agustus 2019\n", "    date: \u0661\u0663 Agustus 2019\n",
        refused(line_of("    date: \u0661\u0663"), "events.date", "'\u0661\u0663 Agustus 2019' has digits other than "
                "0-9; write the date with ASCII digits")),
    "superscript occurrence": (
        A, "    quote: Dewan Pengurus Apeksi\n    occurrence: 1\n",
        "    quote: Dewan Pengurus Apeksi\n    occurrence: ²\n",
        refused(line_of("    occurrence: ²"), "relations.occurrence",
                "occurrence must be a whole number written in digits 0-9 (1 for the first)")),
    "url: javascript:": (
        A, "  language: id\n", "  language: id\n  url: javascript:alert(1)\n",
        refused(line_of("  url:"), "article.url", "'javascript:alert(1)' is not an absolute http:// or https:// URL; "
                "give the article's web address")),
    "url: data:": (
        A, "  language: id\n", "  language: id\n  url: data:text/html,hi\n",
        refused(line_of("  url:"), "article.url", "'data:text/html,hi' is not an absolute http:// or https:// URL; "
                "give the article's web address")),
    "url: file:": (
        A, "  language: id\n", "  language: id\n  url: file:///etc/passwd\n",
        refused(line_of("  url:"), "article.url", "'file:///etc/passwd' is not an absolute http:// or https:// URL; "
                "give the article's web address")),
    "url with a space": (
        A, "  language: id\n", "  language: id\n  url: https://example.org/a b\n",
        refused(line_of("  url:"), "article.url", "'https://example.org/a b' is not a URL: it has spaces or "
                "characters a URL cannot hold (percent-encode them)")),
    "url with a password": (
        A, "  language: id\n", "  language: id\n  url: https://me:pw@example.org/\n",
        refused(line_of("  url:"), "article.url", "'https://me:pw@example.org/' carries a user name or password; "
                "give the article's public address")),
    "url that cannot be read": (
        A, "  language: id\n", "  language: id\n  url: http://[::1/\n",
        refused(line_of("  url:"), "article.url", "'http://[::1/' is not a URL the build can read; copy it from "
                "the browser's address bar")),
    "url too long": (
        A, "  language: id\n", "  language: id\n  url: https://example.org/" + "a" * 2000 + "\n",
        refused(line_of("  url:"), "article.url", "a URL has at most 2000 characters")),
    "language that is not a tag": (
        A, "  language: id\n", "  language: Bahasa Indonesia\n",
        refused(line_of("  language:"), "article.language",
                "'Bahasa Indonesia' is not a language tag; use a code such as 'id' (Indonesian) or 'en'")),
    "name with spaces around it": (
        A, SULTAN, "    name: ' Hotel Sultan'\n",
        refused(line_of("    name: ' Hotel"), "entities.name", "'Hotel Sultan' has spaces around it; remove them")),
    "name on two lines": (
        A, SULTAN, '    name: "Hotel\\nSultan"\n',
        refused(line_of('    name: "Hotel'), "entities.name", "a name is one line of text; join its lines")),
    "blank alias": (
        A, "    aliases: [Molen]\n", "    aliases: [Molen, ' ']\n",
        refused(line_of("    aliases: [Molen, ' ']"), "entities.aliases", "a name cannot be blank")),
    "name too long": (
        A, SULTAN, "    name: " + "Hotel " * 60 + "Sultan\n",
        refused(line_of("    name: Hotel Hotel"), "entities.name", "a name has at most 300 characters")),
    "event follow_up_of itself": (
        A, "      value: rapat-dewan-pengurus-apeksi-2019-08-13\n", "      value: apeksi-sharing-session-2019-i\n",
        refused(line_of("    follow_up_of:"), "events.follow_up_of",
                "apeksi-sharing-session-2019-i follow_up_of itself; a thing cannot be follow_up_of itself")),
    "organisation part_of itself": (
        A, "  - subject: dewan-pengurus-apeksi\n    relation: part_of\n    object: apeksi\n",
        "  - subject: dewan-pengurus-apeksi\n    relation: part_of\n    object: dewan-pengurus-apeksi\n",
        refused(line_of("    relation: part_of"), "relations.relation",
                "dewan-pengurus-apeksi part_of itself; a thing cannot be part_of itself")),
    "two-way part_of": (
        A, BUMN_PART_OF, "  - subject: apeksi\n    relation: part_of\n    object: dewan-pengurus-apeksi\n",
        refused(line_of("    relation: part_of", nth=2), "relations.relation", "part_of goes round in a loop: apeksi "
                "part_of dewan-pengurus-apeksi part_of apeksi; remove the statement that closes it")),
    "two-way part_of, across the reference data": (
        A, BUMN_PART_OF, "  - subject: apeksi\n    relation: part_of\n    object: komwil-iii\n",
        refused(line_of("    relation: part_of", nth=2), "relations.relation", "part_of goes round in a loop: apeksi "
                "part_of komwil-iii part_of apeksi; remove the statement that closes it")),
    "two-way follow_up_of": (
        A, "    organiser: dewan-pengurus-apeksi\n",
        "    organiser: dewan-pengurus-apeksi\n    follow_up_of: apeksi-sharing-session-2019-i\n",
        refused(line_of("    follow_up_of: apeksi"), "events.follow_up_of", "follow_up_of goes round in a loop: "
                "rapat-dewan-pengurus-apeksi-2019-08-13 follow_up_of apeksi-sharing-session-2019-i follow_up_of "
                "rapat-dewan-pengurus-apeksi-2019-08-13; remove the statement that closes it")),
    "recursive alias": (
        A, "    aliases: [Molen]\n", "    aliases: &r [Molen, *r]\n",
        refused(line_of("    aliases: &r"), None, "anchor '&r': annotation files take no anchors or aliases; write "
                "the value out")),
    "billion laughs": (
        A, "entities:\n", "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n"
                                  for i in range(9)) + "entities:\n",  # 1 KB, 387 million strings
        refused(line_of("l0: &l0"), None, "anchor '&l0': annotation files take no anchors or aliases; write "
                "the value out")),
    "alias without its anchor": (
        A, "    aliases: [Molen]\n", "    aliases: [Molen, *nothing]\n",
        refused(line_of("    aliases: [Molen, *"), None, "alias '*nothing': annotation files take no anchors or "
                "aliases; write the value out")),
    "merge key": (
        A, "  - id: hotel-sultan\n", "  - <<: {id: hotel-sultan}\n",
        refused(line_of("  - <<:"), None, "merge keys ('<<') are not allowed in annotation files; write the fields "
                "out")),
    "binary tag": (
        A, SULTAN, "    name: !!binary SG90ZWwgU3VsdGFu\n",
        refused(line_of("    name: !!binary"), None, "tag '!!binary': annotation files take no YAML tags; write "
                "plain text")),
    "local tag": (
        A, SULTAN, "    name: !hotel Hotel Sultan\n",
        refused(line_of("    name: !hotel"), None, "tag '!hotel': annotation files take no YAML tags; write plain "
                "text")),
    "second document": (
        A, "entities:\n", "---\nentities:\n",
        refused(line_of("---"), None, "a second YAML document ('---'); an annotation file holds one")),
    "nesting too deep": (
        A, "    aliases: [Molen]\n", "    aliases: " + "[" * 25 + "Molen" + "]" * 25 + "\n",
        refused(line_of("    aliases: [[["), None, "nested more than 20 levels deep; annotation files need a few")),
    "a list as a key": (
        A, SULTAN, "    ? [name]\n    : Hotel Sultan\n",
        refused(line_of("    ? [name]"), None, "a key must be a plain word")),
    "a null key": (
        A, SULTAN, "    ~: Hotel Sultan\n",
        refused(line_of("    ~: Hotel"), None, "a key must be a plain word")),
    "NUL in a name": (
        A, SULTAN, "    name: Hotel\x00Sultan\n",
        refused(line_of("    name: Hotel\x00"), None, "the character U+0000 (NUL) is not allowed in a source file; "
                "remove it")),
    "escape code in a name": (
        A, SULTAN, "    name: Hotel \x1b[31mSultan\n",
        refused(line_of("    name: Hotel \x1b"), None, "the character U+001B (ESCAPE) is not allowed in a source "
                "file; remove it")),
    "vertical tab in a name": (
        A, SULTAN, "    name: Hotel\x0bSultan\n",
        refused(line_of("    name: Hotel\x0b"), None, "the character U+000B (VERTICAL TAB) is not allowed in a "
                "source file; remove it")),
    "right-to-left override in a name": (
        A, SULTAN, "    name: Hotel \u202eSultan\n",
        refused(line_of("    name: Hotel \u202e"), None, "the character U+202E (RIGHT-TO-LEFT OVERRIDE) is not "
                "allowed in a source file; remove it")),
    "byte-order mark in a name": (
        A, SULTAN, "    name: Hotel \ufeffSultan\n",
        refused(line_of("    name: Hotel \ufeff"), None, "the character U+FEFF (BYTE ORDER MARK) is not allowed in "
                "a source file; remove it")),
    "line separator in a name": (
        A, SULTAN, "    name: Hotel \u2028Sultan\n",
        refused(line_of("    name: Hotel \u2028"), None, "the character U+2028 (LINE SEPARATOR) is not allowed in "
                "a source file; remove it")),
    "text: /etc/passwd": (
        A, TEXT, "  text: /etc/passwd\n",
        refused(line_of("  text:"), "article.text", outside("/etc/passwd"))),
    "text: /proc/self/environ": (
        A, TEXT, "  text: /proc/self/environ\n",
        refused(line_of("  text:"), "article.text", outside("/proc/self/environ"))),
    "text: /dev/zero": (
        A, TEXT, "  text: /dev/zero\n",
        refused(line_of("  text:"), "article.text", outside("/dev/zero"))),
    "text: ../../..": (
        A, TEXT, "  text: ../../../../../../../../etc/passwd\n",
        refused(line_of("  text:"), "article.text", outside("/etc/passwd").replace(
            "cannot use /etc/passwd", f"cannot use {os.path.normpath('seeds/annotations/' + '../' * 8)}/etc/passwd"))),
    "a published date in 2999": (
        A, '  published: "2019"\n', '  published: "2999"\n',
        lambda: f"{A}:{at(A, '  published:')}: article.published: '2999' is after today; an article cannot be "
                "published in the future"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_input_is_one_line_exit_1_and_writes_nothing(project: Path, built: tuple[Path, object],
                                                             case: str) -> None:
    assert_refused(built, *CASES[case])
