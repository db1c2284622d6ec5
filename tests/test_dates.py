from __future__ import annotations

import pytest

from kg.dates import DateError, parse_date


@pytest.mark.parametrize(("text", "year", "literal"), [
    ("Senin (7/10)", 2019, '"2019-10-07"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("Kamis (30/10)", 2025, '"2025-10-30"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("13 Agustus 2019", None, '"2019-08-13"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("Senin, 7 Okt 2019", None, '"2019-10-07"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("Kamis, 30 Oktober 2025 23:56 WIB", None, '"2025-10-30T23:56:00+07:00"^^<http://www.w3.org/2001/XMLSchema#dateTime>'),
    ("Oktober 2019", None, '"2019-10"^^<http://www.w3.org/2001/XMLSchema#gYearMonth>'),
    ("Tahun 2020", None, '"2020"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    ("2019", None, '"2019"^^<http://www.w3.org/2001/XMLSchema#gYear>'),
    ("2019-10-07", None, '"2019-10-07"^^<http://www.w3.org/2001/XMLSchema#date>'),
    ("7/10/2019", None, '"2019-10-07"^^<http://www.w3.org/2001/XMLSchema#date>'),
])
def test_dates_keep_their_precision(text: str, year: int | None, literal: str) -> None:
    assert parse_date(text, year).literal().n3() == literal


@pytest.mark.parametrize(("text", "year", "message"), [
    ("Selasa (7/10)", 2019, "'Selasa (7/10)' reads as 2019-10-07, a Senin (Monday), not a Selasa; check the day or "
                            "the date"),
    ("30 Februari 2020", None, "'30 Februari 2020' reads as 30 Februari 2020, a date that does not exist"),
    ("7/13", 2019, "'7/13' names month 13, which does not exist"),
    ("7/10", None, "'7/10' gives no year and the article has no publication date to read it against"),
    ("Rabo (7/10)", 2019, "'Rabo' is not a day name; use Senin ... Minggu"),
    ("25:00", 2019, "cannot read '25:00' as a date"),
])
def test_bad_dates(text: str, year: int | None, message: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text, year)
    assert str(error.value).startswith(message)
