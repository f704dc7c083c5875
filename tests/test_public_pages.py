"""The public site: every page type, filters, facets, the 2025 reorganization, metadata."""

import re
from xml.etree import ElementTree

import pytest
from django.test import Client
from django.urls import reverse

from articles import views

pytestmark = pytest.mark.django_db


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


def titles_in(html):
    return set(re.findall(r'class="report-card__title"><a href="[^"]+">([^<]+)</a>', html))


def test_every_public_page_renders(client, public_site):
    site = public_site
    urls = [
        reverse("articles:home"),
        reverse("articles:report-list"),
        site.kheo.get_absolute_url(),
        reverse("articles:search") + "?q=dan+van",
        reverse("articles:official-list"),
        site.official.get_absolute_url(),
        reverse("articles:organization-list"),
        site.organization.get_absolute_url(),
        reverse("articles:document-list"),
        site.document.get_absolute_url(),
        reverse("articles:event-list"),
        site.event.get_absolute_url(),
        reverse("articles:locality-list"),
        "/dia-phuong/ha-tinh/",
        "/dia-phuong/ha-tinh-cu/",
        "/dia-phuong/huong-khe/",
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert '<html lang="vi">' in html
        assert re.search(r"<title>[^<]+</title>", html), url
        assert '<meta name="description" content="' in html, url
        assert '<link rel="canonical" href="http://testserver/' in html, url
        assert '<meta property="og:title"' in html, url
        assert 'style="' not in html and "<script>" not in html, url


def test_home_shows_featured_events_and_quick_links_with_counts(client, public_site):
    html = get(client, reverse("articles:home"))
    assert "Tin nổi bật" in html
    assert public_site.kheo.title.replace("“", "&ldquo;") in html or "Dân vận khéo" in html
    assert "Sự kiện sắp diễn ra" in html and public_site.schedule.title in html
    assert public_site.event.title in html  # recent event
    # Hà Tĩnh today holds two reports from former Hà Tĩnh; Đồng Nai holds Bình Phước's too.
    assert re.search(r'\?province=ha-tinh">Hà Tĩnh</a> <span class="count">\(2\)', html)
    assert re.search(r'\?province=dong-nai">Đồng Nai</a> <span class="count">\(2\)', html)
    assert re.search(r'year=2023">2023</a> <span class="count">\(2\)', html)
    assert public_site.draft.title not in html


def test_list_filters_by_province_and_year_newest_first(client, public_site):
    html = get(client, "/bai-viet/", province="ha-tinh", year="2023")
    assert titles_in(html) == {public_site.kheo.title}
    html = get(client, "/bai-viet/", province="ha-tinh")
    assert titles_in(html) == {public_site.kheo.title, public_site.ha_tinh_2022.title}
    assert html.index("Dân vận khéo") < html.index(public_site.ha_tinh_2022.title)


def test_current_province_includes_the_former_provinces_it_absorbed(client, public_site):
    html = get(client, "/bai-viet/", province="dong-nai")
    assert titles_in(html) == {public_site.binh_phuoc.title, public_site.dong_nai_2025.title}
    assert "gồm cả bài viết về các đơn vị trước 01/7/2025" in html
    assert 'href="/dia-phuong/binh-phuoc/">Bình Phước</a>' in html
    html = get(client, "/bai-viet/", province="binh-phuoc")
    assert titles_in(html) == {public_site.binh_phuoc.title}


def test_district_filter_and_district_choices_follow_the_province(client, public_site):
    html = get(client, "/bai-viet/", province="ha-tinh", district="huong-khe")
    assert titles_in(html) == {public_site.kheo.title}
    assert '<option value="huong-khe" selected>Huyện Hương Khê (1)</option>' in html
    assert '<option value="minh-long"' not in html  # Quảng Ngãi's districts are not offered
    html = get(client, "/bai-viet/")
    assert 'name="district" disabled' in html and "Chọn tỉnh trước" in html


def test_district_options_for_the_script(client, public_site):
    response = client.get("/dia-phuong/ha-tinh/quan-huyen.json")
    assert response.status_code == 200
    slugs = {row["slug"] for row in response.json()}
    assert "huong-khe" in slugs and "minh-long" not in slugs
    assert client.get("/dia-phuong/khong-ton-tai/quan-huyen.json").status_code == 404


def test_facet_counts_sit_next_to_provinces_and_years(client, public_site):
    html = get(client, "/bai-viet/", year="2023")
    assert '<option value="ha-tinh">Hà Tĩnh (1)</option>' in html
    assert '<option value="dong-nai">Đồng Nai (1)</option>' in html
    assert '<option value="binh-phuoc">Bình Phước (1)</option>' in html
    html = get(client, "/bai-viet/", province="ha-tinh")
    assert '<option value="2023">2023 (1)</option>' in html
    assert '<option value="2022">2022 (1)</option>' in html


def test_entity_filters_combine(client, public_site):
    site = public_site
    html = get(client, "/bai-viet/", official=site.official.slug)
    assert titles_in(html) == {site.kheo.title}
    html = get(client, "/bai-viet/", document=site.document.slug, year="2022")
    assert titles_in(html) == {site.ha_tinh_2022.title}
    html = get(client, "/bai-viet/", organization=site.organization.slug, q="hoa giai")
    assert titles_in(html) == {site.kheo.title}
    assert "Đang lọc:" in html and "Từ khóa «hoa giai»" in html


def test_pagination_keeps_the_filters(client, make_report, locality):
    for index in range(45):
        make_report(title=f"Bài Hà Tĩnh số {index}", locality=locality("ha-tinh-cu"))
    html = get(client, "/bai-viet/", province="ha-tinh", year="2022")
    assert 'href="?province=ha-tinh&amp;year=2022&amp;page=2"' in html
    html = get(client, "/bai-viet/", province="ha-tinh", year="2022", page="3")
    assert "Trang 3 / 3" in html and len(titles_in(html)) == 5


def test_out_of_range_page_shows_the_nearest_page_with_a_notice(client, make_report):
    for _ in range(25):
        make_report()
    html = get(client, "/bai-viet/", page="999999")
    assert "Không có trang «999999»; đang hiển thị trang 2 / 2." in html
    html = get(client, "/bai-viet/", page="0")
    assert "đang hiển thị trang 1 / 2" in html


def test_filters_that_match_nothing_show_an_empty_state(client, public_site):
    html = get(client, "/bai-viet/", province="ha-tinh", year="2019")
    assert "Không có bài viết nào khớp với bộ lọc đã chọn." in html
    assert '<option value="2019" selected>2019 (0)</option>' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"year": "abc"}, "Năm phải là một số"),
        ({"year": "99999"}, "Năm phải từ 1930 đến 2100."),
        ({"province": "khong-ton-tai"}, "Không tìm thấy tỉnh, thành phố «khong-ton-tai»."),
        ({"district": "<b>x</b>"}, "Không tìm thấy quận, huyện «&lt;b&gt;x&lt;/b&gt;»."),
        ({"q": "x" * 500}, "Từ khóa quá dài"),
    ],
)
def test_bad_filter_values_answer_with_a_clear_message(client, public_site, params, message):
    html = get(client, "/bai-viet/", **params)
    assert message in html
    assert not titles_in(html)


def test_report_detail_shows_people_documents_event_and_related(client, public_site):
    site = public_site
    html = get(client, site.kheo.get_absolute_url())
    assert "Tỉnh Hà Tĩnh › Huyện Hương Khê" in re.sub(r"<[^>]+>", "", html)  # linked trail
    assert "Trưởng Ban Dân vận Tỉnh ủy Hà Tĩnh" in html  # title as written in this report
    assert f'href="{site.official.get_absolute_url()}"' in html
    assert f'href="{site.document.get_absolute_url()}"' in html and "25-NQ/TW" in html
    assert f'href="{site.organization.get_absolute_url()}"' in html
    assert f'href="{site.event.get_absolute_url()}"' in html
    assert "Quang cảnh hội nghị tổng kết." in html
    assert "21/11/2023 08:00" in html
    assert "Cùng thực hiện văn bản" in html and site.ha_tinh_2022.title in html
    assert '<meta property="og:type" content="article">' in html
    assert "article:published_time" in html


def test_report_detail_marks_inferred_years(client, make_report):
    report = make_report(year=2020, year_precision="year-inferred", published_at=None)
    html = get(client, report.get_absolute_url())
    # Readers get an estimate in plain words; the unknown publication date is left out.
    assert "Ngày đăng" not in html
    assert "(ước tính)" in html


def test_view_counter_ignores_crawlers_and_head_requests(client, make_report):
    report = make_report()
    client.get(report.get_absolute_url(), headers={"User-Agent": "Googlebot/2.1"})
    client.head(report.get_absolute_url())
    client.get(report.get_absolute_url(), headers={"Sec-Purpose": "prefetch"})
    client.get(report.get_absolute_url(), headers={"User-Agent": "Mozilla/5.0 Firefox"})
    report.refresh_from_db()
    assert report.view_count == 1


def test_official_page_lists_titles_as_written_and_events(client, public_site):
    html = get(client, public_site.official.get_absolute_url())
    assert "Trưởng Ban Dân vận Tỉnh ủy" in html
    assert "Trưởng Ban Dân vận Tỉnh ủy Hà Tĩnh" in html
    assert public_site.event.title in html and "Chủ trì" in html
    assert public_site.kheo.title.split("“")[0] in html
    assert public_site.draft.title not in html


def test_directory_lists_count_published_reports(client, public_site):
    html = get(client, "/can-bo/", q="nguyen thi hoa")
    assert "Nguyễn Thị Hoà" in html and "(1 bài viết)" in html
    html = get(client, "/van-ban/", kind="nghi-quyet")
    assert "25-NQ/TW" in html and "(2 bài viết)" in html
    html = get(client, "/to-chuc/", q="ban dan van")
    assert "Ban Dân vận Tỉnh ủy Hà Tĩnh" in html
    html = get(client, "/to-chuc/", kind="khong-co")
    assert "Không có loại «khong-co»." in html


def test_document_page_shows_where_it_was_carried_out(client, public_site):
    html = get(client, public_site.document.get_absolute_url())
    assert "Nghị quyết 25-NQ/TW" in html
    assert re.search(r">Hà Tĩnh</a> <span class=\"count\">\(2\)", html)
    assert "Nghị quyết số 25-NQ/TW" in html  # the citation as the report wrote it


def test_event_list_by_year_and_month_with_schedule(client, public_site):
    html = get(client, "/su-kien/", year="2023")
    assert public_site.event.title in html
    assert 'href="?year=2023&amp;month=11"' in html
    assert "Lịch công tác sắp tới" in html and public_site.schedule.title in html
    html = get(client, "/su-kien/", year="2023", month="5")
    assert "Không có sự kiện nào" in html
    html = get(client, "/su-kien/", month="13")
    assert "Tháng phải từ 1 đến 12." in html
    html = get(client, public_site.event.get_absolute_url())
    assert "Nguyễn Thị Hoà" in html and "Chủ trì" in html


def test_province_page_covers_former_units_districts_and_years(client, public_site):
    html = get(client, "/dia-phuong/dong-nai/")
    assert "hiện nay gồm các tỉnh, thành phố trước 01/7/2025" in html
    assert 'href="/dia-phuong/binh-phuoc/">Bình Phước</a>' in html
    assert public_site.binh_phuoc.title in html
    assert 'href="/bai-viet/?province=dong-nai&amp;year=2023">2023</a>' in html
    assert "Bù Đăng" in html  # a former district of Bình Phước
    html = get(client, "/dia-phuong/binh-phuoc/")
    assert 'thuộc <a href="/dia-phuong/dong-nai/">Tỉnh Đồng Nai</a>' in html
    html = get(client, "/dia-phuong/ha-tinh-cu/")
    assert 'href="/dia-phuong/huong-khe/">Hương Khê</a> <span class="count">(1)</span>' in html
    assert client.get("/dia-phuong/khong-ton-tai/").status_code == 404


def test_locality_list_shows_both_eras(client, public_site):
    html = get(client, "/dia-phuong/")
    assert "gồm: Bình Phước, Đồng Nai (cũ)" in html
    assert 'href="/dia-phuong/thua-thien-hue/">Thừa Thiên Huế</a>' in html


def test_feeds_are_valid_xml_and_per_province(client, public_site, make_report):
    make_report(title="Ký tự lạ \x0b trong tiêu đề")
    for url in ["/rss/", "/atom/", "/dia-phuong/dong-nai/rss/", "/dia-phuong/dong-nai/atom/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        ElementTree.fromstring(response.content)  # noqa: S314 - our own feed
    rss = client.get("/dia-phuong/dong-nai/rss/").content.decode()
    assert public_site.binh_phuoc.title in rss and public_site.kheo.title not in rss
    assert public_site.draft.title not in client.get("/rss/").content.decode()
    assert client.get("/dia-phuong/huong-khe/rss/").status_code == 404


def test_sitemap_and_robots(client, public_site, settings):
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    assert b"sitemap-bai-viet.xml" in index.content
    section = client.get("/sitemap-bai-viet.xml").content.decode()
    assert public_site.kheo.get_absolute_url() in section
    assert public_site.draft.get_absolute_url() not in section
    for name in ["trang", "su-kien", "can-bo", "to-chuc", "van-ban", "dia-phuong"]:
        assert client.get(f"/sitemap-{name}.xml").status_code == 200
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    # robots.txt is public: it must not tell anyone where the admin is.
    assert settings.ADMIN_URL.strip("/") not in text


def test_friendly_404(client):
    response = client.get("/bai-viet/khong-co-bai-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_server_error_page_renders_without_request_context(settings, monkeypatch):
    settings.DEBUG = False

    def broken(self, request, *args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.HomeView, "get", broken)
    response = Client(raise_request_exception=False).get("/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Đã có lỗi xảy ra" in html and '<html lang="vi">' in html


def test_imported_markup_is_escaped_in_lists_and_search(client, make_report):
    make_report(title="<script>alert(1)</script> Dân vận", summary="<img src=x onerror=alert(1)>")
    for url in ["/", "/bai-viet/", "/tim-kiem/?q=dan+van", "/rss/"]:
        html = client.get(url).content.decode()
        assert "<script>alert(1)</script>" not in html, url
        assert "<img src=x" not in html, url
