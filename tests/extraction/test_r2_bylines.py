"""Bylines (issue 10): several authors, initials, "Tin, ảnh:", photo credits, site footers.

Samples in samples_r2/bylines imitate a provincial Party newspaper, police, army, Fatherland
Front, Tỉnh ủy, ward and commune portals of 2025-2026 (one file is NFD with a non-breaking
space, one writes "Đ" as the Icelandic eth "Ð", one uses old-style tones "hoà").
The assertions are what a careful editor would take as the author.

Decisions: initials and the newsroom's anonymous signatures ("PV", "CTV", "Nhóm PV") are kept
as written: they name the paper's reporter. "Ban Biên tập", "BBT" and "Tòa soạn" sign for the
site itself: not an author. A photo credit is never the author.
"""

import unicodedata
from pathlib import Path

import pytest

from articles.extraction import extract, read_text
from articles.extraction.meta import parse_byline, parse_dated_byline, parse_org_byline

SAMPLES = Path(__file__).resolve().parent / "samples_r2" / "bylines"


@pytest.fixture(scope="module")
def run(gazetteer):
    def _run(name):
        return extract(read_text(SAMPLES / name), source=name, gazetteer=gazetteer)

    return _run


def authors(line):
    byline = parse_byline(line)
    return None if byline is None else byline.names


# -- several authors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("THANH TÙNG - HẢI YẾN", ["Thanh Tùng", "Hải Yến"]),
        ("Thu Hà – Minh Đức", ["Thu Hà", "Minh Đức"]),
        ("Minh Anh, Quốc Bảo", ["Minh Anh", "Quốc Bảo"]),
        ("Bài, ảnh: Lan Anh - Hoàng Nam", ["Lan Anh", "Hoàng Nam"]),
        ("Bài và ảnh: NGỌC TRÂM – BẢO TRÂN", ["Ngọc Trâm", "Bảo Trân"]),
        ("Lan Anh và Hoàng Nam", ["Lan Anh", "Hoàng Nam"]),
        ("Thanh Tùng; Hải Yến; Quang Hoà", ["Thanh Tùng", "Hải Yến", "Quang Hoà"]),
        ("Minh Anh (tổng hợp)", ["Minh Anh"]),
    ],
)
def test_several_authors_are_split(line, expected):
    assert authors(line) == expected
    assert parse_byline(line).name == ", ".join(expected)


def test_several_authors_then_their_organization():
    byline = parse_byline("Thu Hà - Minh Đức, Ban Dân vận Huyện ủy Cẩm Xuyên")
    assert byline.names == ["Thu Hà", "Minh Đức"]
    assert byline.organization == "Ban Dân vận Huyện ủy Cẩm Xuyên"


def test_several_authors_on_a_dated_line():
    byline, date_line = parse_dated_byline("Thu Hà - Minh Đức - 12/03/2026")
    assert byline.names == ["Thu Hà", "Minh Đức"] and date_line.date.isoformat() == "2026-03-12"


def test_caps_authors_at_the_end_of_a_newspaper_article(run):
    result = run("bao_caps_two_authors.txt")
    assert result.author == "Thanh Tùng, Hải Yến"
    contract = result.to_contract()
    assert contract["author"] == "Thanh Tùng, Hải Yến"
    assert contract["authors"] == ["Thanh Tùng", "Hải Yến"]
    assert "THANH TÙNG" not in result.body and "Tùng" not in " ".join(result.captions)


def test_authors_under_the_headline(run):
    result = run("bao_byline_under_title.txt")
    assert result.authors == ["Minh Anh", "Quốc Bảo"]
    assert result.title == "Xã Mỹ Thọ vận động Nhân dân hiến đất làm đường liên ấp"
    assert "MINH ANH" not in result.body
    assert result.body_paragraphs[0].startswith("(BĐT) - Những năm qua")


def test_army_site_bai_anh_two_authors_old_tones(run):
    result = run("quandoi_bai_anh_old_tones.txt")
    assert result.authors == ["Lan Anh", "Hoàng Nam"]
    assert "Bài, ảnh" not in result.body


# -- initials and anonymous signatures ------------------------------------------------------


@pytest.mark.parametrize("line", ["H.L", "T.H.", "N.V.A", "T. Hà", "PV", "CTV", "Nhóm PV"])
def test_initials_and_newsroom_signatures_are_kept_as_written(line):
    assert authors(line) == [line]


def test_initials_at_the_end_then_the_site_footer(run):
    result = run("mttq_initials_footer.txt")
    assert result.author == "H.L"
    # the "Ban Biên tập ..." footer is neither the author nor part of the article
    assert "Ban Biên tập" not in result.body and result.body.endswith("hộ gia đình.")


def test_initials_with_a_trailing_dot(run):
    result = run("congan_initials_th_dot.txt")
    assert result.to_contract()["author"] == "T.H."
    assert result.body_paragraphs[-1].endswith("trong thời gian tới.")


def test_group_of_reporters(run):
    result = run("quandoi_nhom_pv.txt")
    assert result.authors == ["Nhóm PV"]
    assert "Nhóm PV" not in result.body


# -- "Tin, ảnh:", sources, photo credits ----------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Tin, ảnh: Minh Đức",
        "Tin và ảnh: Minh Đức",
        "Bài và ảnh: Minh Đức",
        "TIN, ẢNH: MINH ĐỨC",
        "Tin: Minh Đức; ảnh: Hoàng Nam",
        "Bài: Minh Đức - Ảnh: Hoàng Nam",
        "Minh Đức (Ảnh: Hoàng Nam)",
        "Minh Đức Ảnh: Hoàng Nam",
    ],
)
def test_the_author_is_the_writer_not_the_photographer(line):
    assert authors(line) == ["Minh Đức"]


def test_police_site_tin_anh_with_an_eth(run):
    result = run("congan_tin_anh.txt")
    assert result.authors == ["Minh Đức"]  # written "Minh Ðức" (U+00D0)


def test_byline_then_photo_credit_line_nfd(run):
    result = run("xa_authors_then_photo_nfd.txt")
    assert result.authors == ["Thu Hà", "Minh Đức"]
    assert "Hoàng Nam" not in (result.author or "")
    assert "Ảnh: Hoàng Nam" not in result.body
    assert unicodedata.is_normalized("NFC", result.author)


def test_byline_and_photo_credit_in_two_paragraphs(gazetteer):
    text = read_text(SAMPLES / "xa_authors_then_photo_nfd.txt")
    spaced = text.replace("Ảnh: Hoàng Nam", "\nẢnh: Hoàng Nam")
    assert spaced != text
    result = extract(spaced, source="spaced.txt", gazetteer=gazetteer)
    assert result.authors == ["Thu Hà", "Minh Đức"]


def test_a_source_is_kept_as_the_source(run):
    result = run("bao_theo_source.txt")
    assert result.byline.is_source and result.authors == ["Báo Nghệ An"]


@pytest.mark.parametrize(
    "line",
    ["Ảnh: CTV Hải Yến", "Ảnh: Hoàng Nam", "Ảnh: Internet", "Ảnh minh họa", "(Ảnh: TTXVN)"],
)
def test_a_photo_credit_alone_is_not_a_byline(line):
    assert parse_byline(line) is None


def test_a_photo_credit_alone_at_the_end_is_not_the_author(run):
    result = run("tinhuy_photo_credit_only.txt")
    assert result.author is None and result.to_contract()["authors"] == []
    assert "no_author" in result.review_reasons


def test_a_photo_credit_of_a_named_photographer_is_not_the_author(gazetteer):
    text = read_text(SAMPLES / "tinhuy_photo_credit_only.txt").replace("CTV Hải Yến", "Hải Yến")
    result = extract(text, source="credit.txt", gazetteer=gazetteer)
    assert result.author is None


def test_illustration_caption_last_is_not_the_author(run):
    result = run("phuong_anh_minh_hoa_last.txt")
    assert result.author is None
    assert result.to_contract()["author"] is None


# -- negatives: body sentences, captions, titles, footers ----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Hội nghị kết thúc thành công tốt đẹp.",
        "Đồng chí Lê Thị Mai phát biểu tại hội nghị",
        "Quang cảnh hội nghị",
        "Các đại biểu dự lễ ra mắt mô hình",
        "Chủ tịch UBND xã Nguyễn Văn Bình",
        "CHỦ TỊCH UBND XÃ",
        "PHÓ CHỦ TỊCH",
        "Trần Văn Nam - Chủ tịch UBND phường Thủ Dầu Một",
        "Nguyễn Văn An, Bí thư Đảng ủy xã",
        "Thượng tá Hoàng Văn Phúc",
        "Ban Biên tập Cổng thông tin điện tử xã Đông Hòa",
        "BAN BIÊN TẬP",
        "BBT",
        "Tòa soạn",
    ],
)
def test_not_a_byline(line):
    assert parse_byline(line) is None


@pytest.mark.parametrize(
    "line", ["Ban Biên tập Cổng thông tin điện tử xã Đông Hòa", "Ban Biên tập Trang tin xã"]
)
def test_the_site_footer_is_not_an_organization_byline(line):
    assert parse_org_byline(line) is None


def test_organization_bylines_still_count():
    assert parse_org_byline("Ban Tuyên giáo - Đối ngoại").name == "Ban Tuyên giáo - Đối ngoại"


def test_name_and_title_caption_last_is_not_the_author(run):
    result = run("phuong_title_name_caption.txt")
    assert result.author is None and result.byline is None


@pytest.mark.parametrize(
    "name",
    [
        "bao_caps_two_authors.txt",
        "congan_tin_anh.txt",
        "xa_authors_then_photo_nfd.txt",
        "quandoi_bai_anh_old_tones.txt",
        "mttq_initials_footer.txt",
    ],
)
def test_caption_is_not_taken_for_the_byline(run, name):
    result = run(name)
    for caption in result.captions:
        assert not any(author in caption for author in result.authors), caption


def test_a_province_signed_after_the_authors_is_not_an_author(gazetteer):
    text = read_text(SAMPLES / "bao_caps_two_authors.txt")
    signed = text.replace("THANH TÙNG - HẢI YẾN", "THANH TÙNG - HÀ NỘI")
    assert signed != text
    result = extract(signed, source="signed.txt", gazetteer=gazetteer)
    assert result.authors == ["Thanh Tùng"]


@pytest.mark.parametrize(
    "line",
    [
        "Ông Nguyễn Văn Tư, Ấp Mỹ Phú",  # a caption under a resident's portrait
        "Bà Lê Thị Hoa - Thôn Tân Định",
        "ĐỒNG CHÍ NGUYỄN VĂN AN",
        "THỜI SỰ - CHÍNH TRỊ",  # a section label under the headline
        "Kinh Tế, Xã Hội",
    ],
)
def test_people_places_and_sections_are_not_authors(line):
    assert parse_byline(line) is None


def test_a_section_label_under_the_headline_is_not_the_author(gazetteer):
    text = read_text(SAMPLES / "bao_byline_under_title.txt")
    labelled = text.replace("MINH ANH - QUỐC BẢO", "THỜI SỰ - CHÍNH TRỊ")
    assert labelled != text
    assert extract(labelled, source="labelled.txt", gazetteer=gazetteer).author is None
