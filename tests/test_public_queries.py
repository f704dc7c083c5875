"""Query budgets: the number of SQL queries does not grow with page size or related rows."""

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import (
    Caption,
    Citation,
    Document,
    Event,
    EventParticipant,
    Official,
    Organization,
    Position,
    ReportOfficial,
)
from tests.conftest import VN

pytestmark = pytest.mark.django_db

PROVINCES = ["ha-tinh-cu", "binh-phuoc", "dong-nai-cu", "minh-long", "huong-khe", "thua-thien-hue"]


@pytest.fixture
def crowded_site(make_report, locality):
    """Enough reports, people and documents that an N+1 query would show."""

    def build(count: int):
        event = Event.objects.create(title=f"Hội nghị {count}", date=date(2023, 5, 1))
        officials = [Official.objects.create(full_name=f"Cán bộ {count}-{i}") for i in range(6)]
        documents = [Document.objects.create(code=f"{count}{i}-NQ/TW") for i in range(4)]
        organizations = [Organization.objects.create(name=f"Tổ chức {count}-{i}") for i in range(3)]
        for index, official in enumerate(officials):
            Position.objects.create(
                official=official, title=f"Chức vụ {index}", organization=organizations[0]
            )
            EventParticipant.objects.create(event=event, official=official, title="Bí thư")
        reports = []
        for index in range(count):
            report = make_report(
                title=f"Dân vận khéo bài {count}-{index}",
                body="Mô hình dân vận khéo ở cơ sở. " * 20,
                locality=locality(PROVINCES[index % len(PROVINCES)]),
                published_at=datetime(2020 + index % 5, 1 + index % 12, 3, tzinfo=VN),
                event=event,
                featured=index % 3 == 0,
            )
            report.organizations.add(*organizations)
            for order, official in enumerate(officials):
                ReportOfficial.objects.create(
                    report=report, official=official, title=f"Chức vụ {order}", order=order
                )
            for document in documents:
                Citation.objects.create(report=report, document=document)
            Caption.objects.create(report=report, text=f"Ảnh {index}")
            reports.append(report)
        return {
            "report": reports[0],
            "official": officials[0],
            "document": documents[0],
            "organization": organizations[0],
            "event": event,
        }

    return build


def page_urls(objects):
    return {
        "home": "/",
        "list": "/bai-viet/",
        "list-filtered": "/bai-viet/?province=ha-tinh&year=2020&q=dan+van",
        "list-entities": f"/bai-viet/?official={objects['official'].slug}"
        f"&document={objects['document'].slug}&organization={objects['organization'].slug}",
        "list-district": "/bai-viet/?province=ha-tinh&district=huong-khe",
        "detail": objects["report"].get_absolute_url(),
        "search": "/tim-kiem/?q=dan+van+kheo",
        "officials": "/can-bo/",
        "official": objects["official"].get_absolute_url(),
        "organizations": "/to-chuc/",
        "organization": objects["organization"].get_absolute_url(),
        "documents": "/van-ban/",
        "document": objects["document"].get_absolute_url(),
        "events": "/su-kien/?year=2023",
        "event": objects["event"].get_absolute_url(),
        "localities": "/dia-phuong/",
        "province": "/dia-phuong/ha-tinh/",
        "district": "/dia-phuong/huong-khe/",
        "rss": "/rss/",
        "province-rss": "/dia-phuong/ha-tinh/rss/",
        "sitemap": "/sitemap-bai-viet.xml",
    }


def count_queries(client, url) -> int:
    from django.core.cache import cache

    cache.clear()  # measure the uncached path: facet counts included
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def test_query_count_does_not_grow_with_rows(client, crowded_site):
    # Twelve reports put two in each locality of the fixture, so no page and no list of
    # related reports is empty (a list's cards fetch their places once it has rows).
    small = {name: count_queries(client, url) for name, url in page_urls(crowded_site(12)).items()}
    large = {name: count_queries(client, url) for name, url in page_urls(crowded_site(30)).items()}
    assert large == small


# Report cards fetch their places, event and photo captions after the page is cut
# (prefetch_related: up to four small queries a list of cards; the home page has two lists),
# since joining them before the LIMIT made PostgreSQL hash the whole locality and event tables.
# A province or district chosen on the list, and a province or district page, also show its
# communes: one query for the (cached) commune table and one GROUP BY for their counts; a
# district adds the districts merged into it (one query) and, on its page, what it became.
@pytest.mark.parametrize(
    ("name", "budget"),
    [
        ("home", 14),
        ("list", 9),
        ("list-filtered", 16),
        ("list-entities", 12),
        ("list-district", 19),
        ("detail", 16),
        ("search", 11),  # + the ts_headline query of the page (PostgreSQL)
        ("officials", 4),
        ("official", 6),
        ("organizations", 3),
        ("organization", 10),
        ("documents", 3),
        ("document", 7),
        ("events", 5),
        ("event", 7),
        ("localities", 2),
        ("province", 14),
        ("district", 12),
        ("rss", 4),
        ("province-rss", 6),
        ("sitemap", 2),
    ],
)
def test_pages_stay_within_their_query_budget(
    client, crowded_site, django_assert_max_num_queries, name, budget
):
    url = page_urls(crowded_site(25))[name]
    with django_assert_max_num_queries(budget):
        assert client.get(url).status_code == 200


def test_cached_facets_save_their_queries(client, crowded_site):
    crowded_site(10)
    first = count_queries(client, "/bai-viet/?province=ha-tinh")
    with CaptureQueriesContext(connection) as context:
        client.get("/bai-viet/?province=ha-tinh")
    assert len(context.captured_queries) < first
