"""``visible_from`` follows every way a report is published, unpublished, deleted or relinked,
and public() always agrees with its definition: named by a published, live report."""

import random
from datetime import timedelta
from io import StringIO
from pathlib import Path
from unittest import mock

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from articles import filters
from articles.models import (
    Citation,
    Document,
    Event,
    Official,
    Organization,
    Report,
    ReportOfficial,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def named_by_published(model):
    """The definition, as a slow EXISTS: rows a published, live report names."""
    reports = Report.objects.published()
    if model is Official:
        test = Exists(reports.filter(mentions__official=OuterRef("pk")))
    elif model is Document:
        test = Exists(reports.filter(citations__document=OuterRef("pk")))
    elif model is Organization:
        test = Exists(reports.filter(organizations=OuterRef("pk"))) | Exists(
            reports.filter(author_organization=OuterRef("pk"))
        )
    else:
        test = Exists(reports.filter(event=OuterRef("pk"))) | Exists(
            reports.filter(scheduled_events=OuterRef("pk"))
        )
    return set(model.objects.filter(test).values_list("pk", flat=True))


def public_ids(model):
    return set(model.objects.public().values_list("pk", flat=True))


def assert_consistent():
    for model in (Official, Organization, Document, Event):
        assert public_ids(model) == named_by_published(model), model.__name__


@pytest.fixture
def linked(make_report, locality):
    official = Official.objects.create(full_name="Hà Văn Gỡ Bài")
    organization = Organization.objects.create(name="Ban Dân vận Huyện ủy Minh Long")
    document = Document.objects.create(code="12-KL/HU")
    event = Event.objects.create(title="Hội nghị giao ban dân vận quý I")
    report = make_report(
        title="Giao ban dân vận quý I", locality=locality("minh-long"), event=event
    )
    report.mentions.create(official=official, title="Phó Bí thư Huyện ủy")
    report.citations.create(document=document)
    report.organizations.add(organization)
    return report, (official, organization, document, event)


def test_publishing_and_unpublishing_in_the_admin_take_effect_at_once(admin_client, linked):
    report, rows = linked
    sitemaps = ["/sitemap-bai-viet.xml", "/sitemap-can-bo.xml", "/sitemap-to-chuc.xml"]
    before = {url: admin_client.get(url).content.decode() for url in sitemaps}
    assert report.get_absolute_url() in before["/sitemap-bai-viet.xml"]
    assert rows[0].get_absolute_url() in before["/sitemap-can-bo.xml"]
    published = Report.objects.published()
    assert filters.year_counts(published, key=filters.facet_key("years", {})) == [(2022, 1)]
    province_link = "?province="  # the home page counts reports by province
    assert province_link in admin_client.get("/").content.decode()  # the cached home counts

    changelist = reverse("admin:articles_report_changelist")
    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [report.pk]})

    # No cache.clear(): the unpublished report and what it named are gone from every path.
    after = {url: admin_client.get(url).content.decode() for url in sitemaps}
    assert report.get_absolute_url() not in after["/sitemap-bai-viet.xml"]
    assert rows[0].get_absolute_url() not in after["/sitemap-can-bo.xml"]
    assert rows[1].get_absolute_url() not in after["/sitemap-to-chuc.xml"]
    for row in rows:
        assert admin_client.get(row.get_absolute_url()).status_code == 404, row
    assert filters.year_counts(published, key=filters.facet_key("years", {})) == []
    assert province_link not in admin_client.get("/").content.decode()
    assert_consistent()

    admin_client.post(changelist, {"action": "publish", "_selected_action": [report.pk]})
    for row in rows:
        assert admin_client.get(row.get_absolute_url()).status_code == 200, row
    assert filters.year_counts(published, key=filters.facet_key("years", {})) == [(2022, 1)]


def test_deleting_a_report_in_the_admin_hides_what_only_it_named(admin_client, linked):
    report, rows = linked
    url = reverse("admin:articles_report_delete", args=[report.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 302
    assert not Report.objects.filter(pk=report.pk).exists()
    for row in rows:
        assert admin_client.get(row.get_absolute_url()).status_code == 404, row
    assert_consistent()


def test_a_scheduled_report_shows_what_it_names_when_it_goes_live(client, make_report):
    official = Official.objects.create(full_name="Lê Thị Hẹn Giờ")
    later = timezone.now() + timedelta(hours=3)
    report = make_report(title="Bài hẹn giờ đăng", published_at=later)
    report.mentions.create(official=official)
    assert client.get(official.get_absolute_url()).status_code == 404
    assert official.pk not in public_ids(Official)
    with mock.patch("django.utils.timezone.now", return_value=later + timedelta(minutes=1)):
        assert client.get(official.get_absolute_url()).status_code == 200
        assert_consistent()


def test_moving_or_removing_a_link_updates_both_ends(linked, make_report):
    report, (official, organization, document, event) = linked
    other = Official.objects.create(full_name="Hà Văn Gỡ Bài")  # a namesake elsewhere
    mention = ReportOfficial.objects.get(report=report, official=official)
    mention.official = other
    mention.save()
    assert official.pk not in public_ids(Official) and other.pk in public_ids(Official)

    Citation.objects.filter(report=report).delete()
    report.organizations.remove(organization)
    report.event = None
    report.save()
    for model, row in ((Document, document), (Organization, organization), (Event, event)):
        assert row.pk not in public_ids(model), model.__name__
    report.organizations.add(organization)
    assert organization.pk in public_ids(Organization)
    organization.reports.clear()  # from the other side
    assert organization.pk not in public_ids(Organization)
    assert_consistent()


def test_random_edits_keep_public_equal_to_its_definition(make_report, locality):
    rng = random.Random(8)
    officials = [Official.objects.create(full_name=f"Cán bộ {i}") for i in range(6)]
    organizations = [Organization.objects.create(name=f"Tổ chức {i}") for i in range(4)]
    documents = [Document.objects.create(code=f"{i}-NQ/TU") for i in range(4)]
    events = [Event.objects.create(title=f"Sự kiện {i}") for i in range(4)]
    reports = [make_report(status=rng.choice(["draft", "published"])) for _ in range(5)]
    now = timezone.now()
    for _step in range(60):
        report = rng.choice(reports)
        action = rng.randrange(9)
        if action == 0:
            report.status = "draft" if report.status == "published" else "published"
            report.save()
        elif action == 1:
            report.published_at = now + timedelta(days=rng.choice([-30, -1, 1, 30]))
            report.save()
        elif action == 2:
            ReportOfficial.objects.get_or_create(report=report, official=rng.choice(officials))
        elif action == 3:
            link = report.mentions.order_by("?").first()
            if link:
                link.delete()
        elif action == 4:
            Citation.objects.get_or_create(report=report, document=rng.choice(documents))
        elif action == 5:
            report.organizations.set(rng.sample(organizations, rng.randrange(3)))
        elif action == 6:
            report.author_organization = rng.choice([None, *organizations])
            report.event = rng.choice([None, *events])
            report.save()
        elif action == 7:
            schedule = rng.choice(events)
            schedule.source_report = rng.choice([None, report])
            schedule.save()
        else:
            reports.remove(report)
            report.delete()
            reports.append(make_report(status="published"))
        assert_consistent()


def test_imported_drafts_name_nothing_readers_can_see(client):
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    drafts = Report.objects.filter(status=Report.Status.DRAFT)
    draft_only = Official.objects.filter(mentions__report__in=drafts).exclude(
        mentions__report__in=Report.objects.published()
    )
    assert drafts.exists() and draft_only.exists()  # the seeds do keep some reports as drafts
    assert_consistent()
    html = client.get("/can-bo/").content.decode() + client.get("/su-kien/").content.decode()
    for official in draft_only:
        assert official.full_name not in html
    for event in Event.objects.filter(reports__in=drafts).exclude(pk__in=public_ids(Event)):
        assert event.title not in html
        assert client.get(event.get_absolute_url()).status_code == 404


def test_refresh_visibility_command_rebuilds_every_row(linked):
    _report, rows = linked
    Official.objects.update(visible_from=None)
    Event.objects.update(visible_from=timezone.now())  # a wrong value either way
    Event.objects.create(title="Sự kiện chưa có bài nào")
    out = StringIO()
    call_command("refresh_visibility", stdout=out)
    assert_consistent()
    assert rows[0].pk in public_ids(Official)
    assert "Đã cập nhật" in out.getvalue()


def test_an_events_participants_come_from_its_published_reports(client, make_report):
    from articles.models import EventParticipant

    event = Event.objects.create(title="Hội nghị sơ kết dân vận chính quyền")
    checked = Official.objects.create(full_name="Vũ Thị Đã Kiểm")
    unchecked = Official.objects.create(full_name="Vũ Văn Chưa Kiểm")
    published = make_report(title="Bài đã duyệt về hội nghị", event=event)
    draft = make_report(title="Bài nháp về hội nghị", event=event, status="draft")
    published.mentions.create(official=checked, title="Chủ tịch Hội Nông dân")
    draft.mentions.create(official=unchecked, title="Phó Chủ tịch (chưa kiểm)")
    unchecked_elsewhere = make_report(title="Bài khác đã duyệt")
    unchecked_elsewhere.mentions.create(official=unchecked)  # public, but not through this event
    for official in (checked, unchecked):
        EventParticipant.objects.create(event=event, official=official, role="du")
    html = client.get(event.get_absolute_url()).content.decode()
    assert checked.full_name in html
    assert unchecked.full_name not in html
    assert event.title not in client.get(unchecked.get_absolute_url()).content.decode()
