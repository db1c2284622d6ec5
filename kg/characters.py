"""Characters no source file should carry: controls, bidirectional overrides, stray byte-order marks.

They are invisible in an editor, break XML exports and reach the terminal as
escape codes, so a source that has one is refused with the line it is on.
"""

from __future__ import annotations

import re
import unicodedata

BOM = "\ufeff"
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
TEXT_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}{BOM}\ufffe\uffff]")
YAML_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}{BOM}\ufffe\uffff\u2028\u2029]")


def describe(character: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE)."""
    name = _CONTROL_NAMES.get(character) or unicodedata.name(character, "a control character")
    return f"U+{ord(character):04X} ({name})"


_CONTROL_NAMES = {BOM: "BYTE ORDER MARK", "\x00": "NUL", "\x0b": "VERTICAL TAB", "\x0c": "FORM FEED",
                  "\x1b": "ESCAPE", "\x7f": "DELETE", "\x85": "NEXT LINE"}


def first_forbidden(text: str, pattern: re.Pattern[str] = TEXT_FORBIDDEN) -> tuple[int, str] | None:
    """The line (1-based, counting only \\n) and the description of the first forbidden character, if any."""
    found = pattern.search(text)
    if found is None:
        return None
    return text.count("\n", 0, found.start()) + 1, describe(found.group())


def strip_bom(text: str) -> str:
    return text.removeprefix(BOM)
