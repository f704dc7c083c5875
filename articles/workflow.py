"""A report's editorial workflow: every change of its state goes through ``transition()``.

Bản nháp → Chờ duyệt → Đã xuất bản, or Đã lên lịch when its publication time is ahead, then
Đã gỡ. An approver (``articles.publish_report``) may also reject a submitted report back to
draft with a comment. Each change is checked here, not in the views, and leaves a
``ReportTransition`` row and an admin history entry, whether it came from the change form, a
bulk action or a command; the importer records its own with ``record_transition()``.

Whatever must happen on every state change (a revision, a notification) connects to
``report_transitioned``, sent inside the transaction once the change is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.contrib.admin.models import CHANGE, LogEntry
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from articles.models import DatePrecision, Report, ReportTransition
from articles.models.visibility import deferred, linked_to, refresh_visibility
from articles.revisions import record_baselines, record_version

Action = ReportTransition.Action
Via = ReportTransition.Via
Status = Report.Status
SCHEDULED = Report.SCHEDULED
STATE_LABELS = dict(ReportTransition._meta.get_field("to_state").choices)

APPROVER_PERMISSION = "articles.publish_report"
EDITOR_PERMISSION = "articles.change_report"

# Sent with report, transition, user and via, inside the transition's transaction.
report_transitioned = Signal()


class WorkflowError(Exception):
    """A transition refused; ``message`` says why, in Vietnamese, for the user."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TransitionDenied(WorkflowError):
    """The user may not make this transition."""


class DateRequired(WorkflowError):
    """An imported report without a publication date: the approver must enter one or confirm
    that it is unknown."""


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    approver_only: bool


RULES = {
    Action.SUBMIT: Rule(frozenset({Status.DRAFT, Status.UNPUBLISHED}), approver_only=False),
    Action.PUBLISH: Rule(
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.UNPUBLISHED, SCHEDULED}),
        approver_only=True,
    ),
    Action.SCHEDULE: Rule(
        frozenset({Status.DRAFT, Status.SUBMITTED, Status.UNPUBLISHED, SCHEDULED}),
        approver_only=True,
    ),
    Action.REJECT: Rule(frozenset({Status.SUBMITTED}), approver_only=True),
    Action.UNPUBLISH: Rule(frozenset({Status.PUBLISHED, SCHEDULED}), approver_only=True),
}


def may(user, action: str) -> bool:
    """Whether ``user``'s role allows ``action`` at all (whatever the report's state)."""
    rule = RULES.get(action)
    if rule is None or user is None:
        return False
    permission = APPROVER_PERMISSION if rule.approver_only else EDITOR_PERMISSION
    return user.has_perm(EDITOR_PERMISSION) and user.has_perm(permission)


def allowed_actions(report: Report, user) -> list[str]:
    """The actions ``user`` may take on ``report`` in its present state, in RULES order."""
    state = report.state
    return [action for action, rule in RULES.items() if state in rule.sources and may(user, action)]


def needs_date(report: Report) -> bool:
    """Publishing would need a date from the approver: imported, and no publication date."""
    return bool(report.source_file) and report.published_at is None


@transaction.atomic
def transition(
    report: Report,
    action: str,
    *,
    user,
    comment: str = "",
    via: str = Via.FORM,
    published_at: datetime | None = None,
    undated_ok: bool = False,
) -> ReportTransition:
    """Move ``report`` by ``action`` for ``user`` (None only for the importer or a command).

    Raises WorkflowError, with a message for the user, when the role or the report's state does
    not allow it; then nothing changes. On success ``report`` holds the new values.
    """
    try:
        action = Action(action)
    except ValueError:
        raise WorkflowError("Thao tác không hợp lệ.") from None
    rule = RULES.get(action)
    if rule is None:
        raise WorkflowError("Thao tác này chỉ chương trình nhập tệp được dùng.")
    if user is None:
        if via not in (Via.IMPORT, Via.COMMAND):
            raise TransitionDenied("Cần đăng nhập để chuyển trạng thái bài viết.")
    elif not may(user, action):
        raise TransitionDenied(
            f"Bạn không có quyền “{action.label}”: chỉ người duyệt bài (nhóm “Duyệt bài”) "
            "được làm việc này."
        )
    locked = Report.objects.select_for_update().get(pk=report.pk)
    before = locked.state
    if before not in rule.sources:
        raise WorkflowError(
            f"Không thể “{action.label}” bài đang ở trạng thái “{locked.state_label}”."
        )
    comment = (comment or "").strip()
    changes = _changes(locked, action, before, comment, published_at, undated_ok)
    if action == Action.PUBLISH and undated_ok and "published_at" not in changes:
        comment = "\n".join(filter(None, ["Đã xác nhận: không rõ ngày đăng.", comment]))

    record_baselines([locked])  # the state before the first kept change is a version too
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.mark_edited(changes)  # a re-import leaves an editor's decision alone
    with deferred():  # one refresh below, not one per signal
        locked.save(update_fields=[*changes, "edited_fields", "updated_at"])
    refresh_visibility(linked_to([locked.pk]))

    record = record_transition(
        locked, from_state=before, action=action, user=user, via=via, comment=comment
    )
    if user is not None:
        _log_change(user, locked, record)
    record_version([locked], user=user, comment=_version_comment(record))
    # The one place every state change passes: revisions and notifications hook in here.
    report_transitioned.send(
        sender=ReportTransition, report=locked, transition=record, user=user, via=via
    )
    _copy_back(locked, report, changes)
    return record


def _version_comment(record: ReportTransition) -> str:
    label = record.get_action_display()
    if record.via == ReportTransition.Via.BULK:
        label = f"{label} (thao tác hàng loạt)"
    return f"{label}: {record.comment}" if record.comment else label


def _changes(locked, action, before, comment, published_at, undated_ok) -> dict:
    """The fields ``action`` sets on ``locked``, or WorkflowError."""
    now = timezone.now()
    if action == Action.SUBMIT:
        return {"status": Status.SUBMITTED}
    if action == Action.REJECT:
        if not comment:
            raise WorkflowError(
                "Hãy ghi lý do trả lại bài, để biên tập viên biết cần sửa những gì."
            )
        return {"status": Status.DRAFT}
    if action == Action.UNPUBLISH:
        return {"status": Status.UNPUBLISHED}
    if action == Action.SCHEDULE:
        if published_at is None:
            raise WorkflowError("Hãy chọn thời điểm đăng bài để lên lịch.")
        if published_at <= now:
            raise WorkflowError(
                "Thời điểm lên lịch phải ở tương lai; để đăng ngay, hãy chọn “Duyệt và xuất bản”."
            )
        return _dated(Status.PUBLISHED, published_at)
    # Publish: a date the approver gives wins; a scheduled report goes out now.
    if published_at is not None:
        return _dated(Status.PUBLISHED, published_at)
    if before == SCHEDULED:
        return _dated(Status.PUBLISHED, now)
    if locked.published_at is not None:
        return {"status": Status.PUBLISHED}
    if not locked.source_file:  # written here: it is published now
        return _dated(Status.PUBLISHED, now)
    if undated_ok:
        return {"status": Status.PUBLISHED}
    raise DateRequired(
        "Bài nhập từ tệp chưa có ngày đăng: hãy nhập ngày đăng, hoặc đánh dấu “không rõ ngày” "
        "để xuất bản mà không ghi ngày. Không tự điền ngày thay cho nguồn."
    )


def _dated(status: str, published_at: datetime) -> dict:
    return {
        "status": status,
        "published_at": published_at,
        "published_precision": DatePrecision.EXACT,
    }


def _copy_back(locked: Report, report: Report, changes: dict) -> None:
    """Give the caller's instance what the save wrote."""
    if report is locked:
        return
    for name in (*changes, "edited_fields", "updated_at", "first_published_at", "year"):
        setattr(report, name, getattr(locked, name))
    report.sort_date = locked.sort_date
    report.remember_stored()


def record_transition(
    report: Report,
    *,
    from_state: str,
    action: str,
    user=None,
    via: str,
    comment: str = "",
) -> ReportTransition:
    """Write the row that remembers a state change (``from_state`` blank: a new report)."""
    return ReportTransition.objects.create(
        report=report,
        action=action,
        from_state=from_state,
        to_state=report.state,
        user=user,
        via=via,
        comment=comment,
        published_at=report.published_at,
    )


def _log_change(user, report: Report, record: ReportTransition) -> None:
    message = (
        f"{record.get_action_display()}: {STATE_LABELS[record.from_state]} → "
        f"{STATE_LABELS[record.to_state]}"
    )
    if record.via == Via.BULK:
        message += " (thao tác hàng loạt)"
    if record.comment:
        message += f". Ghi chú: {record.comment}"
    LogEntry.objects.log_actions(
        user_id=user.pk,
        queryset=[report],
        action_flag=CHANGE,
        change_message=message,
        single_object=True,
    )
