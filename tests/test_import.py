"""The import command and service: saving, idempotence, editors' corrections, bad input."""

import json
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Count

from articles import extraction, importing, review
from articles.models import (
    Document,
    Event,
    Locality,
    Official,
    Organization,
    Report,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CONTRACT_KEYS = {
    "source", "title", "title_inferred", "summary", "published_date", "published_at",
    "event_date", "page_date", "year", "year_inferred", "province", "district", "author",
    "view_count", "officials", "organizations", "documents", "event", "schedule", "captions",
    "attachments", "body", "warnings", "commune", "source_url", "authors",
}  # fmt: skip


def run_import(*paths, **options):
    out, err = StringIO(), StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=err, **options)
    return out.getvalue(), err.getvalue()


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def report_from(prefix: str) -> Report:
    return Report.objects.get(source_file__endswith=seed(prefix).name)


@pytest.fixture
def imported_seeds():
    out, _ = run_import(SEEDS)
    return out


def test_seeds_import_then_reimport_unchanged(imported_seeds):
    assert "tạo mới 5" in imported_seeds
    assert Report.objects.count() == 5
    counts = {
        model: model.objects.count() for model in (Official, Organization, Document, Event, Report)
    }
    again, _ = run_import(SEEDS)
    assert "không đổi 5" in again
    assert "tạo mới 0" in again and "cập nhật 0" in again
    assert {model: model.objects.count() for model in counts} == counts


def test_seed_statuses_follow_what_was_found(imported_seeds):
    hue = report_from("000")
    assert hue.status == Report.Status.PUBLISHED
    assert hue.locality.name == "Thừa Thiên Huế"
    assert hue.author == "Nguyên Phương"
    assert hue.source_view_count == 199

    ha_tinh = report_from("001")
    assert ha_tinh.province.name == "Hà Tĩnh"
    assert ha_tinh.needs_review  # the headline was inferred
    assert ha_tinh.status == Report.Status.DRAFT  # until an editor writes one
    assert any("tiêu đề" in review.sentence(reason) for reason in ha_tinh.review_reasons)
    assert ha_tinh.review_reasons

    unnamed_district = report_from("002")
    assert unnamed_district.status == Report.Status.DRAFT
    assert unnamed_district.needs_review

    binh_phuoc = report_from("003")
    assert binh_phuoc.locality.name == "Bình Phước"
    assert binh_phuoc.status == Report.Status.DRAFT  # no usable date: an editor decides
    assert binh_phuoc.published_at is None

    minh_long = report_from("004")
    assert (minh_long.locality.name, minh_long.province.name) == ("Minh Long", "Quảng Ngãi")
    assert minh_long.status == Report.Status.PUBLISHED
    assert minh_long.attachments.get().name == "Công tác dân vận năm 2022.jpg"


def test_entities_are_matched_not_duplicated(imported_seeds):
    for model, key in ((Official, "name_key"), (Organization, "name_key")):
        duplicates = model.objects.values(key).annotate(n=Count("pk")).filter(n__gt=1)
        assert not duplicates.exists(), list(duplicates)
    shared = Document.objects.get(code="25-NQ/TW")
    assert shared.reports.count() == 2
    assert shared.kind == Document.Kind.RESOLUTION


def test_titles_link_to_the_reports_organizations(imported_seeds):
    trung_dung = Official.objects.get(full_name="Hoàng Trung Dũng")
    position = trung_dung.positions.get()
    assert position.title.startswith("Bí thư Tỉnh")
    assert position.organization.name == "Tỉnh ủy Hà Tĩnh"
    head = Official.objects.get(full_name="Trương Thanh Huyền").positions.get()
    assert head.organization.name == "Ban Dân vận Tỉnh ủy Hà Tĩnh"
    assert head.organization.parent.name == "Tỉnh ủy Hà Tĩnh"
    assert head.organization.locality.name == "Hà Tĩnh"
    assert head.organization.kind == Organization.Kind.MASS_MOBILIZATION


def test_unqualified_bodies_are_not_saved_as_organizations(imported_seeds):
    # Seed 002 never names its district: "Huyện ủy" there is no particular body.
    assert not Organization.objects.filter(name__in=["Huyện ủy", "Hội đồng nhân dân huyện"])


def test_schedule_ticker_items_become_events_once(imported_seeds):
    schedule = Event.objects.filter(kind=Event.Kind.SCHEDULE)
    assert schedule.count() == 9
    assert {event.date.isoformat() for event in schedule} == {
        "2022-05-23", "2022-05-24", "2022-05-25", "2022-05-26", "2022-05-27"
    }  # fmt: skip
    run_import(SEEDS)
    assert Event.objects.filter(kind=Event.Kind.SCHEDULE).count() == 9


def test_editors_correction_survives_a_changed_file(tmp_path):
    source = tmp_path / "bai.txt"
    original = seed("004").read_text(encoding="utf-8")
    source.write_text(original, encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    report.title = "Trực báo công tác dân vận quý I/2022 ở Minh Long"
    report.mark_edited(["title"])
    report.save()

    changed = original.replace("Quý I năm 2022, trong bối cảnh", "Trong quý I năm 2022, dù")
    assert changed != original
    source.write_text(changed, encoding="utf-8")
    out, _ = run_import(source)
    assert "cập nhật 1" in out
    report.refresh_from_db()
    assert report.title == "Trực báo công tác dân vận quý I/2022 ở Minh Long"
    assert "Trong quý I năm 2022, dù" in report.body
    assert Report.objects.count() == 1


def test_reviewed_report_stays_reviewed_after_reimport(imported_seeds):
    report = report_from("001")
    report.needs_review = False
    report.review_reasons = []
    report.mark_edited(["needs_review", "review_reasons"])
    report.save()
    run_import(SEEDS)
    report.refresh_from_db()
    assert report.needs_review is False


def test_tone_placement_and_nfd_variants_are_one_organization(tmp_path):
    text = seed("001").read_text(encoding="utf-8")
    variant = unicodedata.normalize("NFD", text.replace("Tỉnh ủy", "Tỉnh uỷ"))
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(variant, encoding="utf-8")
    run_import(tmp_path)
    assert Report.objects.count() == 2
    duplicates = Organization.objects.values("name_key").annotate(n=Count("pk")).filter(n__gt=1)
    assert not duplicates.exists()
    assert Official.objects.filter(full_name="Hoàng Trung Dũng").count() == 1


def test_dry_run_json_follows_the_contract_and_writes_nothing():
    out, err = run_import(SEEDS, dry_run=True, as_json=True)
    records = json.loads(out)
    assert len(records) == 5
    for record in records:
        assert set(record) == CONTRACT_KEYS
    assert "Trích xuất thử" in err
    assert Report.objects.count() == 0
    assert Official.objects.count() == 0


def test_bad_files_get_clear_messages_and_good_ones_still_import(tmp_path):
    (tmp_path / "good.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    bad = {
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50, "nhị phân"),
        "empty.txt": (b"   \n\n", "rỗng"),
        "huge.txt": (b"a" * (extraction.MAX_INPUT_BYTES + 1), "quá lớn"),
        "cp.txt": (b"Ho\xe0i ngh\x81\x8d\x8f\x90\x9d i " * 30, "giải mã"),
        "utf16.txt": (b"\xff\xfe" + b"\x00\xd8A\x00" * 40, "giải mã"),
    }
    for name, (content, _) in bad.items():
        (tmp_path / name).write_bytes(content)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="5 tệp không nhập được"):
        call_command("import_seeds", str(tmp_path), stdout=out, stderr=err)
    messages = err.getvalue().splitlines()
    for name, (_, phrase) in bad.items():
        line = next(line for line in messages if name in line)
        assert phrase in line.casefold(), line
    assert "Traceback" not in err.getvalue()
    assert "tạo mới 1" in out.getvalue()
    assert Report.objects.count() == 1
    assert Report.objects.get().locality.name == "Minh Long"


def test_missing_path_is_reported_and_fails(tmp_path):
    with pytest.raises(CommandError):
        run_import(tmp_path / "khong-co")


def test_a_file_that_fails_while_saving_leaves_nothing_behind(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "b.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    real = importing.Importer._sync_citations

    def explode(extracted, report, created):
        if "Hà Tĩnh" in extracted.text:
            raise RuntimeError("hỏng giữa chừng")
        return real(extracted, report, created)

    monkeypatch.setattr(importing.Importer, "_sync_citations", staticmethod(explode))
    with pytest.raises(CommandError, match="1 tệp không nhập được"):
        run_import(tmp_path)
    assert list(Report.objects.values_list("locality__name", flat=True)) == ["Minh Long"]
    assert not Official.objects.filter(full_name="Hoàng Trung Dũng").exists()


def test_verbose_import_prints_each_files_warnings():
    out, _ = run_import(seed("002"), verbosity=2)
    assert seed("002").name in out
    assert "–" in out


def test_an_event_an_editor_removed_is_not_recreated(tmp_path):
    source = tmp_path / "bai.txt"
    original = seed("004").read_text(encoding="utf-8")
    source.write_text(original, encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    report.event = None
    report.mark_edited(["event"])
    report.save()
    Event.objects.filter(kind=Event.Kind.REPORTING).delete()

    changed = original.replace("Quý I năm 2022, trong", "Trong quý I năm 2022,")
    source.write_text(changed, encoding="utf-8")
    run_import(source)
    report.refresh_from_db()
    assert report.event is None
    assert not Event.objects.filter(kind=Event.Kind.REPORTING).exists()


def test_a_province_named_after_the_reform_is_todays_province():
    sample = SEEDS.parent / "tests" / "extraction" / "samples" / "portal_post_merger.txt"
    run_import(sample)
    report = Report.objects.get()
    assert report.published_at.year == 2025
    # The most specific unit is the report's place: today's commune, under today's province.
    assert report.locality == report.commune
    assert report.commune.name == "Tân Hồng"
    assert report.commune.era == Locality.Era.CURRENT
    assert report.district is None  # no district level since 1 July 2025
    assert report.province.name == "Đồng Tháp"
    assert report.province.era == Locality.Era.CURRENT
    assert report.commune.parent == report.province
    assert report.status == Report.Status.PUBLISHED
    front = Organization.objects.get(name="Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Đồng Nai")
    assert front.locality == Locality.objects.get(slug="dong-nai")  # "(mới)": today's
    # Reports about the same name before the reform stay with the former province.
    assert Report.objects.in_locality(Locality.objects.get(slug="dong-thap")).count() == 1


def test_a_province_named_before_the_reform_stays_the_former_one(imported_seeds):
    assert report_from("001").locality.era == Locality.Era.LEGACY


def test_a_manifest_gives_each_file_its_url_and_a_re_import_keeps_it(tmp_path):
    folder = tmp_path / "crawl"
    folder.mkdir()
    (folder / "a.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    url = "https://minhlong.quangngai.gov.vn/tin-tuc/hoi-nghi-dan-van.html"
    manifest.write_text(f"\ufefffile,url\ncrawl/a.txt,{url}\n", encoding="utf-8")
    out, _ = run_import(manifest=str(manifest))
    assert "tạo mới 1" in out
    assert Report.objects.get().source_url == url
    again, _ = run_import(folder / "a.txt", manifest=str(manifest))
    assert "không đổi 1" in again


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("tep,dia_chi\na.txt,https://x.gov.vn/\n", "file,url"),
        ("", "file,url"),
        (b"\xff\xfe\x00f\x00i", "UTF-8"),
    ],
)
def test_a_manifest_that_cannot_be_used_is_refused_before_anything_is_imported(
    tmp_path, content, message
):
    (tmp_path / "a.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    if isinstance(content, bytes):
        manifest.write_bytes(content)
    else:
        manifest.write_text(content, encoding="utf-8")
    with pytest.raises(CommandError, match=message):
        run_import(tmp_path / "a.txt", manifest=str(manifest))
    with pytest.raises(CommandError, match="Không tìm thấy tệp manifest"):
        run_import(tmp_path / "a.txt", manifest=str(tmp_path / "khong-co.csv"))
    assert Report.objects.count() == 0


def test_a_manifest_row_with_a_bad_url_is_reported_and_its_file_imports_without_one(tmp_path):
    (tmp_path / "a.txt").write_text(seed("004").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_text("file,url\na.txt,javascript:alert(1)\n,https://x.gov.vn/\n", "utf-8")
    _, err = run_import(tmp_path / "a.txt", manifest=str(manifest))
    assert "dòng 2: địa chỉ không hợp lệ" in err
    assert "dòng 3: thiếu tên tệp" in err
    assert Report.objects.get().source_url == ""


BYLINE_SAMPLES = Path(__file__).resolve().parent / "extraction" / "samples_r2" / "bylines"


def test_several_authors_are_stored_joined_and_a_photo_credit_is_no_author(tmp_path):
    for name in ("bao_caps_two_authors.txt", "tinhuy_photo_credit_only.txt"):
        (tmp_path / name).write_bytes((BYLINE_SAMPLES / name).read_bytes())
    run_import(tmp_path)
    two = Report.objects.get(source_file__endswith="bao_caps_two_authors.txt")
    assert two.author == "Thanh Tùng, Hải Yến"
    credit_only = Report.objects.get(source_file__endswith="tinhuy_photo_credit_only.txt")
    assert credit_only.author == ""
