"""Localities in the text, round two (issue 10): parents in parentheses, abbreviated prefixes,
several qualified places as mentions, the organizer's and the portal's locality.

samples_r2/localities/ holds pages written for these tests in the genre (a provincial Party
newspaper, a Tỉnh ủy portal and a Ban Dân vận site, a city police site, the army newspaper, a
Mặt trận site, a ward portal in NFD with old tone marks and "Ð" U+00D0), both eras.
samples_r2/localities/manifest.csv (``file,url``) gives each page's URL. Units and codes below
are those of articles/data/localities.json (codes of ``locality_era``, unique within an era).
"""

import csv
import datetime as dt
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.extraction import Gazetteer, extract, extract_file
from articles.extraction.gazetteer import DEFAULT_PATH
from articles.extraction.localities import resolve_localities, scan_places

SAMPLES = Path(__file__).resolve().parent / "samples_r2" / "localities"
LEGACY, CURRENT = "legacy", "2025"


@dataclass(frozen=True)
class Case:
    file: str
    what: str
    province: str | None
    district: str | None
    commune: str | None
    codes: tuple[str | None, str | None, str | None]  # province, district, commune
    era: str
    mentioned: tuple[tuple[str, str], ...] = ()  # (name, code) the text names in passing
    not_places: tuple[str, ...] = ()  # names the text gives that are no place

    def __str__(self):
        return self.file


CASES = [
    Case(
        "bao_ap_bac_2024_models_in_four_communes.txt",
        "a provincial body's meeting; four communes each qualified by its district "
        "('xã Thạnh Mỹ (h. Tân Phước)': four legacy communes are named Thạnh Mỹ) are mentions; "
        "'Ảnh: H. Vinh', 'Ảnh: P. Thanh Hà' are photographers",
        "Tiền Giang", None, None, ("82", None, None), LEGACY,
        (("Mỹ Phong", "28288"), ("Long Bình", "28687"), ("Phước Lập", "28357"),
         ("Thạnh Mỹ", "28330"), ("Tân Phước", "818"), ("Gò Công Tây", "823")),
        ("Vinh", "Thanh Hà"),
    ),
    Case(
        "tinh_uy_dong_thap_2025_organizer_commune.txt",
        "2025: 'Đảng ủy xã Tân Thạnh tổ chức hội nghị' with the wards Mỹ Phong and Long Bình "
        "in the same lead: the organizer's commune is the report's (four communes are named "
        "Tân Thạnh; the portal is the province's)",
        "Đồng Tháp", None, "Tân Thạnh", ("82", None, "30157"), CURRENT,
        (("Mỹ Phong", "28273"), ("Long Bình", "28687")),
    ),
    Case(
        "cong_an_tphcm_2024_ward_of_a_numbered_district.txt",
        "'Công an P.3 (Q.3, TP.HCM)': five wards of the city are Phường 3, 'Q.3' settles it; "
        "'Q.Trưởng' is an acting chief, 'Ảnh: Q. Thảo' a photographer",
        "Hồ Chí Minh", "Quận 3", "Phường 3", ("79", "770", "27154"), LEGACY,
        (("Thủ Đức", "769"),),
        ("Trưởng", "Thảo"),
    ),
    Case(
        "qdnd_2023_lowercase_abbreviations.txt",
        "army newspaper: 'x. Thạnh Mỹ (h. Tân Phước, Tiền Giang)' in lower case; 'Ảnh: H. Vinh'",
        "Tiền Giang", "Tân Phước", "Thạnh Mỹ", ("82", "818", "28330"), LEGACY,
        (), ("Vinh",),
    ),
    Case(
        "mttq_long_an_2024_numbered_ward_in_a_city.txt",
        "'Ủy ban MTTQ Việt Nam Phường 3 (TP.Tân An)': twenty legacy wards are Phường 3",
        "Long An", "Tân An", "Phường 3", ("80", "794", "27697"), LEGACY,
    ),
    Case(
        "phuong_my_phong_2025_nfd_old_tones_eth.txt",
        "ward portal in NFD, 'Ð' for 'Đ', old tones, 'P.\\u00a0Mỹ Phong'; the communes it "
        "learnt from are qualified by their provinces: mentions",
        "Đồng Tháp", None, "Mỹ Phong", ("82", None, "28273"), CURRENT,
        (("Tân Thạnh", "27826"), ("Thạnh Mỹ", "20695")),
    ),
    Case(
        "tinh_uy_tay_ninh_2026_three_communes_qualified.txt",
        "2026, a Ban Dân vận Tỉnh ủy report: three communes qualified by their former districts "
        "(one in the lead) are mentions, the report is the province's",
        "Tây Ninh", None, None, ("80", None, None), CURRENT,
        (("Tân Lập", "25489"), ("Tân Long", "28072"), ("Hiệp Hòa", "27952")),
    ),
    Case(
        "bao_ha_tinh_2024_initials_in_credits.txt",
        "a district's report whose credits are initials: 'Theo X. Thắng', 'Ảnh: H. Vinh', "
        "'Ảnh: P. Thanh Hà', 'Q. Lâm - P. Thanh Hà' name people, not a thị trấn, a city, a "
        "district",
        "Hà Tĩnh", "Cẩm Xuyên", None, ("42", "446", None), LEGACY,
        (("Cẩm Thành", "18694"),),
        ("Thắng", "Vinh", "Thanh Hà", "Lâm"),
    ),
]  # fmt: skip


def read_manifest() -> dict[str, str]:
    with (SAMPLES / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["url"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.from_file(DEFAULT_PATH)


@pytest.fixture(scope="module")
def extracted(gaz):
    urls = read_manifest()
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = extract_file(SAMPLES / name, source_url=urls.get(name), gazetteer=gaz)
        return cache[name]

    return get


# --------------------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------------------


def test_the_corpus_has_its_files_its_urls_and_its_encodings():
    files = sorted(p.name for p in SAMPLES.glob("*.txt"))
    assert files == sorted(c.file for c in CASES) and len(files) >= 6
    assert set(read_manifest()) == set(files)
    raw = (SAMPLES / "phuong_my_phong_2025_nfd_old_tones_eth.txt").read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFD", raw) and not unicodedata.is_normalized("NFC", raw)
    assert "\u00d0" in raw and "\u00a0" in raw and "hoa\u0300" in raw  # "hoà", old placement


# --------------------------------------------------------------------------------------
# The articles
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
def test_the_report_s_own_units(extracted, case):
    result = extracted(case.file)
    contract = result.to_contract()
    assert (contract["province"], contract["district"], contract["commune"]) == (
        case.province,
        case.district,
        case.commune,
    ), case.what
    assert (result.province_code, result.district_code, result.commune_code) == case.codes
    assert result.locality_era == case.era


@pytest.mark.parametrize("case", [c for c in CASES if c.mentioned], ids=str)
def test_places_named_in_passing_are_mentions_resolved_by_their_parents(extracted, case):
    mentions = {(m.name, m.code) for m in extracted(case.file).locality_mentions}
    assert set(case.mentioned) <= mentions, case.what


@pytest.mark.parametrize("case", [c for c in CASES if c.not_places], ids=str)
def test_initials_and_titles_name_no_place(extracted, case):
    names = {m.name for m in extracted(case.file).locality_mentions}
    assert names.isdisjoint(case.not_places), case.what


# --------------------------------------------------------------------------------------
# Abbreviated prefixes
# --------------------------------------------------------------------------------------


def found(gaz, text):
    return [(h.level, h.text) for h in scan_places(text, gaz)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("đoàn về H. Tân Phước làm việc", ("district", "Tân Phước")),
        ("đoàn về H.Tân Phước làm việc", ("district", "Tân Phước")),
        ("đoàn về h. Tân Phước làm việc", ("district", "Tân Phước")),
        ("đoàn về h.Tân Phước làm việc", ("district", "Tân Phước")),
        ("người dân x. Thạnh Mỹ thu hoạch lúa", ("commune", "Thạnh Mỹ")),
        ("Công an Q.3 ra quân", ("district", "Quận 3")),
        ("Công an Q. 3 ra quân", ("district", "Quận 3")),
        ("Công an q.Gò Vấp ra quân", ("district", "Gò Vấp")),
        ("Công an Q. Gò Vấp ra quân", ("district", "Gò Vấp")),
        ("Công an P.3 ra quân", ("commune", "Phường 3")),
        ("Công an p. Tân Định ra quân", ("commune", "Tân Định")),
        ("tại Tt. Chợ Chùa", ("commune", "Chợ Chùa")),
        ("tại tt.Chợ Chùa", ("commune", "Chợ Chùa")),
        ("tại tx. Nghi Sơn", ("district", "Nghi Sơn")),
        ("tại Tx.Nghi Sơn", ("district", "Nghi Sơn")),
        ("tại tp.Vinh", ("district", "Vinh")),
        ("tại Tp Vinh", ("district", "Vinh")),
        ("Công an Tp.HCM ra quân", ("province", "Tp.HCM")),
        ("Công an Tp. HCM ra quân", ("province", "Tp. HCM")),
        ("Công an TP.HCM ra quân", ("province", "TP.HCM")),
        ("Công an Tp. Hồ Chí Minh ra quân", ("city", "Hồ Chí Minh")),
        ("Công an P.\u00a0Tân Định ra quân", ("commune", "Tân Định")),
    ],
)
def test_abbreviated_prefixes_in_every_case_and_spacing(gaz, text, expected):
    assert expected in found(gaz, text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Quang cảnh hội nghị. Ảnh: H. Vinh", "Vinh"),  # a photographer, not the city
        ("Các tập thể nhận giấy khen. Ảnh: P. Thanh Hà", "Thanh Hà"),
        ("Bài, ảnh: P. Thanh Hà", "Thanh Hà"),
        ("Tin và ảnh: X. Thắng", "Thắng"),
        ("Theo X. Thắng, cộng tác viên của Ban Dân vận, toàn huyện có 215 mô hình", "Thắng"),
        ("Đồng chí H. Vinh, cán bộ Ban Dân vận, trình bày tham luận", "Vinh"),
        ("Anh X. Thắng chia sẻ kinh nghiệm nuôi bò", "Thắng"),
        ("Theo phóng viên H. Vinh, nhiều hộ đã hiến đất", "Vinh"),
        ("Nội dung bài viết.\nQ. Lâm - P. Thanh Hà\n", "Thanh Hà"),  # a byline line
        ("Nội dung bài viết.\nH. Vinh\n", "Vinh"),
        ("Thượng tá Lê Văn Hải, Q.Trưởng Công an phường phát biểu", "Trưởng"),
        ("Hội nghị bắt đầu lúc 8 h. Vinh là điểm cầu đầu tiên phát biểu", "Vinh"),  # an hour
        ("Đồng chí Lê Văn Hải, TP. Tổ chức - Cán bộ Công an tỉnh", "Tổ chức"),
    ],
)
def test_initials_hours_and_titles_are_no_abbreviated_place(gaz, text, name):
    assert name not in [found_name for _, found_name in found(gaz, text)]


def test_an_abbreviation_inside_a_sentence_still_names_a_place_after_an_initial_elsewhere(gaz):
    text = "Ảnh: H. Vinh. Đoàn về H. Tân Phước làm việc."
    assert found(gaz, text) == [("district", "Tân Phước")]


# --------------------------------------------------------------------------------------
# Parents in parentheses
# --------------------------------------------------------------------------------------


def resolve(gaz, text, day, **kwargs):
    return resolve_localities([(text, 3.0)], gaz, text, day=dt.date.fromisoformat(day), **kwargs)


@pytest.mark.parametrize(
    "text, day, codes",
    [
        # four legacy communes are Thạnh Mỹ; three provinces' districts are not Tân Phước
        ("Dân quân giúp dân xã Thạnh Mỹ (H. Tân Phước, tỉnh Tiền Giang).", "2023-09-20",
         ("82", "818", "28330")),
        ("Dân quân giúp dân x. Thạnh Mỹ (h.Tân Phước, Tiền Giang).", "2023-09-20",
         ("82", "818", "28330")),
        # the district's parenthesis closes before the province
        ("Dân quân giúp dân xã Thạnh Mỹ (huyện Tân Phước) tỉnh Tiền Giang.", "2023-09-20",
         ("82", "818", "28330")),
        ("Ngày hội ở Phường 3 (TP. Tân An) thu hút người dân.", "2024-11-11",
         ("80", "794", "27697")),
        ("Ngày hội ở phường 3 (Q.3, TP.HCM) thu hút người dân.", "2024-11-11",
         ("79", "770", "27154")),
        ("Đoàn đến thăm xã Hải Nhân (TX.Nghi Sơn, Thanh Hoá).", "2023-05-02",
         ("38", "407", "16612")),
        # 2025: four communes are Tân Thạnh, the province says which
        ("Hội nghị tại xã Tân Thạnh (tỉnh Tây Ninh) đã diễn ra.", "2025-10-20",
         ("80", None, "27826")),
        ("Hội nghị tại xã Tân Thạnh (Đồng Tháp) đã diễn ra.", "2025-10-20",
         ("82", None, "30157")),
    ],
)  # fmt: skip
def test_parents_in_parentheses_settle_an_ambiguous_name(gaz, text, day, codes):
    result = resolve(gaz, text, day)
    found_codes = tuple(
        unit.code if unit else None for unit in (result.province, result.district, result.commune)
    )
    assert found_codes == codes


@pytest.mark.parametrize(
    "text",
    [
        "xã Thạnh Mỹ (huyện Tân Phước) tỉnh Tiền Giang",
        "xã Thạnh Mỹ (huyện Tân Phước), tỉnh Tiền Giang",
        "xã Thạnh Mỹ (huyện Tân Phước) (tỉnh Tiền Giang)",
        "xã Thạnh Mỹ (H. Tân Phước cũ), tỉnh Tiền Giang",  # 2025 and after: a former district
        "xã Thạnh Mỹ (huyện Tân Phước (cũ), tỉnh Tiền Giang)",
    ],
)
def test_a_closed_parenthesis_still_leads_to_the_next_parent(gaz, text):
    hit = scan_places(text, gaz)[0]
    assert [parent.text for parent in hit.parents] == ["Tân Phước", "Tiền Giang"]


def test_a_list_of_names_is_no_chain_of_parents(gaz):
    # "Tân Phước" is also a district of Tiền Giang; here it is the second commune of a list
    text = "trên cơ sở sáp nhập các xã Tân Hộ Cơ, Tân Phước của huyện Tân Hồng (cũ)"
    hit = scan_places(text, gaz)[0]
    assert (hit.text, hit.parents) == ("Tân Hộ Cơ", [])


def test_a_district_written_with_its_word_after_a_comma_is_a_parent(gaz):
    hit = scan_places("tại phường Tân Định, Quận 1, TP. Hồ Chí Minh", gaz)[0]
    assert [parent.text for parent in hit.parents] == ["Quận 1", "Hồ Chí Minh"]


def test_a_parenthesis_closed_at_the_end_of_a_line_leads_nowhere(gaz):
    hit = scan_places("xã Thạnh Mỹ (huyện Tân Phước)\nTiền Giang đón đoàn", gaz)[0]
    assert [parent.text for parent in hit.parents] == ["Tân Phước"]


def test_a_name_none_of_whose_units_lies_in_its_parents_is_kept_as_a_mention(gaz):
    # no xã Tân Thạnh in huyện Tân Phước: the name is not dropped, nor placed elsewhere
    result = resolve(gaz, "Đoàn thăm xã Tân Thạnh (H. Tân Phước, tỉnh Tiền Giang).", "2023-05-02")
    (mention,) = [m for m in result.mentions if m.name == "Tân Thạnh"]
    assert (mention.kind, mention.province, mention.code) == ("commune", "Tiền Giang", None)
    assert result.commune is None


def test_two_communes_of_one_name_in_two_provinces_are_two_mentions(gaz):
    text = "Đoàn thăm xã Tân Thạnh (tỉnh Tây Ninh) và xã Tân Thạnh (tỉnh Đồng Tháp)."
    result = resolve(gaz, text, "2025-10-20")
    mentions = {(m.province, m.code) for m in result.mentions if m.name == "Tân Thạnh"}
    assert mentions == {("Tây Ninh", "27826"), ("Đồng Tháp", "30157")}
    assert result.commune is None


# --------------------------------------------------------------------------------------
# Several qualified places are mentions; the organizer's unit is the report's
# --------------------------------------------------------------------------------------

TWO_QUALIFIED = (
    "Mô hình của xã Thạnh Mỹ (H. Tân Phước) được nhân rộng. Xã Long Bình (H. Gò Công Tây) "
    "cũng làm theo."
)
LEAD_QUALIFIED = "Mô hình của xã Thạnh Mỹ (H. Tân Phước) được nhân rộng ra toàn tỉnh."
BODY_QUALIFIED = "Xã Long Bình (H. Gò Công Tây) và xã Phước Lập (H. Tân Phước) cũng làm theo."


def test_several_qualified_units_are_not_the_report_s_units(gaz):
    # the first one is in the lead (weight 3), the others in the body: still only mentions
    result = resolve_localities(
        [("Tiền Giang biểu dương mô hình dân vận khéo", 4.0), (LEAD_QUALIFIED, 3.0),
         (BODY_QUALIFIED, 1.0)],
        gaz, BODY_QUALIFIED, day=dt.date(2024, 6, 14),
    )  # fmt: skip
    assert (result.province.name, result.district, result.commune) == ("Tiền Giang", None, None)
    assert {m.code for m in result.mentions} >= {"28330", "28687", "28357", "818", "823"}


def test_one_qualified_unit_stays_the_report_s_unit(gaz):
    text = "Mô hình của xã Thạnh Mỹ (H. Tân Phước, tỉnh Tiền Giang) được nhân rộng."
    result = resolve(gaz, text, "2024-06-14")
    assert (result.district.code, result.commune.code) == ("818", "28330")


def test_a_qualified_unit_the_headline_names_is_the_subject(gaz):
    lead = TWO_QUALIFIED
    result = resolve_localities(
        [("Xã Thạnh Mỹ nhân rộng mô hình dân vận khéo", 4.0), (lead, 3.0)],
        gaz, lead, day=dt.date(2024, 6, 14),
    )  # fmt: skip
    assert (result.district.code, result.commune.code) == ("818", "28330")


def test_a_qualified_unit_named_again_is_the_subject(gaz):
    lead = TWO_QUALIFIED + " Bí thư Đảng ủy xã Thạnh Mỹ cho biết mô hình có 40 hộ tham gia."
    result = resolve(gaz, lead, "2024-06-14")
    assert (result.district.code, result.commune.code) == ("818", "28330")


def test_the_organizer_s_commune_is_the_report_s(gaz):
    lead = (
        "Chiều 20/10, Đảng ủy xã Tân Thạnh tổ chức hội nghị đối thoại, với sự tham dự của "
        "đại diện Đảng ủy phường Mỹ Phong và xã Long Bình."
    )
    sources = [("Cổng thông tin điện tử Đảng bộ tỉnh Đồng Tháp", 6.0), (lead, 3.0)]
    day = dt.date(2025, 10, 21)
    without = resolve_localities(sources, gaz, lead, day=day)
    assert without.commune is None  # three communes, one sentence: no evidence which
    organized = resolve_localities(sources, gaz, lead, day=day, organizer="Đảng ủy xã Tân Thạnh")
    assert (organized.province.code, organized.commune.code) == ("82", "30157")


ABBREVIATED_ORGANIZER = """CÔNG AN THÀNH PHỐ HỒ CHÍ MINH
Đối thoại với Nhân dân về trật tự đô thị năm 2024

Ngày đăng: 06/03/2024 | 09:00

Sáng 5/3, UBND P. Tân Định tổ chức hội nghị đối thoại với Nhân dân, với sự tham dự của \
đại diện phường Võ Thị Sáu và phường Đa Kao.

Hơn 100 hộ kinh doanh đã tham dự và nêu ý kiến về việc sắp xếp vỉa hè.
"""


def test_an_organizer_written_with_an_abbreviation_gives_its_unit(gaz):
    # the organizer's clause stops at the dot of "P.": its unit is still "P. Tân Định"
    result = extract(ABBREVIATED_ORGANIZER, source="organizer.txt", gazetteer=gaz)
    assert (result.district_code, result.commune_code) == ("760", "26734")


PORTAL_NAMING_OTHERS = """Tin tức - Sự kiện
Học tập kinh nghiệm chuyển đổi số ở cơ sở

Ngày đăng: 04/11/2025 | 08:30

Ngày 3/11, đoàn công tác của Đảng ủy, UBND xã đến học tập kinh nghiệm chuyển đổi số tại \
phường Mỹ Phong (tỉnh Đồng Tháp) và xã Tân Long (tỉnh Tây Ninh).

Tại các địa phương, đoàn được giới thiệu cách tổ chức Tổ công nghệ số cộng đồng.
"""


def test_places_of_several_provinces_named_in_passing_leave_the_portal_s_unit(gaz):
    url = "https://longbinh.dongthap.gov.vn/tin-tuc/hoc-tap-kinh-nghiem-chuyen-doi-so-123.html"
    result = extract(PORTAL_NAMING_OTHERS, source="portal.txt", gazetteer=gaz, source_url=url)
    assert (result.province_code, result.commune_code) == ("82", "28687")
    assert {(m.name, m.code) for m in result.locality_mentions} >= {
        ("Mỹ Phong", "28273"),
        ("Tân Long", "28072"),
    }


def test_without_its_portal_such_a_page_has_no_place_of_its_own(gaz):
    result = extract(PORTAL_NAMING_OTHERS, source="portal.txt", gazetteer=gaz)
    assert (result.province, result.commune) == (None, None)
