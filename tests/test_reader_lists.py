"""The report list as readers meet it: titles and canonical URLs that carry the filters, an
empty state with ways out, invalid values beside normal counts, and the phone layout."""

import re
from html import unescape

import pytest

pytestmark = pytest.mark.django_db


def get(client, **params) -> str:
    response = client.get("/bai-viet/", params)
    assert response.status_code == 200
    return response.content.decode()


def title_of(html: str) -> str:
    return unescape(re.search(r"<title>(.*?)</title>", html, re.S).group(1))


def canonical_of(html: str) -> str:
    return unescape(re.search(r'<link rel="canonical" href="([^"]+)"', html).group(1))


def count_beside(html: str, label: str) -> int:
    """The count a <select> option or facet link shows beside ``label``."""
    found = re.search(rf">{re.escape(label)} \((\d+)\)</option>", html)
    assert found, label
    return int(found.group(1))


def test_the_title_of_a_filtered_list_carries_its_filters(client, public_site):
    html = get(client, province="ha-tinh", year="2023")
    assert title_of(html) == "Bài viết – Hà Tĩnh – năm 2023 – Dân Công Tác"
    html = get(client, commune="xa-huong-khe", year="2023")
    assert title_of(html).startswith("Bài viết – Xã Hương Khê – ")
    assert title_of(get(client)) == "Bài viết – Dân Công Tác"


def test_the_canonical_url_keeps_province_year_and_page_only(client, public_site):
    html = get(client, province="ha-tinh", year="2023", q="dân vận", official="x")
    assert canonical_of(html) == "http://testserver/bai-viet/?province=ha-tinh&year=2023"
    html = get(client, year="abc", province="ha-tinh")
    assert canonical_of(html) == "http://testserver/bai-viet/?province=ha-tinh"
    assert canonical_of(get(client)) == "http://testserver/bai-viet/"


def test_no_matches_offers_the_years_this_place_has_and_a_link_dropping_each_filter(
    client, public_site
):
    html = get(client, province="ha-tinh", year="2019")
    state = html.split('<div class="empty-state">', 1)[1].split("</div>", 1)[0]
    # Hà Tĩnh has reports in 2023 and 2022: the two ways out, newest first, with counts.
    years = re.findall(r'<a href="\?([^"]+)">Năm (\d{4})</a> <span class="count">\((\d+)\)', state)
    assert [(year, count) for _, year, count in years] == [("2023", "1"), ("2022", "1")]
    assert all("province=ha-tinh" in unescape(url) for url, _, _ in years)
    assert '<a href="?year=2019">Bỏ Tỉnh Hà Tĩnh</a>' in state
    assert '<a href="?province=ha-tinh">Bỏ năm 2019</a>' in state
    # Not an empty province list: a facet with nothing to count is left out.
    assert 'id="facet-tinh"' not in html
    facets = html.split('<aside class="layout__facets"', 1)[1].split("</aside>", 1)[0]
    assert re.findall(r'<a href="[^"]+">(\d{4})</a>', facets) == ["2023", "2022"]


def test_an_invalid_filter_value_shows_the_message_and_the_normal_counts(client, public_site):
    normal = get(client)
    html = get(client, year="abc")
    assert "Năm phải là một số, ví dụ 2023." in html
    assert count_beside(html, "Hà Tĩnh") == count_beside(normal, "Hà Tĩnh") > 0
    assert count_beside(html, "2023") == count_beside(normal, "2023") > 0
    # The valid filters still narrow the counts.
    html = get(client, year="abc", province="ha-tinh")
    assert count_beside(html, "2023") == 1
    assert ">2021 (" not in html  # Minh Long's year, not Hà Tĩnh's


def test_the_list_puts_the_filter_panel_closed_before_results_and_facets_after(client, public_site):
    html = get(client, province="ha-tinh")
    details = re.search(r"<details[^>]*>", html).group()
    assert " open" not in details  # collapsed; filters.js opens it on wide screens
    summary = re.search(r"<summary[^>]*>(.*?)</summary>", html, re.S).group(1)
    assert "Bộ lọc" in summary and ">Hà Tĩnh</span>" in summary
    first_card = html.index('class="report-card"')
    assert html.index("<details") < first_card < html.index('id="facet-nam"')
    assert first_card < html.index('id="facet-tinh"')
