"""Officials, round two: no body, place or commemorated leader taken for an official; nobody
in a list missed; dotted and spaced abbreviations in titles read and expanded."""

from pathlib import Path

import pytest

from articles.extraction import extract, extract_file
from articles.extraction.people import normalize_title

SAMPLES = Path(__file__).parent / "samples_r2" / "officials"


@pytest.fixture(scope="module")
def sample(gazetteer):
    cache = {}

    def load(name):
        if name not in cache:
            cache[name] = extract_file(SAMPLES / name, gazetteer=gazetteer)
        return cache[name]

    return load


def officials(result):
    return {official.name: official for official in result.officials}


def run(text, gazetteer):
    return officials(
        extract(
            "Hội nghị giao ban công tác dân vận\n\n" + text, source="t.txt", gazetteer=gazetteer
        )
    )


# --- a title followed by an organization or a place names nobody --------------------------


def test_a_youth_union_or_farmers_association_after_a_title_is_no_person(sample):
    found = officials(sample("xa_commune_portal_2025_semicolon_list.txt"))
    assert not any(name.startswith(("Đoàn", "Hội")) for name in found)
    assert set(found) == {"Hà Văn Tuyến", "Nông Thị Thu Hằng", "Ma Đình Khoa"}


def test_a_village_after_trưởng_thôn_is_no_person(sample):
    assert "Đồng Tâm" not in officials(sample("xa_commune_portal_2025_semicolon_list.txt"))


def test_a_real_person_surnamed_đoàn_after_the_youth_union_is_kept(sample):
    found = officials(sample("xa_2026_congress_presidium_list.txt"))
    assert "Đoàn Thanh" not in found
    assert found["Đoàn Thanh Tùng"].title == "Bí thư Đoàn Thanh niên xã"


def test_a_commune_named_after_a_person_is_a_place_after_its_level_word(sample):
    ward = officials(sample("phuong_ward_portal_2026_dash_list.txt"))
    assert "Trần Phú" not in ward  # "Chủ tịch UBND phường Trần Phú báo cáo ..."
    police = officials(sample("cong_an_tinh_2025_ranks_and_abbreviations.txt"))
    assert "Hoàng Văn Thụ" not in police  # "Chủ tịch UBND xã Hoàng Văn Thụ đề nghị ..."


def test_a_place_between_a_title_and_a_name_is_split_off(sample):
    found = officials(sample("bao_dang_tinh_2024_nfd_place_before_name.txt"))
    assert found["Trần Đình Hoà"].title == "Chủ tịch UBND xã Cẩm Lộc"
    assert found["Nguyễn Quốc Hoà"].title == "Bí thư Huyện ủy Cẩm Xuyên"
    assert found["Võ Mai"].title == "Bí thư Đảng ủy xã Cẩm Lộc"  # "Ð" U+00D0 in the file
    assert not any(name.startswith("Cẩm") for name in found)


def test_a_unit_named_after_its_place_does_not_cut_the_title(sample):
    found = officials(sample("bien_phong_army_2024_archive_photo.txt"))
    assert "Trà Lĩnh" not in found
    assert found["Sầm Văn Quý"].title == "Chính trị viên Đồn Biên phòng Trà Lĩnh"
    assert found["Nông Văn Thành"].title_normalized == "Chính ủy Bộ đội Biên phòng tỉnh"


@pytest.mark.parametrize(
    "text",
    [
        "Bí thư Đoàn Thanh niên xã phát biểu tại buổi lễ.",
        "Chủ tịch Hội Nông dân xã Tân Lập phát biểu.",
        "Chủ tịch UBND xã Tân Lập chủ trì hội nghị.",
        "Bí thư Đảng ủy phường Quang Trung phát biểu khai mạc.",
        "Đoàn Thanh Niên xã ra quân tình nguyện hè, Chủ tịch UBND xã Lê Lợi dự.",
    ],
)
def test_no_official_from_bodies_and_places(gazetteer, text):
    assert run(text, gazetteer) == {}


@pytest.mark.parametrize(
    ("text", "name", "title"),
    [
        (
            "Chủ tịch UBND xã Tân Lập Nguyễn Văn Bình chủ trì hội nghị.",
            "Nguyễn Văn Bình",
            "Chủ tịch UBND xã Tân Lập",
        ),
        (
            "Đồng chí Nguyễn Văn An, Bí thư Đoàn Thanh niên xã Tân Lập phát biểu.",
            "Nguyễn Văn An",
            "Bí thư Đoàn Thanh niên xã Tân Lập",
        ),
        (
            "Đồng chí Lê Thị Hoa, Chủ tịch UBND phường Trần Phú phát biểu.",
            "Lê Thị Hoa",
            "Chủ tịch UBND phường Trần Phú",
        ),
        ("Trưởng thôn Lò Văn Sơn cho biết thôn có 96 hộ.", "Lò Văn Sơn", "Trưởng thôn"),
    ],
)
def test_the_person_next_to_a_body_or_place_is_kept(gazetteer, text, name, title):
    found = run(text, gazetteer)
    assert list(found) == [name]
    assert found[name].title == title


def test_a_person_named_like_a_place_is_kept_without_a_level_word(gazetteer):
    found = run("Đồng chí Lê Quang Bình, Chủ tịch UBND huyện Bắc Quang phát biểu.", gazetteer)
    assert found["Lê Quang Bình"].title == "Chủ tịch UBND huyện Bắc Quang"


# --- historical and commemorated people ------------------------------------------------------


def test_commemorated_leaders_are_not_officials(sample):
    found = officials(sample("mat_tran_2025_anniversary.txt"))
    assert "Tôn Đức Thắng" not in found and "Lê Duẩn" not in found
    assert "Hồ Chí Minh" not in found
    assert set(found) == {"Nguyễn Thị Thu Hường", "Hoàng Nghĩa Hiếu", "Lê Hồng Phong"}


def test_a_living_namesake_of_a_leader_with_a_local_title_is_kept(sample):
    found = officials(sample("mat_tran_2025_anniversary.txt"))
    assert found["Lê Hồng Phong"].title == "Chủ tịch UBMTTQ xã"


def test_archive_photos_heroes_and_sinh_thời_are_not_officials(sample):
    found = officials(sample("bien_phong_army_2024_archive_photo.txt"))
    assert {"Võ Nguyên Giáp", "Hoàng Văn Thụ", "Kim Đồng"}.isdisjoint(found)
    assert {"Nông Văn Thành", "Sầm Văn Quý", "Đàm Thị Hương"} <= set(found)


def test_a_lifespan_and_an_anniversary_mark_a_commemorated_person(sample):
    found = officials(sample("tinh_uy_portal_2025_abbreviated_titles.txt"))
    assert "Phạm Văn Đồng" not in found
    assert len(found) == 4


@pytest.mark.parametrize(
    "text",
    [
        "Đại tướng Võ Nguyên Giáp là vị tướng huyền thoại của dân tộc.",
        "Kỷ niệm 135 năm ngày sinh Chủ tịch Tôn Đức Thắng, Mặt trận xã tổ chức tọa đàm.",
        "Cố Tổng Bí thư Nguyễn Phú Trọng đã từng căn dặn cán bộ phải gần dân.",
        "Sinh thời, đồng chí Trần Phú luôn nhắc nhở cán bộ phải gần dân.",
        "Nhân kỷ niệm 110 năm ngày sinh đồng chí Nguyễn Văn Mười (1915 - 1990), xã tổ chức lễ.",
        "Ảnh tư liệu: đồng chí Lê Văn Tám, Bí thư Huyện ủy thăm bà con năm 1975.",
        "Tổng Bí thư Lê Duẩn thăm Hợp tác xã Vũ Thắng năm 1960.",
        "Anh hùng liệt sĩ Võ Thị Sáu là tấm gương sáng của tuổi trẻ.",
    ],
)
def test_no_official_from_historical_context(gazetteer, text):
    assert run(text, gazetteer) == {}


def test_a_leaders_testament_lends_no_title_to_the_next_name(gazetteer):
    found = run(
        "Thực hiện Di chúc của Chủ tịch Hồ Chí Minh, đồng chí Trần Văn Hải, Bí thư Đảng ủy xã "
        "phát động phong trào.",
        gazetteer,
    )
    assert found["Trần Văn Hải"].title == "Bí thư Đảng ủy xã"


def test_a_living_official_at_an_anniversary_is_kept(gazetteer):
    found = run(
        "Đồng chí Phạm Văn Nam, Bí thư Đảng ủy xã phát biểu tại lễ kỷ niệm 135 năm ngày sinh "
        "Chủ tịch Hồ Chí Minh.",
        gazetteer,
    )
    assert list(found) == ["Phạm Văn Nam"]


# --- lists and abbreviations ----------------------------------------------------------------


def test_nobody_in_a_semicolon_list_is_missed(sample):
    found = officials(sample("xa_commune_portal_2025_semicolon_list.txt"))
    assert found["Nông Thị Thu Hằng"].title == "Phó Bí thư Đảng ủy, Chủ tịch UBND xã"
    assert found["Ma Đình Khoa"].title_normalized == "Phó Chủ tịch Ủy ban nhân dân xã"


def test_nobody_in_a_dash_list_with_dotted_abbreviations_is_missed(sample):
    found = officials(sample("phuong_ward_portal_2026_dash_list.txt"))
    assert set(found) == {"Đặng Quốc Hưng", "Lương Thị Mai", "Trịnh Văn Sáng", "Phùng Thị Ngọc Lan"}
    assert found["Đặng Quốc Hưng"].title_normalized == (
        "Ủy viên Ban Chấp hành Đảng bộ tỉnh, Bí thư Đảng ủy phường"
    )
    assert found["Lương Thị Mai"].title_normalized == "Thường trực Hội đồng nhân dân phường"
    assert found["Phùng Thị Ngọc Lan"].title_normalized == (
        "Trưởng Ban Dân vận Đảng ủy, Chủ tịch Ủy ban Mặt trận Tổ quốc phường"
    )


def test_a_presidium_list_keeps_every_member_and_whole_titles(sample):
    found = officials(sample("xa_2026_congress_presidium_list.txt"))
    assert {
        "Đỗ Mạnh Hùng",
        "Kiều Thị Thu Trang",
        "Phí Văn Tú",
        "Cao Văn Lâm",
        "Đinh Thị Nhung",
    } <= set(found)
    assert found["Đinh Thị Nhung"].title_normalized == (
        "Ủy viên Ban Thường vụ, Trưởng Ban Xây dựng Đảng Đảng ủy xã"
    )
    assert "Võ Nguyên Giáp" not in found


def test_dotted_abbreviations_in_titles(sample):
    found = officials(sample("tinh_uy_portal_2025_abbreviated_titles.txt"))
    assert found["Nguyễn Văn Bốn"].title_normalized == (
        "Tỉnh ủy viên, Phó Trưởng Ban Dân vận Tỉnh ủy"
    )
    assert found["Đinh Văn Lưu"].title_normalized == "Bí thư Đảng ủy xã Sơn Hà"
    police = officials(sample("cong_an_tinh_2025_ranks_and_abbreviations.txt"))
    assert police["Lộc Văn Hưng"].title_normalized == (
        "Bí thư Đảng ủy, Chủ tịch Hội đồng nhân dân xã"
    )
    assert police["Vi Thị Hà"].title_normalized == "Trưởng Công an xã"
    assert police["Hoàng Minh Tuấn"].title == "Phó Trưởng phòng Tham mưu Công an tỉnh"


@pytest.mark.parametrize(
    ("title", "normalized"),
    [
        ("UV. BCH Đảng bộ xã", "Ủy viên Ban Chấp hành Đảng bộ xã"),
        ("TUV.", "Tỉnh ủy viên"),
        ("TT. HĐND huyện", "Thường trực Hội đồng nhân dân huyện"),
        ("UV BTV, Trưởng BDV Huyện ủy", "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Huyện ủy"),
        ("Bí thư ĐU, CT UBMTTQ xã", "Bí thư Đảng ủy, Chủ tịch Ủy ban Mặt trận Tổ quốc xã"),
        ("Chủ tịch UBND TP. Vinh", "Chủ tịch Ủy ban nhân dân thành phố Vinh"),
        ("Bí thư Đảng ủy TT. Chợ Chùa", "Bí thư Đảng ủy thị trấn Chợ Chùa"),
    ],
)
def test_title_abbreviations_are_expanded(title, normalized):
    assert normalize_title(title) == normalized


def test_abbreviations_outside_titles_keep_their_letters():
    from articles.extraction.lexicon import expand_title_abbreviations

    # sentence ends and words that are no abbreviation are left alone
    assert expand_title_abbreviations("Chủ tịch UBND. Sau đó") == "Chủ tịch Ủy ban nhân dân. Sau đó"


@pytest.mark.parametrize(
    "text",
    [
        "Dự có các đồng chí: Đặng Văn An - UV. BCH Đảng bộ huyện, Bí thư Đảng ủy xã; "
        "Lê Thị Bé – TT. HĐND xã; Vũ Văn Cần - Trưởng BDV Đảng ủy xã.",
        "Dự có các đồng chí; Đặng Văn An, UV. BCH Đảng bộ huyện, Bí thư Đảng ủy xã; "
        "Lê Thị Bé, TT. HĐND xã; Vũ Văn Cần, Trưởng BDV Đảng ủy xã.",
    ],
)
def test_dotted_titles_in_lists_do_not_lose_a_member(gazetteer, text):
    found = run(text, gazetteer)
    assert list(found) == ["Đặng Văn An", "Lê Thị Bé", "Vũ Văn Cần"]
    assert found["Lê Thị Bé"].title_normalized == "Thường trực Hội đồng nhân dân xã"
    assert found["Đặng Văn An"].title_normalized.startswith("Ủy viên Ban Chấp hành")
