"""Headlines and the date line under them (extraction round two).

Widget, banner and menu lines are chrome; the headline is the line that reads like one just
before the date line or the lead; a headline broken over two lines is joined; a page whose only
candidates are its lead gets an inferred title; the bare date line right under the headline is
the publication date, the site's "today" line above the menu is not.
"""

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from articles.extraction import extract, extract_file
from articles.extraction.headlines import is_unfinished, is_widget, lead_like
from articles.extraction.lexicon import fast_fold_key

HERE = Path(__file__).resolve().parent
SAMPLES = HERE / "samples_r2" / "headlines"
HELD_OUT = HERE / "samples_heldout"


@pytest.fixture(scope="module")
def pages(gazetteer):
    return {path.stem: extract_file(path, gazetteer=gazetteer) for path in SAMPLES.glob("*.txt")}


def test_the_sample_set_spans_the_portals():
    assert len(list(SAMPLES.glob("*.txt"))) >= 6


# -- widget chrome ---------------------------------------------------------------------------


def widget(text):
    return is_widget(text, fast_fold_key(text))


@pytest.mark.parametrize(
    "line",
    [
        "Bạn đánh giá thế nào về chất lượng dịch vụ công trực tuyến của tỉnh?",
        "Theo bạn, nội dung nào trên trang cần được cập nhật thường xuyên hơn?",
        "Banner trang chủ",
        "Banner giữa trang 3",
        "Quảng cáo",
        "Chào mừng bạn đến với Cổng thông tin điện tử phường Long Biên",
        "Văn bản mới",
        "Thông báo",
        "Liên kết website",
        "Tin nổi bật",
        "Thủ tục hành chính",
        "Video - Hình ảnh",
        "Văn bản chỉ đạo, điều hành",
        "TRANG CHỦ GIỚI THIỆU TIN TỨC VĂN BẢN DỊCH VỤ CÔNG LIÊN HỆ",
        "Trang chủ  Giới thiệu  Tin tức  Hoạt động của HĐND  Tiếp xúc cử tri  Hỏi - Đáp",
        "Phường Ba Đình tổ chức ngày hội hiến máu tình nguyện đợt I năm 2025... Xem tiếp",
        "Công an huyện tổng kết phong trào toàn dân bảo vệ an ninh Tổ quốc… Chi tiết",
        "Hội Cựu chiến binh xã trao 20 suất quà cho hội viên khó khăn >> Chi tiết",
    ],
)
def test_widget_banner_and_menu_lines_are_chrome(line):
    assert widget(line)


@pytest.mark.parametrize(
    "line",
    [
        # a real headline may ask a question, or open with a word of menu vocabulary
        "Vì sao phong trào “Dân vận khéo” ở thôn Đồng Tâm lan tỏa mạnh mẽ?",
        "Làm gì để người dân tin và làm theo chủ trương sáp nhập thôn?",
        "Thông báo kết quả hiệp thương lần thứ hai giới thiệu người ứng cử đại biểu HĐND xã",
        "Tin tức về hoạt động chăm lo Tết cho hộ nghèo của Mặt trận xã Hòa Phú",
        "Văn bản hướng dẫn mới của Ban Dân vận Trung ương được triển khai đến chi bộ",
        "Xã Phú Mỹ tổ chức mít tinh chào mừng kỷ niệm 95 năm Ngày thành lập Đảng",
        "Tiếp tục đổi mới nội dung hoạt động của Mặt trận ở khu dân cư",
        "Thông tin về công tác dân vận",  # every word is menu vocabulary, but it is a clause
        "Ban Dân vận Huyện ủy làm gì để Nhân dân đồng thuận hiến đất mở đường?",
        "Triển khai Nghị định quy định chi tiết về thực hiện dân chủ ở xã",
    ],
)
def test_headlines_that_share_words_with_widgets_are_not_chrome(line):
    assert not widget(line)


def test_a_survey_prompt_or_a_side_panel_label_is_not_the_headline(pages):
    commune = pages["xa_tan_lap_2026_widgets_dated_headline"]
    assert commune.title == (
        "Xã Tân Lập ra mắt mô hình “Khu dân cư không rác thải nhựa” tại ấp Bàu Sen"
    )
    assert not commune.title_inferred
    # the side panel's items are not the article either
    assert not any("Ngày hội Đại đoàn kết" in text for text in commune.body_paragraphs)


def test_a_teaser_of_another_article_is_not_the_headline(pages):
    police = pages["cong_an_ea_kly_2025_headline_broken_after_nam"]
    assert "Xem tiếp" not in police.title
    assert police.title.startswith("Công an xã Ea Kly ra mắt mô hình")


def test_a_real_question_headline_stays_while_the_survey_prompt_goes(pages):
    ward = pages["phuong_tan_dinh_2025_question_headline"]
    assert ward.title == (
        "Vì sao mô hình “Dân vận khéo” ở khu phố 3 được Nhân dân đồng tình hưởng ứng?"
    )
    assert not ward.title_inferred
    assert ward.to_contract()["published_at"] == "2025-10-08T16:05:00+07:00"


def test_a_page_of_widgets_and_no_headline_gets_an_inferred_title(pages):
    party = pages["tinh_uy_quang_ngai_2024_widgets_no_headline"]
    assert party.title_inferred
    assert "title_inferred" in party.review_reasons
    assert party.title.startswith("Sáng ngày 05/3/2024, Ban Dân vận Tỉnh ủy Quảng Ngãi")
    assert party.summary.startswith(party.title)
    assert party.published_date == dt.date(2024, 3, 6)


@pytest.mark.parametrize("label", ["Văn bản mới", "Tin mới", "Thông báo", "Tin nổi bật"])
@pytest.mark.parametrize("below", ["Liên kết website", "13/3/2026"])
def test_the_links_of_a_side_panel_are_not_the_headline_of_a_page_without_one(label, below):
    panel = (
        f"{label}\n"
        "Kế hoạch tổ chức Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư năm 2026\n"
        "Hội Nông dân xã tập huấn kỹ thuật trồng lúa chất lượng cao cho hội viên\n\n"
    )
    result = extract(f"{panel}{below}\n\n{LEAD}\n", source="x.txt")
    assert result.title_inferred
    assert result.title.startswith("Ngày 12/3/2026, Ủy ban MTTQ Việt Nam xã Hòa Phú")


def test_a_headline_under_a_section_label_is_not_a_panel_link():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    result = extract(f"Tin hoạt động\n{headline}\n\n{LEAD}\n", source="x.txt")
    assert (result.title, result.title_inferred) == (headline, False)


# -- the line just before the date line or the lead ---------------------------------------------

SIDE_PANEL = (
    "CỔNG THÔNG TIN ĐIỆN TỬ XÃ HÒA PHÚ\n"
    "Trang chủ | Tin tức | Văn bản | Liên hệ\n\n"
    "Tin mới\n"
    "Hội Nông dân xã tập huấn kỹ thuật trồng lúa chất lượng cao cho hội viên\n"
    "Đoàn Thanh niên xã ra quân chiến dịch Thanh niên tình nguyện hè\n\n"
)
LEAD = (
    "Ngày 12/3/2026, Ủy ban MTTQ Việt Nam xã Hòa Phú tổ chức hội nghị sơ kết công tác Mặt trận "
    "quý I năm 2026, triển khai nhiệm vụ quý II. Dự hội nghị có lãnh đạo Đảng ủy, UBND xã, các "
    "tổ chức thành viên và trưởng Ban Công tác Mặt trận các thôn trên địa bàn xã."
)


def test_the_headline_is_the_line_just_before_the_date_line_not_a_side_panel_item():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    page = f"{SIDE_PANEL}{headline}\n\n13/3/2026 | 08:10\n\n{LEAD}\n"
    result = extract(page, source="x.txt")
    assert (result.title, result.title_inferred) == (headline, False)
    assert result.to_contract()["published_at"] == "2026-03-13T08:10:00+07:00"


def test_the_headline_is_the_line_just_before_the_lead_when_the_date_is_above_it():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    page = f"{SIDE_PANEL}Thứ Sáu, 13/3/2026 | 08:10\n\n{headline}\n\n{LEAD}\n"
    result = extract(page, source="x.txt")
    assert (result.title, result.title_inferred) == (headline, False)


def test_a_short_lead_sentence_under_the_headline_is_not_the_headline():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    sapo = "Hội nghị đánh giá kết quả ba tháng đầu năm."
    result = extract(f"{SIDE_PANEL}{headline}\n{sapo}\n\n{LEAD}\n", source="x.txt")
    assert result.title == headline


def test_a_line_ending_in_menu_vocabulary_is_not_the_headline():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    for tail in (" - Tin tức - Sự kiện", " | Thông báo", " » Tin hoạt động"):
        page = f"{headline}{tail}\n{SIDE_PANEL}{headline}\n\n{LEAD}\n"
        assert extract(page, source="x.txt").title == headline
    # a headline whose last words merely look like a label keeps them
    result = extract(f"{SIDE_PANEL}Xã Hòa Phú - Những mô hình dân vận mới\n\n{LEAD}\n", source="x")
    assert result.title == "Xã Hòa Phú - Những mô hình dân vận mới"


# -- a headline broken over two lines --------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị tổng kết công tác dân vận năm",
        "Ban Dân vận Huyện ủy và Hội Nông dân huyện ký",
        "Ra mắt mô hình “Dân vận khéo” của",
        "Công an xã phối hợp với",
        "Trao quà Tết cho hộ nghèo tại",
        "Đối thoại giữa Bí thư Đảng ủy và",
        "Tuyên truyền về",
        "Khánh thành nhà Đại đoàn kết cho",
        "Kiểm tra công tác dân vận ngày",
    ],
)
def test_a_line_ending_in_a_word_no_title_ends_with_is_unfinished(line):
    assert is_unfinished(line)
    assert is_unfinished(unicodedata.normalize("NFD", line).replace("Đ", "\u00d0"))


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị tổng kết công tác dân vận năm 2025",
        "Xã Tân Phú ra mắt mô hình “Ấp dân vận khéo”",
        "Ký kết quy chế phối hợp giữa Ban Dân vận và Công an huyện",
        "Hội nghị trực báo công tác dân vận quý I năm 2022.",
        "Những tấm gương dân vận khéo ở vùng cao",
    ],
)
def test_a_finished_headline_is_not_unfinished(line):
    assert not is_unfinished(line)


def test_a_headline_ending_in_nam_continues_on_the_next_line(pages):
    police = pages["cong_an_ea_kly_2025_headline_broken_after_nam"]
    assert police.title == (
        "Công an xã Ea Kly ra mắt mô hình “Tổ liên gia an toàn phòng cháy, chữa cháy” và tổng "
        "kết phong trào năm 2025 trên địa bàn xã"
    )
    assert not police.title_inferred


def test_a_headline_ending_in_ky_continues_on_the_next_line(pages):
    paper = pages["bao_tuyen_quang_2026_headline_broken_after_ky_nfd"]
    assert paper.title == (
        "Ban Dân vận Tỉnh uỷ và Công an tỉnh ký Chương trình phối hợp thực hiện công tác dân "
        "vận giai đoạn 2026 - 2030"
    )
    assert paper.to_contract()["published_at"] == "2026-01-21T09:30:00+07:00"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (
            "HỘI NGHỊ TỔNG KẾT CÔNG TÁC MẶT TRẬN XÃ HÒA PHÚ",
            "NĂM 2025, TRIỂN KHAI NHIỆM VỤ NĂM 2026",
        ),
        ("Mặt trận xã Hòa Phú tổng kết công tác Mặt trận năm 2025", "2026 - 2030"),
    ],
)
def test_a_headline_set_in_two_lines_is_joined(first, second):
    result = extract(f"{SIDE_PANEL}{first}\n{second}\n\n13/3/2026\n\n{LEAD}\n", source="x.txt")
    assert result.title == f"{first} {second}"


def test_a_label_above_a_headline_is_not_joined_to_it():
    headline = "CHỦ TỊCH ỦY BAN MTTQ XÃ HÒA PHÚ ĐỐI THOẠI VỚI NHÂN DÂN"
    result = extract(f"{SIDE_PANEL}MẶT TRẬN VỚI DÂN\n{headline}\n13/3/2026\n\n{LEAD}\n", source="x")
    assert result.title == headline


def test_a_broken_headline_is_not_joined_with_the_date_line_or_a_widget():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I và"
    result = extract(f"{SIDE_PANEL}{headline}\n13/3/2026 | 08:10\n\n{LEAD}\n", source="x.txt")
    assert "13/3/2026" not in (result.title or "")
    assert result.published_date == dt.date(2026, 3, 13)
    widget_after = extract(f"{headline}\nVăn bản mới\n\n{LEAD}\n", source="x.txt")
    assert "Văn bản mới" not in (widget_after.title or "")


def test_a_complete_headline_is_not_joined_with_the_next_line():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    result = extract(f"{headline}\nHội nghị đánh giá kết quả ba tháng\n\n{LEAD}\n", source="x.txt")
    assert result.title == headline


# -- the lead used as the headline -------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "(BTV) - Ban Thường trực Ủy ban MTTQ Việt Nam xã vừa tổ chức hội nghị hiệp thương.",
        "QĐND - Lực lượng vũ trang huyện vừa ra quân giúp dân thu hoạch lúa.",
        "Thực hiện Kế hoạch của Huyện ủy, Ban Dân vận Huyện ủy tổ chức khảo sát tại các xã.",
        "Chiều 25/8, Hội Cựu chiến binh phường tổ chức gặp mặt kỷ niệm ngày truyền thống.",
        "Những năm qua, phong trào “Dân vận khéo” ở xã đã lan tỏa sâu rộng trong Nhân dân.",
    ],
)
def test_a_line_that_opens_like_a_lead_reads_like_a_lead(line):
    assert lead_like(line, fast_fold_key(line))


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị trực báo công tác dân vận quý I năm 2022.",
        "Sáng ngày 14-5-2024, Hội nghị giao ban công tác dân vận khối xã",
        "Hà Tĩnh: Ra mắt mô hình “Dân vận khéo” trong xây dựng nông thôn mới",
        "Thực hiện tốt Quy chế dân chủ ở cơ sở",
        "TP. HCM - Ngày hội Đại đoàn kết ở khu phố người Hoa",
    ],
)
def test_a_headline_does_not_read_like_a_lead(line):
    assert not lead_like(line, fast_fold_key(line))


@pytest.mark.parametrize(
    "stem",
    [
        "mttq_hoa_cuong_2025_lead_above_date_line",
        "dang_uy_xa_my_hoa_2026_adverbial_lead_above_date",
    ],
)
def test_a_lead_above_the_date_line_is_the_lead_and_the_title_is_inferred(pages, stem):
    result = pages[stem]
    assert result.title_inferred
    assert "title_inferred" in result.review_reasons
    assert result.summary.startswith(result.title)
    assert result.body_paragraphs[0].endswith(result.summary)
    # and its date line, right under the lead, is the publication date
    assert result.published_date is not None


def test_a_page_of_short_paragraphs_under_a_lead_keeps_its_body_and_author(pages):
    party = pages["dang_uy_xa_my_hoa_2026_adverbial_lead_above_date"]
    assert len(party.body_paragraphs) == 3
    assert party.body_paragraphs[1].startswith("Tại buổi đối thoại")
    assert party.byline is not None and party.byline.organization == "Ban Dân vận Đảng ủy xã"
    assert "no_body" not in party.review_reasons


# -- the bare date line under the headline -----------------------------------------------------


def test_a_bare_date_line_under_the_headline_beats_the_page_clock_above_the_menu(pages):
    army = pages["bo_chqs_2026_bare_date_under_headline_page_clock"]
    assert army.title == "Lực lượng vũ trang xã Đinh Văn giúp Nhân dân làm nhà Đại đoàn kết"
    assert army.published_date == dt.date(2026, 3, 6)
    assert not army.published_has_time
    police = pages["cong_an_ea_kly_2025_headline_broken_after_nam"]
    assert police.published_date == dt.date(2025, 12, 15)


def test_a_weekday_date_line_with_a_time_under_the_headline_is_the_publication(pages):
    commune = pages["xa_tan_lap_2026_widgets_dated_headline"]
    assert commune.to_contract()["published_at"] == "2026-03-06T14:20:00+07:00"
    assert commune.page_date == dt.date(2026, 3, 9)  # "Thứ Hai, 09/03/2026" above the masthead


@pytest.mark.parametrize(
    "under",
    ["06/3/2024", "Thứ Tư, 06/3/2024 | 14:20", "Thứ Tư, 06/3/2024", "06.03.2024 - 14:20"],
)
def test_the_date_line_under_the_headline_is_the_publication_date(under):
    header = "Thứ Sáu, 08/3/2024 10:31"
    headline = "Mặt trận xã Hòa Phú sơ kết công tác Mặt trận quý I năm 2024"
    lead = LEAD.replace("2026", "2024").replace("12/3/2024", "05/3/2024")
    result = extract(f"{header}\n{SIDE_PANEL}{headline}\n{under}\n\n{lead}\n", source="x.txt")
    assert result.published_date == dt.date(2024, 3, 6)
    assert result.published_has_time == ("14:20" in under)


def test_the_page_header_alone_is_not_the_publication_date():
    header = "Thứ Sáu, 08/3/2024"
    headline = "Mặt trận xã Hòa Phú sơ kết công tác Mặt trận quý I năm 2024"
    result = extract(f"{header}\n{SIDE_PANEL}{headline}\n\n{LEAD}\n", source="x.txt")
    assert result.page_date == dt.date(2024, 3, 8)
    assert result.published_date is None


def test_a_bare_date_above_the_menu_is_the_page_header_not_the_publication():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác Mặt trận quý I năm 2024"
    result = extract(f"08/3/2024\n{SIDE_PANEL}{headline}\n\n{LEAD}\n", source="x.txt")
    assert (result.page_date, result.published_date) == (dt.date(2024, 3, 8), None)
    # the same bare date right under the headline is the publication date
    result = extract(f"{SIDE_PANEL}{headline}\n08/3/2024\n\n{LEAD}\n", source="x.txt")
    assert (result.page_date, result.published_date) == (None, dt.date(2024, 3, 8))


def test_the_page_clock_is_the_page_date_when_a_date_line_under_the_headline_wins(pages):
    police = pages["cong_an_ea_kly_2025_headline_broken_after_nam"]
    assert police.page_date == dt.date(2025, 12, 16)  # "Thứ Ba, 16/12/2025 08:05"


def test_a_page_clock_is_the_publication_only_when_nothing_under_the_headline_is():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác Mặt trận quý I năm 2026"
    page = f"Thứ Sáu, 13/3/2026 | 08:10\n{SIDE_PANEL}{headline}\n\n{LEAD}\n"
    result = extract(page, source="x.txt")
    assert result.to_contract()["published_at"] == "2026-03-13T08:10:00+07:00"


@pytest.mark.parametrize(
    "dated", ["Hà Tĩnh, ngày 06 tháng 3 năm 2024", "Đà Nẵng, Thứ Tư 06/3/2024"]
)
def test_a_place_and_date_line_is_a_date_line_not_a_headline(dated):
    result = extract(f"{dated}\n{SIDE_PANEL}{LEAD}\n", source="x.txt")
    assert result.title_inferred
    assert dt.date(2024, 3, 6) in (result.page_date, result.published_date)


def test_a_labelled_date_line_after_the_article_is_still_its_publication_date():
    headline = "Mặt trận xã Hòa Phú sơ kết công tác quý I năm 2026"
    page = f"{headline}\n\n{LEAD}\n\nNgày đăng: 13/3/2026 08:10\n"
    assert extract(page, source="x.txt").published_date == dt.date(2026, 3, 13)


# -- pages the rules were not written on ---------------------------------------------------------

HELD_OUT_TITLES = {
    "L03_bacninh_giabinh_dailai_2023.txt": (
        "ĐẠI BIỂU HĐND TỈNH TIẾP XÚC CỬ TRI XÃ ĐẠI LAI, HUYỆN GIA BÌNH"
    ),
    "L05_quangtri_huonghoa_khesanh_2022.txt": (
        'Bộ đội Biên phòng "3 cùng" với đồng bào Vân Kiều ở TT. Khe Sanh'
    ),
    "L06_gialai_chuprong_iadrang_2024_nfd.txt": (
        'Công an huyện Chư Prông xây dựng mô hình "Camera an ninh" tại xã Ia Drăng'
    ),
    "L07_tayninh_duongminhchau_suoida_2023_hostonly.txt": (
        "Hội nghị đối thoại giữa người đứng đầu cấp ủy, chính quyền với Nhân dân năm 2023"
    ),
    "L08_vinhlong_longho_thanhduc_2024.html": (
        "Long Hồ: Ra mắt mô hình “Dân vận khéo” chăm lo người cao tuổi"
    ),
    "N01_tuyenquang_hamyen_2025.html": "Xã Hàm Yên: Hội nghị biểu dương điển hình “Dân vận khéo”",
    "N02_daklak_buonho_2025_nfd.txt": (
        "Phường Buôn Hồ: Mặt trận Tổ quốc làm cầu nối giữa Đảng với Nhân dân sau sắp xếp"
    ),
    "N03_khanhhoa_camlam_2025.txt": "X. Cam Lâm: Tiếp xúc cử tri trước kỳ họp HĐND tỉnh",
    "N04_angiang_phuquoc_2025_sourceurl.html": (
        "Vùng 5 Hải quân cùng Nhân dân Hòn Thơm khắc phục hậu quả mưa bão"
    ),
    "N09_hungyen_thaibinh_2025_eth.html": (
        "Phường Thái Bình: Công an phường hỗ trợ người dân làm thủ tục sau sắp xếp"
    ),
}


SAMPLES_2025_TITLES = {
    "abbrev_tt_cho_chua_nghia_hanh_2024.txt": (
        "Ra mắt mô hình “Tổ dân phố tự quản về vệ sinh môi trường” ở TT. Chợ Chùa"
    ),
    "canonical_phuong_giang_vo.html": (
        "Phường Giảng Võ tiếp xúc cử tri trước kỳ họp thứ mười, Quốc hội khóa XV"
    ),
    "dac_khu_con_dao_bien_phong_2025.txt": (
        "Bộ đội Biên phòng cùng ngư dân đặc khu Côn Đảo “bám biển, giữ biển”"
    ),
    "eth_for_d_dam_thuy_cao_bang_2024.txt": (
        "Đồn Biên phòng Đàm Thuỷ cùng xã Đàm Thuỷ ra mắt mô hình “Dân vận khéo” giữ bình "
        "yên biên giới"
    ),
    "ha_giang_2024_person_named_like_district.txt": (
        "Bắc Quang đối thoại với Nhân dân về giải phóng mặt bằng tuyến cao tốc"
    ),
    "nfd_old_tones_nbsp_dong_ninh_hoa.txt": (
        "Phường Đông Ninh Hoà ra mắt mô hình “Dân vận khéo” đồng hành cùng diêm dân"
    ),
    "nghi_loc_2024_district_with_commune_in_passing.txt": (
        "Nghi Lộc biểu dương 50 điển hình “Dân vận khéo” giai đoạn 2021 - 2024"
    ),
    "tap_chi_dan_van_two_communes_in_parentheses.txt": (
        "Xã Tân Lập nhân rộng mô hình “Dân vận khéo” chăm lo người cao tuổi cô đơn"
    ),
    "url_host_only_2025.txt": ("Ngày hội Đại đoàn kết toàn dân tộc ở khu dân cư: ấm áp nghĩa tình"),
    "xa_tan_an_2026_commune_portal.txt": (
        "Xã Tân An ra quân “Dân vận khéo” giúp người dân làm sạch kênh mương nội đồng đầu năm 2026"
    ),
}


@pytest.mark.parametrize("name", sorted(HELD_OUT_TITLES))
def test_the_headline_of_a_held_out_page_is_not_its_menu_banner_or_masthead(name, gazetteer):
    result = extract_file(HELD_OUT / name, gazetteer=gazetteer)
    assert (result.title, result.title_inferred) == (HELD_OUT_TITLES[name], False)


@pytest.mark.parametrize("name", sorted(SAMPLES_2025_TITLES))
def test_the_headline_of_a_2025_sample_is_not_its_masthead_slogan_or_menu(name, gazetteer):
    result = extract_file(HERE / "samples_2025" / name, gazetteer=gazetteer)
    assert (result.title, result.title_inferred) == (SAMPLES_2025_TITLES[name], False)
