"""The editor's review work: reasons with codes and actions, the "Cần rà soát" queue, resolving
and dismissing reasons, and "Đã rà soát" only once nothing is left open."""

import importlib
from datetime import date, datetime
from io import StringIO
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from formdata import change_form_data

from articles import review
from articles.models import Report

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")

QUEUE = "admin:articles_report_review_queue"
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def reasons(*codes, dismissed=()):
    entries = [{"code": code} for code in codes]
    for entry in entries:
        if entry["code"] in dismissed:
            entry.update(dismissed_by="someone", dismissed_at="2026-01-01T00:00:00+07:00")
    return entries


def change_url(report):
    return reverse("admin:articles_report_change", args=[report.pk])


def test_every_reason_has_a_sentence_and_an_action():
    for code, reason in review.REASONS.items():
        assert reason.code == code
        assert reason.sentence.strip() and reason.action.strip()


def test_importer_stores_reason_codes_with_their_known_sentences():
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    stored = [
        entry
        for value in Report.objects.values_list("review_reasons", flat=True)
        for entry in value
    ]
    assert stored, "the seeds have reports needing review"
    assert all(isinstance(entry, dict) and entry["code"] in review.REASONS for entry in stored)
    assert all(entry["code"] != review.OTHER for entry in stored)


def test_migration_converts_old_sentences_and_keeps_unknown_ones(make_report):
    report = make_report(needs_review=True)
    old = [
        "Không xác định được ngày đăng hay ngày diễn ra.",
        "Không xác định được năm của ngày sự kiện «12/3».",
        "Một lý do không ai biết.",
    ]
    Report.objects.filter(pk=report.pk).update(review_reasons=old)
    migration = importlib.import_module("articles.migrations.0020_review_reasons")
    migration.to_entries(apps, None)
    report.refresh_from_db()
    assert report.review_reasons == [
        {"code": "no_date"},
        {"code": "event_year_unknown", "text": old[1]},
        {"code": "other", "text": old[2]},
    ]
    assert [review.sentence(entry) for entry in report.review_reasons][1:] == old[1:]


def test_queue_groups_open_reasons_with_counts(admin_client, make_report):
    make_report(title="Bài A", needs_review=True, review_reasons=reasons("no_date", "no_locality"))
    make_report(title="Bài B", needs_review=True, review_reasons=reasons("no_date"))
    make_report(
        title="Bài C", needs_review=True, review_reasons=reasons("no_date", dismissed={"no_date"})
    )
    make_report(title="Bài D", needs_review=False, review_reasons=reasons("no_author"))
    make_report(title="Bài E", needs_review=True, review_reasons=["Câu cũ không có mã."])
    assert review.open_reason_counts() == {"no_date": 2, "no_locality": 1, "other": 1}

    response = admin_client.get(reverse(QUEUE))
    assert response.status_code == 200
    groups = {group["reason"].code: group for group in response.context["groups"]}
    assert {code: group["count"] for code, group in groups.items()} == {
        "no_date": 2,
        "no_locality": 1,
        "other": 1,
    }
    assert {r.title for r in groups["no_date"]["reports"]} == {"Bài A", "Bài B"}
    assert response.context["settled_count"] == 1  # Bài C: its only reason was dismissed
    html = response.content.decode()
    assert "Nhập ngày đăng" in html and "Chọn địa phương" in html
    bai_a = Report.objects.get(title="Bài A")
    assert f'href="{change_url(bai_a)}"' in html


def test_changelist_filters_by_one_open_reason(admin_client, make_report):
    make_report(title="Có ngày thiếu", needs_review=True, review_reasons=reasons("no_date"))
    make_report(
        title="Đã bỏ qua",
        needs_review=True,
        review_reasons=reasons("no_date", dismissed={"no_date"}),
    )
    response = admin_client.get(reverse("admin:articles_report_changelist") + "?ly_do=no_date")
    titles = [row.title for row in response.context["cl"].result_list]
    assert titles == ["Có ngày thiếu"]


def test_admin_index_links_to_the_queue_and_approvers_see_submitted(
    client, editor, approver, make_report
):
    make_report(needs_review=True, review_reasons=reasons("no_date"))
    make_report(needs_review=True, review_reasons=reasons("no_locality"))
    make_report(status=Report.Status.SUBMITTED)
    client.force_login(editor)
    html = client.get(reverse("admin:index")).content.decode()
    assert reverse(QUEUE) in html and "Cần rà soát" in html
    assert "Chờ duyệt" not in html
    client.force_login(approver)
    response = client.get(reverse("admin:index"))
    items = {item["label"]: item["count"] for item in response.context["items"]}
    assert items == {"Cần rà soát": 2, "Chờ duyệt": 1}
    assert "?status__exact=submitted" in response.content.decode()


def test_queue_runs_a_bounded_number_of_queries(
    admin_client, make_report, django_assert_max_num_queries
):
    for number in range(30):
        codes = list(review.REASONS)[number % 5 : number % 5 + 2]
        make_report(needs_review=True, review_reasons=reasons(*codes))
    with django_assert_max_num_queries(20):
        assert admin_client.get(reverse(QUEUE)).status_code == 200


def test_entering_what_is_missing_resolves_its_reason_on_save(editor_client, make_report, locality):
    report = make_report(
        status=Report.Status.DRAFT,
        published_at=None,
        locality=None,
        needs_review=True,
        review_reasons=reasons("no_date", "no_locality", "title_inferred", "no_author"),
        source_file="seeds/x.txt",
    )
    response = editor_client.get(change_url(report))
    data = change_form_data(response)
    data.update(published_at_0="2024-03-12", published_at_1="", locality=locality("minh-long").pk)
    data["title"] = "Tiêu đề biên tập viên đặt lại"
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert [entry["code"] for entry in report.review_reasons] == ["no_author"]
    assert report.needs_review  # "Đã rà soát" stays the editor's explicit act
    assert "review_reasons" in report.edited_fields  # a re-import keeps the resolution
    assert report.published_precision == "day"  # a date typed without a time


def test_dismissing_a_reason_records_who_and_when(editor_client, editor, make_report):
    report = make_report(
        needs_review=True, review_reasons=reasons("no_author", "schedule_year_unknown")
    )
    data = change_form_data(editor_client.get(change_url(report)))
    data["dismiss_reasons"] = [review.key({"code": "no_author"})]
    assert editor_client.post(change_url(report), data).status_code == 302
    report.refresh_from_db()
    dismissed, kept = report.review_reasons
    assert dismissed["code"] == "no_author" and dismissed["dismissed_by"] == editor.username
    assert dismissed["dismissed_at"]
    assert review.is_open(kept) and not review.is_open(dismissed)
    assert review.open_reason_counts() == {"schedule_year_unknown": 1}
    page = editor_client.get(change_url(report)).content.decode()
    assert "Đã bỏ qua: bientapvien" in page


def test_form_refuses_reviewed_while_a_reason_is_open(editor_client, make_report):
    report = make_report(needs_review=True, review_reasons=reasons("no_author"))
    data = change_form_data(editor_client.get(change_url(report)))
    data.pop("needs_review")
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 200
    assert "Chưa thể đánh dấu đã rà soát" in response.content.decode()
    report.refresh_from_db()
    assert report.needs_review

    data["dismiss_reasons"] = [review.key({"code": "no_author"})]
    assert editor_client.post(change_url(report), data).status_code == 302
    report.refresh_from_db()
    assert not report.needs_review


def test_mark_reviewed_action_refused_until_every_reason_is_settled(editor_client, make_report):
    open_one = make_report(title="Còn lý do", needs_review=True, review_reasons=reasons("no_date"))
    settled = make_report(
        title="Đã xử lý",
        needs_review=True,
        review_reasons=reasons("no_date", dismissed={"no_date"}),
    )
    response = editor_client.post(
        reverse("admin:articles_report_changelist"),
        {"action": "mark_reviewed", "_selected_action": [open_one.pk, settled.pk]},
        follow=True,
    )
    shown = [str(message) for message in response.context["messages"]]
    assert any("«Còn lý do»: chưa thể đánh dấu đã rà soát" in text for text in shown)
    open_one.refresh_from_db()
    settled.refresh_from_db()
    assert open_one.needs_review and not settled.needs_review
    assert settled.review_reasons[0]["dismissed_by"] == "someone"  # the record stays
    assert LogEntry.objects.filter(object_id=str(settled.pk)).count() == 1
    assert not LogEntry.objects.filter(object_id=str(open_one.pk)).exists()


def test_change_form_shows_reasons_and_provenance_in_vietnamese(admin_client, make_report):
    report = make_report(
        needs_review=True,
        review_reasons=reasons("no_locality"),
        source_file="seeds/001.txt",
        raw_text="Dòng nguồn thứ nhất\nDòng nguồn thứ hai",
        edited_fields=["title", "mentions"],
        published_at=datetime(2024, 3, 12, tzinfo=VN),
        published_precision="day",
        event_date=date(2024, 3, 12),
    )
    response = admin_client.get(change_url(report))
    html = response.content.decode()
    assert "Không xác định được địa phương." in html and "Cần làm: Chọn địa phương." in html
    assert '{"code"' not in html and "&quot;code&quot;" not in html
    provenance = html[html.index('class="provenance"') :]
    provenance = provenance[: provenance.index("</dl>")]
    edited_part = provenance[provenance.index("Biên tập viên đã sửa") :]
    assert "tiêu đề" in edited_part and "cán bộ được nhắc đến" in edited_part
    from_file = provenance[: provenance.index("Biên tập viên đã sửa")]
    assert "tóm tắt" in from_file and "ngày đăng" in from_file and "tiêu đề" not in from_file
    assert "published_at" not in provenance and "edited_fields" not in html.split("<form")[1]
    assert 'class="raw-source"' in html and "Dòng nguồn thứ hai" in html
    start = html.index('name="published_at_1"')
    assert "value=" not in html[start : html.index(">", start)]  # no "00:00" for a day
    assert "admin-report.css" in html
