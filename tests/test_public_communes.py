"""Communes on the public site: the commune filter, commune pages of both eras, what became
of former districts and provinces, locality search and the locality sitemap."""

import re
from datetime import date, datetime

import pytest
from django.db.models import Count
from django.urls import reverse

from articles.models import Locality, LocalityTransition, Organization, Report
from articles.views.base import vn_date
from tests.conftest import VN

pytestmark = pytest.mark.django_db

COMMUNES = Locality.COMMUNE_KINDS


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, (url, params, response.status_code)
    return response.content.decode()


def titles_in(html):
    return set(re.findall(r'class="report-card__title"><a href="[^"]+">([^<]+)</a>', html))


def hints_in(html):
    """The text of the page's hint boxes, tags stripped."""
    return " ".join(
        re.sub(r"<[^>]+>", "", hint) for hint in re.findall(r'<p class="hint">(.*?)</p>', html)
    )


def link(unit):
    return f'<a href="{unit.get_absolute_url()}">{unit.full_name}</a>'


def merged_commune(minimum=2):
    """Today's commune with at least ``minimum`` former communes merged into it, by code."""
    row = (
        LocalityTransition.objects.filter(
            successor__era=Locality.Era.CURRENT,
            successor__kind__in=COMMUNES,
            predecessor__kind__in=COMMUNES,
        )
        .values("successor")
        .annotate(count=Count("*"))
        .filter(count__gte=minimum)
        .order_by("successor__code")
        .first()
    )
    commune = Locality.objects.get(pk=row["successor"])
    former = list(
        Locality.objects.communes()
        .filter(transitions_out__successor=commune)
        .with_ancestors()
        .order_by("code")
    )
    assert len(former) >= minimum
    return commune, former


def former_commune(successors):
    """A former commune that became exactly ``successors`` communes (or at least 2 if None)."""
    rows = (
        LocalityTransition.objects.filter(predecessor__kind__in=COMMUNES)
        .values("predecessor")
        .annotate(count=Count("*"))
        .order_by("predecessor__code")
    )
    rows = rows.filter(count__gte=2) if successors is None else rows.filter(count=successors)
    return Locality.objects.with_ancestors().get(pk=rows.first()["predecessor"])


def successors_of(unit):
    """(successor, is_default) of ``unit``, as the gazetteer has them."""
    return [
        (row.successor, row.is_default)
        for row in unit.transitions_out.select_related("successor__parent")
    ]


@pytest.fixture
def merged(make_report):
    """Today's commune, the former communes merged into it, and reports about them."""
    commune, former = merged_commune()
    today = make_report(
        title="Xã mới họp dân sau sắp xếp",
        locality=commune,
        published_at=datetime(2025, 8, 2, 9, 0, tzinfo=VN),
    )
    before = make_report(
        title="Xã cũ ra mắt mô hình dân vận khéo",
        locality=former[0],
        published_at=datetime(2023, 5, 4, 9, 0, tzinfo=VN),
    )
    draft = make_report(title="Bản nháp về xã cũ", locality=former[1], status="draft")
    elsewhere = make_report(
        title="Bài ở một xã khác",
        locality=Locality.objects.current().communes().exclude(pk=commune.pk).first(),
    )
    return commune, former, today, before, draft, elsewhere


# ---------------------------------------------------------------------------
# The commune filter of /bai-viet/


def test_current_commune_filter_lists_reports_about_the_former_communes(client, merged):
    commune, former, today, before, draft, _ = merged
    html = get(client, "/bai-viet/", commune=commune.slug)
    assert titles_in(html) == {today.title, before.title}
    assert draft.title not in html


def test_former_commune_filter_lists_only_its_own_reports(client, merged):
    commune, former, today, before, *_ = merged
    html = get(client, "/bai-viet/", commune=former[0].slug)
    assert titles_in(html) == {before.title}
    assert get(client, "/bai-viet/", commune=former[1].slug).count("report-card__title") == 0


def test_commune_filter_combines_with_province_district_and_year(client, merged):
    commune, former, today, before, *_ = merged
    province = commune.parent
    html = get(client, "/bai-viet/", province=province.slug, commune=commune.slug, year="2023")
    assert titles_in(html) == {before.title}
    html = get(client, "/bai-viet/", province=province.slug, commune=commune.slug, year="2025")
    assert titles_in(html) == {today.title}
    old = former[0]
    html = get(
        client,
        "/bai-viet/",
        province=old.province.slug,
        district=old.parent.slug,
        commune=old.slug,
    )
    assert titles_in(html) == {before.title}
    assert "Đang lọc:" in html and f"{old.full_name}</a> (trước 2025)" in html


def test_commune_choices_follow_the_province_or_the_district(client, merged):
    commune, former, *_ = merged
    province = commune.parent
    html = get(client, "/bai-viet/", province=province.slug)
    options = re.findall(r'<select id="f-commune".*?</select>', html, re.S)[0]
    assert f'<option value="{commune.slug}">{commune.full_name} (2)</option>' in options
    assert options.count('<option value="') - 1 == province.children.communes().count()

    old = former[0]
    html = get(client, "/bai-viet/", province=old.province.slug, district=old.parent.slug)
    options = re.findall(r'<select id="f-commune".*?</select>', html, re.S)[0]
    assert f'<option value="{old.slug}">{old.full_name} (1)</option>' in options
    slugs = set(re.findall(r'<option value="([^"]+)"', options))
    assert slugs == set(old.parent.children.values_list("slug", flat=True))

    html = get(client, "/bai-viet/", province=old.province.slug)  # a former province
    assert 'name="commune" disabled' in html and "Chọn quận, huyện trước" in html
    html = get(client, "/bai-viet/")
    assert 'name="commune" disabled' in html and "Chọn tỉnh trước" in html


def test_district_filter_includes_the_districts_merged_into_it(client, make_report, locality):
    nam_dong = Locality.objects.districts().filter(valid_to__lt=Locality.REFORM_DAY)
    absorbed = nam_dong.filter(successor__isnull=False).order_by("code").first()
    target = absorbed.successor
    old = make_report(title="Bài về huyện đã nhập trước 2025", locality=absorbed)
    own = make_report(title="Bài về huyện nhận sáp nhập", locality=target)
    html = get(client, "/bai-viet/", district=target.slug)
    assert titles_in(html) == {old.title, own.title}
    assert titles_in(get(client, "/bai-viet/", district=absorbed.slug)) == {old.title}
    html = get(client, "/bai-viet/", province=target.parent.slug)
    assert f'<option value="{target.slug}">{target.full_name} (2)</option>' in html


def test_district_filter_includes_its_communes(client, merged):
    _, former, _, before, *_ = merged
    html = get(client, "/bai-viet/", district=former[0].parent.slug)
    assert titles_in(html) == {before.title}


@pytest.mark.parametrize("value", ["khong-co-xa-nay", "<b>x</b>", "huong-khe", "ha-tinh"])
def test_bad_commune_values_answer_200_with_a_message(client, merged, value):
    html = get(client, "/bai-viet/", commune=value)
    assert "Không tìm thấy xã, phường, thị trấn «" in html
    assert "<b>x</b>" not in html
    assert not titles_in(html)


def test_commune_options_json_counts_published_reports(client, merged):
    commune, former, *_ = merged
    province = commune.parent
    response = client.get(f"/dia-phuong/{province.slug}/xa-phuong.json")
    assert response.status_code == 200
    rows = {row["slug"]: row for row in response.json()}
    assert set(rows) == set(province.children.communes().values_list("slug", flat=True))
    assert rows[commune.slug] == {"slug": commune.slug, "name": commune.full_name, "count": 2}
    # The other filters of the form narrow the counts; drafts never count.
    response = client.get(f"/dia-phuong/{province.slug}/xa-phuong.json", {"year": "2023"})
    assert {row["slug"]: row["count"] for row in response.json()}[commune.slug] == 1
    response = client.get(f"/dia-phuong/{former[1].parent.slug}/xa-phuong.json")
    counts = {row["slug"]: row["count"] for row in response.json()}
    assert counts[former[1].slug] == 0
    assert set(counts) == set(former[1].parent.children.values_list("slug", flat=True))


def test_commune_options_json_for_other_places(client, merged):
    commune, former, *_ = merged
    assert client.get(f"/dia-phuong/{former[0].province.slug}/xa-phuong.json").json() == []
    assert client.get(f"/dia-phuong/{commune.slug}/xa-phuong.json").status_code == 404
    assert client.get("/dia-phuong/khong-ton-tai/xa-phuong.json").status_code == 404
    response = client.get(f"/dia-phuong/{commune.parent.slug}/xa-phuong.json", {"year": "abc"})
    assert response.status_code == 200  # an invalid extra filter is ignored
    districts = client.get(f"/dia-phuong/{former[0].province.slug}/quan-huyen.json").json()
    counts = {row["slug"]: row["count"] for row in districts}
    assert counts[former[0].parent.slug] == 1


# ---------------------------------------------------------------------------
# Commune pages


def test_current_commune_page_lists_and_names_the_former_communes(client, merged):
    commune, former, today, before, draft, elsewhere = merged
    html = get(client, commune.get_absolute_url())
    assert titles_in(html) == {today.title, before.title}
    assert draft.title not in html and elsewhere.title not in html
    assert "Gồm các xã, phường, thị trấn cũ:" in html
    for old in former:
        assert f'<a href="{old.get_absolute_url()}">{old.full_name}</a>' in html
    breadcrumb = re.findall(r'<nav class="breadcrumb".*?</nav>', html, re.S)[0]
    assert link(commune.parent) in breadcrumb and commune.full_name in breadcrumb
    assert f'href="/bai-viet/?commune={commune.slug}&amp;year=2023">2023</a>' in html


def test_former_commune_page_says_what_it_became(client):
    old = former_commune(successors=1)
    ((successor, _),) = successors_of(old)
    html = get(client, old.get_absolute_url())
    assert f"Từ ngày 01/7/2025, {old.full_name} được sắp xếp vào {link(successor)}" in html
    assert "(trước 01/7/2025)" in html
    breadcrumb = re.findall(r'<nav class="breadcrumb".*?</nav>', html, re.S)[0]
    province, district = old.province, old.parent
    assert breadcrumb.index(link(province)) < breadcrumb.index(link(district))
    assert breadcrumb.index(link(district)) < breadcrumb.index(old.full_name + "</span>")


def test_split_former_commune_names_every_successor_main_one_first(client):
    old = former_commune(successors=None)
    successors = successors_of(old)
    assert len(successors) >= 2
    (main,) = [unit for unit, is_default in successors if is_default]
    html = get(client, old.get_absolute_url())
    hint = hints_in(html)
    assert f"Từ ngày 01/7/2025, {old.full_name} được chia tách" in hint
    assert f"{main.full_name} (đơn vị chính)" in hint
    positions = [html.index(link(unit)) for unit, _ in successors]
    assert min(positions) == html.index(link(main))
    # And each successor's page names it as a part it took.
    html = get(client, main.get_absolute_url())
    assert f"{link(old)} ({old.parent.full_name}, một phần)" in html


# ---------------------------------------------------------------------------
# Districts and provinces


def test_district_page_says_it_was_dissolved_and_who_took_its_territory(client, locality):
    district = locality("huong-khe")
    html = get(client, district.get_absolute_url())
    hint = hints_in(html)
    assert (
        "Ngày 01/7/2025, Huyện Hương Khê chấm dứt hoạt động, theo mô hình chính quyền địa "
        "phương hai cấp." in hint
    )
    assert "Từ ngày 01/7/2025, Huyện Hương Khê thuộc" not in hint
    took = Locality.objects.communes().filter(transitions_in__predecessor=district)
    assert took.count() >= 2
    for commune in took:
        assert link(commune) in html
    # Its own communes, before 2025, grouped and counted.
    assert "Xã, phường, thị trấn (trước 01/7/2025)" in html
    first = district.children.order_by("code").first()
    assert f'<a href="{first.get_absolute_url()}">{first.name}</a> <span class="count">(0)' in html


def test_district_dissolved_before_2025_says_when_and_where(client, make_report):
    absorbed = (
        Locality.objects.districts()
        .filter(valid_to__lt=Locality.REFORM_DAY)
        .annotate(targets=Count("transitions_out"))
        .filter(targets=1)
        .order_by("code")
        .first()
    )
    target = absorbed.successor
    report = make_report(title="Bài về huyện cũ hơn", locality=absorbed)
    html = get(client, absorbed.get_absolute_url())
    hint = hints_in(html)
    assert (
        f"Từ ngày {vn_date(absorbed.valid_to)}, {absorbed.full_name} chấm dứt hoạt động, "
        f"nhập vào {target.full_name}." in hint
    )
    assert link(target) in html
    assert "mô hình chính quyền địa phương hai cấp" not in hint
    html = get(client, target.get_absolute_url())
    assert report.title in html
    assert f"Đã nhập vào {target.full_name} trước năm 2025: {link(absorbed)}" in html


def current_provinces_by_change():
    """(unchanged, merged): a province whose only predecessor bears its name, and one of
    several predecessors."""
    unchanged = merged = None
    for province in Locality.objects.current().provinces().order_by("code"):
        former = list(Locality.objects.provinces().legacy().filter(successor=province))
        if len(former) == 1 and former[0].name == province.name:
            unchanged = unchanged or (province, former)
        elif len(former) > 1:
            merged = merged or (province, former)
    return unchanged, merged


def test_province_lists_former_provinces_only_when_it_changed(client):
    (unchanged, same), (merged, several) = current_provinces_by_change()
    html = get(client, unchanged.get_absolute_url())
    assert "hiện nay gồm các tỉnh, thành phố trước 01/7/2025" not in html
    html = get(client, merged.get_absolute_url())
    assert "hiện nay gồm các tỉnh, thành phố trước 01/7/2025" in html
    for old in several:
        assert f'href="{old.get_absolute_url()}">{old.short_label}</a>' in html
    html = get(client, same[0].get_absolute_url())
    assert f"{same[0].full_name} không hợp nhất với tỉnh, thành phố nào" in html
    html = get(client, reverse("articles:locality-list"))

    def item(unit):
        return re.search(rf'<li><a href="{unit.get_absolute_url()}">.*?</li>', html, re.S)[0]

    assert "gồm:" not in item(unchanged)
    assert "gồm:" in item(merged)


def test_dates_are_written_the_vietnamese_administrative_way():
    assert vn_date(date(2025, 7, 1)) == "01/7/2025"
    assert vn_date(date(2025, 1, 1)) == "01/01/2025"
    assert vn_date(date(2023, 11, 20)) == "20/11/2023"


def test_province_page_lists_its_communes_grouped_with_counts(client, merged):
    commune, *_ = merged
    province = commune.parent
    html = get(client, province.get_absolute_url())
    section = re.findall(r'<section aria-labelledby="xa-phuong">.*?</section>', html, re.S)[0]
    total = province.children.communes().count()
    assert f"– {total} đơn vị" in section
    assert section.count("<li>") == total
    assert f'<a href="{commune.get_absolute_url()}">{commune.name}</a> <span class="count">(2)' in (
        section
    )
    headings = re.findall(r"<h3>([^<]+)</h3>", section)
    kinds = set(province.children.values_list("kind", flat=True))
    assert len(headings) == len(kinds) and set(headings) <= {"Phường", "Xã", "Thị trấn", "Đặc khu"}


def test_locality_list_stays_at_province_level(client):
    html = get(client, reverse("articles:locality-list"))
    units = re.findall(r'<li><a href="/dia-phuong/([^"/]+)/">', html)
    assert sorted(units) == sorted(Locality.objects.provinces().values_list("slug", flat=True))
    assert 'action="/tim-kiem/"' in html


def test_commune_pages_keep_their_query_count(client, make_report, django_assert_max_num_queries):
    commune, former = merged_commune()
    province = commune.parent
    communes = list(province.children.communes()[:30])
    for index, unit in enumerate([*communes, *former, *former]):
        make_report(title=f"Bài số {index}", locality=unit)
    for url, budget in [
        # Each page's cards fetch their places, event and photo captions once the page is cut
        # (4 queries).
        (commune.get_absolute_url(), 13),
        (former[0].get_absolute_url(), 12),
        (province.get_absolute_url(), 13),
        (f"/bai-viet/?province={province.slug}&commune={commune.slug}", 18),
        (f"/dia-phuong/{province.slug}/xa-phuong.json", 5),
    ]:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


# ---------------------------------------------------------------------------
# Search, sitemap, organizations


@pytest.mark.parametrize("query", ["xa tan hiep", "Tân Hiệp", "TAN HIEP"])
def test_search_finds_localities_by_name_without_prefix(client, query):
    html = get(client, "/tim-kiem/", q=query)
    section = re.findall(r'<section aria-labelledby="kq-dia-phuong">.*?</section>', html, re.S)[0]
    named = Locality.objects.filter(name_key="tan hiep").with_ancestors()
    assert 2 <= named.count() <= 20
    for unit in named:
        assert f'<a href="{unit.get_absolute_url()}">{unit.full_name}</a>' in section
    current = named.current().communes().first()
    assert (
        f'{current.full_name}</a> <span class="meta">{current.parent.full_name} · từ 01/7/2025'
        in section
    )
    old = named.legacy().communes().first()
    assert (
        f'{old.full_name}</a> <span class="meta">{old.parent.full_name}, '
        f"{old.parent.parent.full_name} · trước 01/7/2025" in section
    )
    # Today's units come first.
    assert section.index(current.get_absolute_url()) < section.index(old.get_absolute_url())


def test_search_without_a_place_name_shows_no_locality_list(client):
    html = get(client, "/tim-kiem/", q="dan van kheo")
    assert "kq-dia-phuong" not in html


def sitemap_paths(client):
    xml = client.get("/sitemap-dia-phuong.xml").content.decode()
    return set(re.findall(r"<loc>http://testserver([^<]+)</loc>", xml))


def test_sitemap_lists_only_localities_with_published_reports(client, merged, make_report):
    commune, former, today, before, draft, elsewhere = merged
    lonely = Locality.objects.legacy().communes().exclude(pk__in=[o.pk for o in former]).last()
    make_report(title="Chỉ là bản nháp", locality=lonely, status="draft")
    make_report(
        title="Hẹn giờ đăng sau",
        locality=lonely,
        published_at=datetime(2099, 1, 1, tzinfo=VN),
    )
    paths = sitemap_paths(client)
    expected = {
        commune,  # its own report, and the former commune's
        commune.parent,
        former[0],
        former[0].parent,  # its district
        former[0].province,
        former[0].province.successor,  # today's province lists the former one's reports
        *(unit for unit, _ in successors_of(former[0])),  # every commune it became part of
        elsewhere.locality,
        elsewhere.locality.parent,
    }
    assert paths == {unit.get_absolute_url() for unit in expected}
    assert lonely.get_absolute_url() not in paths  # a draft and a scheduled report only
    assert former[1].get_absolute_url() not in paths  # its only report is a draft


def test_sitemap_lists_todays_unit_when_only_a_former_one_has_reports(client, make_report):
    commune, former = merged_commune()
    make_report(title="Bài về xã cũ", locality=former[0])
    paths = sitemap_paths(client)
    assert commune.get_absolute_url() in paths
    assert former[1].get_absolute_url() not in paths
    assert Report.objects.published().count() == 1


def test_organization_page_says_what_it_became_or_came_from(client, make_report):
    old = Organization.objects.create(
        name="Ban Dân vận Huyện ủy Hương Khê",
        kind=Organization.Kind.MASS_MOBILIZATION,
        active_to=date(2025, 7, 1),
    )
    new = Organization.objects.create(
        name="Ban Dân vận Đảng ủy xã Hương Khê",
        kind=Organization.Kind.MASS_MOBILIZATION,
        active_from=date(2025, 7, 1),
    )
    old.successor = new
    old.save()
    # Readers see bodies through published reports only.
    make_report(title="Bài về ban cũ").organizations.add(old)
    make_report(title="Bài về ban mới").organizations.add(new)
    html = get(client, old.get_absolute_url())
    assert "Từ ngày 01/7/2025 không còn hoạt động." in html
    assert f'Nay là: <a href="{new.get_absolute_url()}">{new.name}</a>.' in html
    html = get(client, new.get_absolute_url())
    assert f'Tiền thân: <a href="{old.get_absolute_url()}">{old.name}</a>' in html
    assert "Hoạt động từ ngày 01/7/2025." in html
    assert "không còn hoạt động." not in html


def test_report_page_shows_its_places_from_province_to_commune_and_links_the_source(
    client, make_report
):
    commune = Locality.objects.legacy().communes().with_ancestors().get(name="Cẩm Lộc")
    report = make_report(
        locality=commune,
        source_url="https://camxuyen.hatinh.gov.vn/tin-tuc/a?b=1&c=<x>",
        source_site="",
    )
    page = client.get(report.get_absolute_url()).content.decode()
    breadcrumb = re.search(r'<p class="breadcrumb">(.*?)</p>', page, re.S).group(1)
    labels = re.findall(r">([^<>]+)</a>", breadcrumb)
    assert labels == ["Tỉnh Hà Tĩnh", "Huyện Cẩm Xuyên", "Xã Cẩm Lộc"]
    assert f'href="{commune.get_absolute_url()}"' in breadcrumb
    # Escaped everywhere, and marked as an outside link.
    assert 'href="https://camxuyen.hatinh.gov.vn/tin-tuc/a?b=1&amp;c=&lt;x&gt;"' in page
    assert 'rel="nofollow noopener noreferrer external">camxuyen.hatinh.gov.vn</a>' in page
    assert commune.successor.full_name in page  # what the former commune is now


def test_a_report_without_a_source_url_shows_no_source_link(client, make_report, locality):
    report = make_report(locality=locality("minh-long"), source_site="Cổng TTĐT huyện Minh Long")
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Nguồn: Cổng TTĐT huyện Minh Long" in page
    assert "external" not in page


def test_a_source_url_must_be_a_web_address():
    from django.core.exceptions import ValidationError

    report = Report(title="Bài thử", source_url="javascript:alert(1)")
    with pytest.raises(ValidationError) as error:
        report.full_clean(exclude=["slug"])
    assert "source_url" in error.value.message_dict
