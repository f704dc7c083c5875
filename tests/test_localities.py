from io import StringIO

import pytest
from django.core.management import call_command

from articles.models import Locality

pytestmark = pytest.mark.django_db


def test_gazetteer_holds_both_generations_of_provinces():
    assert Locality.objects.legacy().provinces().count() == 63
    assert Locality.objects.current().provinces().count() == 34
    assert Locality.objects.current().districts().count() == 0
    assert 690 <= Locality.objects.legacy().districts().count() <= 715


def test_every_legacy_province_leads_to_a_current_one():
    orphans = Locality.objects.legacy().provinces().filter(successor__isnull=True)
    assert not orphans.exists()
    assert not Locality.objects.legacy().provinces().exclude(successor__era="2025").exists()


def test_binh_phuoc_became_part_of_dong_nai(locality):
    binh_phuoc = locality("binh-phuoc")
    assert binh_phuoc.era == Locality.Era.LEGACY
    assert binh_phuoc.successor.name == "Đồng Nai"
    assert binh_phuoc.successor.is_current
    assert set(binh_phuoc.successor.predecessors.provinces().values_list("name", flat=True)) == {
        "Bình Phước",
        "Đồng Nai",
    }


def test_minh_long_is_a_district_of_quang_ngai(locality):
    minh_long = locality("minh-long")
    assert minh_long.kind == Locality.Kind.RURAL_DISTRICT
    assert minh_long.parent.name == "Quảng Ngãi"
    assert minh_long.province == minh_long.parent
    assert minh_long.full_name == "Huyện Minh Long"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
        ("Thua Thien Hue", "Thừa Thiên Huế"),
        ("tỉnh Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Tinh Binh Phuoc", "Bình Phước"),
        ("huyện Minh Long", "Minh Long"),
        ("Khánh Hoà", "Khánh Hòa"),
    ],
)
def test_alternate_names_resolve(written, expected):
    names = set(Locality.objects.named(written).values_list("name", flat=True))
    assert names == {expected}


def test_huế_today_is_the_successor_of_thua_thien_hue(locality):
    assert locality("thua-thien-hue").successor == locality("hue")


def test_slugs_are_readable_and_unambiguous(locality):
    assert locality("ha-tinh").is_current
    assert locality("ha-tinh-cu").successor == locality("ha-tinh")
    chau_thanh = Locality.objects.filter(name="Châu Thành")
    assert chau_thanh.count() > 1
    assert all(unit.slug.startswith("chau-thanh-") for unit in chau_thanh)
    assert locality("chau-thanh-tien-giang").parent.name == "Tiền Giang"


def test_loading_again_changes_nothing():
    before = dict(Locality.objects.values_list("slug", "pk"))
    out = StringIO()
    call_command("load_localities", stdout=out)
    assert "Tạo mới 0, cập nhật 0" in out.getvalue()
    assert dict(Locality.objects.values_list("slug", "pk")) == before


def test_loading_repairs_a_changed_unit(locality):
    unit = locality("minh-long")
    unit.name = "Sai tên"
    unit.successor = None
    unit.save()
    out = StringIO()
    call_command("load_localities", stdout=out)
    unit.refresh_from_db()
    assert unit.name == "Minh Long"
    assert unit.successor.name == "Quảng Ngãi"
    assert "cập nhật 1" in out.getvalue()


def test_missing_data_file_gives_a_clear_error(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Không tìm thấy tệp dữ liệu"):
        call_command("load_localities", file=tmp_path / "khong-co.json")
    broken = tmp_path / "hong.json"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(CommandError, match="không hợp lệ"):
        call_command("load_localities", file=broken)
