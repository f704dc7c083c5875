"""Search without diacritics, ranked, with escaped highlights, on SQLite and PostgreSQL."""

import re

import pytest
from django.db import connection

from articles import search
from articles.models import Report

pytestmark = pytest.mark.django_db


def result_titles(client, query, **params):
    response = client.get("/tim-kiem/", {"q": query, **params})
    assert response.status_code == 200
    html = response.content.decode()
    titles = re.findall(r'class="report-card__title"><a href="[^"]+">(.*?)</a></h3>', html)
    return [re.sub(r"</?mark>", "", title) for title in titles], html


def test_query_without_diacritics_finds_the_accented_title(client, make_report):
    make_report(title="Phong trào Dân vận khéo ở Minh Long")
    make_report(title="Hội nghị sơ kết công tác tuyên giáo")
    titles, _ = result_titles(client, "dan van kheo")
    assert titles == ["Phong trào Dân vận khéo ở Minh Long"]


def test_hoa_finds_both_tone_placements(client, make_report):
    make_report(title="Hòa giải ở cơ sở", body="")
    make_report(title="Hoà giải thành công", body="")
    make_report(title="Hồ chứa nước", body="")
    titles, _ = result_titles(client, "hoa")
    assert set(titles) == {"Hòa giải ở cơ sở", "Hoà giải thành công"}


def test_d_with_stroke_folds_to_d(client, make_report):
    make_report(title="Đảng ủy xã họp bàn", body="")
    titles, _ = result_titles(client, "dang uy")
    assert titles == ["Đảng ủy xã họp bàn"]


def test_accented_query_finds_unaccented_and_other_spellings(client, make_report):
    make_report(title="Thủy lợi nội đồng", body="")
    titles, _ = result_titles(client, "THUỶ LỢI")
    assert titles == ["Thủy lợi nội đồng"]


def test_title_matches_rank_above_body_matches(client, make_report):
    make_report(title="Tin tổng hợp tuần", body="Có nhắc đến dân vận khéo một lần.")
    make_report(title="Dân vận khéo ở vùng cao", body="Nội dung khác.")
    titles, _ = result_titles(client, "dan van kheo")
    assert titles[0] == "Dân vận khéo ở vùng cao"
    assert len(titles) == 2


def test_results_show_highlighted_escaped_snippets(client, make_report):
    make_report(
        title="Bài có mã độc",
        body="Mở đầu. <script>alert('x')</script> Mô hình dân vận khéo được nhân rộng.",
    )
    _, html = result_titles(client, "dan van")
    assert "<mark>dân</mark> <mark>vận</mark>" in html
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html


def test_search_terms_are_escaped_in_the_page(client, make_report):
    make_report(title="Dân vận")
    _, html = result_titles(client, '"><script>alert(1)</script> dan van')
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_drafts_are_never_found(client, make_report):
    make_report(title="Dân vận khéo bản nháp", status=Report.Status.DRAFT)
    titles, html = result_titles(client, "dan van kheo")
    assert titles == []
    assert "Không tìm thấy bài viết nào khớp với «dan van kheo»." in html


def test_search_also_lists_officials_and_documents(client, public_site):
    _, html = result_titles(client, "nguyen thi hoa")
    assert f'href="{public_site.official.get_absolute_url()}"' in html
    _, html = result_titles(client, "25 nq tw")
    assert f'href="{public_site.document.get_absolute_url()}"' in html


def test_search_pagination_keeps_the_query(client, make_report):
    for index in range(25):
        make_report(title=f"Dân vận khéo số {index}")
    _, html = result_titles(client, "dan van kheo")
    assert "25 bài viết khớp với «dan van kheo»." in html
    assert 'href="?q=dan+van+kheo&amp;page=2"' in html


def test_empty_and_wordless_queries(client):
    _, html = result_titles(client, "")
    assert "Nhập từ khóa để tìm" in html
    _, html = result_titles(client, "%%% ''' ---")
    assert "Từ khóa không có chữ hoặc số nào để tìm." in html


def test_over_long_query_is_cut_with_a_notice(client, make_report):
    make_report(title="Dân vận")
    titles, html = result_titles(client, "dan van " + "x" * 500)
    assert "Từ khóa quá dài" in html


def test_list_page_text_filter_uses_the_same_search(client, make_report):
    make_report(title="Hòa giải ở cơ sở")
    make_report(title="Giao ban quý")
    response = client.get("/bai-viet/", {"q": "hoa giai"})
    assert "Hòa giải ở cơ sở" in response.content.decode()
    assert "Giao ban quý" not in response.content.decode()


def test_highlight_marks_whole_words_only():
    html = search.highlight("Hòa Bình, hoà thuận, Hoàng Sa", "hoa")
    assert html == "<mark>Hòa</mark> Bình, <mark>hoà</mark> thuận, Hoàng Sa"


def test_snippet_centres_on_the_first_hit():
    body = "Mở đầu dài dòng. " * 50 + "Mô hình dân vận khéo." + " Kết thúc." * 50
    html = search.snippet(body, "kheo", chars=120)
    assert html.startswith("… ") and html.endswith(" …")
    assert "<mark>khéo</mark>" in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL full-text only")
def test_postgres_uses_an_indexed_unaccented_tsvector():
    with connection.cursor() as cursor:
        cursor.execute("SELECT provolatile FROM pg_proc WHERE proname = 'dct_immutable_unaccent'")
        assert cursor.fetchone() == ("i",)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_search_vector_idx'"
        )
        assert "gin (search_vector)" in cursor.fetchone()[0]
        cursor.execute("SELECT dct_immutable_unaccent('Đảng ủy hoà hòa')")
        assert cursor.fetchone() == ("Dang uy hoa hoa",)


def test_snippet_prefers_the_text_that_holds_a_hit():
    html = search.best_snippet(["Nội dung không liên quan.", "Mô hình dân vận khéo."], "kheo")
    assert html == "Mô hình dân vận <mark>khéo</mark>."
