"""Values checked beyond their YAML: article ids across files, query parameters, dates against today."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.dates import DateError, PartialDate, check_not_future
from kg.errors import KgError
from kg.query import Parameter, term
from tests.test_bad_input import A, B, at


def test_a_duplicate_article_id_names_both_lines(project: Path) -> None:
    copy = Path("seeds/annotations/zz-copy.yaml")
    shutil.copy(A, copy)
    result = CliRunner().invoke(main, ["build"])
    assert (result.exit_code, result.output) == (
        1, f"Error: {copy}:{at(str(copy), '  id: antara')}: article.id: article id "
           f"'antara-babel-2019-apeksi-sharing-session' is also used by {A} line {at(A, '  id: antara')}; give each "
           "article its own id\n")


@pytest.mark.parametrize(("kind", "value"), [("date", "2019-02-30"), ("date", "0000-01-01"), ("date", "2019-1-01"),
                                             ("date", "\u0662\u0660\u0661\u0669-01-01"), ("integer", "\u0661\u0662"),
                                             ("integer", "1.5")])
def test_a_parameter_value_that_is_no_real_date_or_integer(kind: str, value: str) -> None:
    with pytest.raises(KgError) as error:
        term(Parameter("when", kind, None, ""), value)
    assert str(error.value) == f"parameter 'when': {value!r} is not a valid {kind}"


def test_a_real_date_parameter_is_a_typed_literal() -> None:
    assert str(term(Parameter("when", "date", None, ""), "2020-02-29")) == (
        '"2020-02-29"^^<http://www.w3.org/2001/XMLSchema#date>')


@pytest.mark.parametrize(("date", "text"), [(PartialDate(2026, 3, 2), "2 Maret 2026"),
                                            (PartialDate(2026, 4), "2026-04"), (PartialDate(2027), "2027")])
def test_a_publication_date_after_today(date: PartialDate, text: str) -> None:
    with pytest.raises(DateError) as error:
        check_not_future(date, text, today=dt.date(2026, 3, 1))
    assert str(error.value) == f"'{text}' is after today; an article cannot be published in the future"


@pytest.mark.parametrize("date", [PartialDate(2026, 3, 1), PartialDate(2026, 3), PartialDate(2026)])
def test_a_publication_date_that_may_be_today(date: PartialDate) -> None:
    check_not_future(date, "x", today=dt.date(2026, 3, 1))


def test_a_quote_on_two_lines_is_shown_on_one(project: Path) -> None:
    text = Path(B).read_text(encoding="utf-8")
    first = text.index("    quote: ")
    Path(B).write_text(text[:first] + '    quote: "no such\\nwords"\n' + text[text.index("\n", first) + 1:],
                       encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert 'quote not found in the article: "no such\\nwords"' in result.output
