"""Search without diacritics, ranked, with escaped highlights, on SQLite and PostgreSQL."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from articles import search
from articles.models import Report

pytestmark = pytest.mark.django_db
VN = ZoneInfo("Asia/Ho_Chi_Minh")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search and ts_headline only"
)


def on(year, month=1, day=1):
    return datetime(year, month, day, 8, tzinfo=VN)


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


# --- Ranking ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "first", "second"),
    [
        ("dân vận", "Dân vận ở xã Tân Hiệp", "Dân văn nghệ ở xã Tân Hiệp"),
        ("dân văn", "Dân văn nghệ ở xã Tân Hiệp", "Dân vận ở xã Tân Hiệp"),
    ],
)
def test_accented_query_ranks_the_words_as_typed_first(client, make_report, query, first, second):
    # The other one is newer: the words as typed must beat the date.
    make_report(title=first, body="", published_at=on(2019))
    make_report(title=second, body="", published_at=on(2024))
    titles, _ = result_titles(client, query)
    assert titles == [first, second]


def test_exact_words_in_the_body_count_too(client, make_report):
    make_report(title="Tin tuần", summary="", body="Đội dân văn nghệ biểu diễn.")
    make_report(title="Tin tháng", summary="", body="Đội dân vận ở cơ sở.", published_at=on(2015))
    titles, _ = result_titles(client, "dân vận")
    assert titles == ["Tin tháng", "Tin tuần"]


def test_folded_query_ranks_the_phrase_above_scattered_words(client, make_report):
    # The scattered words are in the newer report's title, the phrase only in a body.
    make_report(title="Khéo vận động dân", body="", published_at=on(2024))
    make_report(title="Tin tuần", body="Phong trào dân vận khéo ở vùng cao.", published_at=on(2018))
    titles, _ = result_titles(client, "dan van kheo")
    assert titles == ["Tin tuần", "Khéo vận động dân"]


def test_old_report_titled_with_the_query_is_ranked_past_the_window(
    client, make_report, monkeypatch
):
    monkeypatch.setattr(search, "RANK_WINDOW", 5)
    monkeypatch.setattr(search, "TITLE_WINDOW", 3, raising=False)  # absent before the fix
    for index in range(8):
        make_report(
            title=f"Tổng kết phong trào dân vận khéo của huyện số {index}",
            body="Nhiều mô hình dân vận khéo được nhân rộng. Dân vận khéo ở cơ sở.",
            published_at=on(2023, 1, index + 1),
        )
    make_report(title="Dân vận khéo", body="", published_at=on(2012))
    titles, html = result_titles(client, "dan van kheo")
    assert titles[0] == "Dân vận khéo"
    assert "Hơn 5 bài viết khớp" in html


# --- Phrases ---------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ['"dan van kheo"', "“dân vận khéo”", '"Dân vận khéo'])
def test_quoted_phrase_must_appear_as_a_phrase(client, make_report, query):
    make_report(title="Phong trào dân vận khéo", body="")
    make_report(title="Khéo vận động dân", body="")
    titles, _ = result_titles(client, query)
    assert titles == ["Phong trào dân vận khéo"]


def test_quoted_phrase_and_a_word(client, make_report):
    make_report(title="Dân vận khéo ở Hương Khê", body="")
    make_report(title="Khéo vận động dân ở Hương Khê", body="")
    make_report(title="Dân vận khéo ở Can Lộc", body="")
    titles, _ = result_titles(client, '"dan van" huong khe')
    assert titles == ["Dân vận khéo ở Hương Khê"]


def test_list_page_filter_understands_quotes(client, make_report):
    make_report(title="Phong trào dân vận khéo")
    make_report(title="Khéo vận động dân")
    html = client.get("/bai-viet/", {"q": '"dan van kheo"'}).content.decode()
    assert "Phong trào dân vận khéo" in html
    assert "Khéo vận động dân" not in html


def test_parse_query_groups_quoted_words():
    parsed = search.parse_query('Dân "vận khéo" _x_ “Hương  Khê')
    assert parsed.groups == (("dân",), ("vận", "khéo"), ("x",), ("hương", "khê"))
    assert parsed.terms == ["dan", "van", "kheo", "x", "huong", "khe"]
    assert parsed.accented and not search.parse_query("dan van").accented


# --- Snippets --------------------------------------------------------------------------------

LONG_BODY = (
    "Văn hóa ở cơ sở được người dân quan tâm. "
    + "Nội dung khác của hội nghị. " * 40
    + "Mô hình dân vận khéo được nhân rộng."
)


@pytest.mark.parametrize("query", ["dân vận", "dan van"])
def test_snippet_shows_the_phrase_and_marks_only_its_words(client, make_report, query):
    make_report(title="Tin tổng hợp", summary="", body=LONG_BODY)
    _, html = result_titles(client, query)
    assert "<mark>dân</mark> <mark>vận</mark> khéo" in html
    assert "<mark>Văn</mark>" not in html
    assert "người <mark>dân</mark>" not in html


def test_snippet_marks_words_as_typed_not_their_folded_twins(client, make_report):
    make_report(title="Tin tổng hợp", summary="", body="Phát huy văn hóa và công tác vận động.")
    _, html = result_titles(client, "vận")
    assert "<mark>vận</mark> động" in html
    assert "<mark>văn</mark>" not in html


def test_title_marks_follow_the_same_rules(client, make_report):
    make_report(title="Văn nghệ và dân vận ở Minh Long", body="")
    _, html = result_titles(client, "dân vận")
    assert "Văn nghệ và <mark>dân</mark> <mark>vận</mark> ở Minh Long" in html


def test_python_highlight_prefers_the_phrase_and_the_words_as_typed():
    source = "Người dân dự lễ văn hóa; mô hình dân vận khéo"
    assert search.highlight(source, "dân vận") == (
        "Người dân dự lễ văn hóa; mô hình <mark>dân</mark> <mark>vận</mark> khéo"
    )
    assert search.highlight("Dân ca và vận động", "dân vận") == (
        "<mark>Dân</mark> ca và <mark>vận</mark> động"
    )
    assert search.highlight("Vấn đề văn hóa", "van") == "<mark>Vấn</mark> đề <mark>văn</mark> hóa"


@postgres_only
def test_postgres_has_the_unaccented_headline_config_and_title_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector('dct_unaccent', 'Dân vận KHÉO')::text")
        assert cursor.fetchone() == ("'dan':1 'kheo':3 'van':2",)
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'report_title_words_length_idx'"
        )
        definition = cursor.fetchone()[0]
        assert "dct_immutable_unaccent" in definition and "length" in definition


def test_the_title_window_takes_only_titles_about_as_long_as_the_query(
    client, make_report, monkeypatch
):
    """Past the newest window, a title much longer than the query is no candidate: the bound
    keeps the window inside its index (migration 0014) for the commonest words."""
    monkeypatch.setattr(search, "RANK_WINDOW", 1)
    make_report(title="Dân vận", published_at=on(2001))
    long_title = "Dân vận " + "ở cơ sở vùng sâu vùng xa của tỉnh " * 3
    make_report(title=long_title.strip(), published_at=on(2002))
    make_report(title="Tin mới về dân vận khác", published_at=on(2024))
    titles, _ = result_titles(client, "dan van")
    assert "Dân vận" in titles and long_title.strip() not in titles


# --- The page --------------------------------------------------------------------------------


@pytest.mark.parametrize("query", ["", "dan van"])
def test_search_page_has_one_search_box_and_valid_heading_order(client, make_report, query):
    make_report(title="Dân vận khéo")
    html = client.get("/tim-kiem/", {"q": query}).content.decode()
    assert html.count('role="search"') == 1
    assert len(re.findall(r"<input[^>]*\bname=\"q\"", html)) == 1
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1
    assert all(after <= before + 1 for before, after in zip(levels, levels[1:], strict=False))


def test_other_pages_keep_the_header_search_box(client):
    html = client.get("/").content.decode()
    assert html.count('role="search"') == 1
    assert 'id="tim-nhanh"' in html
