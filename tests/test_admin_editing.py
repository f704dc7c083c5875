"""The change form an editor works in: preview without saving, the query bound on a real
imported report, the list's columns, and an admin in Vietnamese."""

from datetime import datetime
from io import BytesIO, StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from formdata import change_form_data
from PIL import Image

from articles import cache as public_cache
from articles.models import Caption, Official, Report, SlugRedirect

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def png_bytes() -> bytes:
    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, format="PNG")
    return buffer.getvalue()


def change_url(report):
    return reverse("admin:articles_report_change", args=[report.pk])


def preview_url(report=None):
    if report is None:
        return reverse("admin:articles_report_preview_add")
    return reverse("admin:articles_report_preview", args=[report.pk])


def stored_state():
    return (
        list(Report.objects.order_by("pk").values_list("pk", "title", "slug", "updated_at")),
        list(Caption.objects.order_by("pk").values_list("pk", "text", "photo")),
        LogEntry.objects.count(),
        SlugRedirect.objects.count(),
        public_cache.generation(),
    )


@pytest.fixture
def published(make_report, locality):
    report = make_report(title="Bài đã đăng trước đây", locality=locality("minh-long"))
    official = Official.objects.create(full_name="Tô Văn Hải")
    report.mentions.create(official=official, title="Bí thư")
    report.captions.create(text="Chú thích cũ", order=0)
    return report


def test_change_form_has_a_preview_button_opening_a_new_tab(editor_client, published):
    html = editor_client.get(change_url(published)).content.decode()
    button = html[html.index('<input type="submit" value="Xem trước"') :]
    button = button[: button.index(">")]
    assert f'formaction="{preview_url(published)}"' in button
    assert 'formtarget="_blank"' in button


def test_preview_renders_unsaved_values_and_saves_nothing(
    editor_client, published, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    data = change_form_data(editor_client.get(change_url(published)))
    data["title"] = "Tiêu đề mới chưa lưu"
    data["body"] = "Nội dung mới chưa lưu."
    data["mentions-0-title"] = "Chủ tịch UBND xã"
    data["captions-0-text"] = "Chú thích mới chưa lưu"
    data["captions-0-photo"] = SimpleUploadedFile("anh.png", png_bytes(), content_type="image/png")
    before = stored_state()

    response = editor_client.post(preview_url(published), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản xem trước — chưa lưu" in html, response.context and response.context["problems"]
    assert "Tiêu đề mới chưa lưu" in html and "Nội dung mới chưa lưu." in html
    assert "Chủ tịch UBND xã" in html and "Chú thích mới chưa lưu" in html
    assert f'href="{change_url(published)}"' in html
    assert 'name="robots" content="noindex"' in html
    assert stored_state() == before
    assert not any(tmp_path.rglob("*.png"))  # the uploaded photo was not stored
    published.refresh_from_db()
    assert published.title == "Bài đã đăng trước đây"


def test_preview_of_a_new_report_saves_nothing(editor_client, locality):
    data = change_form_data(editor_client.get(reverse("admin:articles_report_add")))
    data.update(
        title="Bài mới chỉ xem trước", body="Đoạn mở đầu.", locality=locality("minh-long").pk
    )
    before = stored_state()
    response = editor_client.post(preview_url(), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bản xem trước — chưa lưu" in html, response.context and response.context["problems"]
    assert "Bài mới chỉ xem trước" in html and "Bản xem trước — chưa lưu" in html
    assert reverse("admin:articles_report_add") in html
    assert stored_state() == before


def test_preview_of_invalid_input_shows_the_errors_in_vietnamese(editor_client, published):
    data = change_form_data(editor_client.get(change_url(published)))
    data["title"] = ""
    data["source_url"] = "không phải địa chỉ"
    before = stored_state()
    response = editor_client.post(preview_url(published), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Chưa xem trước được" in html and "Trường này là bắt buộc." in html
    assert "Tiêu đề" in html
    assert stored_state() == before


def test_preview_is_for_staff_who_may_change_reports(client, published):
    viewer = get_user_model().objects.create_user("khach", password="x", is_staff=True)
    client.force_login(viewer)
    assert client.post(preview_url(published), {"title": "x"}).status_code == 403
    client.logout()
    response = client.post(preview_url(published), {"title": "x"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert Report.objects.get(pk=published.pk).title == "Bài đã đăng trước đây"


def test_draft_page_seen_by_staff_links_back_to_its_change_form(editor_client, make_report):
    draft = make_report(status=Report.Status.DRAFT)
    html = editor_client.get(draft.get_absolute_url()).content.decode()
    assert "Bản xem trước dành cho biên tập viên" in html
    assert f'href="{change_url(draft)}"' in html


def test_seed_report_change_page_runs_at_most_25_queries(
    admin_client, django_assert_max_num_queries
):
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    report = Report.objects.get(source_file__contains="/001_")
    assert (report.mentions.count(), report.citations.count(), report.captions.count()) == (
        6,
        4,
        6,
    )
    with django_assert_max_num_queries(25):
        response = admin_client.get(change_url(report))
    assert response.status_code == 200
    html = response.content.decode()
    # Every inline's autocomplete still shows its chosen row.
    for mention in report.mentions.select_related("official"):
        assert f'<option value="{mention.official_id}" selected>' in html
        assert mention.official.full_name in html
    for citation in report.citations.select_related("document"):
        assert f'<option value="{citation.document_id}" selected>{citation.document}' in html


def test_changelist_shows_review_count_locality_and_day_only_dates(
    admin_client, make_report, locality, django_assert_max_num_queries
):
    make_report(
        title="Chỉ biết ngày",
        published_at=datetime(2024, 3, 12, tzinfo=VN),
        published_precision="day",
        locality=locality("minh-long"),
        needs_review=True,
        review_reasons=[{"code": "no_author"}, {"code": "title_inferred"}],
    )
    make_report(
        title="Biết cả giờ",
        published_at=datetime(2024, 3, 13, 8, 5, tzinfo=VN),
        published_precision="exact",
    )
    make_report(title="Chỉ biết năm", published_at=None, year=2021, year_precision="exact")
    for number in range(30):
        make_report(title=f"Bài thêm {number}", locality=locality("minh-long"))
    with django_assert_max_num_queries(15):
        response = admin_client.get(reverse("admin:articles_report_changelist"))
    rows = {row.title: row for row in response.context["cl"].result_list}
    html = response.content.decode()
    model_admin = response.context["cl"].model_admin
    assert model_admin.best_date(rows["Chỉ biết ngày"]) == "12/03/2024"
    assert model_admin.best_date(rows["Biết cả giờ"]) == "13/03/2024 08:05"
    assert model_admin.best_date(rows["Chỉ biết năm"]) == "năm 2021"
    assert "2 lý do" in html and "12/03/2024<" in html
    assert "Minh Long" in html
    assert "column-title" in html


def test_title_column_and_input_have_room_in_the_stylesheet(admin_client):
    css = (Path(__file__).resolve().parent.parent / "static/css/admin-report.css").read_text()
    assert "#id_title { width: 100%" in css
    assert "#result_list .column-title" in css and "min-width: 22rem" in css
    html = admin_client.get(reverse("admin:articles_report_changelist")).content.decode()
    assert "css/admin-report.css" in html


@pytest.mark.parametrize("accept_language", ["en-US,en;q=0.9", "fr", ""])
def test_admin_speaks_vietnamese_whatever_the_browser_asks(
    admin_client, make_report, accept_language
):
    make_report(needs_review=True)
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    pages = [
        admin_client.get(reverse("admin:index"), **headers),
        admin_client.get(
            reverse("admin:articles_report_changelist") + "?needs_review__exact=1", **headers
        ),
        admin_client.get(
            reverse("admin:articles_report_changelist") + "?needs_review__exact=1&_facets=1",
            **headers,
        ),
    ]
    html = "".join(page.content.decode() for page in pages)
    for english in ("Show counts", "Hide counts", "Toggle theme", "Skip to main content"):
        assert english not in html
    assert "Chuyển đến nội dung chính" in html
    assert "Đổi giao diện (hiện tại: tự động)" in html
    assert "Hiện số lượng" in pages[1].content.decode()
    assert "Ẩn số lượng" in pages[2].content.decode()
    assert all(page["Content-Language"] == "vi" for page in pages)
