"""A database that is down or refuses writes: a 503 page to come back later, or the page."""

import sys

import pytest
from django.db import OperationalError, connection

from articles.models import Report
from articles.outage import RETRY_AFTER_SECONDS, server_error

pytestmark = pytest.mark.django_db

READER_PAGES = ["/", "/bai-viet/", "/tim-kiem/?q=dan+van", "/can-bo/", "/rss/", "/dia-phuong/"]


def database_down(execute, sql, params, many, context):
    raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: refused')


def refuse_writes(execute, sql, params, many, context):
    if sql.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE")):
        raise OperationalError("database or disk is full")
    return execute(sql, params, many, context)


def assert_unavailable_page(response):
    assert response.status_code == 503
    assert response["Retry-After"] == str(RETRY_AFTER_SECONDS)
    page = response.content.decode()
    assert '<html lang="vi">' in page and "Vui lòng quay lại sau ít phút" in page


@pytest.mark.parametrize("path", READER_PAGES)
def test_reader_gets_a_vietnamese_503_when_the_database_is_down(client, path):
    with connection.execute_wrapper(database_down):
        response = client.get(path)
    assert_unavailable_page(response)


def test_report_page_gives_503_when_the_database_is_down(client, make_report):
    report = make_report(title="Bài khi cơ sở dữ liệu ngừng")
    with connection.execute_wrapper(database_down):
        response = client.get(report.get_absolute_url())
    assert_unavailable_page(response)


def test_an_outage_outside_the_views_is_a_503_too(rf):
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(rf.get("/"))
    assert sys.exc_info() == (None, None, None)
    assert_unavailable_page(response)


def test_other_server_errors_stay_500(rf):
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/"))
    assert response.status_code == 500


def test_report_page_renders_when_the_database_refuses_writes(client, make_report):
    report = make_report(title="Bài trên máy chủ chỉ đọc", body="Nội dung của bài.")
    with connection.execute_wrapper(refuse_writes):
        response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert report.title in response.content.decode()
    # The refused write left the transaction usable and the count unchanged.
    assert Report.objects.get(pk=report.pk).view_count == 0


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a read-only PostgreSQL session")
def test_report_page_renders_on_a_read_only_postgresql_transaction(client, make_report):
    report = make_report(title="Bài trên bản sao chỉ đọc")
    with connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION READ ONLY")
    response = client.get(report.get_absolute_url())
    assert response.status_code == 200
    assert report.title in response.content.decode()


def test_report_page_still_counts_views_when_writes_work(client, make_report):
    report = make_report(title="Bài bình thường")
    assert client.get(report.get_absolute_url()).status_code == 200
    assert Report.objects.get(pk=report.pk).view_count == 1
