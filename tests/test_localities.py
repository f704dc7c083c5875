import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from articles.localities import DATA_FILE
from articles.models import Locality, LocalityTransition, Report

pytestmark = pytest.mark.django_db


def test_gazetteer_holds_both_generations_of_provinces():
    assert Locality.objects.legacy().provinces().count() == 63
    assert Locality.objects.current().provinces().count() == 34
    assert Locality.objects.current().districts().count() == 0
    snapshot = Locality.objects.legacy().districts().filter(valid_to=Locality.REFORM_DAY)
    assert snapshot.count() == 696


def test_gazetteer_holds_the_communes_of_both_eras():
    assert Locality.objects.legacy().communes().count() >= 10_000
    current = Locality.objects.current().communes()
    assert current.count() == 3321
    assert dict(current.values_list("kind").annotate(n=Count("pk"))) == {
        "xa": 2621,
        "phuong": 687,
        "dac-khu": 13,
    }
    # Since the reform communes sit directly under a province; before it, under a district.
    assert not current.exclude(parent__kind__in=Locality.PROVINCE_KINDS).exists()
    legacy = Locality.objects.legacy().communes()
    assert not legacy.exclude(parent__kind__in=Locality.DISTRICT_KINDS).exists()


def test_every_legacy_commune_leads_to_current_communes_of_one_province():
    legacy = Locality.objects.legacy().communes()
    assert not legacy.filter(transitions_out__isnull=True).exists()
    assert not legacy.exclude(successor__era=Locality.Era.CURRENT).exists()
    # Exactly one default part each, and it is the unit the successor key points at.
    defaults = LocalityTransition.objects.filter(predecessor__in=legacy, is_default=True)
    assert defaults.count() == legacy.count()
    assert not defaults.exclude(successor=F("predecessor__successor")).exists()
    # Every current commune has a predecessor.
    current = Locality.objects.current().communes()
    assert not current.filter(transitions_in__isnull=True).exists()


def test_a_merged_commune_reaches_its_predecessors(make_report):
    merged = (
        Locality.objects.current()
        .communes()
        .annotate(parts=Count("transitions_in", filter=Q(transitions_in__predecessor__kind="xa")))
        .filter(parts__gte=3)
        .order_by("code")
        .first()
    )
    predecessors = Locality.objects.filter(transitions_out__successor=merged).communes()
    assert predecessors.count() >= 3
    assert set(merged.predecessor_ids()) == {merged.pk, *predecessors.values_list("pk", flat=True)}
    old = predecessors.first()
    before = make_report(locality=old)
    after = make_report(locality=merged)
    unrelated = make_report(locality=Locality.objects.current().communes().exclude(pk=merged.pk)
                            .exclude(transitions_in__predecessor=old).first())  # fmt: skip
    assert before.commune == old and before.district == old.parent
    assert before.province == old.parent.parent
    assert set(Report.objects.in_locality(merged)) == {before, after}
    assert set(Report.objects.in_locality(old)) == {before}
    assert unrelated not in Report.objects.in_locality(merged)


def test_a_split_ward_has_several_successors_and_one_default():
    split = (
        Locality.objects.legacy()
        .communes()
        .annotate(parts=Count("transitions_out"))
        .filter(parts__gte=2)
    )
    assert 300 <= split.count() <= 600
    ward = split.filter(kind=Locality.Kind.WARD).order_by("code").first()
    parts = list(ward.transitions_out.select_related("successor"))
    assert len(parts) >= 2
    assert [part.is_default for part in parts].count(True) == 1
    assert {part.successor.era for part in parts} == {Locality.Era.CURRENT}
    assert len({part.successor.parent_id for part in parts}) == 1
    # A report on the split ward belongs to every part it went into.
    assert all(ward.pk in part.successor.predecessor_ids() for part in parts)


def test_districts_dissolved_before_the_snapshot_are_held_for_their_time(locality):
    nam_dong = Locality.objects.districts().get(name="Nam Đông")
    assert nam_dong.valid_to == dt.date(2025, 1, 1)
    assert nam_dong.successor.name == "Phú Lộc"
    assert nam_dong.parent.name == "Thừa Thiên Huế"
    assert not nam_dong.exists_on(dt.date(2025, 3, 1))
    assert nam_dong.exists_on(dt.date(2023, 5, 1))
    hue = Locality.objects.districts().get(name="Huế")
    assert set(hue.successors.values_list("name", flat=True)) == {"Thuận Hóa", "Phú Xuân"}
    assert str(nam_dong) == "Nam Đông (Thừa Thiên Huế, đến 2025)"
    phu_loc = nam_dong.successor
    assert nam_dong.pk in phu_loc.predecessor_ids()


def test_a_legacy_district_leads_to_the_current_communes_of_its_territory(locality):
    minh_long = locality("minh-long")
    communes = minh_long.successors.all()
    assert communes.exists()
    assert set(communes.values_list("parent__name", flat=True)) == {"Quảng Ngãi"}
    assert {unit.era for unit in communes} == {Locality.Era.CURRENT}
    # A commune does not reach the whole district that gave it part of its territory.
    assert minh_long.pk not in communes.first().predecessor_ids()


def test_commune_labels_show_era_and_province():
    commune = Locality.objects.legacy().communes().with_ancestors().get(name="Cẩm Lộc")
    assert str(commune) == "Xã Cẩm Lộc (huyện Cẩm Xuyên, Hà Tĩnh, trước 2025)"
    ward = Locality.objects.legacy().communes().with_ancestors().filter(name="Phường 3").first()
    assert str(ward).startswith("Phường 3 (")  # not "Phường Phường 3"
    assert ward.slug.startswith("phuong-3-")
    current = Locality.objects.current().communes().with_ancestors().filter(name="Tân Hiệp")
    assert current.exists()
    for unit in current:
        assert str(unit) == f"{unit.full_name} ({unit.parent.name})"


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
    chau_thanh = Locality.objects.districts().filter(name="Châu Thành")
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


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda data: data.pop("communes_legacy"), "thiếu mục communes_legacy"),
        (lambda data: data["communes_legacy"][0].update(successors=["99999"]), "xã mới"),
        (lambda data: data["communes_2025"][0].update(kind="lang"), "loại đơn vị không rõ"),
        (lambda data: data["communes_2025"].append(dict(data["communes_2025"][0])), "bị trùng"),
        (lambda data: data["districts_legacy"][0].update(province="00"), "tỉnh"),
    ],
)
def test_a_corrupt_data_file_is_refused_and_writes_nothing(tmp_path, damage, message):
    from django.core.management.base import CommandError

    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    damage(data)
    corrupt = tmp_path / "localities.json"
    corrupt.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    before = Locality.objects.count(), LocalityTransition.objects.count()
    with pytest.raises(CommandError, match=message):
        call_command("load_localities", file=corrupt, stdout=StringIO())
    assert (Locality.objects.count(), LocalityTransition.objects.count()) == before


def test_loading_again_leaves_the_transitions_alone():
    before = set(LocalityTransition.objects.values_list("pk", "is_default", "effective"))
    call_command("load_localities", stdout=StringIO())
    assert set(LocalityTransition.objects.values_list("pk", "is_default", "effective")) == before


def test_a_renamed_district_keeps_its_old_name_with_the_day_it_stopped():
    nghi_son = Locality.objects.districts().get(name="Nghi Sơn")
    assert {"name": "Tĩnh Gia", "until": "2020-06-01"} in nghi_son.aliases
    assert list(Locality.objects.districts().named("huyện Tĩnh Gia")) == [nghi_son]


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("huyện Quan Hóa", "Quan Hóa"),
        ("Quan Hóa", "Quan Hóa"),
        ("quan hoa", "Quan Hóa"),
        ("Tịnh Biên", "Tịnh Biên"),
        ("thị xã Tịnh Biên", "Tịnh Biên"),
    ],
)
def test_a_name_that_starts_like_a_prefix_is_not_cut(written, name):
    # "Quan" is not "quận" and "Tịnh" is not "tỉnh": only a prefix spelled as one is dropped.
    found = Locality.objects.districts().named(written)
    assert name in set(found.values_list("name", flat=True))


def test_lookup_keys_of_a_name_typed_without_diacritics_cover_both_readings():
    assert Locality.lookup_keys("quan hoa") == ["hoa", "quan hoa"]
    assert Locality.lookup_keys("Quan Hóa") == ["quan hoa"]
    assert Locality.lookup_keys("Quận Hòa") == ["hoa"]
    assert Locality.lookup_keys("Xã Tân Hiệp") == ["tan hiep"]
    assert Locality.objects.districts().get(name="Quan Hóa").name_key == "quan hoa"
