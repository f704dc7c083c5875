"""Date lines, page dates, event dates and year inference."""

import datetime as dt

import pytest

from articles.extraction.dates import (
    anniversary_year,
    find_event_date,
    parse_date_line,
    parse_ticker,
    year_from_phrases,
    year_nearest,
    year_relative_to,
)


@pytest.mark.parametrize(
    ("line", "date", "time", "views"),
    [
        ("Cập nhật lúc : 16:44 13/01/2022", dt.date(2022, 1, 13), dt.time(16, 44), None),
        ("03/01/2020 15:45", dt.date(2020, 1, 3), dt.time(15, 45), None),
        ("13/04/2022    131", dt.date(2022, 4, 13), None, None),
        ("(15:24 | 25/02/2020)", dt.date(2020, 2, 25), dt.time(15, 24), None),
        ("10:01, 07/01/2021", dt.date(2021, 1, 7), dt.time(10, 1), None),
        ("22:22, Thứ Năm, 13-1-2022", dt.date(2022, 1, 13), dt.time(22, 22), None),
        ("Ngày đăng 18/07/2024 | 11:39", dt.date(2024, 7, 18), dt.time(11, 39), None),
        ("Thứ Hai, ngày 17 tháng 6 năm 2019 - 11:37", dt.date(2019, 6, 17), dt.time(11, 37), None),
        ("Ngày đăng: 18/07/2024 | Lượt xem: 95", dt.date(2024, 7, 18), None, 95),
        ("Cập nhật: 08h30 ngày 2.9.2023", dt.date(2023, 9, 2), dt.time(8, 30), None),
    ],
)
def test_date_lines(line, date, time, views):
    parsed = parse_date_line(line)
    assert parsed is not None
    assert (parsed.date, parsed.time, parsed.views) == (date, time, views)


def test_date_then_view_count():
    assert parse_date_line("13/04/2022    131").trailing_number == 131


def test_weekday_only_header_date():
    parsed = parse_date_line("Thứ sáu, 27/05/2022")
    assert parsed.has_weekday and parsed.time is None and not parsed.has_label


@pytest.mark.parametrize(
    "line",
    ["Hội nghị ngày 13/01/2022 tại Huế", "Số 31/12/2022 abc def", "31/02/2022", "no date"],
)
def test_not_date_lines(line):
    assert parse_date_line(line) is None


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Sáng ngày 6/4/2022, Huyện ủy tổ chức hội nghị.", (6, 4, 2022)),
        ("Chiều 25/8, Ban Chấp hành Đảng bộ tỉnh tổ chức hội nghị.", (25, 8, None)),
        ("Ngày 13/1, Ban Dân vận tổ chức hội nghị.", (13, 1, None)),
        ("Theo kế hoạch. Sáng 7-1, Mặt trận tỉnh tổ chức giao ban.", (7, 1, None)),
        ("Tối 3/2, đoàn công tác đến thăm.", (3, 2, None)),
        ("Thực hiện Nghị quyết 25-NQ/TW ngày 3/6/2013. Chiều 25/8, hội nghị...", (25, 8, None)),
    ],
)
def test_event_dates(paragraph, expected):
    found = find_event_date([paragraph])
    assert (found.day, found.month, found.year) == expected


def test_document_dates_are_not_event_dates():
    assert find_event_date(["Thực hiện Quyết định 657-QĐ/TU ngày 4/4/2018 của BTV."]) is None


def test_year_relative_to_publication():
    published = dt.date(2022, 1, 13)
    assert year_relative_to(10, 1, published) == 2022
    assert year_relative_to(13, 1, published) == 2022
    assert year_relative_to(28, 12, published) == 2021


def test_year_nearest_for_schedules():
    assert year_nearest(2, 1, dt.date(2022, 12, 30)) == 2023
    assert year_nearest(23, 5, dt.date(2022, 5, 27)) == 2022


def test_anniversary_year():
    text = "tổ chức hội nghị tổng kết 10 năm thực hiện Nghị quyết 25-NQ/TW ngày 3/6/2013 của BCH"
    assert anniversary_year(text) == 2023
    assert anniversary_year("sơ kết 5 năm thực hiện Kết luận số 43-KL/TW") is None


def test_year_from_phrases():
    assert year_from_phrases("Hội nghị trực báo quý I năm 2022", 4) == 2022
    assert year_from_phrases("tổng kết năm 2019, phương hướng năm 2020", 1) == 2020
    assert year_from_phrases("tổng kết năm 2019, phương hướng năm 2020", 12) == 2019
    assert year_from_phrases("năm 2015 và năm 2020", 3) is None


def test_ticker_items_share_dates():
    raw = "Sự kiện nổi bật: 01/06: Việc A.      Việc B.     02/06: Việc C."
    assert parse_ticker(raw) == [
        (1, 6, None, "Việc A."),
        (1, 6, None, "Việc B."),
        (2, 6, None, "Việc C."),
    ]
