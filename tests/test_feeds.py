"""RSS and Atom: plain-text summaries that stay text, and honest dates."""

import html
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from articles.models import Report

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ATOM = "{http://www.w3.org/2005/Atom}"
HOSTILE_SUMMARY = 'Mẫu <script>alert("x")</script> &amp; <b>đậm</b> và &lt;i&gt; đã thoát'


def atom_entries(client, url="/atom/"):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return root, {entry.find(f"{ATOM}title").text: entry for entry in root.iter(f"{ATOM}entry")}


def rss_items(client, url="/rss/"):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    return {item.find("title").text: item for item in root.iter("item")}


def test_atom_summary_is_declared_plain_text_and_keeps_markup_as_text(client, make_report):
    report = make_report(title="Bài có mã HTML trong tóm tắt", summary=HOSTILE_SUMMARY)
    _, entries = atom_entries(client)
    summary = entries[report.title].find(f"{ATOM}summary")
    assert summary.get("type") == "text"
    assert summary.text == HOSTILE_SUMMARY


def test_rss_description_shows_article_markup_as_text(client, make_report):
    report = make_report(title="Bài có mã HTML", summary=HOSTILE_SUMMARY)
    description = rss_items(client)[report.title].find("description").text
    # A reader renders <description> as HTML: it must hold no tag, and reading it as HTML
    # gives back exactly the article's text.
    assert "<" not in description and ">" not in description
    assert html.unescape(description) == HOSTILE_SUMMARY


def test_province_atom_feed_is_plain_text_too(client, make_report, locality):
    report = make_report(
        title="Bài ở Hà Tĩnh", summary="<i>nghiêng</i>", locality=locality("ha-tinh")
    )
    _, entries = atom_entries(client, "/dia-phuong/ha-tinh/atom/")
    summary = entries[report.title].find(f"{ATOM}summary")
    assert (summary.get("type"), summary.text) == ("text", "<i>nghiêng</i>")


def test_atom_updated_is_the_reports_date_not_the_import_time(client, make_report):
    published = datetime(2022, 4, 13, 9, 30, tzinfo=VN)
    report = make_report(title="Bài nhập từ năm 2022", published_at=published)
    root, entries = atom_entries(client)
    updated = datetime.fromisoformat(entries[report.title].find(f"{ATOM}updated").text)
    assert updated == published
    assert datetime.fromisoformat(root.find(f"{ATOM}updated").text) == published


def test_atom_updated_follows_a_later_change(client, make_report):
    report = make_report(title="Bài được sửa sau", published_at=datetime(2022, 4, 13, tzinfo=VN))
    changed = report.created_at + timedelta(days=3)
    Report.objects.filter(pk=report.pk).update(updated_at=changed)
    _, entries = atom_entries(client)
    assert datetime.fromisoformat(entries[report.title].find(f"{ATOM}updated").text) == changed


def test_report_with_only_an_event_date_is_dated_by_it(client, make_report):
    report = make_report(title="Bài chỉ có ngày sự kiện", published_at=None,
                         event_date=date(2021, 5, 19))  # fmt: skip
    _, entries = atom_entries(client)
    entry = entries[report.title]
    expected = datetime(2021, 5, 19, tzinfo=VN)
    assert datetime.fromisoformat(entry.find(f"{ATOM}published").text) == expected
    assert datetime.fromisoformat(entry.find(f"{ATOM}updated").text) == expected
    assert rss_items(client)[report.title].find("pubDate") is not None


def test_undated_report_stays_out_of_the_feeds(client, make_report):
    dated = make_report(title="Bài có ngày")
    undated = make_report(title="Bài không có ngày", published_at=None, event_date=None)
    _, entries = atom_entries(client)
    assert dated.title in entries and undated.title not in entries
    assert undated.title not in rss_items(client)
    for entry in entries.values():
        assert entry.find(f"{ATOM}updated") is not None
