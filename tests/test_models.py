from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from articles.models import (
    Citation,
    Document,
    Locality,
    Official,
    Organization,
    Position,
    Report,
    ReportOfficial,
)

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_report_slug_transliterates_d_with_stroke(make_report):
    report = make_report(title="Đảng bộ huyện Minh Long tổ chức hội nghị")
    assert report.slug == "dang-bo-huyen-minh-long-to-chuc-hoi-nghi"
    assert report.get_absolute_url() == f"/bai-viet/{report.slug}/"


def test_reports_with_the_same_title_get_distinct_readable_slugs(make_report, locality):
    slugs = [
        make_report(title="Hội nghị giao ban", locality=locality("minh-long")).slug
        for _ in range(4)
    ]
    assert slugs == [
        "hoi-nghi-giao-ban",
        "hoi-nghi-giao-ban-minh-long",
        "hoi-nghi-giao-ban-13-04-2022",
        "hoi-nghi-giao-ban-2",
    ]
    undated = make_report(title="Hội nghị giao ban", published_at=None)
    assert undated.slug == "hoi-nghi-giao-ban-3"


def test_slug_is_unique_in_the_database(make_report):
    make_report(slug="trung-lap")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(slug="trung-lap")


def test_published_excludes_drafts_and_scheduled_reports(make_report):
    visible = make_report()
    undated = make_report(published_at=None)
    make_report(status=Report.Status.DRAFT)
    make_report(published_at=timezone.now() + timedelta(days=2))
    assert set(Report.objects.published()) == {visible, undated}


def test_year_comes_from_the_local_publication_date(make_report):
    # 20:00 UTC on 31 December is already 1 January in Việt Nam.
    report = make_report(published_at=datetime(2021, 12, 31, 20, 0, tzinfo=UTC))
    assert report.year == 2022


def test_year_must_be_plausible(make_report):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_report(year=20222)


def test_title_cannot_be_empty():
    with pytest.raises(IntegrityError), transaction.atomic():
        Report.objects.create(title="", slug="khong-tieu-de")


def test_province_follows_the_primary_locality(make_report, locality):
    report = make_report(locality=locality("minh-long"))
    assert report.province.name == "Quảng Ngãi"
    report.locality = locality("binh-phuoc")
    report.save(update_fields=["locality"])
    report.refresh_from_db()
    assert report.province == locality("binh-phuoc")


def test_current_province_reaches_reports_of_the_units_it_absorbed(make_report, locality):
    binh_phuoc = make_report(locality=locality("binh-phuoc"))
    bu_dang = make_report(locality=Locality.objects.districts().get(name="Bù Đăng"))
    elsewhere = make_report(locality=locality("minh-long"))
    dong_nai = Report.objects.in_locality(locality("dong-nai"))
    assert set(dong_nai) == {binh_phuoc, bu_dang}
    assert elsewhere not in Report.objects.in_locality(locality("binh-phuoc"))
    assert set(Report.objects.in_locality(locality("binh-phuoc"))) == {binh_phuoc, bu_dang}


def test_search_ignores_diacritics_and_tone_placement(make_report):
    found = make_report(title="Phong trào thi đua “Dân vận khéo” ở Hoà Bình")
    make_report(title="Hội nghị tổng kết")
    assert list(Report.objects.search_folded("dan van kheo")) == [found]
    assert list(Report.objects.search_folded("HÒA BÌNH")) == [found]


def test_organization_names_differing_only_in_tone_placement_collide():
    Organization.objects.create(name="Tỉnh ủy Hà Tĩnh", kind=Organization.Kind.PARTY_COMMITTEE)
    with pytest.raises(IntegrityError), transaction.atomic():
        Organization.objects.create(name="Tỉnh uỷ Hà Tĩnh")


def test_an_official_can_hold_several_titles_but_each_once(make_report):
    official = Official.objects.create(full_name="Hoàng Trung Dũng")
    assert official.slug == "hoang-trung-dung"
    Position.objects.create(official=official, title="Bí thư Tỉnh ủy")
    Position.objects.create(official=official, title="Chủ tịch HĐND tỉnh")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(official=official, title="Bí thư Tỉnh uỷ")


def test_position_dates_must_be_in_order():
    official = Official.objects.create(full_name="Võ Trọng Hải")
    with pytest.raises(IntegrityError), transaction.atomic():
        Position.objects.create(
            official=official,
            title="Chủ tịch UBND tỉnh",
            first_seen=date(2023, 8, 25),
            last_seen=date(2022, 1, 1),
        )


def test_a_report_mentions_an_official_and_cites_a_document_once(make_report):
    report = make_report()
    official = Official.objects.create(full_name="Lê Thanh Bình")
    document = Document.objects.create(code="25-NQ/TW", kind=Document.Kind.RESOLUTION)
    assert document.slug == "25-nq-tw"
    ReportOfficial.objects.create(report=report, official=official, title="Phó Bí thư TT Huyện ủy")
    Citation.objects.create(report=report, document=document)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportOfficial.objects.create(report=report, official=official)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(report=report, document=document)
    assert list(report.officials.all()) == [official]
    assert list(document.reports.all()) == [report]


def test_mark_edited_only_records_imported_fields(make_report):
    report = make_report()
    report.mark_edited(["title", "featured", "body"])
    report.mark_edited(["title"])
    assert report.edited_fields == ["body", "title"]


def test_names_sort_by_letter_not_by_byte_order():
    for name in ("Trần Văn An", "Đỗ Đạt", "Bùi Thị Minh Hoài", "Ân Văn Tú"):
        Official.objects.create(full_name=name)
    assert list(Official.objects.values_list("full_name", flat=True)) == [
        "Ân Văn Tú",
        "Bùi Thị Minh Hoài",
        "Đỗ Đạt",
        "Trần Văn An",
    ]
