"""Communes of both eras, former districts, the article's era and the source URL (issue 7).

Most tests use a small gazetteer of the same shape as localities.json (the codes of the
real file, a handful of units), so that each rule is seen in isolation; the last ones run
on the real file when it exists.
"""

import datetime as dt

import pytest

from articles.extraction import Gazetteer, extract, extract_file
from articles.extraction.decoding import page_url
from articles.extraction.gazetteer import DEFAULT_PATH
from articles.extraction.localities import host_hint, scan_places

LOCALITIES = {
    "source": "test fixture",
    "reform_day": "2025-07-01",
    "provinces_2025": [
        {"code": "08", "name": "Tuyên Quang", "kind": "tinh"},
        {"code": "46", "name": "Huế", "kind": "thanh-pho-tw"},
        {"code": "82", "name": "Đồng Tháp", "kind": "tinh"},
        {"code": "91", "name": "An Giang", "kind": "tinh"},
    ],
    "provinces_legacy": [
        {"code": "02", "name": "Hà Giang", "kind": "tinh", "successor": "08"},
        {"code": "46", "name": "Thừa Thiên Huế", "kind": "tinh", "successor": "46"},
        {"code": "82", "name": "Tiền Giang", "kind": "tinh", "successor": "82"},
        {"code": "87", "name": "Đồng Tháp", "kind": "tinh", "successor": "82"},
        {"code": "89", "name": "An Giang", "kind": "tinh", "successor": "91"},
        {"code": "91", "name": "Kiên Giang", "kind": "tinh", "successor": "91"},
    ],
    "districts_legacy": [
        {"code": "035", "name": "Quang Bình", "kind": "huyen", "province": "02", "successor": "08"},
        {
            "code": "482",
            "name": "Phú Lộc",
            "kind": "huyen",
            "province": "46",
            "successor": "46",
            "successor_communes": ["20190", "20200"],
        },
        {
            "code": "h-482",
            "name": "Nam Đông",
            "kind": "huyen",
            "province": "46",
            "successor": "46",
            "valid_to": "2025-01-01",
            "merged_into": ["482"],
            "resolution": "1314/NQ-UBTVQH15",
        },
        {"code": "821", "name": "Châu Thành", "kind": "huyen", "province": "82", "successor": "82"},
        {
            "code": "869",
            "name": "Tân Hồng",
            "kind": "huyen",
            "province": "87",
            "successor": "82",
            "successor_communes": ["29926"],
        },
        {
            "code": "904",
            "name": "Tân Hiệp",
            "kind": "huyen",
            "province": "91",
            "successor": "91",
            "successor_communes": ["30850", "30866"],
        },
        {"code": "905", "name": "Châu Thành", "kind": "huyen", "province": "91", "successor": "91"},
    ],
    "communes_2025": [
        {"code": "20190", "name": "Nam Đông", "kind": "xa", "province": "46"},
        {"code": "20200", "name": "Lộc An", "kind": "xa", "province": "46"},
        {"code": "28500", "name": "Tân Phước", "kind": "xa", "province": "82"},
        {"code": "29926", "name": "Tân Hồng", "kind": "xa", "province": "82"},
        {"code": "30850", "name": "Tân Hiệp", "kind": "xa", "province": "91"},
        {"code": "30866", "name": "Thạnh Đông", "kind": "xa", "province": "91"},
        {"code": "31000", "name": "Phú Quốc", "kind": "dac-khu", "province": "91"},
    ],
    "communes_legacy": [
        {
            "code": "20188",
            "name": "Thượng Long",
            "kind": "xa",
            "district": "482",
            "successors": ["20190"],
        },
        {
            "code": "20199",
            "name": "Lộc An",
            "kind": "thi-tran",
            "district": "482",
            "successors": ["20200"],
        },
        {
            "code": "28000",
            "name": "Tân Hồng",
            "kind": "xa",
            "district": "821",
            "successors": ["28500"],
        },
        {
            "code": "29926",
            "name": "Sa Rài",
            "kind": "thi-tran",
            "district": "869",
            "successors": ["29926"],
        },
        {
            "code": "29929",
            "name": "Tân Hộ Cơ",
            "kind": "xa",
            "district": "869",
            "successors": ["29926"],
        },
        {
            "code": "30850",
            "name": "Tân Hiệp",
            "kind": "thi-tran",
            "district": "904",
            "successors": ["30850"],
            "former": ["thanhtri"],
        },
        {
            "code": "30865",
            "name": "Thạnh Đông",
            "kind": "xa",
            "district": "904",
            "successors": ["30866"],
        },
        {
            "code": "30870",
            "name": "Thạnh Đông",
            "kind": "xa",
            "district": "905",
            "successors": ["30866"],
        },
        {
            "code": "30880",
            "name": "Phường 3",
            "kind": "phuong",
            "district": "905",
            "successors": ["30850"],
        },
    ],
    "aliases": {"legacy:46": ["Thừa Thiên - Huế", "TT-Huế"]},
}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer(LOCALITIES)


def article(
    lead: str,
    *,
    title: str = "Ra mắt mô hình “Dân vận khéo”",
    date: str = "12/3/2023",
    rest: str = "Các đại biểu thống nhất cao với dự thảo báo cáo.",
) -> str:
    dated = f"Thứ Hai, {date} 08:30\n" if date else ""
    return f"{title}\n{dated}{lead}\n\n{rest}\n\nNgọc Trâm"


def run(gaz, text, **kwargs):
    return extract(text, source="bai.txt", gazetteer=gaz, **kwargs)


# 1. Gazetteer -----------------------------------------------------------------------------


def test_gazetteer_loads_communes_of_both_eras_and_former_districts(gaz):
    assert len(gaz.communes) == 16
    nam_dong = gaz.district("h-482")
    assert nam_dong.valid_to == dt.date(2025, 1, 1)
    assert nam_dong.merged_into == ("482",)
    assert nam_dong.in_force(dt.date(2024, 12, 31))
    assert not nam_dong.in_force(dt.date(2025, 1, 1))
    assert gaz.reform_day == dt.date(2025, 7, 1)
    # a code means different units in the two eras
    assert gaz.commune("29926", "2025").name == "Tân Hồng"
    assert gaz.commune("29926", "legacy").name == "Sa Rài"


def test_commune_lookups_by_era_province_and_district(gaz):
    assert [c.code for c in gaz.find_communes("Thạnh Đông", era="2025")] == ["30866"]
    legacy = gaz.find_communes("xã Thạnh Đông", era="legacy")
    assert sorted(c.code for c in legacy) == ["30865", "30870"]
    assert [c.code for c in gaz.find_communes("Thạnh Đông", era="legacy", district="904")] == [
        "30865"
    ]
    assert [
        c.code for c in gaz.find_communes("thanh dong", era="legacy", district="huyện Tân Hiệp")
    ] == ["30865"]
    assert [c.code for c in gaz.find_communes("Tân Hồng", era="2025", province="Đồng Tháp")] == [
        "29926"
    ]
    assert gaz.find_communes("Tân Hồng", era="2025", province="An Giang") == []
    # a former district stands for the district that took its territory
    assert [c.code for c in gaz.find_communes("Thượng Long", era="legacy", district="h-482")] == [
        "20188"
    ]
    assert gaz.province_code_of(gaz.commune("30865", "legacy")) == "91"
    assert [c.code for c in gaz.communes_formerly_named("xã Thạnh Trị")] == ["30850"]


def test_small_fixture_without_communes_still_loads(small_gazetteer):
    assert small_gazetteer.communes == []
    assert small_gazetteer.communes_named("Tân Hiệp") == []
    assert small_gazetteer.reform_day == dt.date(2025, 7, 1)
    assert small_gazetteer.find_province("Hà Tĩnh").name == "Hà Tĩnh"


# 2. Communes in text ---------------------------------------------------------------------


def found(gaz, text):
    return [(h.level, h.text) for h in scan_places(text, gaz)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ủy ban MTTQ xã Tân Hiệp tổ chức", ("commune", "Tân Hiệp")),
        ("Thị trấn Sa Rài ra mắt mô hình", ("commune", "Sa Rài")),
        ("tại phường 3, đoàn đã", ("commune", "Phường 3")),
        ("đặc khu Phú Quốc đón đoàn", ("commune", "Phú Quốc")),
        ("tại P. 3 và", ("commune", "Phường 3")),
        ("TT.Sa Rài đón đoàn", ("commune", "Sa Rài")),
        ("đoàn về X. Tân Hộ Cơ làm việc", ("commune", "Tân Hộ Cơ")),
        ("đoàn về H. Tân Hồng làm việc", ("district", "Tân Hồng")),
        ("TX.Tân Hiệp", ("district", "Tân Hiệp")),
        ("Tp. Tân Hiệp", ("district", "Tân Hiệp")),
    ],
)
def test_communes_and_abbreviations_are_found_after_their_prefix(gaz, text, expected):
    assert expected in found(gaz, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ông Tân Hiệp phát biểu tại hội nghị.",  # a commune name without a prefix
        "Phú Quốc là điểm đến.",
        "x. tân hiệp",  # an abbreviation names no unit before a lower-case word
        "3 x. Tân Hiệp",  # nor after a number
        "ABP. Sa Rài",  # nor glued to a word before it
        "chính trị - xã hội tân hiệp",
    ],
)
def test_commune_names_are_never_taken_bare_or_after_a_stray_abbreviation(gaz, text):
    assert [level for level, _ in found(gaz, text) if level == "commune"] == []


# 3. Context ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lead",
    [
        "Sáng 12/3, Ủy ban MTTQ xã Thạnh Đông (huyện Tân Hiệp, tỉnh Kiên Giang) ra mắt mô hình.",
        "Sáng 12/3, Ủy ban MTTQ xã Thạnh Đông, huyện Tân Hiệp, tỉnh Kiên Giang ra mắt mô hình.",
    ],
)
def test_parent_in_parentheses_or_after_commas_settles_a_commune(gaz, lead):
    result = run(gaz, article(lead))
    assert (result.commune, result.commune_code) == ("Thạnh Đông", "30865")
    assert (result.district_code, result.province_code, result.locality_era) == (
        "904",
        "91",
        "legacy",
    )


def test_an_ambiguous_commune_is_settled_by_the_articles_province(gaz):
    text = article(
        "Sáng 12/3, Ủy ban MTTQ xã Thạnh Đông ra mắt mô hình.",
        title="Kiên Giang: huyện Tân Hiệp ra mắt mô hình “Dân vận khéo”",
    )
    result = run(gaz, text)
    assert (result.province, result.district, result.commune) == (
        "Kiên Giang",
        "Tân Hiệp",
        "Thạnh Đông",
    )
    assert result.commune_code == "30865"


def test_the_site_name_settles_a_commune(gaz):
    text = "ỦY BAN NHÂN DÂN XÃ TÂN HỒNG\n" + article(
        "Sáng 16/8, Ủy ban MTTQ Việt Nam xã tổ chức ra mắt mô hình.", date="18/08/2025"
    )
    result = run(gaz, text)
    assert (result.commune_code, result.province_code, result.locality_era) == (
        "29926",
        "82",
        "2025",
    )


def test_without_context_an_ambiguous_commune_stays_unresolved(gaz):
    result = run(gaz, article("Sáng 12/3, Ủy ban MTTQ xã Thạnh Đông ra mắt mô hình."))
    assert result.commune is None
    mention = next(m for m in result.locality_mentions if m.kind == "commune")
    assert (mention.name, mention.code) == ("Thạnh Đông", None)


# 4. Era ----------------------------------------------------------------------------------


def test_before_its_end_a_former_district_is_the_district_of_the_time(gaz):
    result = run(
        gaz,
        article(
            "Sáng 12/3, Huyện ủy Nam Đông tổ chức hội nghị.",
            title="Hội nghị dân vận huyện Nam Đông",
        ),
    )
    assert (result.district, result.district_code) == ("Nam Đông", "h-482")
    assert (result.province, result.province_code, result.locality_era) == (
        "Thừa Thiên Huế",
        "46",
        "legacy",
    )


def test_after_its_end_a_former_district_stands_for_the_district_it_joined(gaz):
    text = article(
        "Sáng 12/3, đoàn về huyện Nam Đông làm việc.",
        title="Hội nghị dân vận huyện Nam Đông",
        date="12/3/2025",
    )
    result = run(gaz, text)
    assert result.district_code == "482"
    assert any(m.code == "h-482" and m.era == "legacy" for m in result.locality_mentions)


def test_a_commune_of_an_absorbed_district_does_not_guess_its_district_of_the_time(gaz):
    # In 2023 Thượng Long may have been in Nam Đông, which Phú Lộc absorbed only in 2025.
    result = run(
        gaz,
        article(
            "Sáng 12/3, xã Thượng Long tổ chức hội nghị.", title="Xã Thượng Long ra mắt mô hình"
        ),
    )
    assert (result.commune_code, result.province_code) == ("20188", "46")
    assert result.district_code is None


def test_after_the_reform_the_current_units_are_used_and_the_commune_gives_the_province(gaz):
    text = article(
        "Sáng 16/8, Ủy ban MTTQ Việt Nam xã Tân Hồng tổ chức ra mắt mô hình.",
        title="Xã Tân Hồng ra mắt mô hình “Dân vận khéo”",
        date="18/08/2025",
        rest="Xã Tân Hồng (mới) gồm thị trấn Sa Rài và xã Tân Hộ Cơ của huyện Tân Hồng (cũ).",
    )
    result = run(gaz, text)
    assert result.locality_era == "2025"
    assert (result.province, result.province_code) == ("Đồng Tháp", "82")
    assert (result.commune, result.commune_code) == ("Tân Hồng", "29926")
    assert (result.district, result.district_code) == (None, None)
    former = {(m.name, m.kind): m for m in result.locality_mentions}
    assert former[("Tân Hồng", "district")].era == "legacy"
    assert former[("Sa Rài", "commune")].era == "legacy"


def test_after_the_reform_a_province_name_is_todays_province(gaz):
    result = run(
        gaz,
        article(
            "Sáng 16/8, Tỉnh ủy Đồng Tháp tổ chức hội nghị tại tỉnh Đồng Tháp.", date="18/08/2025"
        ),
    )
    assert (result.province_code, result.locality_era) == ("82", "2025")
    before = run(
        gaz,
        article(
            "Sáng 16/8, Tỉnh ủy Đồng Tháp tổ chức hội nghị tại tỉnh Đồng Tháp.", date="18/08/2024"
        ),
    )
    assert (before.province_code, before.locality_era) == ("87", "legacy")


def test_the_event_date_gives_the_era_when_there_is_no_publication_date(gaz):
    text = (
        "Xã Tân Hồng ra mắt mô hình “Dân vận khéo”\n"
        "Ngày 16/8/2025, Ủy ban MTTQ Việt Nam xã Tân Hồng tổ chức ra mắt mô hình.\n\n"
        "Các đại biểu thống nhất cao."
    )
    result = run(gaz, text)
    assert result.published_date is None and result.event_date == dt.date(2025, 8, 16)
    assert (result.locality_era, result.commune_code) == ("2025", "29926")


def test_an_undated_article_whose_eras_disagree_is_left_for_review(gaz):
    # xã Tân Hồng was in Tiền Giang before the reform and is in Đồng Tháp today.
    text = article(
        "Ủy ban MTTQ Việt Nam xã Tân Hồng tổ chức ra mắt mô hình.",
        date="",
        title="Xã Tân Hồng ra mắt mô hình",
    )
    result = run(gaz, text)
    assert result.published_date is None and result.event_date is None
    assert (result.province, result.commune, result.locality_era) == (None, None, None)
    assert "locality_era_unknown" in result.review_reasons
    assert any("01/7/2025" in warning for warning in result.warnings)


def test_an_undated_article_whose_eras_agree_is_resolved(gaz):
    text = article(
        "Ủy ban MTTQ xã Thạnh Đông (huyện Tân Hiệp, tỉnh Kiên Giang) ra mắt mô hình.", date=""
    )
    result = run(gaz, text)
    assert "locality_era_unknown" not in result.review_reasons
    assert (result.locality_era, result.province, result.commune_code) == (
        "legacy",
        "Kiên Giang",
        "30865",
    )


# 5. People are not places ----------------------------------------------------------------


def test_an_officials_name_is_never_a_place(gaz):
    text = article(
        "Sáng 12/3, đồng chí Lê Quang Bình, Chủ tịch UBND huyện phát biểu. "
        "Đồng chí Hà Giang Sơn, Phó Bí thư Huyện ủy, dự.",
        title="Hội nghị dân vận",
    )
    result = run(gaz, text)
    assert result.province is None
    assert {m.name for m in result.locality_mentions} == set()
    assert {o.name for o in result.officials} >= {"Lê Quang Bình", "Hà Giang Sơn"}


def test_a_place_after_an_administrative_word_is_still_a_place(gaz):
    result = run(
        gaz,
        article(
            "Sáng 12/3, Huyện ủy Quang Bình, tỉnh Hà Giang tổ chức hội nghị.",
            title="Hội nghị dân vận huyện Quang Bình",
        ),
    )
    assert (result.province, result.district) == ("Hà Giang", "Quang Bình")


# 6. Passing mentions ---------------------------------------------------------------------


def test_a_commune_named_in_passing_is_a_mention_not_the_locality(gaz):
    text = article(
        "Sáng 12/3, Huyện ủy Tân Hiệp, tỉnh Kiên Giang tổ chức hội nghị.",
        title="Huyện Tân Hiệp tổng kết công tác dân vận",
        rest="Trước đó, đoàn đã đến thăm mô hình ở xã Thạnh Đông.",
    )
    result = run(gaz, text)
    assert (result.district, result.commune) == ("Tân Hiệp", None)
    mention = next(m for m in result.locality_mentions if m.kind == "commune")
    assert (mention.name, mention.code, mention.era) == ("Thạnh Đông", "30865", "legacy")


def test_a_commune_in_the_headline_is_the_locality(gaz):
    text = article(
        "Sáng 12/3, Huyện ủy Tân Hiệp, tỉnh Kiên Giang tổ chức hội nghị.",
        title="Xã Thạnh Đông tổng kết công tác dân vận",
    )
    assert run(gaz, text).commune_code == "30865"


# 7. Source URL ---------------------------------------------------------------------------


def test_the_host_alone_decides_the_province_and_its_unit(gaz):
    text = article("Sáng 12/3, Ban Dân vận Huyện ủy tổ chức hội nghị.", title="Hội nghị dân vận")
    result = run(gaz, text, source_url="https://tanhiep.kiengiang.gov.vn/tin-tuc/123")
    assert result.source_url == "https://tanhiep.kiengiang.gov.vn/tin-tuc/123"
    assert (result.province, result.district, result.locality_era) == (
        "Kiên Giang",
        "Tân Hiệp",
        "legacy",
    )
    after = run(
        gaz,
        article("Sáng 12/8, Đảng ủy xã tổ chức hội nghị.", date="13/08/2025"),
        source_url="http://tanhong.dongthap.gov.vn/a",
    )
    assert (after.province_code, after.commune_code) == ("82", "29926")
    assert run(gaz, text).province is None  # the same text without the host


def test_the_host_never_outweighs_a_commune_the_text_names(gaz):
    text = article(
        "Sáng 16/8, Ủy ban MTTQ xã Tân Phước tổ chức hội nghị.",
        title="Xã Tân Phước ra mắt mô hình",
        date="18/08/2025",
    )
    result = run(gaz, text, source_url="https://tanhong.dongthap.gov.vn/a")
    assert (result.province_code, result.commune) == ("82", "Tân Phước")


def test_host_labels_match_folded_names_and_short_forms(gaz, small_gazetteer):
    hint = host_hint("https://mattran.kiengiang.gov.vn/x", gaz)
    assert [p.name for p in hint.provinces] == ["Kiên Giang"]
    assert [u.name for u in host_hint("https://xatanhiep.kiengiang.dcs.vn/", gaz).units] == [
        "Tân Hiệp"
    ] * 3
    assert {p.code for p in host_hint("https://hue.gov.vn/", gaz).provinces} == {"46"}
    assert {p.name for p in host_hint("https://tphcm.gov.vn/", small_gazetteer).provinces} == {
        "Hồ Chí Minh"
    }
    assert host_hint("https://example.com/a", gaz) is None
    assert host_hint(None, gaz) is None


PAGE = """<!doctype html><html><head>
<meta property="og:url" content="https://other.example.vn/og">
<link href="https://tanhiep.kiengiang.gov.vn/bai-viet/1" rel="canonical">
<title>Hội nghị</title></head><body>
<h1>Hội nghị dân vận</h1><p>Thứ Hai, 13/03/2023 08:30</p>
<p>Sáng 12/3, Ban Dân vận Huyện ủy tổ chức hội nghị tổng kết.</p>
<p>Các đại biểu thống nhất cao.</p></body></html>"""


def test_an_html_page_gives_its_canonical_address_else_its_og_url(gaz, tmp_path):
    assert page_url(PAGE) == "https://tanhiep.kiengiang.gov.vn/bai-viet/1"
    og_only = PAGE.replace('rel="canonical"', 'rel="alternate"')
    assert page_url(og_only) == "https://other.example.vn/og"
    relative = og_only.replace("https://other.example.vn/og", "/og")
    assert page_url(relative) is None
    assert page_url("Hội nghị <link rel=canonical href=https://a.vn/>") is None  # not a page
    path = tmp_path / "bai.html"
    path.write_text(PAGE, encoding="utf-8")
    result = extract_file(path, gazetteer=gaz)
    assert result.source_url == "https://tanhiep.kiengiang.gov.vn/bai-viet/1"
    assert (result.province, result.district) == ("Kiên Giang", "Tân Hiệp")
    given = extract_file(path, gazetteer=gaz, source_url="https://hatinh.gov.vn/x")
    assert given.source_url == "https://hatinh.gov.vn/x"


# 8. Contract -----------------------------------------------------------------------------


def test_contract_gains_commune_and_source_url(gaz):
    text = article(
        "Sáng 16/8, Ủy ban MTTQ Việt Nam xã Tân Hồng tổ chức ra mắt mô hình.",
        title="Xã Tân Hồng ra mắt mô hình",
        date="18/08/2025",
    )
    result = run(gaz, text, source_url="https://tanhong.dongthap.gov.vn/a")
    contract = result.to_contract()
    assert contract["commune"] == "Tân Hồng"
    assert contract["source_url"] == "https://tanhong.dongthap.gov.vn/a"
    assert (contract["province"], contract["district"]) == ("Đồng Tháp", None)
    mention = next(m for m in result.locality_mentions if m.kind == "commune")
    assert (mention.era, mention.province) == ("2025", "Đồng Tháp")


# The real file ---------------------------------------------------------------------------

real = pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="localities.json not generated")


@real
def test_real_nam_dong_in_2023_is_the_former_district_not_phu_loc(gazetteer):
    text = article(
        "Sáng 12/3, Ban Dân vận Huyện ủy Nam Đông tổ chức hội nghị.",
        title="Huyện Nam Đông tổng kết công tác dân vận",
    )
    result = extract(text, source="bai.txt", gazetteer=gazetteer)
    assert (result.district_code, result.province, result.locality_era) == (
        "h-482",
        "Thừa Thiên Huế",
        "legacy",
    )


@real
def test_real_person_named_like_a_district_yields_no_place(gazetteer):
    text = article(
        "Sáng 12/3, đồng chí Lê Quang Bình, Chủ tịch UBND huyện phát biểu. "
        "Ông Hà Nam Phong, Bí thư Đảng ủy xã, dự.",
        title="Hội nghị dân vận",
    )
    result = extract(text, source="bai.txt", gazetteer=gazetteer)
    assert not {m.name for m in result.locality_mentions} & {"Quang Bình", "Hà Nam"}


@real
def test_real_commune_after_the_reform(gazetteer):
    text = article(
        "Sáng 16/8, Ủy ban MTTQ Việt Nam xã Tân Hồng, tỉnh Đồng Tháp tổ chức hội nghị.",
        date="18/08/2025",
    )
    result = extract(text, source="bai.txt", gazetteer=gazetteer)
    assert (result.province, result.commune, result.locality_era) == (
        "Đồng Tháp",
        "Tân Hồng",
        "2025",
    )
    assert gazetteer.province_code_of(gazetteer.commune(result.commune_code, "2025")) == "82"
