"""Article texts come only from regular files inside the seeds folder, under a size limit.

An annotation written by someone else must not be able to put any other file
of the machine into the graph (and from there into `kg serve` and `kg push`),
nor hang or exhaust the build.
"""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_bad_input import A, assert_refused, at

TEXT = "  text: ../articles/antara-babel-2019-apeksi-sharing-session.txt\n"
ARTICLE = Path("seeds/articles/antara-babel-2019-apeksi-sharing-session.txt")


def refused(given: str, reason: str) -> tuple[str, str, str, object]:
    return (A, TEXT, f"  text: ../articles/{Path(given).name}\n",
            lambda: f"{A}:{at(A, '  text:')}: article.text: cannot use {given} as the article text: {reason}")


@pytest.fixture
def alarm() -> Iterator[None]:
    """Fail instead of hanging for ever (a FIFO read without care blocks until a writer comes)."""
    def hung(signum: int, frame: object) -> None:
        raise TimeoutError("the build hung")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def test_a_symlink_out_of_the_seeds_folder(project: Path, built: tuple[Path, object]) -> None:
    Path("seeds/articles/evil.txt").symlink_to("/etc/passwd")
    assert_refused(built, *refused("seeds/articles/evil.txt", "outside seeds (it leads to /etc/passwd); keep "
                                   "article texts inside seeds"))


def test_a_symlink_to_a_folder_out_of_the_seeds_folder(project: Path, built: tuple[Path, object]) -> None:
    Path("seeds/articles/etc").symlink_to("/etc")
    path, old, _, _ = refused("x", "")
    assert_refused(built, path, old, "  text: ../articles/etc/hostname\n",
                   lambda: f"{A}:{at(A, '  text:')}: article.text: cannot use seeds/articles/etc/hostname as the "
                           f"article text: outside seeds (it leads to {Path('/etc/hostname').resolve()}); keep "
                           "article texts inside seeds")


def test_a_symlink_that_stays_inside_is_followed(project: Path) -> None:
    Path("seeds/articles/alias.txt").symlink_to(ARTICLE.name)
    text = Path(A).read_text(encoding="utf-8").replace(TEXT, "  text: ../articles/alias.txt\n")
    Path(A).write_text(text, encoding="utf-8")
    from click.testing import CliRunner

    from kg.cli import main
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output


def test_a_fifo_is_refused_at_once(project: Path, built: tuple[Path, object], alarm: None) -> None:
    os.mkfifo("seeds/articles/pipe.txt")
    assert_refused(built, *refused("seeds/articles/pipe.txt",
                                   "not a regular file (a FIFO, a device or a folder cannot be read)"))


def test_a_text_above_the_size_limit(project: Path, built: tuple[Path, object]) -> None:
    Path("seeds/articles/huge.txt").write_text("Kota Jogja. " * 500_000, encoding="utf-8")
    assert_refused(built, *refused("seeds/articles/huge.txt", "larger than the limit of 5 MB"))


def test_a_control_character_in_the_text_names_its_line(project: Path, built: tuple[Path, object]) -> None:
    Path("seeds/articles/ff.txt").write_text("Kota Jogja\nhari ini\x0c\n", encoding="utf-8")
    assert_refused(built, *refused("seeds/articles/ff.txt", "the character U+000C (FORM FEED) is not allowed in a "
                                   "source file; remove it (its line 2)"))


def test_a_text_that_is_not_utf8_names_its_line(project: Path, built: tuple[Path, object]) -> None:
    Path("seeds/articles/latin1.txt").write_bytes(b"Kota Jogja\n\ncaf\xe9\n")
    assert_refused(built, *refused("seeds/articles/latin1.txt", "not UTF-8 text (invalid continuation byte, byte "
                                   "0xe9); save it as UTF-8 (its line 3)"))
