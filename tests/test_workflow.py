"""A report's states and transitions (articles.workflow): who may move it where, and the record."""

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.contrib.admin.models import LogEntry
from django.utils import timezone

from articles import importing, workflow
from articles.models import Official, Report, ReportOfficial, ReportTransition
from articles.workflow import DateRequired, TransitionDenied, WorkflowError

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
Action = ReportTransition.Action
Status = Report.Status


@pytest.fixture
def draft(make_report):
    return make_report(status=Status.DRAFT, published_at=None)


def transitions_of(report):
    return list(
        report.transitions.order_by("created_at", "pk").values_list(
            "action", "from_state", "to_state", "user__username", "via"
        )
    )


def test_an_editor_submits_a_draft_and_it_is_recorded(draft, editor):
    record = workflow.transition(draft, "submit", user=editor, comment="Nhờ anh xem giúp")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert record.comment == "Nhờ anh xem giúp"
    assert transitions_of(draft) == [("submit", "draft", "submitted", "bientapvien", "form")]
    entry = LogEntry.objects.get(object_id=str(draft.pk))
    assert entry.user == editor
    assert entry.get_change_message() == (
        "Gửi duyệt: Bản nháp → Chờ duyệt. Ghi chú: Nhờ anh xem giúp"
    )
    # The decision survives a re-import.
    assert "status" in draft.edited_fields


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "reject"])
def test_an_editor_cannot_publish_schedule_unpublish_or_reject(make_report, editor, action):
    start = Status.SUBMITTED if action != "unpublish" else Status.PUBLISHED
    report = make_report(status=start)
    with pytest.raises(TransitionDenied, match="không có quyền"):
        workflow.transition(
            report,
            action,
            user=editor,
            comment="x",
            published_at=timezone.now() + timedelta(days=1),
        )
    report.refresh_from_db()
    assert report.status == start
    assert not ReportTransition.objects.exists()
    assert not LogEntry.objects.exists()
    assert workflow.allowed_actions(report, editor) == []


def test_editors_see_only_submit_and_approvers_see_the_rest(draft, editor, approver):
    assert workflow.allowed_actions(draft, editor) == [Action.SUBMIT]
    assert workflow.allowed_actions(draft, approver) == [
        Action.SUBMIT,
        Action.PUBLISH,
        Action.SCHEDULE,
    ]
    workflow.transition(draft, "submit", user=editor)
    assert workflow.allowed_actions(draft, editor) == []
    assert workflow.allowed_actions(draft, approver) == [
        Action.PUBLISH,
        Action.SCHEDULE,
        Action.REJECT,
    ]


def test_publishing_an_editors_report_without_a_date_dates_it_now(draft, editor, approver):
    workflow.transition(draft, "submit", user=editor)
    before = timezone.now()
    workflow.transition(draft, "publish", user=approver)
    draft.refresh_from_db()
    assert draft.status == Status.PUBLISHED
    assert before <= draft.published_at <= timezone.now()
    assert draft.first_published_at is not None
    assert draft.year == timezone.localtime(draft.published_at).year
    assert Report.objects.published().filter(pk=draft.pk).exists()
    assert transitions_of(draft)[-1] == ("publish", "submitted", "published", "duyetbai", "form")


def test_publishing_keeps_a_date_already_known(make_report, approver):
    known = datetime(2021, 3, 4, 5, 6, tzinfo=timezone.get_current_timezone())
    report = make_report(status=Status.SUBMITTED, published_at=known, source_file="a/b.txt")
    workflow.transition(report, "publish", user=approver)
    report.refresh_from_db()
    assert report.published_at == known


def test_an_undated_imported_report_needs_a_date_or_an_explicit_unknown(make_report, approver):
    report = make_report(status=Status.SUBMITTED, published_at=None, source_file="x/1.txt")
    with pytest.raises(DateRequired, match="không rõ ngày"):
        workflow.transition(report, "publish", user=approver)
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED and report.published_at is None
    assert not report.transitions.exists()

    record = workflow.transition(report, "publish", user=approver, undated_ok=True)
    report.refresh_from_db()
    assert report.status == Status.PUBLISHED
    assert report.published_at is None  # never invented
    assert "không rõ ngày" in record.comment

    other = make_report(status=Status.SUBMITTED, published_at=None, source_file="x/2.txt")
    given = datetime(2020, 1, 2, 8, 0, tzinfo=timezone.get_current_timezone())
    workflow.transition(other, "publish", user=approver, published_at=given)
    other.refresh_from_db()
    assert other.published_at == given and other.state == Status.PUBLISHED


def test_scheduling_hides_a_report_until_its_time(draft, approver):
    later = timezone.now() + timedelta(hours=3)
    record = workflow.transition(draft, "schedule", user=approver, published_at=later)
    draft.refresh_from_db()
    assert draft.state == Report.SCHEDULED
    assert record.to_state == Report.SCHEDULED and record.published_at == later
    assert not Report.objects.published().filter(pk=draft.pk).exists()
    # Its time comes (no sleeping: the stored time moves into the past).
    Report.objects.filter(pk=draft.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    assert Report.objects.published().filter(pk=draft.pk).exists()


def test_scheduling_needs_a_future_time(draft, approver):
    with pytest.raises(WorkflowError, match="tương lai"):
        workflow.transition(
            draft, "schedule", user=approver, published_at=timezone.now() - timedelta(hours=1)
        )
    with pytest.raises(WorkflowError, match="thời điểm"):
        workflow.transition(draft, "schedule", user=approver)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_publishing_with_a_future_date_schedules_and_publishing_again_goes_out_now(draft, approver):
    workflow.transition(
        draft, "publish", user=approver, published_at=timezone.now() + timedelta(days=2)
    )
    assert draft.state == Report.SCHEDULED
    workflow.transition(draft, "publish", user=approver)
    draft.refresh_from_db()
    assert draft.state == Status.PUBLISHED and draft.published_at <= timezone.now()
    assert [row[1:3] for row in transitions_of(draft)] == [
        ("draft", "scheduled"),
        ("scheduled", "published"),
    ]


def test_rejecting_needs_a_comment_and_sends_the_report_back_to_draft(draft, editor, approver):
    workflow.transition(draft, "submit", user=editor)
    with pytest.raises(WorkflowError, match="lý do"):
        workflow.transition(draft, "reject", user=approver, comment="   ")
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    workflow.transition(draft, "reject", user=approver, comment="Thiếu tên xã.")
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.transitions.last().comment == "Thiếu tên xã."


def test_unpublishing_takes_a_report_and_what_only_it_names_out_of_sight(make_report, approver):
    report = make_report(status=Status.PUBLISHED)
    official = Official.objects.create(full_name="Lò Văn Muôn")
    ReportOfficial.objects.create(report=report, official=official)
    assert Official.objects.public().filter(pk=official.pk).exists()
    workflow.transition(report, "unpublish", user=approver, comment="Sai số liệu")
    report.refresh_from_db()
    assert report.status == Status.UNPUBLISHED
    assert not Report.objects.published().filter(pk=report.pk).exists()
    assert not Official.objects.public().filter(pk=official.pk).exists()
    # Unpublished, then submitted again and published: the official shows again.
    workflow.transition(report, "submit", user=approver)
    workflow.transition(report, "publish", user=approver)
    assert Official.objects.public().filter(pk=official.pk).exists()


@pytest.mark.parametrize(
    ("status", "action"),
    [
        (Status.PUBLISHED, "submit"),
        (Status.SUBMITTED, "submit"),
        (Status.PUBLISHED, "publish"),
        (Status.DRAFT, "reject"),
        (Status.DRAFT, "unpublish"),
        (Status.PUBLISHED, "schedule"),
    ],
)
def test_invalid_transitions_are_refused_with_a_clear_message(
    make_report, approver, status, action
):
    report = make_report(status=status)
    with pytest.raises(WorkflowError, match="Không thể .* bài đang ở trạng thái"):
        workflow.transition(
            report,
            action,
            user=approver,
            comment="x",
            published_at=timezone.now() + timedelta(days=1),
        )
    report.refresh_from_db()
    assert report.status == status
    assert not report.transitions.exists()


def test_unknown_action_and_anonymous_form_changes_are_refused(draft):
    with pytest.raises(WorkflowError, match="không hợp lệ"):
        workflow.transition(draft, "approve-all", user=None, via="command")
    with pytest.raises(WorkflowError, match="chương trình nhập"):
        workflow.transition(draft, "import", user=None, via="command")
    with pytest.raises(TransitionDenied, match="đăng nhập"):
        workflow.transition(draft, "submit", user=None, via="form")
    # A command may move it without a user; nothing is logged as anyone's.
    workflow.transition(draft, "submit", user=None, via="command")
    assert transitions_of(draft) == [("submit", "draft", "submitted", None, "command")]
    assert not LogEntry.objects.exists()


def test_every_transition_sends_the_hook_signal(draft, approver):
    received = []

    def listener(sender, report, transition, user, via, **kwargs):
        received.append((report.pk, transition.action, user, via))

    workflow.report_transitioned.connect(listener)
    try:
        workflow.transition(draft, "submit", user=approver)
        workflow.transition(draft, "reject", user=approver, comment="Viết lại sapo")
    finally:
        workflow.report_transitioned.disconnect(listener)
    assert received == [
        (draft.pk, "submit", approver, "form"),
        (draft.pk, "reject", approver, "form"),
    ]


def test_the_importer_records_creation_and_status_changes_as_its_own():
    path = next(SEEDS.glob("001_*.txt"))
    report = importing.import_file(path).report
    assert transitions_of(report) == [("import", "", report.state, None, "import")]
    assert report.transitions.get().user is None

    importing.import_file(path)  # unchanged: nothing to record
    assert report.transitions.count() == 1

    # The row drifted from what the file says and no editor decided otherwise: the next
    # import puts the status back, and says so.
    wanted = report.status
    Report.objects.filter(pk=report.pk).update(status=Status.SUBMITTED, import_fingerprint="")
    importing.import_file(path)
    report.refresh_from_db()
    assert report.status == wanted
    assert transitions_of(report)[-1] == ("import", "submitted", wanted, None, "import")


def test_the_importer_leaves_an_approvers_decision_alone(approver):
    path = next(SEEDS.glob("001_*.txt"))
    report = importing.import_file(path).report
    if report.status == Status.PUBLISHED:
        workflow.transition(report, "unpublish", user=approver)
    else:
        workflow.transition(report, "publish", user=approver, undated_ok=True)
    decided = report.status
    Report.objects.filter(pk=report.pk).update(import_fingerprint="")
    importing.import_file(path)
    report.refresh_from_db()
    assert report.status == decided
    assert report.transitions.count() == 2
