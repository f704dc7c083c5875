"""Versions of reports: kept on every change, listed, compared word by word, restored with their
related rows as a new version, and a stale save refused instead of overwriting."""

import shutil
import unicodedata
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from articles import worddiff
from articles.models import Caption, Official, Report
from articles.revisions import IMPORTER_LABEL, record_version, versions_of
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def change_url(report):
    return reverse("admin:articles_report_change", args=[report.pk])


def history_url(report):
    return reverse("admin:articles_report_history", args=[report.pk])


def compare_url(report, old, new):
    url = reverse("admin:articles_report_compare", args=[report.pk])
    return f"{url}?from={old.pk}&to={new.pk}"


def restore_url(report, version):
    return reverse("admin:articles_report_restore", args=[report.pk, version.pk])


def open_form(client, report) -> dict:
    response = client.get(change_url(report))
    assert response.status_code == 200
    return form_data(response.content.decode(), "report_form")


@pytest.fixture
def report(make_report, locality):
    official = Official.objects.create(full_name="Nguyễn Văn Hùng")
    report = make_report(
        title="Hội nghị dân vận khéo ở Minh Long",
        summary="Tóm tắt ban đầu.",
        body="Ông Nguyễn Văn Hùng phát biểu tại hội nghị.",
        locality=locality("minh-long"),
    )
    report.mentions.create(official=official, title="Bí thư Huyện ủy", order=0)
    report.captions.create(text="Quang cảnh hội nghị", order=0)
    return report


def test_admin_save_keeps_a_version_by_the_editor_listing_what_changed(editor_client, report):
    data = open_form(editor_client, report)
    data["title"] = "Hội nghị dân vận khéo huyện Minh Long"
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 302, response.content.decode()[:3000]

    versions = list(versions_of(report))
    # The state before the first change is kept too, then the editor's save.
    assert len(versions) == 2
    newest = versions[0]
    assert newest.revision.user.username == "bientapvien"
    assert newest.field_dict["title"] == "Hội nghị dân vận khéo huyện Minh Long"
    # The version holds the related rows as they were saved.
    kinds = {v.content_type.model for v in newest.revision.version_set.all()}
    assert kinds == {"report", "reportofficial", "caption"}

    page = editor_client.get(history_url(report)).content.decode()
    assert "Các phiên bản" in page
    assert "bientapvien" in page
    assert "Trường: tiêu đề" in page


def test_bulk_action_keeps_one_version_per_report_by_the_approver(client, approver, make_report):
    first = make_report(status=Report.Status.DRAFT)
    second = make_report(status=Report.Status.DRAFT)
    client.force_login(approver)
    response = client.post(
        reverse("admin:articles_report_changelist"),
        {"action": "publish", "_selected_action": [first.pk, second.pk]},
    )
    assert response.status_code == 302
    for report in (first, second):
        newest = versions_of(report).first()
        assert newest.revision.user == approver
        assert newest.revision.comment == "Duyệt và xuất bản (thao tác hàng loạt)"
        assert newest.field_dict["status"] == Report.Status.PUBLISHED
        assert newest.revision.version_set.filter(content_type__model="report").count() == 1


def run_import(folder):
    call_command("import_seeds", str(folder), stdout=StringIO(), stderr=StringIO())


def test_import_update_keeps_a_version_by_the_importer(tmp_path, editor_client):
    source = next(SEEDS.glob("001_*.txt"))
    copy = tmp_path / source.name
    shutil.copy(source, copy)
    run_import(tmp_path)
    report = Report.objects.get()
    assert [v.revision.comment for v in versions_of(report)] == [f"Nhập từ tệp {source.name}"]

    run_import(tmp_path)  # nothing changed: no new version
    assert versions_of(report).count() == 1

    text = copy.read_text(encoding="utf-8")
    body_line = max(text.splitlines(), key=len)
    copy.write_text(
        text.replace(body_line, body_line + " Câu mới được thêm vào bài."), encoding="utf-8"
    )
    run_import(tmp_path)
    versions = list(versions_of(report))
    assert len(versions) == 2
    assert versions[0].revision.user is None
    assert "Câu mới được thêm vào bài." in versions[0].field_dict["body"]

    page = editor_client.get(history_url(report)).content.decode()
    assert IMPORTER_LABEL in page
    assert "nội dung" in page  # the body's verbose name, as what changed


# -- word diff -------------------------------------------------------------------------


def test_word_diff_treats_a_diacritic_change_as_one_word():
    removed, added = worddiff.changed_words(
        "Ông Nguyễn Văn Hùng phát biểu", "Ông Nguyễn Văn Hưng phát biểu"
    )
    assert (removed, added) == (["Hùng"], ["Hưng"])
    html = worddiff.diff_html("Ông Hùng phát biểu", "Ông Hưng phát biểu")
    assert html == "Ông <del>Hùng</del><ins>Hưng</ins> phát biểu"


def test_word_diff_sees_no_change_between_nfd_and_nfc():
    text = "Đồng chí Trần Thị Thủy, Phó Chủ tịch Ủy ban nhân dân huyện"
    nfd = unicodedata.normalize("NFD", text)
    assert nfd != text
    assert worddiff.same(text, nfd)
    assert "<ins>" not in worddiff.diff_html(nfd, text)
    # A word of NFD text is still one word, marks and all.
    assert worddiff.changed_words(nfd, text.replace("Thủy", "Thúy")) == (["Thủy"], ["Thúy"])


def test_word_diff_escapes_what_it_shows():
    html = worddiff.diff_html("a <b>x</b>", 'a <script>alert("x")</script>')
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;" in html and "&gt;" in html and "&quot;" in html


def test_compare_view_shows_word_diffs_and_ignores_nfd(editor_client, report):
    record_version([report], user=None, comment="v1")
    report.body = unicodedata.normalize("NFD", report.body)  # the same text, decomposed
    report.summary = "Tóm tắt <script>alert(1)</script>"
    report.save()
    record_version([report], user=None, comment="v2")
    report.body = report.body.replace(unicodedata.normalize("NFD", "Hùng"), "Hưng")
    report.save()
    record_version([report], user=None, comment="v3")
    v3, v2, v1 = versions_of(report)

    page = editor_client.get(compare_url(report, v1, v2)).content.decode()
    assert "Nội dung" not in page.split("Các trường")[1].split("Mục liên quan")[0]
    assert "Tóm tắt" in page
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

    page = editor_client.get(compare_url(report, v2, v3)).content.decode()
    assert "<del>Hùng</del><ins>Hưng</ins>" in unicodedata.normalize("NFC", page)


def test_compare_view_lists_related_rows_added_and_removed(editor_client, report):
    record_version([report], user=None, comment="v1")
    report.mentions.all().delete()
    report.captions.create(text="Trao quà cho hộ nghèo", order=1)
    record_version([report], user=None, comment="v2")
    v2, v1 = versions_of(report)
    page = editor_client.get(compare_url(report, v1, v2)).content.decode()
    assert "Thêm chú thích ảnh: Trao quà cho hộ nghèo" in page
    assert "Bỏ cán bộ được nhắc đến: Nguyễn Văn Hùng, Bí thư Huyện ủy" in page


def test_compare_view_refuses_versions_of_another_report(editor_client, report, make_report):
    other = make_report()
    record_version([report, other], user=None, comment="v1")
    response = editor_client.get(compare_url(report, versions_of(report)[0], versions_of(other)[0]))
    assert response.status_code == 302
    assert response.url == history_url(report)


# -- restore ---------------------------------------------------------------------------


def test_restore_brings_back_fields_and_related_rows_as_a_new_version(editor_client, report):
    record_version([report], user=None, comment="v1")
    mention = report.mentions.get()
    caption = report.captions.get()
    # An editor's later changes: another title, a mention deleted, a caption added.
    data = open_form(editor_client, report)
    data["title"] = "Tiêu đề đã sửa sau"
    data["mentions-0-DELETE"] = "on"
    data["captions-TOTAL_FORMS"] = "2"
    data.update({"captions-1-text": "Ảnh thêm sau", "captions-1-order": "1"})
    assert editor_client.post(change_url(report), data).status_code == 302
    assert not report.mentions.exists() and report.captions.count() == 2
    count = versions_of(report).count()
    first = versions_of(report).order_by("revision__date_created", "pk").first()

    confirm = editor_client.get(restore_url(report, first))
    assert confirm.status_code == 200
    assert "Khôi phục phiên bản" in confirm.content.decode()
    report.refresh_from_db()
    assert report.title == "Tiêu đề đã sửa sau"  # the confirmation page changed nothing

    response = editor_client.post(restore_url(report, first))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.title == "Hội nghị dân vận khéo ở Minh Long"
    restored = report.mentions.get()
    assert (restored.pk, restored.official_id, restored.title) == (
        mention.pk,
        mention.official_id,
        "Bí thư Huyện ủy",
    )
    assert list(report.captions.values_list("pk", "text")) == [(caption.pk, "Quang cảnh hội nghị")]
    # A new version, the one before still there: nothing lost.
    versions = list(versions_of(report))
    assert len(versions) == count + 1
    assert versions[0].revision.comment.startswith("Khôi phục phiên bản")
    assert versions[1].field_dict["title"] == "Tiêu đề đã sửa sau"
    # Restored fields count as edited: a re-import leaves them alone.
    assert {"title", "mentions", "captions"} <= set(report.edited_fields)


def test_restore_never_publishes_or_unpublishes(client, editor, approver, make_report):
    report = make_report(status=Report.Status.PUBLISHED, title="Bài đã xuất bản")
    first_published = report.first_published_at
    record_version([report], user=approver, comment="v1")
    client.force_login(approver)
    client.post(
        reverse("admin:articles_report_changelist"),
        {"action": "unpublish", "_selected_action": [report.pk]},
    )
    report.refresh_from_db()
    assert report.status == Report.Status.UNPUBLISHED
    published_version = versions_of(report).get(revision__comment="v1")

    client.force_login(editor)
    assert client.post(restore_url(report, published_version)).status_code == 302
    report.refresh_from_db()
    assert report.status == Report.Status.UNPUBLISHED
    assert report.first_published_at == first_published
    assert not Report.objects.published().filter(pk=report.pk).exists()


def test_restore_keeps_what_readers_see_in_step(client, editor, report):
    official = report.mentions.get().official
    record_version([report], user=None, comment="v1")
    v1 = versions_of(report).first()
    report.mentions.all().delete()
    record_version([report], user=None, comment="v2")
    official.refresh_from_db()
    assert not Official.objects.public().filter(pk=official.pk).exists()

    client.force_login(editor)
    client.post(restore_url(report, v1))
    assert Official.objects.public().filter(pk=official.pk).exists()


def test_restore_is_a_post_with_csrf(editor, report):
    record_version([report], user=None, comment="v1")
    version = versions_of(report).first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    report.title = "Khác đi"
    report.save()
    assert client.post(restore_url(report, version)).status_code == 403
    report.refresh_from_db()
    assert report.title == "Khác đi"


def test_restore_needs_change_permission(client, report, django_user_model):
    record_version([report], user=None, comment="v1")
    viewer = django_user_model.objects.create_user("chixem", is_staff=True)
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_report"))
    client.force_login(viewer)
    assert client.post(restore_url(report, versions_of(report).first())).status_code == 403


# -- every path bumps the edit version --------------------------------------------------


def test_every_save_path_bumps_the_edit_version(client, approver, report, tmp_path):
    start = report.edit_version
    report.save()
    assert Report.objects.get(pk=report.pk).edit_version == start + 1
    client.force_login(approver)
    client.post(
        reverse("admin:articles_report_changelist"),
        {"action": "mark_reviewed", "_selected_action": [report.pk]},
    )
    assert Report.objects.get(pk=report.pk).edit_version == start + 2
    assert versions_of(report).first().field_dict["edit_version"] == start + 2


# -- the stale save ----------------------------------------------------------------------


def test_a_stale_save_is_refused_with_who_and_a_diff(client, editor, approver, report):
    first, second = Client(), Client()
    first.force_login(approver)
    second.force_login(editor)
    form_one = open_form(first, report)
    form_two = open_form(second, report)  # both opened from the same state

    form_one["title"] = "Tiêu đề do người duyệt sửa"
    assert first.post(change_url(report), form_one).status_code == 302

    form_two["body"] = "Ông Nguyễn Văn Hưng phát biểu tại hội nghị."
    response = second.post(change_url(report), form_two)
    assert response.status_code == 200
    page = unicodedata.normalize("NFC", response.content.decode())
    assert "Bài viết đã được duyetbai lưu lúc" in page
    assert "thay đổi của bạn chưa được lưu" in page
    # The diff: the title the other saved, and the editor's own word change.
    assert "Tiêu đề do người duyệt sửa" in page
    assert "<del>Hùng</del><ins>Hưng</ins>" in page
    report.refresh_from_db()
    assert report.title == "Tiêu đề do người duyệt sửa"
    assert "Hùng" in report.body  # nothing overwritten

    # The editor's input is still in the form; saving it again now is deliberate.
    again = form_data(response.content.decode(), "report_form")
    assert again["body"] == "Ông Nguyễn Văn Hưng phát biểu tại hội nghị."
    assert second.post(change_url(report), again).status_code == 302
    report.refresh_from_db()
    assert "Hưng" in report.body


def test_a_save_after_a_bulk_action_is_stale_too(approver, report):
    form = open_form(client_for(approver), report)
    client_for(approver).post(
        reverse("admin:articles_report_changelist"),
        {"action": "mark_reviewed", "_selected_action": [report.pk]},
    )
    form["title"] = "Muộn"
    response = client_for(approver).post(change_url(report), form)
    assert response.status_code == 200
    assert "thay đổi của bạn chưa được lưu" in response.content.decode()
    report.refresh_from_db()
    assert report.title != "Muộn"


def test_a_form_opened_after_the_last_save_saves(approver, report):
    report.save()  # any earlier save, by the importer or a script
    form = open_form(client_for(approver), report)
    form["title"] = "Kịp thời"
    assert client_for(approver).post(change_url(report), form).status_code == 302
    report.refresh_from_db()
    assert report.title == "Kịp thời"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# -- the history page stays fast ----------------------------------------------------------


@pytest.mark.parametrize("edits", [2, 12])
def test_history_page_runs_a_bounded_number_of_queries(
    editor_client, report, edits, django_assert_max_num_queries
):
    for number in range(edits):
        report.title = f"Tiêu đề lần {number}"
        report.save()
        Caption.objects.create(report=report, text=f"Ảnh {number}", order=number + 1)
        record_version([report], user=None, comment=f"Sửa {number}")
    with django_assert_max_num_queries(14):
        response = editor_client.get(history_url(report))
    assert response.status_code == 200
    assert response.content.decode().count("Trường: tiêu đề") == edits - 1


def test_entity_changes_keep_versions(client, editor):
    official = Official.objects.create(full_name="Lê Văn A")
    client.force_login(editor)
    url = reverse("admin:articles_official_change", args=[official.pk])
    data = form_data(client.get(url).content.decode(), "official_form")
    data["full_name"] = "Lê Văn Anh"
    assert client.post(url, data).status_code == 302
    newest = versions_of(official).first()
    assert newest.revision.user == editor
    assert newest.field_dict["full_name"] == "Lê Văn Anh"
    page = client.get(reverse("admin:articles_official_history", args=[official.pk]))
    assert "Các phiên bản" in page.content.decode()
