"""Gazetteer lookups (small fixture always; the real file when it exists)."""

import pytest

from articles.extraction import GazetteerError, load_gazetteer
from articles.extraction.gazetteer import DEFAULT_PATH, Gazetteer


def test_province_lookups_forgive_accents_case_tones_and_prefixes(small_gazetteer):
    g = small_gazetteer
    for spelling in ("Hà Tĩnh", "tỉnh Hà Tĩnh", "HA TINH", "ha tinh", "Tỉnh  hà tĩnh"):
        assert g.find_province(spelling).name == "Hà Tĩnh", spelling
    for spelling in ("TP.HCM", "TP. Hồ Chí Minh", "thành phố Hồ Chí Minh", "Sài Gòn"):
        assert g.find_province(spelling).name == "Hồ Chí Minh", spelling
    assert g.find_province("Huế").generation == "2025"
    assert g.find_province("Thừa Thiên - Huế").name == "Thừa Thiên Huế"
    assert g.find_province("Hà Tịnh") is None  # a different word, not a spelling variant


def test_district_lookups_and_ambiguity(small_gazetteer):
    g = small_gazetteer
    assert len(g.find_districts("Châu Thành")) == 3
    assert [d.code for d in g.find_districts("huyện Châu Thành", "Bến Tre")] == ["831"]
    assert g.province_of_district("Châu Thành") is None
    assert g.province_of_district("Minh Long").name == "Quảng Ngãi"
    assert g.province_of_district("huyện Tân Hồng").name == "Đồng Tháp"


def test_missing_or_bad_file(tmp_path):
    with pytest.raises(GazetteerError, match="Không tìm thấy"):
        Gazetteer.from_file(tmp_path / "none.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(GazetteerError):
        Gazetteer.from_file(bad)
    with pytest.raises(GazetteerError):
        Gazetteer({"provinces_legacy": []})


@pytest.mark.skipif(not DEFAULT_PATH.exists(), reason="localities.json not generated yet")
def test_real_file_loads_once_and_answers():
    g = load_gazetteer()
    assert load_gazetteer() is g
    assert len([p for p in g.provinces if p.generation == "legacy"]) == 63
    assert len([p for p in g.provinces if p.generation == "2025"]) == 34
    assert g.province_of_district("Minh Long").name == "Quảng Ngãi"
    assert g.province_of_district("Tân Hồng").name == "Đồng Tháp"
    assert len(g.find_districts("Châu Thành")) > 3
    assert g.find_province("Khánh Hoà").name == "Khánh Hòa"
