from __future__ import annotations

import pytest

from kg.dates import Bounds, DateError, PartialDate, Period, When, make_period, parse_date, parse_when

PUBLISHED = PartialDate(2025, 7, 18)  # Jumat, 18 Juli 2025


def shown(when: When) -> str:
    """A date as its literal (value^^type) and qualifier, a period as 'start .. end', bounds as '[earliest, latest]'."""
    if isinstance(when, Period):
        return f"{shown(when.start)} .. {shown(when.end)}"
    if isinstance(when, Bounds):
        return f"[{when.earliest and shown(when.earliest)}, {when.latest and shown(when.latest)}]"
    literal = when.literal()
    text = f"{literal}^^{literal.datatype.rsplit('#', 1)[-1]}"
    return f"{text} {when.qualifier}" if when.qualifier else text


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


@pytest.mark.parametrize(("text", "value"), [
    # bylines: separators |, - and commas, pukul, WIB/WITA/WIT, Jum'at, abbreviated months, day-month-year numbers
    ("Selasa | 29-04-2025 | 17:44 WIB", "2025-04-29T17:44:00+07:00^^dateTime"),
    ("Sabtu, 02 Juli 2022 - 10:15 WIB", "2022-07-02T10:15:00+07:00^^dateTime"),
    ("Kamis, 30 Oktober 2025 | 23:56 WIB", "2025-10-30T23:56:00+07:00^^dateTime"),
    ("29-04-2025", "2025-04-29^^date"),
    ("29.04.2025", "2025-04-29^^date"),
    ("Jum'at, 11 Juli 2025 pukul 14.00 WITA", "2025-07-11T14:00:00+08:00^^dateTime"),
    ("Jum\u2019at, 11 Juli 2025 pukul 14.00 WIT", "2025-07-11T14:00:00+09:00^^dateTime"),
    ("Senin, 7 Oktober 2019, pukul 09.00 WIB", "2019-10-07T09:00:00+07:00^^dateTime"),
    ("Senin (7/10/2019) pukul 09.30 WIB", "2019-10-07T09:30:00+07:00^^dateTime"),
    ("Rabu, 1 Okt. 2025", "2025-10-01^^date"),
    ("12 Agt 2025", "2025-08-12^^date"),
    ("Sabtu, 20 Des 2025", "2025-12-20^^date"),
    ("tanggal 5 Mei 2025", "2025-05-05^^date"),
    ("Ahad (13/7)", "2025-07-13^^date"),
    ("hari Senin (14/7)", "2025-07-14^^date"),
    ("pada Senin (14/7)", "2025-07-14^^date"),
    ("Kamis, (17/7/2025)", "2025-07-17^^date"),
    ("Jumat (18/7/2025) pagi pukul 08.00 WIB", "2025-07-18T08:00:00+07:00^^dateTime morning"),
    # a part of the day: day precision, the part kept as a qualifier
    ("Rabu malam (7/5/2025)", "2025-05-07^^date night"),
    ("Minggu (29/6/2025) malam", "2025-06-29^^date night"),
    ("Senin (14/7) pagi", "2025-07-14^^date morning"),
    ("Kamis (17/7) sore", "2025-07-17^^date afternoon"),
    ("Selasa (15/7) siang", "2025-07-15^^date midday"),
    ("Rabu (16/7) dini hari", "2025-07-16^^date before-dawn"),
    # months and years as precise as they are; awal / pertengahan / akhir kept beside them
    ("Juli 2025", "2025-07^^gYearMonth"),
    ("bulan Juni 2025", "2025-06^^gYearMonth"),
    ("awal Mei 2025", "2025-05^^gYearMonth early"),
    ("pertengahan Juni 2023", "2023-06^^gYearMonth mid"),
    ("medio Juni 2023", "2023-06^^gYearMonth mid"),
    ("akhir bulan Maret 2025", "2025-03^^gYearMonth late"),
    ("akhir tahun 2024", "2024^^gYear late"),
    ("awal 2020", "2020^^gYear early"),
    ("tahun 2020", "2020^^gYear"),
    ("2019-10", "2019-10^^gYearMonth"),
    # without a year: the publication year (past and future read below)
    ("Senin (14/7)", "2025-07-14^^date"),
    ("Minggu (20/7)", "2025-07-20^^date"),
    ("5 Agustus", "2025-08-05^^date"),
    ("Agustus", "2025-08^^gYearMonth"),
    ("awal Agustus", "2025-08^^gYearMonth early"),
])
def test_forms_of_regional_news(text: str, value: str) -> None:
    assert shown(parse_when(text, PUBLISHED)) == value


@pytest.mark.parametrize(("text", "tense", "value"), [
    ("Senin (14/7) lalu", None, "2025-07-14^^date"),
    ("Kamis (25/7) lalu", None, "2024-07-25^^date"),  # later than publication, and 'lalu': the year before
    ("Kamis (25/7)", "past", "2024-07-25^^date"),  # a held event: the same
    ("Kamis (24/7)", None, "2025-07-24^^date"),  # neither: the publication year
    ("Minggu (5/7) mendatang", None, "2026-07-05^^date"),  # earlier than publication, and 'mendatang': the year after
    ("Minggu (5/7)", "future", "2026-07-05^^date"),  # a planned event: the same
    ("Agustus lalu", None, "2024-08^^gYearMonth"),
    ("Juli lalu", None, "2025-07^^gYearMonth"),  # the publication month is not later than itself
    ("Juni mendatang", None, "2026-06^^gYearMonth"),
    ("awal Agustus", "past", "2024-08^^gYearMonth early"),
])
def test_a_date_without_a_year_is_read_against_the_publication_date(text: str, tense: str | None,
                                                                      value: str) -> None:
    assert shown(parse_when(text, PUBLISHED, tense)) == value


@pytest.mark.parametrize(("text", "value"), [
    ("kemarin", "2025-07-17^^date"),
    ("kemarin sore", "2025-07-17^^date afternoon"),
    ("hari ini", "2025-07-18^^date"),
    ("besok", "2025-07-19^^date"),
    ("kemarin (vague)", "[None, 2025-07-18^^date]"),
    ("before publication", "[None, 2025-07-18^^date]"),
    ("beberapa waktu lalu", "[None, 2025-07-18^^date]"),
    ("baru-baru ini", "[None, 2025-07-18^^date]"),
    ("Rabu lalu", "2025-07-16^^date"),
    ("Jumat lalu", "2025-07-11^^date"),  # published on a Friday: the Friday before
    ("hari Rabu kemarin", "2025-07-16^^date"),
    ("Minggu lalu", "2025-07-13^^date"),  # capitalised: the day Minggu (Sunday)
    ("Senin depan", "2025-07-21^^date"),
    ("Jumat mendatang", "2025-07-25^^date"),
    ("Kamis malam lalu", "2025-07-17^^date night"),
    ("Jumat pekan lalu", "2025-07-11^^date"),
    ("Senin pekan depan", "2025-07-21^^date"),
    ("pekan lalu", "[2025-07-07^^date, 2025-07-13^^date]"),
    ("minggu lalu", "[2025-07-07^^date, 2025-07-13^^date]"),  # lower case: the week
    ("pekan ini", "[2025-07-14^^date, 2025-07-20^^date]"),
    ("pekan depan", "[2025-07-21^^date, 2025-07-27^^date]"),
    ("akhir pekan lalu", "[2025-07-12^^date, 2025-07-13^^date]"),
    ("bulan lalu", "2025-06^^gYearMonth"),
    ("bulan ini", "2025-07^^gYearMonth"),
    ("akhir bulan depan", "2025-08^^gYearMonth late"),
    ("tahun lalu", "2024^^gYear"),
    ("awal tahun depan", "2026^^gYear early"),
])
def test_relative_dates_count_from_the_publication_date(text: str, value: str) -> None:
    assert shown(parse_when(text, PUBLISHED)) == value


def test_a_month_count_crosses_the_new_year() -> None:
    assert shown(parse_when("bulan lalu", PartialDate(2025, 1, 9))) == "2024-12^^gYearMonth"


@pytest.mark.parametrize(("text", "value"), [
    ("28 April hingga 1 Mei 2025", "2025-04-28^^date .. 2025-05-01^^date"),
    ("28 April - 1 Mei 2025", "2025-04-28^^date .. 2025-05-01^^date"),
    ("28 April \u2013 1 Mei 2025", "2025-04-28^^date .. 2025-05-01^^date"),
    ("13-15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("13 - 15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("13 s.d. 15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("13 s/d 15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("13 sampai 15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("13 sampai dengan 15 Juni 2023", "2023-06-13^^date .. 2023-06-15^^date"),
    ("(13/6) hingga (15/6)", "2025-06-13^^date .. 2025-06-15^^date"),
    ("Senin (14/7) hingga Rabu (16/7)", "2025-07-14^^date .. 2025-07-16^^date"),
    ("Senin-Rabu (14-16/7)", "2025-07-14^^date .. 2025-07-16^^date"),
    ("Selasa-Kamis, 15-17 Juli 2025", "2025-07-15^^date .. 2025-07-17^^date"),
    ("15-17 Juli", "2025-07-15^^date .. 2025-07-17^^date"),
    ("(12-14/6/2023)", "2023-06-12^^date .. 2023-06-14^^date"),
    ("29-04-2025 - 01-05-2025", "2025-04-29^^date .. 2025-05-01^^date"),
    ("28 Desember 2024 - 2 Januari 2025", "2024-12-28^^date .. 2025-01-02^^date"),
    ("28 Desember - 2 Januari 2025", "2024-12-28^^date .. 2025-01-02^^date"),
    ("Juni - Juli 2023", "2023-06^^gYearMonth .. 2023-07^^gYearMonth"),
    ("awal Mei hingga akhir Juni 2025", "2025-05^^gYearMonth early .. 2025-06^^gYearMonth late"),
    ("2019-2024", "2019^^gYear .. 2024^^gYear"),
    ("Juli - Juni 2025", "2024-07^^gYearMonth .. 2025-06^^gYearMonth"),  # an earlier month: across the new year
    ("13-13 Juni 2023", "2023-06-13^^date"),  # a period of one day is a date
])
def test_periods(text: str, value: str) -> None:
    assert shown(parse_when(text, PUBLISHED)) == value


def test_a_period_without_years_follows_the_rule_for_its_start() -> None:
    assert shown(parse_when("(30/7) hingga (1/8)", PUBLISHED, "past")) == "2024-07-30^^date .. 2024-08-01^^date"
    assert shown(parse_when("(30/12) hingga (2/1)", PUBLISHED)) == "2025-12-30^^date .. 2026-01-02^^date"


def test_make_period() -> None:
    assert make_period(PartialDate(2025, 5), PartialDate(2025, 5, 3), "x") == Period(PartialDate(2025, 5),
                                                                                     PartialDate(2025, 5, 3))
    assert make_period(PartialDate(2025, 5, 3), PartialDate(2025, 5, 3), "x") == PartialDate(2025, 5, 3)
    with pytest.raises(DateError, match=r"^the event ends on 2025-04, before it starts on 2025-05-03$"):
        make_period(PartialDate(2025, 5, 3), PartialDate(2025, 4), "the event")


@pytest.mark.parametrize(("text", "year", "message"), [
    ("Selasa (7/10)", 2019, "'Selasa (7/10)' reads as 2019-10-07, a Senin (Monday), not a Selasa; check the day or "
                            "the date"),
    ("30 Februari 2020", None, "'30 Februari 2020' reads as 30 Februari 2020, a date that does not exist"),
    ("7/13", 2019, "'7/13' names month 13, which does not exist"),
    ("7/10", None, "'7/10' gives no year and the article has no publication date to read it against"),
    ("tahun lalu", None, "'tahun lalu' gives no year and the article has no publication date to read it against"),
    ("Rabo (7/10)", 2019, "'Rabo' is not a day name; use Senin ... Minggu"),
    ("Senin, 7 Oktober 2019 25:00 WIB", None, "'Senin, 7 Oktober 2019 25:00 WIB' has a time of day that does not "
                                              "exist"),
    ("Rabu lalu", 2025, "'Rabu lalu' counts from the publication date; give the article's published date (day, "
                        "month and year)"),
    ("kemarin", None, "'kemarin' counts from the publication date; give the article's published date (day, month "
                      "and year)"),
    ("before publication", None, "'before publication' needs the article's published date"),
    ("13-15 Juni 2023", None, "'13-15 Juni 2023' is a period; this field takes one date"),
    ("pekan lalu", PUBLISHED, "'pekan lalu' is only known to lie within bounds; this field takes one date"),
])
def test_bad_dates(text: str, year: int | PartialDate | None, message: str) -> None:
    with pytest.raises(DateError) as error:
        parse_date(text, year)
    assert str(error.value) == message


@pytest.mark.parametrize(("text", "message"), [
    ("15-13 Juni 2023", "'15-13 Juni 2023' ends on 2023-06-13, before it starts on 2023-06-15"),
    ("Senin-Selasa (14-16/7)", "'Senin-Selasa (14-16/7)' reads as 2025-07-16, a Rabu (Wednesday), not a Selasa; "
                               "check the day or the date"),
    ("20 Juli - 13 Juli 2025", "'20 Juli - 13 Juli 2025' ends on 2025-07-13, before it starts on 2025-07-20"),
    ("Juli 2025 - Juni 2025", "'Juli 2025 - Juni 2025' ends on 2025-06, before it starts on 2025-07"),
    ("Senin (21/7/2025) lalu", "'Senin (21/7/2025) lalu' says 'lalu' (past), but 2025-07-21 is after the "
                               "publication date 2025-07-18"),
    ("Senin (14/7/2025) mendatang", "'Senin (14/7/2025) mendatang' says 'mendatang' (to come), but 2025-07-14 is "
                                    "before the publication date 2025-07-18"),
    ("besok (vague)", "'besok (vague)': only a bare 'kemarin' can be marked (vague)"),
    ("awal pekan lalu", "'awal pekan lalu': a week is read whole, or as 'akhir pekan' (its weekend); 'awal' would "
                        "guess a day"),
    ("Rabu pekan kemarin", "cannot read 'Rabu pekan kemarin' as a date; write 'pekan lalu' or 'pekan depan'"),
])
def test_bad_periods_and_relative_dates(text: str, message: str) -> None:
    with pytest.raises(DateError) as error:
        parse_when(text, PUBLISHED)
    assert str(error.value) == message


@pytest.mark.parametrize("text", ["25:00", "sekitar 2020", "dua pekan lalu", "akhir tahun", "13 - 2024",
                                  "Senin", "kemarin lusa", "32 Juni 2023 - 1 Juli 2023x"])
def test_unreadable_dates_name_what_is_accepted(text: str) -> None:
    with pytest.raises(DateError) as error:
        parse_when(text, PUBLISHED)
    assert str(error.value) == (
        f"cannot read '{text}' as a date; write it as the article does ('Senin (7/10)', 'Selasa | 29-04-2025 | "
        "17:44 WIB', '13 Agustus 2019', '13-15 Juni 2023', 'awal Mei 2025', 'Rabu lalu', 'Tahun 2020') or as ISO "
        "('2019-10-07', '2019-10', '2019')"
    )
