import re

import pytest
from django.urls import reverse

from articles.models import Report

pytestmark = pytest.mark.django_db


def test_home_lists_published_reports_only(client, make_report):
    published = make_report(title="Hội nghị giao ban dân vận quý I")
    make_report(title="Bản nháp chưa duyệt", status=Report.Status.DRAFT)
    response = client.get(reverse("articles:home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert published.title in html
    assert "Bản nháp chưa duyệt" not in html
    assert '<html lang="vi">' in html


def test_home_has_an_empty_state(client):
    response = client.get(reverse("articles:home"))
    assert "Chưa có bài viết nào được xuất bản." in response.content.decode()


def test_anonymous_reader_cannot_see_draft_reports(client, make_report):
    draft = make_report(status=Report.Status.DRAFT)
    response = client.get(draft.get_absolute_url())
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_editor_can_preview_a_draft_without_counting_a_view(editor_client, make_report):
    draft = make_report(status=Report.Status.DRAFT)
    response = editor_client.get(draft.get_absolute_url())
    assert response.status_code == 200
    assert "chưa được xuất bản" in response.content.decode()
    draft.refresh_from_db()
    assert draft.view_count == 0


def test_detail_page_counts_reader_views(client, make_report, locality):
    report = make_report(locality=locality("minh-long"), body="Đoạn một.\n\nĐoạn hai.")
    for _ in range(3):
        assert client.get(report.get_absolute_url()).status_code == 200
    report.refresh_from_db()
    assert report.view_count == 3


def test_detail_page_shows_locality_trail_and_paragraphs(client, make_report, locality):
    report = make_report(locality=locality("minh-long"), body="Đoạn một.\n\nĐoạn hai.")
    html = client.get(report.get_absolute_url()).content.decode()
    assert "Tỉnh Quảng Ngãi › Huyện Minh Long" in re.sub(r"<[^>]+>", "", html)  # linked trail
    assert "<p>Đoạn một.</p>" in html


def test_imported_markup_is_escaped(client, make_report):
    report = make_report(
        title="<script>alert(1)</script> Hội nghị", body="<img src=x onerror=alert(1)>"
    )
    html = client.get(report.get_absolute_url()).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img src=x" not in html


def test_home_query_count_does_not_grow_with_reports(
    client, make_report, locality, django_assert_max_num_queries
):
    for index in range(25):
        make_report(title=f"Bài {index}", locality=locality("minh-long"), featured=index < 3)
    # Two lists of cards (latest, featured), each fetching its places and photo captions after
    # the page is cut.
    with django_assert_max_num_queries(12):
        assert client.get(reverse("articles:home")).status_code == 200


def test_facet_options_are_escaped_and_mark_the_chosen_one():
    from articles.templatetags.facets import as_options
    from articles.views.reports import FacetOption

    html = as_options(
        [
            FacetOption(value="a&b", label="<b>Xã A</b>", count=3, selected=True),
            FacetOption(value="c", label="Xã C", count=0),
        ]
    )
    assert html == (
        '<option value="a&amp;b" selected>&lt;b&gt;Xã A&lt;/b&gt; (3)</option>'
        '<option value="c">Xã C (0)</option>'
    )
    assert as_options([]) == ""
