"""Readers see officials, organizations, documents, events and titles only through published
reports: a draft's people, bodies and titles are unchecked and stay out of every page."""

from datetime import date
from types import SimpleNamespace

import pytest
from django.core.cache import cache

from articles.models import (
    Citation,
    Document,
    Event,
    EventParticipant,
    Official,
    Organization,
    Position,
    Report,
    ReportOfficial,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft_only(make_report, locality):
    """A draft naming an official, a body, a document and an event nothing else names."""
    official = Official.objects.create(full_name="Đinh Văn Chưa Duyệt")
    organization = Organization.objects.create(name="Ban Dân vận Huyện ủy Nháp Sơn")
    document = Document.objects.create(code="99-NQ/NHAP", subject="Văn bản chỉ có trong nháp")
    event = Event.objects.create(
        title="Hội nghị chỉ có trong bản nháp", date=date(2099, 3, 1), organizer=organization
    )
    draft = make_report(
        title="Bản nháp chưa duyệt",
        status=Report.Status.DRAFT,
        locality=locality("minh-long"),
        event=event,
    )
    position = Position.objects.create(
        official=official, title="Trưởng Ban Dân vận (theo bản nháp)", organization=organization
    )
    ReportOfficial.objects.create(
        report=draft, official=official, title=position.title, position=position
    )
    EventParticipant.objects.create(event=event, official=official, role="chu-tri")
    Citation.objects.create(report=draft, document=document)
    draft.organizations.add(organization)
    return SimpleNamespace(
        draft=draft, official=official, organization=organization, document=document, event=event
    )


def pages(client, urls):
    cache.clear()
    return {url: client.get(url) for url in urls}


def test_entities_known_only_from_drafts_answer_404(client, draft_only):
    for row in (draft_only.official, draft_only.organization, draft_only.document):
        assert client.get(row.get_absolute_url()).status_code == 404, row
    assert client.get(draft_only.event.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/can-bo/",
        "/to-chuc/",
        "/van-ban/",
        "/su-kien/",
        "/su-kien/?year=2099",
        "/tim-kiem/?q=chua+duyet",
        "/tim-kiem/?q=nhap+son",
        "/tim-kiem/?q=99-NQ",
    ],
)
def test_lists_and_search_leave_out_what_only_drafts_name(client, draft_only, url):
    html = pages(client, [url])[url].content.decode()
    for text in (
        draft_only.official.full_name,
        draft_only.organization.name,
        draft_only.document.code,
        draft_only.event.title,
    ):
        assert text not in html, (url, text)


@pytest.mark.parametrize("section", ["can-bo", "to-chuc", "van-ban", "su-kien"])
def test_sitemaps_leave_out_what_only_drafts_name(client, draft_only, section):
    xml = pages(client, [f"/sitemap-{section}.xml"])[f"/sitemap-{section}.xml"]
    assert xml.status_code == 200
    for row in (draft_only.official, draft_only.organization, draft_only.document):
        assert row.get_absolute_url() not in xml.content.decode()
    assert draft_only.event.get_absolute_url() not in xml.content.decode()


def test_a_draft_only_entity_is_not_a_valid_list_filter(client, draft_only):
    html = client.get(f"/bai-viet/?official={draft_only.official.slug}").content.decode()
    assert "Không tìm thấy cán bộ" in html


def test_publishing_the_report_shows_them(client, draft_only):
    draft_only.draft.status = Report.Status.PUBLISHED
    draft_only.draft.save()
    for row in (draft_only.official, draft_only.organization, draft_only.document):
        assert client.get(row.get_absolute_url()).status_code == 200, row
    page = client.get(draft_only.event.get_absolute_url()).content.decode()
    assert draft_only.official.full_name in page  # the chair, now through a published report
    xml = pages(client, ["/sitemap-can-bo.xml"])["/sitemap-can-bo.xml"].content.decode()
    assert draft_only.official.get_absolute_url() in xml


def test_titles_readers_see_come_from_published_reports(client, make_report, locality):
    official = Official.objects.create(full_name="Lò Thị Đã Duyệt")
    published = make_report(title="Bài đã duyệt", locality=locality("minh-long"))
    draft = make_report(
        title="Bài nháp", locality=locality("minh-long"), status=Report.Status.DRAFT
    )
    checked = Position.objects.create(official=official, title="Phó Trưởng Ban Dân vận Huyện ủy")
    unchecked = Position.objects.create(
        official=official, title="Chủ tịch Ủy ban nhân dân huyện (chưa kiểm chứng)"
    )
    ReportOfficial.objects.create(
        report=published, official=official, title=checked.title, position=checked
    )
    ReportOfficial.objects.create(
        report=draft, official=official, title=unchecked.title, position=unchecked
    )
    for url in ("/can-bo/", official.get_absolute_url()):
        html = pages(client, [url])[url].content.decode()
        assert checked.title in html, url
        assert unchecked.title not in html, url
