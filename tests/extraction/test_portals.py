"""Adversarial portal samples: other provinces' chrome, date layouts, bylines and encodings.

Each sample in samples/portal_* imitates one kind of site (a provincial Ban Dân vận, a
provincial newspaper, a district People's Committee, a Fatherland Front portal, an HTML page,
a CP1258 page, an NFD page with old-style tones ...). The assertions are what a careful editor
would extract by hand.
"""

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from articles.extraction import extract, read_text

SAMPLES = Path(__file__).resolve().parent / "samples"

# Lines of site chrome that must never reach the body or the captions.
CHROME = (
    "Trang chủ",
    "Cỡ chữ",
    "Chia sẻ",
    "Facebook",
    "Zalo",
    "In bài",
    "Tin liên quan",
    "Bài viết liên quan",
    "Các tin khác",
    "Các tin đã đưa",
    "Tin cùng chuyên mục",
    "Xem thêm",
    "Địa chỉ:",
    "Điện thoại",
    "ĐT:",
    "Bản quyền",
    "Ghi rõ nguồn",
    "Giấy phép",
    "Từ khóa",
    "Related news",
    "Most viewed",
    "Copyright",
    "Lượt xem",
    "lượt xem",
    "Tổng lượt truy cập",
    "Đang truy cập",
    "Bình luận",
)


@pytest.fixture(scope="module")
def run(gazetteer):
    def _run(name):
        text = read_text(SAMPLES / name)
        return extract(text, source=name, gazetteer=gazetteer)

    return _run


def officials(result):
    return [(o.name, o.title) for o in result.officials]


def assert_no_chrome(result):
    texts = [*result.body_paragraphs, *result.captions]
    for chrome in CHROME:
        for text in texts:
            assert chrome not in text, (chrome, text)


def test_provincial_ban_dan_van_site(run):
    result = run("portal_bdv_quang_ninh.txt")
    # the one-line menu bar ("Trang chủ | Giới thiệu | ...") is not the headline
    assert result.title == (
        "Vân Đồn sơ kết 5 năm thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2018-2023"
    )
    assert result.site_name == "BAN DÂN VẬN TỈNH ỦY QUẢNG NINH"
    assert result.to_contract()["published_at"] == "2023-03-15T14:20:00+07:00"
    assert result.page_date == dt.date(2023, 3, 16)
    assert result.event_date == dt.date(2023, 3, 14)
    assert (result.province, result.district) == ("Quảng Ninh", "Vân Đồn")
    assert result.view_count == 2317
    assert result.author == "Phạm Hằng"
    assert result.byline.organization == "Trung tâm Truyền thông huyện Vân Đồn"
    # "<caption>. Ảnh: <credit>" is one caption, not a two-sentence paragraph
    assert result.captions == [
        "Đồng chí Trịnh Văn Khải phát biểu chỉ đạo tại hội nghị. Ảnh: Phạm Hằng"
    ]
    assert officials(result) == [
        ("Trịnh Văn Khải", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy"),
        ("Vi Thị Hồng Nhung", "Bí thư Huyện ủy Vân Đồn"),
    ]
    assert [(d.code, d.date) for d in result.documents] == [
        ("112-KH/HU", dt.date(2018, 4, 20)),
        ("25-NQ/TW", None),
    ]
    assert result.event.kind == "so-ket"
    assert len(result.body_paragraphs) == 3
    assert_no_chrome(result)
    assert "Hồng Hà" not in result.body and "Đầm Hà" not in result.body


def test_newspaper_with_long_caps_masthead_and_caps_byline(run):
    result = run("portal_bao_bac_giang.txt")
    # the long all-caps masthead is the site name, not the headline
    assert result.site_name.startswith("BÁO BẮC GIANG - CƠ QUAN CỦA ĐẢNG BỘ")
    assert result.title == (
        "Yên Thế: Phát huy vai trò người có uy tín trong đồng bào dân tộc thiểu số"
    )
    assert result.to_contract()["published_at"] == "2024-10-04T09:15:00+07:00"
    assert result.page_date == dt.date(2024, 10, 5)
    assert result.event_date == dt.date(2024, 10, 3)
    assert (result.province, result.district) == ("Bắc Giang", "Yên Thế")
    assert result.author == "Nguyễn Thanh Hải"  # "BÀI VÀ ẢNH: NGUYỄN THANH HẢI"
    assert result.captions == ["Đồng chí Hoàng Văn Thạch tặng quà người có uy tín tiêu biểu."]
    assert officials(result)[:2] == [
        ("Hoàng Văn Thạch", "Phó Bí thư Thường trực Huyện ủy"),
        ("Ngô Thị Lan Anh", "Trưởng Ban Dân vận Huyện ủy"),
    ]
    assert len(result.body_paragraphs) == 3
    assert_no_chrome(result)
    assert "BÀI VÀ ẢNH" not in result.body and "Lạng Giang" not in result.body


def test_newspaper_with_dateline_and_views_after_the_number(run):
    result = run("portal_bao_lam_dong.txt")
    assert result.title == "Đơn Dương ra quân Tháng Dân vận năm 2023"
    assert result.to_contract()["published_at"] == "2023-11-07T10:42:00+07:00"
    assert result.view_count == 1025  # "1.025 lượt xem"
    # "(LĐ online) - Ngày 6/11, ..." : the dateline does not hide the event date
    assert result.event_date == dt.date(2023, 11, 6)
    assert (result.province, result.district) == ("Lâm Đồng", "Đơn Dương")
    assert result.author == "Thanh Tâm"  # printed "THANH TÂM"
    assert result.captions == ["Các đại biểu ra quân dọn vệ sinh đường làng tại xã Ka Đô"]
    assert officials(result) == [
        (
            "Nguyễn Văn Lộc",
            "Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện Đơn Dương",
        ),
        ("Ya Tuấn", "Trưởng Ban Dân vận Huyện ủy"),
    ]
    assert len(result.body_paragraphs) == 3
    assert_no_chrome(result)
    assert "Đức Trọng" not in result.body and "Quang Trung" not in result.body
    assert "THANH TÂM" not in result.body and "Nghe đọc" not in result.body


def test_district_peoples_committee_portal_with_dotted_dates(run):
    result = run("portal_ubnd_hai_hau.txt")
    assert result.site_name == "CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN HẢI HẬU - TỈNH NAM ĐỊNH"
    assert result.title == "Hội nghị giao ban công tác dân vận khối chính quyền quý I năm 2024"
    assert result.published_date == dt.date(2024, 3, 5)  # "Ngày đăng: 05.3.2024"
    assert result.published_at is None and not result.published_has_time
    assert result.event_date == dt.date(2024, 3, 4)  # "Ngày 04.3.2024, ..."
    assert not result.event_year_inferred
    assert result.view_count == 412
    assert (result.province, result.district) == ("Nam Định", "Hải Hậu")
    assert result.author == "Văn phòng HĐND và UBND huyện"  # an office signs the article
    assert result.attachments == ["KH-15-UBND-2024.pdf"]
    # an unpunctuated line naming the meeting, between paragraphs: a photo caption
    assert result.captions == ["Hội nghị giao ban công tác dân vận chính quyền quý I năm 2024"]
    # reported speech ("... yêu cầu ...") is a paragraph even when it is one sentence
    assert result.body_paragraphs[-1].startswith("Kết luận hội nghị, đồng chí Trần Quang Vinh")
    assert officials(result) == [
        ("Trần Quang Vinh", "Phó Chủ tịch UBND huyện"),
        ("Phạm Thị Huyền", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy"),
    ]
    assert [(d.code, d.date) for d in result.documents] == [("15/KH-UBND", dt.date(2024, 1, 10))]
    assert result.event.kind == "giao-ban" and result.event.date == dt.date(2024, 3, 4)
    assert result.warnings == []
    assert_no_chrome(result)
    assert "CƠ QUAN CHỦ QUẢN" not in result.body and "Yên Định" not in result.body


def test_fatherland_front_portal_with_semicolon_attendee_list(run):
    result = run("portal_mttq_thanh_hoa.txt")
    assert result.site_name == "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM TỈNH THANH HÓA"
    assert result.title.startswith("Hội nghị hiệp thương cử Phó Chủ tịch Ủy ban MTTQ")
    assert result.to_contract()["published_at"] == "2022-09-20T16:05:00+07:00"
    assert result.event_date == dt.date(2022, 9, 19)
    assert (result.province, result.district) == ("Thanh Hóa", None)
    assert officials(result) == [
        (
            "Lê Thị Hà",
            "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy, "
            "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh",
        ),
        ("Đỗ Văn Quang", "Phó Chủ tịch Thường trực Ủy ban MTTQ Việt Nam tỉnh"),
        ("Mai Xuân Thịnh", "Phó Trưởng Ban Tổ chức Tỉnh ủy"),
        ("Trịnh Thị Mai", "Chủ tịch Hội Liên hiệp Phụ nữ huyện Hoằng Hóa"),
    ]
    names = {o.name for o in result.organizations}
    assert {
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Thanh Hóa",
        "Ban Dân vận Tỉnh ủy Thanh Hóa",
        "Hội Liên hiệp Phụ nữ huyện Hoằng Hóa",
    } <= names
    assert result.author == "Ban Tuyên giáo - Đối ngoại"
    assert result.captions == ["Các đại biểu tặng hoa chúc mừng đồng chí Trịnh Thị Mai."]
    assert_no_chrome(result)


def test_date_only_in_the_byline_line(run):
    result = run("portal_byline_date.txt")
    assert result.author == "Minh Anh"
    assert result.published_date == dt.date(2023, 3, 12)
    assert result.published_at is None
    assert result.event_date == dt.date(2023, 3, 10)  # "Sáng 10/3", year from the byline
    assert result.year == 2023
    assert (result.province, result.district) == ("Gia Lai", "Chư Sê")
    assert officials(result) == [("Rơ Mah Tuấn", "Phó Bí thư Huyện ủy")]
    assert "12/03/2023" not in result.body
    assert "no_date" not in result.review_reasons and "no_author" not in result.review_reasons
    assert_no_chrome(result)


def test_long_vietnamese_date_and_a_headline_naming_a_district_committee(run):
    result = run("portal_long_date.txt")
    # "Huyện ủy Trần Đề" is a district, not a person: the headline is not a photo caption
    assert result.title == (
        "Ban Dân vận Tỉnh ủy Sóc Trăng làm việc với Huyện ủy Trần Đề về công tác dân vận"
    )
    assert not result.title_inferred
    assert result.page_date == dt.date(2024, 3, 6)  # "Thứ tư, ngày 06 tháng 3 năm 2024"
    assert result.published_date == dt.date(2024, 3, 5)  # "Ngày 05 tháng 3 năm 2024"
    assert result.event_date == dt.date(2024, 3, 4)
    assert (result.province, result.district) == ("Sóc Trăng", "Trần Đề")
    assert result.author == "Thạch Sô Phia"
    assert result.event.kind == "lam-viec"
    assert officials(result) == [
        ("Lâm Thị Sang", "Ủy viên Ban Thường vụ Tỉnh ủy, Trưởng Ban Dân vận Tỉnh ủy"),
        ("Trần Văn Lâu", "Bí thư Huyện ủy Trần Đề"),
    ]
    assert "Xây dựng Đảng" not in result.body


def test_english_portal_labels(run):
    result = run("portal_english_labels.txt")
    assert result.title == "Đồng Nai: Lan tỏa phong trào “Dân vận khéo” trong các khu công nghiệp"
    assert result.to_contract()["published_at"] == "2023-09-12T10:30:00+07:00"
    assert result.view_count == 345
    assert result.event_date == dt.date(2023, 9, 11)
    assert result.province == "Đồng Nai"
    assert result.author == "Hoàng Yến"
    assert result.event.title == "Tọa đàm “Dân vận khéo trong doanh nghiệp”"
    assert len(result.body_paragraphs) == 2
    assert_no_chrome(result)
    for chrome in ("Sign in", "Print", "Email", "Biên Hòa", "All rights"):
        assert chrome not in result.body


def test_province_named_only_in_the_site_header(run):
    result = run("portal_lao_cai_header.txt")
    assert result.site_name == "CỔNG THÔNG TIN ĐIỆN TỬ TỈNH LÀO CAI"
    assert result.title == "Nâng cao hiệu quả công tác dân vận chính quyền ở cơ sở"
    assert result.province == "Lào Cai" and result.district is None
    assert result.to_contract()["published_at"] == "2023-05-22T08:00:00+07:00"
    assert result.event_date == dt.date(2023, 5, 19)
    assert result.view_count == 88  # the site counter below it is not the article's
    assert result.author == "Thanh Huyền"
    assert result.byline.organization == "Văn phòng UBND tỉnh"
    assert officials(result) == [("Hoàng Chí Hiền", "Phó Chủ tịch UBND tỉnh")]
    assert [o.name for o in result.organizations] == ["Ủy ban nhân dân tỉnh Lào Cai"]
    assert result.captions == []  # "Phát biểu kết luận, đồng chí ... yêu cầu ..." is body text
    assert len(result.body_paragraphs) == 3
    assert_no_chrome(result)


def test_post_merger_commune_and_new_province(run):
    result = run("portal_post_merger.txt")
    assert result.to_contract()["published_at"] == "2025-08-18T15:30:00+07:00"
    assert result.event_date == dt.date(2025, 8, 16)
    # "xã Tân Hồng" is the new commune, not the former district of the same name
    assert (result.province, result.district) == ("Đồng Tháp", None)
    assert officials(result) == [("Nguyễn Thành Tâm", "Bí thư Đảng ủy xã Tân Hồng")]
    names = [o.name for o in result.organizations]
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Hồng" in names
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai" in names
    assert result.author == "Ngọc Trâm"
    # "Cùng ngày, ..." opens a body paragraph; "Đồng Nai" is a place, not a person
    assert result.captions == []
    assert len(result.body_paragraphs) == 3


def test_village_model_story_without_comrade_titles(run):
    result = run("portal_village_model.txt")
    assert result.title == "“Dân vận khéo” ở thôn Nậm Hán"
    assert result.to_contract()["published_at"] == "2023-12-08T09:12:00+07:00"
    assert (result.province, result.district) == ("Lào Cai", "Bắc Hà")
    assert result.author == "Lò Văn Hải"
    people = dict(officials(result))
    # "Ông" at a sentence start is the honorific, not part of the name
    assert "Ông Vàng Seo Chư" not in people
    assert people["Vàng Seo Chư"].startswith("Bí thư Chi bộ thôn Nậm Hán")
    assert people["Lù Thị Dung"] == "Chi hội trưởng Chi hội Phụ nữ thôn"
    assert people["Giàng A Páo"] == "Trưởng thôn Nậm Hán"
    assert result.captions == [
        "Ông Vàng Seo Chư (thứ hai từ trái) cùng bà con kiểm tra tuyến đường mới"
    ]
    assert result.event is None  # a portrait, not a meeting report
    assert_no_chrome(result)


def test_html_page_with_article_and_figcaptions(run):
    result = run("portal_html_page.html")
    assert result.title == "Bình Định: Hội nghị giao ban công tác dân vận quý III năm 2024"
    assert result.site_name == "BAN DÂN VẬN TỈNH ỦY BÌNH ĐỊNH"
    assert result.to_contract()["published_at"] == "2024-10-02T08:30:00+07:00"
    assert result.view_count == 156  # on the same line as the time
    assert result.event_date == dt.date(2024, 10, 1)
    assert result.province == "Bình Định"
    assert result.author == "Hoài Thu"
    assert result.captions == [
        "Quang cảnh hội nghị giao ban",
        "Đồng chí Đoàn Văn Phi phát biểu kết luận hội nghị",
    ]
    assert len(result.body_paragraphs) == 3
    assert result.body_paragraphs[-1].startswith("Kết luận hội nghị, đồng chí Đoàn Văn Phi")
    assert [(d.code, d.date) for d in result.documents] == [("114-KL/TW", dt.date(2024, 7, 11))]
    assert result.event.kind == "giao-ban"
    assert_no_chrome(result)
    assert "Phù Mỹ" not in result.body and "_gaq" not in result.text


def test_cp1258_page(run):
    result = run("portal_cp1258.txt")
    assert result.site_name == "Trang thông tin điện tử Ban Dân vận Tỉnh ủy Hậu Giang"
    assert result.title == "Hậu Giang giao ban công tác dân vận 6 tháng đầu năm 2023"
    assert result.page_date == dt.date(2023, 7, 10)
    assert result.to_contract()["published_at"] == "2023-07-07T10:05:00+07:00"
    assert result.event_date == dt.date(2023, 7, 6)
    assert result.province == "Hậu Giang"
    assert result.view_count == 57
    assert result.author == "Bảo Trân"
    assert officials(result) == [
        ("Trần Văn Huyến", "Phó Bí thư Thường trực Tỉnh ủy"),
        ("Huỳnh Thị Kim Thoa", "Trưởng Ban Dân vận Tỉnh ủy"),
    ]
    assert [d.code for d in result.documents] == ["49-CT/TW", "23-QĐ/TW"]


def test_nfd_page_with_old_style_tones(run, gazetteer):
    raw = (SAMPLES / "portal_nfd_old_tones.txt").read_bytes().decode("utf-8")
    assert raw != unicodedata.normalize("NFC", raw)  # the file really is decomposed
    result = run("portal_nfd_old_tones.txt")
    assert result.title == "Huyện uỷ Cam Lâm tổng kết công tác dân vận năm 2022"
    assert (result.province, result.district) == ("Khánh Hòa", "Cam Lâm")
    assert result.to_contract()["published_at"] == "2022-12-28T16:10:00+07:00"
    assert result.event_date == dt.date(2022, 12, 27)
    assert result.author == "Quang Hoà"
    assert [o.name for o in result.officials] == ["Nguyễn Thị Thuỷ", "Lê Văn Hoà"]
    # organizations are named in the standard spelling, whatever the page's tone placement
    names = {o.name for o in result.organizations}
    assert {"Huyện ủy Cam Lâm", "Tỉnh ủy Khánh Hòa", "Ban Dân vận Tỉnh ủy Khánh Hòa"} <= names
    assert result.event.kind == "tong-ket"
    # the same page in NFC gives the same contract
    nfc = extract(unicodedata.normalize("NFC", raw), source="portal_nfd_old_tones.txt")
    assert nfc.to_contract() == result.to_contract()


@pytest.mark.parametrize(
    "line",
    [
        "Trang chủ | Giới thiệu | Tin tức | Văn bản | Liên hệ",
        "Print | Email | Share",
        "Địa chỉ: 38 Quang Trung, phường 1, TP Đà Lạt. ĐT: (0263) 3822 370",
        "© Bản quyền thuộc về Báo X. Ghi rõ nguồn khi phát hành lại thông tin từ website này.",
        "Xem thêm: Đức Trọng trao nhà đại đoàn kết cho hộ nghèo trên địa bàn huyện năm nay",
    ],
)
def test_chrome_lines_never_reach_the_body(gazetteer, line):
    text = (
        "Hội nghị giao ban công tác dân vận quý I năm 2024 tại Hà Tĩnh\n"
        "Ngày đăng: 10/04/2024\n\n"
        "Sáng 9/4, Ban Dân vận Tỉnh ủy Hà Tĩnh tổ chức hội nghị giao ban công tác dân vận quý I "
        "năm 2024. Các đại biểu đã thảo luận nhiều nội dung quan trọng của công tác dân vận.\n\n"
        f"{line}\n"
        "Thu Hà\n"
    )
    result = extract(text, source="sample.txt", gazetteer=gazetteer)
    assert len(result.body_paragraphs) == 1
    assert line not in result.body and line not in result.captions
