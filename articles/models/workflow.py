"""The record of a report's state changes: who moved it, from where to where, how and why."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from .reports import Report

# The states an editor sees: the stored statuses, and "scheduled" (a published report dated
# ahead), which counts as a state of its own here.
STATE_CHOICES = [
    (Report.Status.DRAFT, Report.Status.DRAFT.label),
    (Report.Status.SUBMITTED, Report.Status.SUBMITTED.label),
    (Report.SCHEDULED, Report.SCHEDULED_LABEL),
    (Report.Status.PUBLISHED, Report.Status.PUBLISHED.label),
    (Report.Status.UNPUBLISHED, Report.Status.UNPUBLISHED.label),
]


class ReportTransition(models.Model):
    """One change of a report's state, by an editor, an approver or the importer."""

    class Action(models.TextChoices):
        SUBMIT = "submit", "Gửi duyệt"
        PUBLISH = "publish", "Duyệt và xuất bản"
        SCHEDULE = "schedule", "Lên lịch"
        REJECT = "reject", "Trả lại"
        UNPUBLISH = "unpublish", "Gỡ bài"
        IMPORT = "import", "Nhập từ tệp"

    class Via(models.TextChoices):
        FORM = "form", "Trang sửa bài"
        BULK = "bulk", "Thao tác hàng loạt"
        IMPORT = "import", "Nhập tệp"
        COMMAND = "command", "Lệnh quản trị"

    report = models.ForeignKey(
        Report, verbose_name="bài viết", on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField("thao tác", max_length=16, choices=Action)
    # Blank: the report did not exist before (created by this import).
    from_state = models.CharField("từ trạng thái", max_length=16, choices=STATE_CHOICES, blank=True)
    to_state = models.CharField("sang trạng thái", max_length=16, choices=STATE_CHOICES)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="report_transitions",
        help_text="Trống: chương trình nhập tệp.",
    )
    via = models.CharField("thực hiện qua", max_length=16, choices=Via)
    comment = models.TextField("ghi chú", blank=True)
    published_at = models.DateTimeField("ngày đăng sau khi chuyển", null=True, blank=True)
    created_at = models.DateTimeField("lúc", default=timezone.now)

    class Meta:
        verbose_name = "lần chuyển trạng thái"
        verbose_name_plural = "lịch sử chuyển trạng thái"
        ordering = ["report", "created_at", "pk"]
        # A record: nobody adds, changes or deletes one by hand.
        default_permissions = ("view",)
        indexes = [
            models.Index(fields=["report", "created_at"], name="report_transition_time_idx"),
        ]

    def __str__(self):
        start = self.get_from_state_display() or "(mới)"
        return f"{self.report_id}: {start} → {self.get_to_state_display()}"

    @property
    def actor(self) -> str:
        """Who made it, as the history shows it."""
        if self.user is None:
            return "Chương trình nhập tệp"
        return self.user.get_full_name() or self.user.get_username()
