"""Articles from imagined other portals: different chrome, date layouts and bylines."""

import datetime as dt
from pathlib import Path

import pytest

from articles.extraction import extract, read_text

SAMPLES = Path(__file__).resolve().parent / "samples"


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


NGHE_AN = sample("nghe_an_portal.txt")
TAN_HONG = sample("tan_hong_district.txt")
HCM = sample("ho_chi_minh_city.txt")
NO_DATE = sample("dak_lak_no_date.txt")
TWO_DATES = sample("two_dates.txt")


@pytest.fixture(scope="module")
def run(gazetteer):
    def _run(text, source="sample.txt"):
        return extract(text, source=source, gazetteer=gazetteer)

    return _run


def test_nghe_an_portal(run):
    result = run(NGHE_AN)
    assert result.title == (
        "Hội nghị giao ban công tác dân vận 6 tháng đầu năm 2019 khu vực miền Trung"
    )
    assert result.site_name == "Cổng thông tin điện tử tỉnh Nghệ An"
    assert result.to_contract()["published_at"] == "2019-06-17T11:37:00+07:00"
    assert result.event_date == dt.date(2019, 6, 15)
    assert result.event_year_inferred and not result.year_inferred
    assert result.view_count == 95
    assert result.province == "Nghệ An"
    assert result.author == "Thành Duy"
    assert result.captions == ["Toàn cảnh hội nghị (Ảnh: Thành Duy)"]
    assert [(o.name, o.title) for o in result.officials] == [
        ("Nguyễn Văn Thông", "Phó Bí thư Thường trực Tỉnh ủy"),
        ("Nguyễn Thị Thu Hường", "Trưởng Ban Dân vận Tỉnh ủy"),
    ]
    assert [d.code for d in result.documents] == ["43-KL/TW", "25-NQ/TW"]
    assert result.documents[0].date == dt.date(2019, 1, 7)
    assert result.event.kind == "giao-ban"
    assert result.event.organizer == "Ban Dân vận Tỉnh ủy Nghệ An"
    for chrome in ("Cỡ chữ", "In bài viết", "Trang chủ", "Tin liên quan", "Ý kiến", "Tin, ảnh"):
        assert chrome not in result.body
    assert "Hà Tĩnh" not in result.body  # the related-news block is cut off


def test_district_article_without_province_name(run):
    result = run(TAN_HONG)
    assert (result.province, result.district) == ("Đồng Tháp", "Tân Hồng")
    assert result.site_name == "Trang thông tin điện tử huyện Tân Hồng"
    assert result.published_date == dt.date(2024, 7, 18)
    assert result.event_date == dt.date(2024, 7, 16)
    assert result.author == "Hoài Thanh"
    assert [o.name for o in result.officials] == ["Trần Văn Hai", "Lê Minh Nhựt"]
    assert {o.name for o in result.organizations} >= {
        "Huyện ủy Tân Hồng",
        "Ủy ban nhân dân huyện Tân Hồng",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Tân Hồng",
    }
    assert result.event.kind == "tong-ket"
    assert result.warnings == []


def test_ho_chi_minh_city_article(run):
    result = run(HCM)
    assert result.title.startswith("TP. Hồ Chí Minh: Phát huy vai trò")
    assert result.to_contract()["published_at"] == "2020-02-25T15:24:00+07:00"
    assert result.event_date == dt.date(2020, 2, 24)
    assert result.province == "Hồ Chí Minh"
    assert [o.name for o in result.officials] == ["Tô Thị Bích Châu"]
    assert [o.name for o in result.organizations] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam thành phố Hồ Chí Minh"
    ]
    assert result.author is None and "no_author" in result.review_reasons
    assert "Tin nóng" not in result.body and "Các tin khác" not in result.body


def test_file_without_any_date(run):
    result = run(NO_DATE)
    assert result.published_date is None and result.event_date is None
    assert result.year is None
    assert {"no_date", "no_year"} <= set(result.review_reasons)
    assert "Không xác định được ngày đăng." in result.warnings
    assert result.province == "Đắk Lắk"
    assert result.district is None
    assert result.byline.is_source and result.author == "Báo Đắk Lắk"
    assert result.event is None


def test_page_header_date_versus_published_date(run):
    result = run(TWO_DATES)
    assert result.page_date == dt.date(2023, 12, 28)
    assert result.published_date == dt.date(2023, 12, 22)
    assert result.to_contract()["published_at"] == "2023-12-22T08:30:00+07:00"
    assert result.event_date == dt.date(2023, 12, 21)
    assert result.title == "Giao ban công tác dân vận quý IV năm 2023"
    assert result.view_count == 1204  # "Hôm nay" and "Tổng truy cập" are site counters
    assert result.district == "Minh Long"
    participants = {p.name: p.roles for p in result.event.participants}
    assert {"du", "chi-dao", "phat-bieu"} <= set(participants["Đinh Văn Lâm"])


def test_event_year_unknown_is_flagged_not_invented(run):
    text = (
        "Hội nghị triển khai công tác dân vận tại Huyện ủy Minh Long\n"
        "Chiều 25/8, Huyện ủy Minh Long tổ chức hội nghị triển khai công tác dân vận. "
        "Các đại biểu đã thảo luận nhiều nội dung quan trọng của công tác dân vận.\n"
        "Công Hoan\n"
    )
    result = run(text)
    assert result.event_date is None and result.year is None
    assert "event_year_unknown" in result.review_reasons
    assert any("25/8" in warning for warning in result.warnings)


def test_same_article_in_any_encoding_gives_same_result(run, tmp_path):
    reference = run(TAN_HONG).to_contract()
    variants = {
        "bom.txt": b"\xef\xbb\xbf" + TAN_HONG.replace("\n", "\r\n").encode("utf-8"),
        "utf16.txt": TAN_HONG.encode("utf-16"),
        "html.html": (
            "<html><body><div>" + TAN_HONG.replace("\n", "</div><div>") + "</div></body></html>"
        ).encode("utf-8"),
    }
    for name, data in variants.items():
        result = run(read_text(data), source="sample.txt").to_contract()
        assert result == reference, name


def test_nfd_article_matches_nfc(run):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", NGHE_AN)
    assert run(decomposed).to_contract() == run(NGHE_AN).to_contract()


def test_speed_is_linear_enough(run):
    import time

    text = NGHE_AN * 3
    start = time.perf_counter()
    for _ in range(20):
        run(text)
    assert (time.perf_counter() - start) / 20 < 0.05  # generous: catches quadratic blow-ups
