"""The workflow in the admin: change-form buttons, bulk actions, state column and filter,
the history page, and what an editor's form may not change."""

import re
from datetime import datetime, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone
from formdata import change_form_data

from articles import workflow
from articles.models import Report, ReportTransition

pytestmark = pytest.mark.django_db

Status = Report.Status
CHANGELIST = "admin:articles_report_changelist"


def change_url(report):
    return reverse("admin:articles_report_change", args=[report.pk])


def transition_url(report):
    return reverse("admin:articles_report_transition", args=[report.pk])


def buttons(html: str) -> list[str]:
    panel = html.split('class="module workflow-panel"', 1)[1].split("</section>", 1)[0]
    return re.findall(r'<button type="submit"[^>]*>([^<]+)</button>', panel)


def texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def draft(make_report):
    return make_report(status=Status.DRAFT, published_at=None)


def test_editors_see_only_submit_and_approvers_every_allowed_action(
    client, editor, approver, draft
):
    client.force_login(editor)
    assert buttons(client.get(change_url(draft)).content.decode()) == ["Gửi duyệt"]
    client.force_login(approver)
    assert buttons(client.get(change_url(draft)).content.decode()) == [
        "Gửi duyệt",
        "Duyệt và xuất bản",
        "Lên lịch",
    ]
    workflow.transition(draft, "submit", user=editor)
    assert buttons(client.get(change_url(draft)).content.decode()) == [
        "Duyệt và xuất bản",
        "Lên lịch",
        "Trả lại",
    ]
    client.force_login(editor)
    html = client.get(change_url(draft)).content.decode()
    assert "Trạng thái: Chờ duyệt" in html and buttons(html) == []


def test_the_change_form_buttons_move_the_report_and_say_so(client, editor, approver, draft):
    client.force_login(editor)
    response = client.post(transition_url(draft), {"action": "submit", "comment": "Đã sửa"})
    assert response.status_code == 302 and response["Location"] == change_url(draft)
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert any("Trạng thái mới: Chờ duyệt" in text for text in texts(response))

    client.force_login(approver)
    client.post(transition_url(draft), {"action": "publish", "published_at": ""})
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED and draft.published_at is not None
    assert list(draft.transitions.values_list("action", "via", "user__username")) == [
        ("submit", "form", "bientapvien"),
        ("publish", "form", "duyetbai"),
    ]


def test_an_editor_posting_publish_is_refused(client, editor, draft):
    client.force_login(editor)
    for action in ("publish", "schedule", "unpublish", "reject"):
        response = client.post(
            transition_url(draft),
            {"action": action, "comment": "x", "published_at": "2099-12-02T08:00"},
        )
        assert response.status_code == 302
        assert any("không có quyền" in text for text in texts(response)), action
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert not draft.transitions.exists()


def test_the_transition_page_refuses_bad_input_with_a_message(client, approver, draft):
    client.force_login(approver)
    assert client.get(transition_url(draft)).status_code == 405
    for data, expected in (
        ({"action": "schedule", "published_at": "ngày mai"}, "không hợp lệ"),
        ({"action": "bay-len"}, "Hãy chọn một lựa chọn hợp lệ"),
        ({"action": "schedule"}, "thời điểm"),
    ):
        response = client.post(transition_url(draft), data)
        assert response.status_code == 302
        assert any(expected in text for text in texts(response)), (data, texts(response))
    missing = reverse("admin:articles_report_transition", args=[987654])
    assert client.post(missing, {"action": "submit"}).status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_an_approver_schedules_from_the_form_in_local_time(client, approver, draft):
    client.force_login(approver)
    client.post(transition_url(draft), {"action": "schedule", "published_at": "2099-12-02T08:00"})
    draft.refresh_from_db()
    assert draft.state == Report.SCHEDULED
    assert timezone.localtime(draft.published_at).strftime("%H:%M %d/%m/%Y") == "08:00 02/12/2099"
    html = client.get(change_url(draft)).content.decode()
    assert "Trạng thái: Hẹn giờ 08:00 02/12/2099" in html


def test_a_rejected_draft_shows_the_approvers_comment_to_the_editor(
    client, editor, approver, draft
):
    workflow.transition(draft, "submit", user=editor)
    client.force_login(approver)
    response = client.post(transition_url(draft), {"action": "reject", "comment": ""})
    assert any("lý do" in text for text in texts(response))
    client.post(transition_url(draft), {"action": "reject", "comment": "Thiếu tên xã & ngày họp."})
    client.force_login(editor)
    html = client.get(change_url(draft)).content.decode()
    assert "Bài bị trả lại" in html
    assert "Thiếu tên xã &amp; ngày họp." in html
    assert "duyetbai" in html
    # Submitted again, the notice goes.
    workflow.transition(draft, "submit", user=editor)
    assert "Bài bị trả lại" not in client.get(change_url(draft)).content.decode()


def test_the_publish_button_of_an_undated_import_asks_for_a_date_or_unknown(
    client, approver, make_report
):
    report = make_report(status=Status.SUBMITTED, published_at=None, source_file="s/1.txt")
    client.force_login(approver)
    html = client.get(change_url(report)).content.decode()
    assert 'name="undated_ok"' in html
    response = client.post(transition_url(report), {"action": "publish"})
    assert any("không rõ ngày" in text for text in texts(response))
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED
    client.post(transition_url(report), {"action": "publish", "undated_ok": "1"})
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.published_at is None


def test_bulk_actions_go_through_the_workflow_and_refuse_rows_that_cannot_move(
    client, editor, approver, make_report
):
    draft = make_report(title="Bản nháp một", status=Status.DRAFT, published_at=None)
    live = make_report(title="Bài đang hiện", status=Status.PUBLISHED)
    undated = make_report(
        title="Bài nhập không ngày", status=Status.DRAFT, published_at=None, source_file="s/2.txt"
    )
    url = reverse(CHANGELIST)
    client.force_login(editor)
    response = client.post(
        url, {"action": "submit_for_review", "_selected_action": [draft.pk, live.pk]}
    )
    messages = texts(response)
    assert "Đã gửi duyệt 1 bài viết." in messages
    assert any(text.startswith("“Bài đang hiện”: Không thể “Gửi duyệt”") for text in messages)
    # Editors have no publishing actions at all.
    response = client.post(url, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED

    client.force_login(approver)
    response = client.post(
        url, {"action": "publish", "_selected_action": [draft.pk, live.pk, undated.pk]}
    )
    messages = texts(response)
    assert "Đã duyệt và xuất bản 1 bài viết." in messages
    assert any(text.startswith("“Bài nhập không ngày”:") and "không rõ ngày" in text
               for text in messages)  # fmt: skip
    undated.refresh_from_db()
    assert undated.status == Status.DRAFT and undated.published_at is None
    client.post(url, {"action": "unpublish", "_selected_action": [draft.pk, live.pk]})
    rows = ReportTransition.objects.filter(via="bulk").order_by("pk")
    assert list(rows.values_list("report__title", "action", "to_state", "user__username")) == [
        ("Bản nháp một", "submit", "submitted", "bientapvien"),
        ("Bản nháp một", "publish", "published", "duyetbai"),
        ("Bản nháp một", "unpublish", "unpublished", "duyetbai"),
        ("Bài đang hiện", "unpublish", "unpublished", "duyetbai"),
    ]


def test_the_changelist_shows_scheduled_times_and_filters_by_state(
    client, approver, make_report, django_assert_max_num_queries
):
    tz = timezone.get_current_timezone()
    scheduled = make_report(
        title="Bài hẹn giờ", published_at=datetime(2099, 12, 2, 8, 0, tzinfo=tz)
    )
    live = make_report(title="Bài đã đăng")
    make_report(title="Bài nháp", status=Status.DRAFT)
    make_report(title="Bài chờ", status=Status.SUBMITTED)
    for number in range(20):
        make_report(title=f"Bài cũ {number}", status=Status.UNPUBLISHED)
    client.force_login(approver)
    url = reverse(CHANGELIST)
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    assert "Hẹn giờ 08:00 02/12/2099" in html
    assert "Đã lên lịch" in html  # the filter's choice

    def listed(state):
        response = client.get(url, {"state": state})
        return {report.title for report in response.context["cl"].result_list}

    assert listed("scheduled") == {scheduled.title}
    assert listed("published") == {live.title}
    assert listed("submitted") == {"Bài chờ"}
    assert len(listed("unpublished")) == 20


def test_the_history_page_lists_transitions_with_user_time_and_comment(
    client, editor, approver, draft, django_assert_max_num_queries
):
    workflow.transition(draft, "submit", user=editor, comment="Xin duyệt")
    workflow.transition(draft, "reject", user=approver, comment="Sửa sapo <b>ngắn</b> lại")
    workflow.transition(draft, "submit", user=editor)
    workflow.transition(draft, "publish", user=approver, via="bulk")
    client.force_login(editor)
    url = reverse("admin:articles_report_history", args=[draft.pk])
    with django_assert_max_num_queries(12):
        html = client.get(url).content.decode()
    block = html.split('id="report-transitions"', 1)[1].split("</table>", 1)[0]
    assert block.count("<tr>") == 5  # a header and four changes
    assert "Sửa sapo &lt;b&gt;ngắn&lt;/b&gt; lại" in block
    assert "duyetbai" in block and "bientapvien" in block
    assert "Chờ duyệt → Bản nháp" in block
    assert "Thao tác hàng loạt" in block
    moment = timezone.localtime(draft.transitions.first().created_at).strftime("%H:%M %d/%m/%Y")
    assert moment in block
    assert "Gửi duyệt: Bản nháp → Chờ duyệt. Ghi chú: Xin duyệt" in html  # the admin's log
    missing = reverse("admin:articles_report_history", args=[987654])
    assert client.get(missing).status_code == 302


def test_the_importers_transitions_show_as_the_importer(client, editor, make_report):
    report = make_report(status=Status.DRAFT, source_file="s/3.txt")
    workflow.record_transition(report, from_state="", action="import", via="import")
    client.force_login(editor)
    html = client.get(reverse("admin:articles_report_history", args=[report.pk])).content.decode()
    assert "Chương trình nhập tệp" in html and "(bài mới) → Bản nháp" in html


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_the_form_cannot_change_status_nor_move_a_published_date_ahead(
    request, client, make_report, role
):
    user = request.getfixturevalue(role)
    report = make_report(status=Status.PUBLISHED)
    client.force_login(user)
    data = change_form_data(client.get(change_url(report)))
    assert "status" not in client.get(change_url(report)).context["adminform"].form.fields
    data["status"] = Status.DRAFT
    data["title"] = "Tiêu đề đã sửa"
    response = client.post(change_url(report), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED and report.title == "Tiêu đề đã sửa"

    # The saved page is reloaded, as a browser does after the redirect (new edit version).
    data = change_form_data(client.get(change_url(report)))
    later = timezone.localtime(timezone.now() + timedelta(days=3))
    data["published_at_0"] = later.strftime("%d/%m/%Y")
    response = client.post(change_url(report), data)
    assert response.status_code == 200
    assert "Lên lịch" in str(response.context["adminform"].form.errors["published_at"])
    report.refresh_from_db()
    assert report.is_public
    # A past date may still be corrected.
    data["published_at_0"] = "01/02/2020"
    assert client.post(change_url(report), data).status_code == 302
    report.refresh_from_db()
    assert timezone.localtime(report.published_at).date().isoformat() == "2020-02-01"
    assert not report.transitions.exists()


def test_the_change_page_stays_within_its_query_budget(
    client, approver, draft, django_assert_max_num_queries
):
    workflow.transition(draft, "submit", user=approver)
    workflow.transition(draft, "reject", user=approver, comment="Thêm ảnh")
    client.force_login(approver)
    with django_assert_max_num_queries(20):
        assert client.get(change_url(draft)).status_code == 200


def test_save_and_submit_keeps_the_edits_and_submits_in_one_click(client, editor, draft):
    client.force_login(editor)
    assert 'name="_save_and_submit"' in client.get(change_url(draft)).content.decode()
    data = change_form_data(client.get(change_url(draft)))
    data.pop("published_at_0"), data.pop("published_at_1")  # an undated draft stays undated
    data.update({"title": "", "_save_and_submit": "Lưu và gửi duyệt"})
    # An invalid form submits nothing.
    assert client.post(change_url(draft), data).status_code == 200
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and not draft.transitions.exists()

    data["title"] = "Tiêu đề sửa xong trước khi gửi duyệt"
    response = client.post(change_url(draft), data, follow=True)
    assert response.redirect_chain[-1][0] == change_url(draft)
    draft.refresh_from_db()
    assert draft.title == "Tiêu đề sửa xong trước khi gửi duyệt"
    assert draft.status == Status.SUBMITTED
    record = draft.transitions.get()
    assert (record.action, record.user) == ("submit", editor)
    assert any("Chờ duyệt" in text for text in texts(response))
    # Submitted: nothing more for the editor to submit.
    assert 'name="_save_and_submit"' not in response.content.decode()
