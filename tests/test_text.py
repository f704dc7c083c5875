import unicodedata

import pytest

from articles import text


@pytest.mark.parametrize(
    ("value", "slug"),
    [
        ("Đảng bộ tỉnh Hà Tĩnh", "dang-bo-tinh-ha-tinh"),
        ("ĐOÀN THANH NIÊN", "doan-thanh-nien"),
        ("Nghị quyết 25-NQ/TW", "nghi-quyet-25-nq-tw"),
        ("  “Dân vận khéo” năm 2019 ", "dan-van-kheo-nam-2019"),
        ("!!!", ""),
    ],
)
def test_slugify_transliterates_vietnamese(value, slug):
    assert text.slugify(value) == slug


def test_slugify_cuts_on_a_word_boundary():
    slug = text.slugify("Hội nghị tổng kết công tác dân vận năm 2022", max_length=20)
    assert slug == "hoi-nghi-tong-ket"


@pytest.mark.parametrize(
    ("old", "new"),
    [("hoà", "hòa"), ("Tỉnh uỷ", "Tỉnh ủy"), ("khoá", "khóa"), ("Thuỷ", "Thủy"), ("hoè", "hòe")],
)
def test_tone_placement_variants_share_one_key(old, new):
    assert text.normalize_tones(old) == new
    assert text.match_key(old) == text.match_key(new)


@pytest.mark.parametrize("word", ["hoàng", "người", "ngoài", "quý", "giữa", "khuỷu", "thuận"])
def test_tone_normalization_leaves_standard_spellings_alone(word):
    assert text.normalize_tones(word) == word


def test_nfd_and_odd_spaces_compare_equal():
    decomposed = unicodedata.normalize("NFD", "Ban Dân vận\u00a0Tỉnh uỷ")
    assert decomposed != "Ban Dân vận Tỉnh ủy"
    assert text.match_key(decomposed) == text.match_key("ban dân vận tỉnh ủy")
    assert text.nfc(decomposed) == "Ban Dân vận Tỉnh uỷ"  # spelling kept as written


def test_fold_drops_every_diacritic_including_d_with_stroke():
    assert text.fold_key("Đồng chí Đỗ Đạt") == "dong chi do dat"
    assert text.clean_spaces("a\u200b\u00a0\u00a0b") == "a b"
