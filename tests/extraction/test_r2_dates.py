"""Event dates, round two: ranges, announcements with a start time, dates in the headline.

samples_r2/dates/ holds pages of commune and ward portals (2025-2026), a Tỉnh ủy and a Huyện
ủy Ban Dân vận site, a provincial Party newspaper, a military region, a police site and a
Mặt trận site. Expectations are what a careful editor reads: the event's first day, its last
day when it lasts several days, its start time when the text announces one. The publication
date of those pages stays the date line's.
"""

import datetime as dt
from pathlib import Path

import pytest

from articles.extraction import extract_file
from articles.extraction.dates import find_event_date

SAMPLES = Path(__file__).resolve().parent / "samples_r2" / "dates"

# file: (published, event date, end date, time)
EXPECTED = {
    "d01_xa_tan_lap_2026_thong_bao_hoi_nghi.txt": ("2026-03-02", "2026-03-05", None, "14:00"),
    "d02_tinh_uy_2025_lop_boi_duong_range.txt": ("2025-12-10", "2025-12-03", "2025-12-09", None),
    "d03_bao_bac_giang_2023_dai_hoi_nfd_two_days.txt": (
        "2023-08-26",
        "2023-08-24",
        "2023-08-25",
        None,
    ),
    "d04_qdnd_2025_hoi_thao_range_no_year.txt": ("2025-07-05", "2025-06-28", "2025-07-02", None),
    "d05_mttq_xa_2025_hoi_cho_across_new_year.txt": (
        "2025-12-24",
        "2025-12-29",
        "2026-01-02",
        None,
    ),
    "d06_cong_an_2024_sang_ngay_lead_eth.txt": ("2024-05-15", "2024-05-14", None, None),
    "d07_phuong_2025_headline_date.txt": ("2025-11-14", "2025-11-12", None, None),
    "d08_xa_2026_lich_tiep_xuc_7h30_deadline_first.txt": (
        "2026-03-03",
        "2026-03-10",
        None,
        "07:30",
    ),
    "d09_tinh_uy_2025_anniversary_headline_range.txt": ("2025-11-15", "2025-11-14", None, None),
    "d10_bdv_2024_ngay_3_4_old_tones.txt": ("2024-12-05", "2024-12-03", "2024-12-04", None),
    "d11_xa_2025_hoi_cho_headline_range_with_time.txt": (
        "2025-12-22",
        "2025-12-30",
        "2026-01-02",
        "19:30",
    ),
}


@pytest.fixture(scope="module")
def contracts(gazetteer):
    return {name: extract_file(SAMPLES / name, gazetteer=gazetteer) for name in EXPECTED}


def test_every_sample_has_expectations():
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_event_first_day_last_day_and_time(contracts, name):
    published, date, end_date, time = EXPECTED[name]
    contract = contracts[name].to_contract()
    assert contract["published_date"] == published
    assert contract["event_date"] == date
    assert contract["event"] is not None, "each sample reports one event"
    assert (contract["event"]["date"], contract["event"]["end_date"]) == (date, end_date)
    assert contract["event"]["time"] == time


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_event_dates_given_in_full_are_not_inferred(contracts, name):
    result = contracts[name]
    written_year = name in (
        "d01_xa_tan_lap_2026_thong_bao_hoi_nghi.txt",
        "d02_tinh_uy_2025_lop_boi_duong_range.txt",
        "d03_bao_bac_giang_2023_dai_hoi_nfd_two_days.txt",
        "d05_mttq_xa_2025_hoi_cho_across_new_year.txt",
        "d06_cong_an_2024_sang_ngay_lead_eth.txt",
        "d07_phuong_2025_headline_date.txt",
        "d08_xa_2026_lich_tiep_xuc_7h30_deadline_first.txt",
        "d11_xa_2025_hoi_cho_headline_range_with_time.txt",
    )
    assert result.event_year_inferred is not written_year


def test_the_announced_time_leaves_the_event_title(contracts):
    assert contracts["d01_xa_tan_lap_2026_thong_bao_hoi_nghi.txt"].event.title == (
        "Hội nghị tiếp xúc cử tri"
    )
    assert contracts["d07_phuong_2025_headline_date.txt"].event.title == (
        "Hội nghị đối thoại giữa Chủ tịch UBND phường với Nhân dân"
    )
    assert contracts["d11_xa_2025_hoi_cho_headline_range_with_time.txt"].event.title == (
        "Ngày hội văn hóa - thể thao các dân tộc xã Đông Hưng"
    )


def test_a_commemorated_day_stays_in_the_event_title():
    from articles.extraction.events import find_event

    lead = ["Sáng 29/4, Huyện ủy tổ chức Lễ kỷ niệm 50 năm ngày 30/4/1975 tại quảng trường."]
    assert find_event(None, lead, None).title == "Lễ kỷ niệm 50 năm ngày 30/4/1975 tại quảng trường"


def test_an_anniversary_span_in_the_headline_is_not_the_event(contracts):
    result = contracts["d09_tinh_uy_2025_anniversary_headline_range.txt"]
    assert result.event_date == dt.date(2025, 11, 14)
    assert result.event.end_date is None


# -- the rules, one by one ------------------------------------------------------------


def _found(text, title=None):
    found = find_event_date([text], title)
    assert found is not None, text
    start, end = found.dates(found.year if found.year is not None else 2025)
    return start, end, found.time


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("Từ ngày 3 đến 9/12/2025, Huyện ủy mở lớp.", (2025, 12, 3), (2025, 12, 9)),
        ("Từ ngày 3 đến ngày 9 / 12 / 2025, Huyện ủy mở lớp.", (2025, 12, 3), (2025, 12, 9)),
        ("Trong 2 ngày 24-25/8/2023, Hội Nông dân họp.", (2023, 8, 24), (2023, 8, 25)),
        ("Trong hai ngày (24 – 25/8/2023), Hội họp.", (2023, 8, 24), (2023, 8, 25)),
        ("Từ 28/6 – 2/7/2025, đoàn làm việc tại xã.", (2025, 6, 28), (2025, 7, 2)),
        ("Từ ngày 28/6 đến ngày 2/7/2025, đoàn làm việc.", (2025, 6, 28), (2025, 7, 2)),
        ("Ngày 3, 4/12/2024, Mặt trận xã tổ chức hội nghị.", (2024, 12, 3), (2024, 12, 4)),
        ("Ngày 3 và 4/12/2024, Mặt trận xã tổ chức hội nghị.", (2024, 12, 3), (2024, 12, 4)),
        ("Từ ngày 30/12/2025 - 2/1/2026, xã tổ chức hội chợ.", (2025, 12, 30), (2026, 1, 2)),
        # only the end carries the year: a start after the end is in the year before
        ("Từ ngày 29/12 đến ngày 2/1/2026, xã mở hội chợ.", (2025, 12, 29), (2026, 1, 2)),
        ("Từ ngày 30 đến 2/1/2026, xã mở hội chợ.", (2025, 12, 30), (2026, 1, 2)),
        ("Sáng 14/5/2024 đến hết ngày 16/5/2024, hội thi diễn ra.", (2024, 5, 14), (2024, 5, 16)),
    ],
)
def test_ranges_give_the_first_and_the_last_day(text, start, end):
    assert _found(text)[:2] == (dt.date(*start), dt.date(*end))


def test_a_range_without_any_year_keeps_the_year_open():
    found = find_event_date(["Từ 28/6 – 2/7, đoàn công tác làm việc tại xã."])
    assert (found.year, found.end_year) == (None, None)
    assert found.dates(2025) == (dt.date(2025, 6, 28), dt.date(2025, 7, 2))
    across = find_event_date(["Từ ngày 30/12 đến 2/1, xã tổ chức hội chợ."])
    assert across.dates(2025) == (dt.date(2025, 12, 30), dt.date(2026, 1, 2))


@pytest.mark.parametrize(
    "text",
    [
        "Giai đoạn 2021-2025, xã đạt nhiều kết quả.",
        "Nhiệm kỳ 2020 - 2025, Đảng bộ lãnh đạo toàn diện.",
        "Năm 2024-2025, huyện đặt mục tiêu mới.",
        "Đội Lục Nam thắng 3-2.",
        "Thực hiện Nghị quyết 25-NQ/TW, xã tổ chức học tập.",
        "Từ ngày 1/7/2025, xã mới chính thức đi vào hoạt động.",  # a start, not an event
        "Từ 2021 - 2025, tỉnh xây 2.000 nhà.",
        "Thực hiện Quyết định 657-QĐ/TU ngày 4/4/2018 của BTV.",
    ],
)
def test_spans_of_years_scores_codes_and_starts_are_no_event_dates(text):
    assert find_event_date([text]) is None


@pytest.mark.parametrize(
    ("text", "date", "time"),
    [
        (
            "UBND xã tổ chức hội nghị vào lúc 14 giờ 00, ngày 05/3/2026 tại hội trường.",
            (2026, 3, 5),
            (14, 0),
        ),
        ("Hội nghị khai mạc lúc 7h30 ngày 10/3/2026.", (2026, 3, 10), (7, 30)),
        ("Hội nghị khai mạc lúc 14h00, ngày 10/3/2026.", (2026, 3, 10), (14, 0)),
        ("Thời gian: 8 giờ 00 phút, ngày 12/3/2026 (thứ Năm).", (2026, 3, 12), (8, 0)),
        ("Thời gian: 14 giờ, thứ Năm, ngày 12/3/2026.", (2026, 3, 12), (14, 0)),
        ("Hội nghị diễn ra vào hồi 2 giờ chiều ngày 12/3/2026.", (2026, 3, 12), (14, 0)),
        ("Ngày 05/3/2026, lúc 14 giờ 00, hội nghị khai mạc.", (2026, 3, 5), (14, 0)),
        ("14 giờ 00 ngày 05/3/2026, Đảng ủy xã khai mạc đại hội.", (2026, 3, 5), (14, 0)),
    ],
)
def test_announcements_give_the_date_and_the_start_time(text, date, time):
    start, end, clock = _found(text)
    assert (start, end, clock) == (dt.date(*date), None, dt.time(*time))


@pytest.mark.parametrize(
    "text",
    [
        "Góp ý gửi về xã trước 17 giờ ngày 20/3/2026.",
        "Hồ sơ nộp chậm nhất lúc 17 giờ ngày 20/3/2026.",
        "Cập nhật lúc 08h30 ngày 2/9/2023.",
    ],
)
def test_deadlines_and_update_times_are_no_announcements(text):
    assert find_event_date([text]) is None


def test_the_announcement_after_a_deadline_is_the_event():
    text = (
        "Góp ý gửi trước 17 giờ ngày 06/3/2026. UBND xã sẽ tổ chức hội nghị lúc 7h30 ngày "
        "10/3/2026."
    )
    assert _found(text) == (dt.date(2026, 3, 10), None, dt.time(7, 30))


def test_an_announcement_is_said_before_the_event():
    assert find_event_date(["UBND xã sẽ tổ chức hội nghị vào lúc 8 giờ ngày 5/1."]).future
    assert find_event_date(["Hội nghị họp vào ngày 5/1."], "Thông báo tổ chức hội nghị").future
    assert not find_event_date(["Sáng 5/1, UBND xã tổ chức hội nghị."]).future


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Sáng ngày 14-5-2024, Huyện ủy tổ chức hội nghị.", (2024, 5, 14)),
        ("Chiều 14/5/2024, Huyện ủy tổ chức hội nghị.", (2024, 5, 14)),
        ("Tối ngày 14.5.2024, đêm văn nghệ diễn ra.", (2024, 5, 14)),
        ("Sáng thứ Ba, ngày 14/5/2024, Huyện ủy tổ chức hội nghị.", (2024, 5, 14)),
        ("Sáng ngày 14 tháng 5 năm 2024, Huyện ủy tổ chức hội nghị.", (2024, 5, 14)),
        ("(BẮC GIANG) - Sáng ngày 14-5-2024, Huyện ủy tổ chức hội nghị.", (2024, 5, 14)),
    ],
)
def test_a_lead_that_opens_on_its_date(text, date):
    assert _found(text)[0] == dt.date(*date)


@pytest.mark.parametrize(
    ("title", "date"),
    [
        ("Hội nghị giao ban khối dân vận ngày 14/5/2024", (2024, 5, 14)),
        ("Sáng 14/5/2024: Hội Nông dân xã ra mắt tổ hợp tác", (2024, 5, 14)),
        ("Ngày hội văn hóa các dân tộc xã Ea Tu (28/6 – 2/7/2025)", (2025, 6, 28)),
        ("Thông báo tổ chức hội nghị vào lúc 14 giờ 00, ngày 05/3/2026", (2026, 3, 5)),
    ],
)
def test_a_date_in_the_headline_is_the_event_date(title, date):
    lead = "Ngày 2/5/2024, Huyện ủy ban hành kế hoạch."
    assert _found(lead, title)[0] == dt.date(*date)


@pytest.mark.parametrize(
    "title",
    [
        "Kỷ niệm 95 năm Ngày thành lập Mặt trận (18/11/1930 – 18/11/2025)",
        "Triển khai Nghị quyết số 57/2025/NQ-HĐND ngày 12/01/2026 của HĐND tỉnh",
        "Quán triệt Kế hoạch 45/KH-UBND ngày 20/10/2025",
        "Học tập Nghị quyết 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
        "Triển khai Quyết định 1234 ngày 05/11/2025 của UBND tỉnh",
        "Gia Lai, ngày 19 tháng 4 năm 2024",  # a date line taken for a headline
        "Thứ Hai, ngày 21/07/2025",
    ],
)
def test_anniversaries_document_dates_and_date_lines_in_the_headline_are_not(title):
    lead = "Sáng 14/11, Ủy ban MTTQ tỉnh tổ chức lễ kỷ niệm."
    found = find_event_date([lead], title)
    assert (found.day, found.month, found.year, found.end_day) == (14, 11, None, None)


def test_the_headline_range_takes_its_start_time_from_the_text():
    title = "Hội chợ Xuân xã Đông Hưng (30/12/2025 - 2/1/2026)"
    found = find_event_date(["Lễ khai mạc diễn ra vào lúc 19 giờ 30, ngày 30/12/2025."], title)
    assert found.time == dt.time(19, 30)
    other_day = find_event_date(["Lễ bế mạc diễn ra lúc 20 giờ ngày 2/1/2026."], title)
    assert other_day.time is None


def test_future_announcements_take_the_coming_year(gazetteer):
    from articles.extraction import extract

    page = (
        "Thông báo tổ chức Hội nghị tiếp xúc cử tri\n\n28/12/2025 10:00\n\n"
        "UBND xã sẽ tổ chức Hội nghị tiếp xúc cử tri vào lúc 8 giờ 00, ngày 5/1 tại hội trường "
        "UBND xã.\n\nĐề nghị cử tri các thôn tham dự đầy đủ.\n"
    )
    result = extract(page, source="announce.txt", gazetteer=gazetteer)
    assert result.published_date == dt.date(2025, 12, 28)
    assert result.event_date == dt.date(2026, 1, 5)
    assert result.event_year_inferred
    report = (
        "Hội nghị tiếp xúc cử tri\n\n08/01/2026 10:00\n\n"
        "Sáng 29/12, UBND xã tổ chức Hội nghị tiếp xúc cử tri tại hội trường UBND xã.\n\n"
        "Cử tri các thôn tham dự đầy đủ.\n"
    )
    assert extract(report, source="r.txt", gazetteer=gazetteer).event_date == dt.date(2025, 12, 29)


def test_contract_event_keys():
    from articles.extraction.model import Event, Extracted

    result = Extracted(source="x")
    result.event = Event(
        title="Hội nghị",
        kind="hoi-nghi",
        date=dt.date(2025, 12, 3),
        end_date=dt.date(2025, 12, 9),
        time=dt.time(14, 0),
    )
    assert result.to_contract()["event"] == {
        "title": "Hội nghị",
        "kind": "hoi-nghi",
        "date": "2025-12-03",
        "end_date": "2025-12-09",
        "time": "14:00",
    }


@pytest.mark.parametrize(
    ("lead", "organizer"),
    [
        (
            "UBND xã Tân Lập thông báo tổ chức Hội nghị tiếp xúc cử tri lúc 14 giờ.",
            "UBND xã Tân Lập",
        ),
        ("Ngày 5/3, UBND xã sẽ tổ chức Hội nghị lấy ý kiến Nhân dân.", "UBND xã"),
        ("Sáng 5/3, Huyện ủy đã tổ chức Hội nghị quán triệt.", "Huyện ủy"),
    ],
)
def test_an_announcement_names_its_organizer(lead, organizer):
    from articles.extraction.events import organizer_segment

    assert organizer_segment([lead]) == organizer


def test_the_announcing_commune_organizes_the_event(contracts):
    event = contracts["d01_xa_tan_lap_2026_thong_bao_hoi_nghi.txt"].event
    assert event.organizer_as_written == "Ủy ban nhân dân xã Tân Lập"
