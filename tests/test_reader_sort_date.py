"""Lists sort by the best date known: published, else the event's day, else the year."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from articles.models import Report
from tests.conftest import VN

pytestmark = pytest.mark.django_db


def titles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return [report.title for report in response.context["reports"]]


def test_sort_date_is_published_else_event_day_else_mid_year_else_empty(make_report):
    published = make_report(published_at=datetime(2021, 3, 4, 9, 0, tzinfo=VN))
    event_only = make_report(published_at=None, event_date=date(2020, 11, 20))
    year_only = make_report(published_at=None, year=2019, year_precision="year-inferred")
    undated = make_report(published_at=None)
    assert published.sort_date == published.published_at
    assert event_only.sort_date == datetime(2020, 11, 20, tzinfo=VN)
    assert year_only.sort_date == datetime(2019, 7, 1, tzinfo=VN)
    assert undated.sort_date is None
    # Kept in step when an editor dates the report later, even through update_fields.
    undated.published_at = datetime(2024, 1, 2, 8, 0, tzinfo=VN)
    undated.save(update_fields=["published_at"])
    undated.refresh_from_db()
    assert undated.sort_date == undated.published_at


def test_an_undated_report_sorts_by_its_event_day_or_year_not_last(client, make_report):
    make_report(title="Đăng năm 2024", published_at=datetime(2024, 5, 1, 9, 0, tzinfo=VN))
    make_report(title="Sự kiện cuối 2023", published_at=None, event_date=date(2023, 12, 20))
    make_report(title="Đăng năm 2023", published_at=datetime(2023, 3, 2, 9, 0, tzinfo=VN))
    make_report(title="Chỉ biết năm 2022", published_at=None, year=2022)
    make_report(title="Đăng năm 2019", published_at=datetime(2019, 1, 5, 9, 0, tzinfo=VN))
    make_report(title="Không có ngày nào", published_at=None)
    expected = [
        "Đăng năm 2024",
        "Sự kiện cuối 2023",
        "Đăng năm 2023",
        "Chỉ biết năm 2022",
        "Đăng năm 2019",
        "Không có ngày nào",
    ]
    assert titles(client, reverse("articles:report-list")) == expected


def test_the_backfill_gives_existing_rows_their_sort_date(make_report):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("articles.migrations.0011_report_sort_date")
    event_only = make_report(published_at=None, event_date=date(2020, 11, 20))
    Report.objects.update(sort_date=None)
    migration.fill_sort_date(apps, None)
    event_only.refresh_from_db()
    assert event_only.sort_date == datetime(2020, 11, 20, tzinfo=VN)
