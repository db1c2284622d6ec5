"""The one place where an error becomes the line `kg` prints and the code it exits with.

0 done; 1 an input is wrong (for `kg check`: violations found); 2 a usage
error, or the command could not run (a missing tool such as Java or oxigraph,
or, for `kg check`, any error, since 1 means violations there); 3 a defect in
`kg` itself, shown as one line unless KG_TRACEBACK=1 asks for the traceback.
Whatever the message quotes, it is printed as one line with no control
character, so no input can move the cursor or colour the terminal.
"""

from __future__ import annotations

import unicodedata

import click

from kg.errors import CannotRun, KgError, display_path

INPUT = 1
CANNOT_RUN = 2
DEFECT = 3
TRACEBACK_VARIABLE = "KG_TRACEBACK"
ALWAYS_CANNOT_RUN = {"check"}


class Failure(click.ClickException):
    """A one-line error with its exit code."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def failure(error: Exception, command: str | None) -> Failure:
    """The line and exit code for an error a command raised."""
    message, code = _describe(error)
    if command in ALWAYS_CANNOT_RUN and code == INPUT:
        code = CANNOT_RUN
    return Failure(one_line(message), code)


def _describe(error: Exception) -> tuple[str, int]:
    if isinstance(error, CannotRun):
        return str(error), CANNOT_RUN
    if isinstance(error, KgError):
        return str(error), INPUT
    if isinstance(error, OSError):
        where = f"{display_path(error.filename)}: " if error.filename else ""
        return f"{where}{error.strerror or error}", INPUT
    if isinstance(error, MemoryError):
        return "out of memory; an input is far larger than an annotation or article should be", INPUT
    return (f"internal error ({type(error).__name__}: {error}); this is a defect in kg, please report it "
            f"(set {TRACEBACK_VARIABLE}=1 to see where it happened)"), DEFECT


def one_line(message: str) -> str:
    """`message` with line breaks and control characters written as escapes (\\n, \\x1b, \\u2028)."""
    return "".join(_visible(character) for character in message)


def _visible(character: str) -> str:
    if character == "\n":
        return "\\n"
    if unicodedata.category(character) in ("Cc", "Cf", "Zl", "Zp") and character != "\t":
        code = ord(character)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
    return character
