"""“Nhập bài từ tệp”: upload, dry-run table, confirm, limits, tokens and permissions."""

import io
import re
import zipfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from articles import extraction
from articles.importing import Importer
from articles.models import Report

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED_FILES = sorted(SEEDS.glob("*.txt"))
# As the page shows it: the brackets escaped.
COMMAND_HINT = escape("Lô lớn hơn: dùng lệnh python manage.py import_seeds <thư mục>")
UPLOAD_URL = "admin:articles_report_import"


@pytest.fixture(autouse=True)
def staging(settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    return settings.IMPORT_STAGING_DIR


def staged_folders(staging: Path) -> list[Path]:
    return list(staging.iterdir()) if staging.exists() else []


def as_upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def zip_of(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def post_upload(client, *files):
    return client.post(reverse(UPLOAD_URL), {"files": list(files)})


def staged_url(client, *files) -> str:
    response = post_upload(client, *files)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def confirm(client, url):
    return client.post(url, {"confirm": "1"})


def summary_of(html: str) -> str:
    return re.search(r"Nhập \d+ tệp: [^<]*", html).group(0)


def command_summary(*paths) -> str:
    out = StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=StringIO())
    return re.search(r"Nhập \d+ tệp: [^\n]*", out.getvalue()).group(0)


def snapshot():
    """Every report as the import left it, by content (source keys differ by design)."""
    return {
        report.content_hash: (
            report.title,
            report.status,
            report.locality_id,
            report.published_at,
            report.needs_review,
            tuple(report.review_reasons),
            report.source_url,
            tuple(sorted(report.mentions.values_list("official__full_name", flat=True))),
            tuple(sorted(report.citations.values_list("document__code", flat=True))),
        )
        for report in Report.objects.all()
    }


def test_dry_run_table_shows_each_file_and_writes_nothing(editor_client, staging):
    url = staged_url(editor_client, *(as_upload(path) for path in SEED_FILES[:2]))
    page = editor_client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert Report.objects.count() == 0
    importer = Importer()
    for path in SEED_FILES[:2]:
        extracted = extraction.extract_file(path)
        assert path.name in html
        assert extracted.title.split()[0] in html
        locality = importer.places.for_article(extracted)
        if locality is not None:
            assert str(locality) in html
        for official in extracted.officials:
            assert official.name in html
    assert html.count("Tạo mới") >= 2
    assert "Xác nhận nhập 2 tệp" in html
    # The files wait in a private folder of the staging area, not in MEDIA_ROOT.
    assert len(staged_folders(staging)) == 1


def test_confirm_imports_like_the_command_and_reupload_is_unchanged(editor_client, editor):
    url = staged_url(editor_client, *(as_upload(path) for path in SEED_FILES))
    page = confirm(editor_client, url)
    assert page.status_code == 200
    uploaded_summary = summary_of(page.content.decode())
    assert f"Nhập {len(SEED_FILES)} tệp: tạo mới {len(SEED_FILES)}" in uploaded_summary
    uploaded = snapshot()
    assert len(uploaded) == len(SEED_FILES)
    assert all(
        key.startswith("upload/") for key in Report.objects.values_list("source_file", flat=True)
    )
    assert LogEntry.objects.filter(user=editor).count() == len(SEED_FILES)

    # The same files again, uploaded or through the command: nothing new, nothing changed.
    again = confirm(editor_client, staged_url(editor_client, *map(as_upload, SEED_FILES)))
    assert f"không đổi {len(SEED_FILES)}" in summary_of(again.content.decode())
    assert f"không đổi {len(SEED_FILES)}" in command_summary(*SEED_FILES)
    assert snapshot() == uploaded

    # The command on the same files in a database without them writes the same reports.
    Report.objects.all().delete()
    assert command_summary(*SEED_FILES) == uploaded_summary
    assert snapshot() == uploaded


def test_reupload_preview_says_unchanged(editor_client):
    confirm(editor_client, staged_url(editor_client, as_upload(SEED_FILES[0])))
    html = editor_client.get(staged_url(editor_client, as_upload(SEED_FILES[0]))).content
    assert "Không đổi (đã nhập)" in html.decode()


def test_zip_with_manifest_gives_each_report_its_url(editor_client):
    first, second = SEED_FILES[:2]
    manifest = f"file,url\n{first.name},https://example.vn/bai-mot\n".encode()
    archive = zip_of(
        {
            f"crawl/{first.name}": first.read_bytes(),
            f"crawl/{second.name}": second.read_bytes(),
            "crawl/manifest.csv": manifest,
            "crawl/anh.jpg": b"\xff\xd8\xff",
        }
    )
    url = staged_url(editor_client, SimpleUploadedFile("lo-bai.zip", archive))
    html = editor_client.get(url).content.decode()
    assert f"lo-bai.zip/crawl/{first.name}" in html
    assert "crawl/anh.jpg" in html  # listed as set aside, not an article
    confirm(editor_client, url)
    urls = {report.content_hash: report.source_url for report in Report.objects.all()}
    assert extraction.extract_file(first).content_hash in urls
    assert urls[extraction.extract_file(first).content_hash] == "https://example.vn/bai-mot"
    assert Report.objects.count() == 2


def test_inferred_headline_is_a_draft_and_shown_so(editor_client):
    lead = (
        "Sáng 12/3/2024, Ban Dân vận Tỉnh ủy Hà Tĩnh tổ chức hội nghị giao ban công tác dân vận "
        "quý I năm 2024 tại thành phố Hà Tĩnh với sự tham dự của đại diện các huyện."
    )
    upload = SimpleUploadedFile("khong-tieu-de.txt", f"{lead}\n\nNội dung tiếp theo.".encode())
    url = staged_url(editor_client, upload)
    html = editor_client.get(url).content.decode()
    assert "Sẽ lưu là bản nháp" in html
    confirm(editor_client, url)
    report = Report.objects.get()
    assert report.status == Report.Status.DRAFT


def test_file_without_text_is_reported_failed_not_500(editor_client):
    url = staged_url(editor_client, SimpleUploadedFile("rong.txt", b""), as_upload(SEED_FILES[0]))
    assert "Lỗi, sẽ không nhập" in editor_client.get(url).content.decode()
    page = confirm(editor_client, url)
    assert page.status_code == 200
    assert "lỗi 1" in summary_of(page.content.decode())
    assert Report.objects.count() == 1


# -- limits ------------------------------------------------------------------


def test_too_many_files_points_to_the_command(editor_client, settings, staging):
    settings.IMPORT_UPLOAD_MAX_FILES = 3
    files = [SimpleUploadedFile(f"bai-{n}.txt", b"Tieu de\n\nNoi dung") for n in range(4)]
    page = post_upload(editor_client, *files)
    assert page.status_code == 200
    assert COMMAND_HINT in page.content.decode()
    assert not staged_folders(staging)


def test_more_files_than_django_allows_gets_the_same_message(editor_client, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 5
    files = [SimpleUploadedFile(f"bai-{n}.txt", b"x") for n in range(8)]
    page = post_upload(editor_client, *files)
    assert page.status_code == 200
    assert COMMAND_HINT in page.content.decode()


def test_default_limits_let_500_files_through_and_refuse_501_clearly(editor_client, settings):
    assert settings.IMPORT_UPLOAD_MAX_FILES == 500
    assert settings.DATA_UPLOAD_MAX_NUMBER_FILES > settings.IMPORT_UPLOAD_MAX_FILES
    # 500 files reach the import's own checks (these are no articles, so nothing is staged).
    images = [SimpleUploadedFile(f"anh-{n}.jpg", b"\xff\xd8") for n in range(500)]
    page = post_upload(editor_client, *images)
    assert page.status_code == 200
    assert "Không có tệp bài viết nào" in page.content.decode()
    articles = [SimpleUploadedFile(f"bai-{n}.txt", b"x") for n in range(501)]
    page = post_upload(editor_client, *articles)
    assert page.status_code == 200
    assert COMMAND_HINT in page.content.decode()


def test_upload_over_the_size_limit_is_refused(editor_client, settings, staging):
    settings.IMPORT_UPLOAD_MAX_BYTES = 4096
    page = post_upload(editor_client, SimpleUploadedFile("lon.txt", b"a" * 10_000))
    html = page.content.decode()
    assert page.status_code == 200
    assert "quá lớn" in html and COMMAND_HINT in html
    assert not staged_folders(staging)


def test_an_unwritable_staging_folder_is_a_message_not_a_500(editor_client, settings, tmp_path):
    # The staging folder's parent is a file: the server cannot create it.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    settings.IMPORT_STAGING_DIR = blocker / "staging"
    page = post_upload(editor_client, SimpleUploadedFile("bai.txt", b"Tieu de\n\nNoi dung"))
    assert page.status_code == 200
    assert "thư mục tạm" in page.content.decode()
    assert Report.objects.count() == 0


def test_zip_with_too_many_articles_is_refused(editor_client, settings):
    settings.IMPORT_UPLOAD_MAX_FILES = 2
    archive = zip_of({f"bai-{n}.txt": b"Tieu de\n\nNoi dung" for n in range(3)})
    page = post_upload(editor_client, SimpleUploadedFile("lo.zip", archive))
    assert COMMAND_HINT in page.content.decode()
    assert Report.objects.count() == 0


# -- tokens --------------------------------------------------------------------


def test_another_users_token_is_refused(editor_client, approver, client_factory):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    other = client_factory(approver)
    assert other.get(url).status_code == 403
    page = confirm(other, url)
    assert page.status_code == 403
    assert "người dùng khác" in page.content.decode()
    assert Report.objects.count() == 0
    # The owner still can.
    assert confirm(editor_client, url).status_code == 200
    assert Report.objects.count() == 1


def test_same_user_in_another_session_is_refused(editor_client, editor, client_factory):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    page = confirm(client_factory(editor), url)
    assert page.status_code == 403
    assert Report.objects.count() == 0


def test_edited_token_is_refused(editor_client):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    signed = url.rstrip("/").rsplit("/", 1)[1]
    tampered = signed[:-3] + ("aaa" if not signed.endswith("aaa") else "bbb")
    page = confirm(editor_client, reverse("admin:articles_report_import_preview", args=[tampered]))
    assert page.status_code == 403
    assert Report.objects.count() == 0


def test_stale_token_is_refused(editor_client, settings):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    settings.IMPORT_UPLOAD_TTL_SECONDS = -1
    page = confirm(editor_client, url)
    assert page.status_code == 403
    assert "hết hạn" in page.content.decode()
    assert Report.objects.count() == 0


def test_staged_file_altered_on_the_server_is_refused(editor_client, staging):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    staged_file = next(path for path in staging.rglob("*.txt"))
    staged_file.write_text("Tiêu đề khác\n\nNội dung khác", encoding="utf-8")
    page = confirm(editor_client, url)
    assert page.status_code == 403
    assert Report.objects.count() == 0


def test_second_confirm_imports_nothing_more_and_staging_is_cleaned(editor_client, staging):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    assert confirm(editor_client, url).status_code == 200
    assert confirm(editor_client, url).status_code == 403
    assert Report.objects.count() == 1
    assert not staged_folders(staging)


def test_cancel_discards_the_staged_files(editor_client, staging):
    url = staged_url(editor_client, as_upload(SEED_FILES[0]))
    response = editor_client.post(url, {"confirm": "0"})
    assert response.status_code == 302
    assert not staged_folders(staging)
    assert Report.objects.count() == 0


# -- who may --------------------------------------------------------------------


def test_anonymous_is_sent_to_login(client):
    for response in (
        client.get(reverse(UPLOAD_URL)),
        client.post(reverse(UPLOAD_URL), {"files": [as_upload(SEED_FILES[0])]}),
    ):
        assert response.status_code == 302
        assert "/login/" in response["Location"]
    assert Report.objects.count() == 0


def test_staff_without_add_report_is_refused(client, staging):
    user = get_user_model().objects.create_user(username="chixem", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(user)
    assert client.get(reverse(UPLOAD_URL)).status_code == 403
    response = post_upload(client, as_upload(SEED_FILES[0]))
    assert response.status_code == 403
    assert not staged_folders(staging)
    changelist = client.get(reverse("admin:articles_report_changelist")).content.decode()
    assert "Nhập bài từ tệp" not in changelist


def test_editor_and_approver_find_the_page_from_the_changelist_and_index(
    editor, approver, client_factory, django_assert_max_num_queries
):
    for user in (editor, approver):
        client = client_factory(user)
        import_url = reverse(UPLOAD_URL)
        changelist = client.get(reverse("admin:articles_report_changelist")).content.decode()
        assert f'href="{import_url}"' in changelist
        assert f'href="{import_url}"' in client.get(reverse("admin:index")).content.decode()
        with django_assert_max_num_queries(4):
            page = client.get(import_url)
        assert page.status_code == 200
        assert "Nhập bài từ tệp" in page.content.decode()


def test_preview_page_costs_no_query_per_row(editor_client, django_assert_max_num_queries):
    url = staged_url(editor_client, *map(as_upload, SEED_FILES))
    with django_assert_max_num_queries(4):
        assert editor_client.get(url).status_code == 200


@pytest.fixture
def client_factory():
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
