"""Communes and the two-tier system of 1 July 2025: an independent corpus of sample articles.

Each file in samples_2025/ imitates one kind of portal (a commune or ward portal of 2025-2026,
a provincial Party newspaper, a Fatherland Front site, a police or Border Guard site, the
Ban Dân vận's magazine) and one difficulty of place: a commune named without its province,
a district dissolved before the reform, a person whose name is a district, a page whose only
evidence of place is its URL, abbreviations ("P.", "TT.", "X.", "H.", "TX.", "TP."), undated
pages, NFD text, old tone placement, non-breaking spaces, "Ð" (U+00D0) for "Đ".

samples_2025/manifest.csv (``file,url``) gives the URL of the pages it lists; HTML pages carry
their own in ``<link rel="canonical">`` or ``og:url``. The expectations are what a careful
editor would say, and every unit and code below is checked against articles/data/localities.json
(``test_expectations_agree_with_the_gazetteer``): names are the gazetteer's, without their
prefix; codes are those of ``locality_era``, since codes are unique only within an era.
"""

import csv
import json
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest

from articles.extraction import extract_file

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples_2025"
MANIFEST = SAMPLES / "manifest.csv"
LOCALITIES = ROOT / "articles" / "data" / "localities.json"

LEGACY, CURRENT = "legacy", "2025"


@dataclass(frozen=True)
class Case:
    file: str
    what: str
    province: str | None
    province_code: str | None
    district: str | None
    district_code: str | None
    commune: str | None
    commune_code: str | None
    era: str | None
    published_date: str | None
    source_url: str | None = None  # expected source_url; manifest rows must agree

    def __str__(self):
        return self.file


CASES = [
    Case(
        "xa_tan_an_2026_commune_portal.txt",
        "commune portal of 2026 naming 'xã Tân An' (ten communes of that name in 2025) and no "
        "province: the URL host tanan.nghean.gov.vn gives Nghệ An",
        "Nghệ An", "40", None, None, "Tân An", "17305", CURRENT, "2026-01-15",
        "https://tanan.nghean.gov.vn/tin-tuc-su-kien/"
        "xa-tan-an-ra-quan-dan-van-kheo-lam-sach-kenh-muong-noi-dong-dau-nam-2026-1578.html",
    ),
    Case(
        "nam_dong_2023_former_district.txt",
        "2023: huyện Nam Đông, merged into Phú Lộc on 1/1/2025; its communes sit under Phú Lộc "
        "in the gazetteer (xã Thượng Nhật is named in passing), the district of 2023 is Nam Đông",
        "Thừa Thiên Huế", "46", "Nam Đông", "h-482", None, None, LEGACY, "2023-06-21",
        "https://namdong.thuathienhue.gov.vn/?gd=1&cn=28&tc=18342",
    ),
    Case(
        "ha_giang_2024_person_named_like_district.txt",
        "'Lê Quang Bình, Chủ tịch UBND huyện Bắc Quang': Quang Bình is a district of Hà Giang "
        "(and a commune of Tuyên Quang since 2025), here only a man's name",
        "Hà Giang", "02", "Bắc Quang", "034", None, None, LEGACY, "2024-05-10",
        "https://baohagiang.vn/chinh-tri/202405/"
        "bac-quang-doi-thoai-voi-nhan-dan-ve-giai-phong-mat-bang-tuyen-cao-toc-5e3b1a4/",
    ),
    Case(
        "tap_chi_dan_van_two_communes_in_parentheses.txt",
        "national magazine: 'xã Tân Lập (huyện Sông Lô, tỉnh Vĩnh Phúc)' (24 former communes "
        "named Tân Lập) is the subject; 'xã Hồng Phong (huyện Ninh Giang, tỉnh Hải Dương)' "
        "(9 named Hồng Phong) is a visitor",
        "Vĩnh Phúc", "26", "Sông Lô", "253", "Tân Lập", "08818", LEGACY, "2024-11-14",
        "https://danvan.vn/dan-van-kheo/"
        "xa-tan-lap-nhan-rong-mo-hinh-dan-van-kheo-cham-lo-nguoi-cao-tuoi-co-don-18614",
    ),
    Case(
        "url_host_only_2025.txt",
        "a commune page that names no place at all: only the host camxuyen.hatinh.gov.vn",
        "Hà Tĩnh", "42", None, None, "Cẩm Xuyên", "18673", CURRENT, "2025-11-12",
        "https://camxuyen.hatinh.gov.vn/tin-tuc-su-kien/"
        "ngay-hoi-dai-doan-ket-toan-dan-toc-o-khu-dan-cu-am-ap-nghia-tinh-2241.html",
    ),
    Case(
        "canonical_phuong_giang_vo.html",
        "ward portal in HTML whose URL is its <link rel=canonical> (no manifest row)",
        "Hà Nội", "01", None, None, "Giảng Võ", "00025", CURRENT, "2025-10-08",
        "https://giangvo.hanoi.gov.vn/tin-tuc-su-kien/"
        "phuong-giang-vo-tiep-xuc-cu-tri-truoc-ky-hop-thu-muoi-quoc-hoi-khoa-xv-t4512.html",
    ),
    Case(
        "og_url_cong_an_that_khe.html",
        "provincial police site in HTML with only og:url; xã Thất Khê (a thị trấn before 2025, "
        "same code)",
        "Lạng Sơn", "20", None, None, "Thất Khê", "06040", CURRENT, "2025-09-05",
        "https://congan.langson.gov.vn/tin-tuc/"
        "cong-an-xa-that-khe-cung-nhan-dan-xay-dung-mo-hinh-camera-an-ninh-khu-dan-cu-20250905.html",
    ),
    Case(
        "phuong_tan_an_site_header_dak_lak.txt",
        "2025: 'phường Tân An' exists in Bắc Ninh, Đắk Lắk, Tây Ninh and Cần Thơ; the site name "
        "'Báo và Phát thanh, Truyền hình Đắk Lắk' decides",
        "Đắk Lắk", "66", None, None, "Tân An", "24163", CURRENT, "2025-09-23",
        "https://baodaklak.vn/chinh-tri/xay-dung-dang/202509/"
        "phuong-tan-an-doi-thoai-voi-nhan-dan-ve-cai-cach-thu-tuc-hanh-chinh-0e51a2b/",
    ),
    Case(
        "nghi_loc_2024_district_with_commune_in_passing.txt",
        "2024 report about huyện Nghi Lộc; xã Nghi Thuận is one speaker's commune, a mention",
        "Nghệ An", "40", "Nghi Lộc", "429", None, None, LEGACY, "2024-10-18",
        "https://baonghean.vn/nghi-loc-bieu-duong-50-dien-hinh-dan-van-kheo-giai-doan-2021-2024-10286417.html",
    ),
    Case(
        "abbrev_p_tan_dinh_hcm.html",
        "'P. Tân Định' in the headline, caption and byline, 'TP. Hồ Chí Minh' in the header; "
        "xã Tân Định of Khánh Hòa is not a phường; the page has no URL of its own",
        "Hồ Chí Minh", "79", None, None, "Tân Định", "26737", CURRENT, "2025-08-27", None,
    ),
    Case(
        "abbrev_tt_cho_chua_nghia_hanh_2024.txt",
        "dateline and caption 'TT. Chợ Chùa (H. Nghĩa Hành)'",
        "Quảng Ngãi", "51", "Nghĩa Hành", "532", "Chợ Chùa", "21364", LEGACY, "2024-03-28",
        "https://baoquangngai.vn/chinh-tri/xay-dung-dang/202403/"
        "ra-mat-mo-hinh-to-dan-pho-tu-quan-ve-ve-sinh-moi-truong-o-tt-cho-chua-3c41b7e/",
    ),
    Case(
        "abbrev_x_hai_nhan_tx_nghi_son_2023.txt",
        "'X. Hải Nhân (TX. Nghi Sơn)', dateline 'TX. Nghi Sơn -' (Nghi Sơn is also a xã of that "
        "thị xã), 'TP. Thanh Hóa' in the footer",
        "Thanh Hóa", "38", "Nghi Sơn", "407", "Hải Nhân", "16612", LEGACY, "2023-09-19", None,
    ),
    Case(
        "undated_muong_hoa_eras_disagree.txt",
        "undated, 'xã Mường Hoa' only: before 2025 a commune of Sa Pa (Lào Cai), since 2025 one "
        "of Phú Thọ; nothing says which: no locality, flagged for review",
        None, None, None, None, None, None, None, None, None,
    ),
    Case(
        "nfd_old_tones_nbsp_dong_ninh_hoa.txt",
        "NFD file, 'Hoà'/'uỷ' tone placement, non-breaking spaces inside 'phường Đông Ninh Hoà'",
        "Khánh Hòa", "56", None, None, "Đông Ninh Hòa", "22561", CURRENT, "2025-09-30", None,
    ),
    Case(
        "eth_for_d_dam_thuy_cao_bang_2024.txt",
        "every capital Đ written Ð (U+00D0): 'xã Ðàm Thuỷ, huyện Trùng Khánh'",
        "Cao Bằng", "04", "Trùng Khánh", "047", "Đàm Thủy", "01495", LEGACY, "2024-06-12", None,
    ),
    Case(
        "dac_khu_con_dao_bien_phong_2025.txt",
        "Border Guard newspaper, 2025: đặc khu Côn Đảo of TP. Hồ Chí Minh (before 2025 a "
        "district of Bà Rịa - Vũng Tàu)",
        "Hồ Chí Minh", "79", None, None, "Côn Đảo", "26732", CURRENT, "2025-12-02",
        "https://www.bienphong.com.vn/"
        "bo-doi-bien-phong-cung-ngu-dan-dac-khu-con-dao-bam-bien-giu-bien-post496512.html",
    ),
]  # fmt: skip

# Undated, but the commune has the same name, code (03325) and province in both eras.
MUONG_PHANG = "undated_muong_phang_same_in_both_eras.txt"

ALL_FILES = sorted([c.file for c in CASES] + [MUONG_PHANG])

# Review reasons about the date or the byline: not about the place.
NOT_ABOUT_PLACE = {"no_date", "no_year", "year_inferred", "no_author", "title_inferred"}


def read_manifest() -> dict[str, str]:
    with MANIFEST.open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["url"] for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def manifest():
    return read_manifest()


@pytest.fixture(scope="module")
def extracted(gazetteer, manifest):
    """Extract each sample once, with its manifest URL if it has one."""
    cache = {}

    def get(name):
        if name not in cache:
            cache[name] = extract_file(
                SAMPLES / name, source_url=manifest.get(name), gazetteer=gazetteer
            )
        return cache[name]

    return get


@pytest.fixture(scope="module")
def localities():
    return json.loads(LOCALITIES.read_text(encoding="utf-8"))


# --------------------------------------------------------------------------
# The corpus itself (independent of the extraction)
# --------------------------------------------------------------------------


def test_the_corpus_is_complete_and_in_the_genre():
    on_disk = sorted(
        p.name for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html") and p.is_file()
    )
    assert on_disk == ALL_FILES
    assert len(on_disk) >= 14
    for name in on_disk:
        text = unicodedata.normalize("NFC", (SAMPLES / name).read_text(encoding="utf-8"))
        assert 1_500 <= len(text) <= 5_000, (name, len(text))
        assert "Trang chủ" in text or "TRANG CHỦ" in text, name  # portal chrome kept


def test_the_manifest_is_a_file_url_csv_of_existing_files(manifest):
    raw = MANIFEST.read_bytes()
    raw.decode("utf-8")
    assert raw.splitlines()[0] == b"file,url"
    assert manifest, "the manifest lists no file"
    for name, url in manifest.items():
        assert (SAMPLES / name).is_file(), name
        assert url.startswith("https://"), url
    # Every expectation with a URL from the manifest matches its row, and a page whose URL is
    # its own canonical / og:url link has no manifest row (the manifest would win).
    by_file = {c.file: c for c in CASES}
    for name, url in manifest.items():
        assert by_file[name].source_url == url
    for case in CASES:
        if case.file.endswith(".txt") and case.source_url:
            assert manifest.get(case.file) == case.source_url, case.file


def test_the_special_encodings_are_really_in_the_files():
    nfd = (SAMPLES / "nfd_old_tones_nbsp_dong_ninh_hoa.txt").read_text(encoding="utf-8")
    assert nfd != unicodedata.normalize("NFC", nfd)
    assert "phường\u00a0Đông\u00a0Ninh\u00a0Hoà" in unicodedata.normalize("NFC", nfd)
    eth = (SAMPLES / "eth_for_d_dam_thuy_cao_bang_2024.txt").read_text(encoding="utf-8")
    assert "xã \u00d0àm Thuỷ" in eth and "Đàm" not in eth


@pytest.mark.parametrize("case", [c for c in CASES if c.era], ids=str)
def test_expectations_agree_with_the_gazetteer(localities, case):
    """The expected names and codes are those of localities.json, in the expected era."""
    if case.era == CURRENT:
        provinces = {p["code"]: p for p in localities["provinces_2025"]}
        assert case.district is None and case.district_code is None  # no districts any more
        communes = {c["code"]: c for c in localities["communes_2025"]}
        commune = communes[case.commune_code]
        assert (commune["name"], commune["province"]) == (case.commune, case.province_code)
    else:
        provinces = {p["code"]: p for p in localities["provinces_legacy"]}
        districts = {d["code"]: d for d in localities["districts_legacy"]}
        district = districts[case.district_code]
        assert (district["name"], district["province"]) == (case.district, case.province_code)
        if case.commune_code:
            commune = {c["code"]: c for c in localities["communes_legacy"]}[case.commune_code]
            assert commune["name"] == case.commune
            # The gazetteer is a snapshot of 30 June 2025: it files a commune under the
            # district of that day, which is this one for every case here.
            assert commune["district"] == case.district_code
    assert provinces[case.province_code]["name"] == case.province


def test_the_difficult_units_are_as_difficult_as_claimed(localities):
    def named(key, name):
        return [u for u in localities[key] if u["name"] == name]

    assert len(named("communes_2025", "Tân An")) == 10
    assert len([c for c in named("communes_2025", "Tân An") if c["kind"] == "phuong"]) == 4
    assert len(named("communes_legacy", "Tân Lập")) == 24
    assert len(named("communes_legacy", "Hồng Phong")) == 9
    assert [d["code"] for d in named("districts_legacy", "Quang Bình")] == ["035"]
    (nam_dong,) = named("districts_legacy", "Nam Đông")
    assert (nam_dong["code"], nam_dong["valid_to"], nam_dong["merged_into"]) == (
        "h-482",
        "2025-01-01",
        ["482"],
    )
    # Nam Đông's communes are filed under Phú Lộc in the 2025 snapshot
    assert named("communes_legacy", "Thượng Nhật")[0]["district"] == "482"
    (hoa_legacy,) = named("communes_legacy", "Mường Hoa")
    (hoa_current,) = named("communes_2025", "Mường Hoa")
    assert hoa_legacy["district"] == "088" and hoa_current["province"] == "25"  # Sa Pa; Phú Thọ
    (phang_legacy,) = named("communes_legacy", "Mường Phăng")
    (phang_current,) = named("communes_2025", "Mường Phăng")
    assert phang_legacy["code"] == phang_current["code"] == "03325"
    assert phang_current["province"] == "11"
    assert [c["kind"] for c in named("communes_2025", "Tân Định")] == ["xa", "phuong"]


# --------------------------------------------------------------------------
# What a correct extraction gives
# --------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=str)
def test_contract_places_dates_and_url(extracted, case):
    contract = extracted(case.file).to_contract()
    assert {"commune", "source_url"} <= contract.keys()
    assert (contract["province"], contract["district"], contract["commune"]) == (
        case.province,
        case.district,
        case.commune,
    ), case.what
    assert contract["source_url"] == case.source_url
    assert contract["published_date"] == case.published_date
    assert contract["year"] == (int(case.published_date[:4]) if case.published_date else None)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_codes_and_era(extracted, case):
    result = extracted(case.file)
    assert result.locality_era == case.era, case.what
    assert (result.province_code, result.district_code, result.commune_code) == (
        case.province_code,
        case.district_code,
        case.commune_code,
    ), case.what


def test_undated_commune_of_the_same_province_in_both_eras(extracted):
    result = extracted(MUONG_PHANG)
    contract = result.to_contract()
    assert contract["published_date"] is None and contract["year"] is None
    assert (contract["province"], contract["commune"]) == ("Điện Biên", "Mường Phăng")
    assert (result.province_code, result.commune_code) == ("11", "03325")
    # Whichever era is chosen, it is told, and the district agrees with it.
    assert result.locality_era in (LEGACY, CURRENT)
    if result.locality_era == LEGACY:
        assert (contract["district"], result.district_code) == ("Điện Biên Phủ", "094")
    else:
        assert (contract["district"], result.district_code) == (None, None)
    assert "no_locality" not in result.review_reasons


def test_undated_commune_whose_eras_disagree_is_flagged(extracted):
    result = extracted("undated_muong_hoa_eras_disagree.txt")
    assert (result.province, result.district, result.commune) == (None, None, None)
    assert result.locality_era is None
    # a reason about the place, not only about the missing date
    assert set(result.review_reasons) - NOT_ABOUT_PLACE, result.review_reasons
    assert result.to_contract()["warnings"]


def test_a_person_named_like_a_district_stays_a_person(extracted):
    result = extracted("ha_giang_2024_person_named_like_district.txt")
    assert "Lê Quang Bình" in [o.name for o in result.officials]
    assert result.district != "Quang Bình" and result.commune != "Quang Bình"


def test_the_second_commune_in_parentheses_is_resolved_by_its_parents(extracted):
    result = extracted("tap_chi_dan_van_two_communes_in_parentheses.txt")
    communes = {(m.name, m.code, m.era) for m in result.locality_mentions if m.kind == "commune"}
    assert ("Tân Lập", "08818", LEGACY) in communes
    assert ("Hồng Phong", "11224", LEGACY) in communes  # Ninh Giang, Hải Dương
    # neither the other Tân Lập communes nor the other Hồng Phong ones
    codes = {code for name, code, _ in communes if name in ("Tân Lập", "Hồng Phong")}
    assert codes - {None} == {
        "08818",
        "11224",
    }


def test_without_its_url_a_page_that_names_no_place_has_no_place(gazetteer):
    result = extract_file(SAMPLES / "url_host_only_2025.txt", source_url=None, gazetteer=gazetteer)
    assert (result.province, result.commune, result.source_url) == (None, None, None)


def test_without_its_url_the_commune_portal_has_no_province(gazetteer):
    # "xã Tân An" alone is ten communes of 2025: the province came from the host
    result = extract_file(
        SAMPLES / "xa_tan_an_2026_commune_portal.txt", source_url=None, gazetteer=gazetteer
    )
    assert result.province is None and result.source_url is None


def test_a_given_url_wins_over_the_canonical_link(gazetteer):
    url = "https://example.org/ban-sao/giang-vo.html"
    result = extract_file(
        SAMPLES / "canonical_phuong_giang_vo.html", source_url=url, gazetteer=gazetteer
    )
    assert result.source_url == url
    # the text names the ward and the city: the place does not depend on the URL
    assert (result.province, result.commune, result.commune_code) == ("Hà Nội", "Giảng Võ", "00025")


def test_abbreviated_and_respelled_names_come_out_in_the_gazetteer_spelling(extracted):
    assert extracted("abbrev_p_tan_dinh_hcm.html").commune == "Tân Định"
    assert extracted("abbrev_tt_cho_chua_nghia_hanh_2024.txt").district == "Nghĩa Hành"
    assert extracted("nfd_old_tones_nbsp_dong_ninh_hoa.txt").commune == "Đông Ninh Hòa"
    eth = extracted("eth_for_d_dam_thuy_cao_bang_2024.txt")
    assert (eth.commune, eth.district) == ("Đàm Thủy", "Trùng Khánh")
    for value in (eth.commune, eth.province, eth.district):
        assert "\u00d0" not in value and unicodedata.is_normalized("NFC", value)
