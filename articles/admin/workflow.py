"""The report's workflow in the admin: buttons on the change form, bulk actions, the state
column and filter, and the transitions on the history page. Every change goes through
``articles.workflow.transition``."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone

from articles import workflow
from articles.admin.lookups import SafeChangelistAdmin
from articles.models import Report, ReportTransition
from articles.models.workflow import STATE_CHOICES

Action = ReportTransition.Action
# Refusals listed one by one in a bulk action's messages; the rest are counted.
MAX_ROW_MESSAGES = 10


def scheduled_label(report: Report) -> str:
    """ "Hẹn giờ 08:00 02/12/2026", in local time."""
    return f"Hẹn giờ {timezone.localtime(report.published_at):%H:%M %d/%m/%Y}"


class StateFilter(admin.SimpleListFilter):
    """By workflow state, "Đã lên lịch" (published, dated ahead) apart from "Đã xuất bản"."""

    title = "trạng thái"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return STATE_CHOICES

    def queryset(self, request, queryset):
        value = self.value()
        now = timezone.now()
        published = Q(status=Report.Status.PUBLISHED)
        if value == Report.SCHEDULED:
            return queryset.filter(published, published_at__gt=now)
        if value == Report.Status.PUBLISHED:
            return queryset.filter(published).filter(
                Q(published_at__isnull=True) | Q(published_at__lte=now)
            )
        if value in Report.Status.values:
            return queryset.filter(status=value)
        return queryset


class TransitionForm(forms.Form):
    """What the change form's workflow buttons send."""

    action = forms.ChoiceField(choices=Action.choices)
    comment = forms.CharField(required=False, max_length=2000)
    published_at = forms.DateTimeField(
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M"],
        error_messages={"invalid": "Thời điểm đăng không hợp lệ (ví dụ: 02/12/2026 08:00)."},
    )
    undated_ok = forms.BooleanField(required=False)


class ReportStateFormMixin:
    """The change form never moves a report in or out of readers' sight by its date: a
    published report's ``published_at`` may be corrected only in the past (scheduling and
    publishing are the workflow buttons')."""

    def clean(self):
        cleaned = super().clean()
        instance = self.instance
        if (
            instance.pk is None
            or "published_at" not in self.changed_data
            or getattr(instance, "_loaded_status", None) != Report.Status.PUBLISHED
        ):
            return cleaned
        now = timezone.now()
        before, after = self.initial.get("published_at"), cleaned.get("published_at")
        if any(value is not None and value > now for value in (before, after)):
            self.add_error(
                "published_at",
                "Bài đã xuất bản hoặc đã lên lịch: không đổi ngày đăng sang tương lai (hay từ "
                "lịch hẹn về trước) ở đây. Hãy dùng nút “Lên lịch”, “Duyệt và xuất bản” hoặc "
                "“Gỡ bài” ở đầu trang.",
            )
        return cleaned


class WorkflowAdminMixin:
    """For ReportAdmin: the workflow's buttons, actions, column, filter and history."""

    def get_urls(self):
        own = [
            path(
                "<path:object_id>/chuyen-trang-thai/",
                self.admin_site.admin_view(self.transition_view),
                name="articles_report_transition",
            )
        ]
        return own + super().get_urls()

    @admin.display(description="trạng thái", ordering="status")
    def state_column(self, report: Report) -> str:
        return scheduled_label(report) if report.is_scheduled else report.get_status_display()

    # -- the change form ---------------------------------------------------------

    SAVE_AND_SUBMIT = "_save_and_submit"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(self.workflow_context(request, obj))
            submittable = Action.SUBMIT in workflow.allowed_actions(obj, request.user)
        else:  # a new report starts as a draft
            submittable = workflow.may(request.user, Action.SUBMIT)
        context["can_save_and_submit"] = submittable
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if self.SAVE_AND_SUBMIT in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self.SAVE_AND_SUBMIT in request.POST:
            return self._submit_after_save(request, obj)
        return super().response_change(request, obj)

    def _submit_after_save(self, request, report: Report):
        """ "Lưu và gửi duyệt": the form's edits are saved (in this request's transaction),
        then the report is submitted, so no edit is lost to the workflow's separate buttons."""
        try:
            workflow.transition(
                report, Action.SUBMIT, user=request.user, via=ReportTransition.Via.FORM
            )
        except workflow.WorkflowError as error:
            messages.warning(request, f"Đã lưu “{report}”, nhưng chưa gửi duyệt: {error.message}")
        else:
            messages.success(
                request,
                f"Đã lưu và gửi duyệt “{report}”. Trạng thái mới: {self.state_column(report)}.",
            )
        return HttpResponseRedirect(reverse("admin:articles_report_change", args=[report.pk]))

    def workflow_context(self, request, report: Report) -> dict:
        actions = [
            {
                "action": action,
                "label": Action(action).label,
                "comment_required": action == Action.REJECT,
                "date": action == Action.SCHEDULE
                or (action == Action.PUBLISH and report.state != Report.SCHEDULED),
                "date_required": action == Action.SCHEDULE,
                "offer_undated": action == Action.PUBLISH and workflow.needs_date(report),
            }
            for action in workflow.allowed_actions(report, request.user)
        ]
        rejection = None
        if report.status == Report.Status.DRAFT:
            last = report.transitions.select_related("user").order_by("-created_at", "-pk")
            last = last.first()
            if last is not None and last.action == Action.REJECT:
                rejection = last
        return {
            "workflow_actions": actions,
            "workflow_url": reverse("admin:articles_report_transition", args=[report.pk]),
            "workflow_state": (
                scheduled_label(report) if report.is_scheduled else report.state_label
            ),
            "workflow_rejection": rejection,
        }

    def transition_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        report = self.get_object(request, unquote(object_id))
        if report is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        back = HttpResponseRedirect(reverse("admin:articles_report_change", args=[report.pk]))
        form = TransitionForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                messages.error(request, errors[0])
            return back
        data = form.cleaned_data
        try:
            record = workflow.transition(
                report,
                data["action"],
                user=request.user,
                comment=data["comment"],
                via=ReportTransition.Via.FORM,
                published_at=data["published_at"],
                undated_ok=data["undated_ok"],
            )
        except workflow.WorkflowError as error:
            messages.error(request, error.message)
            return back
        messages.success(
            request,
            f"“{report}”: {record.get_action_display()}. Trạng thái mới: "
            f"{self.state_column(report)}.",
        )
        return back

    # -- the history page --------------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if isinstance(response, TemplateResponse) and response.context_data.get("object"):
            report = response.context_data["object"]
            response.context_data["transitions"] = report.transitions.select_related("user")
        return response

    # -- bulk actions ------------------------------------------------------------

    def run_transition(self, request, queryset, action: str, done: str) -> None:
        """Move each selected report by ``action``; refuse, one message a row, those that
        cannot move (an undated imported report is never given a date here)."""
        moved, refused = 0, []
        for report in queryset:
            try:
                workflow.transition(report, action, user=request.user, via="bulk")
            except workflow.WorkflowError as error:
                refused.append(f"“{report}”: {error.message}")
            else:
                moved += 1
        if moved:
            self.message_user(request, done % moved, messages.SUCCESS)
        for message in refused[:MAX_ROW_MESSAGES]:
            self.message_user(request, message, messages.WARNING)
        if len(refused) > MAX_ROW_MESSAGES:
            self.message_user(
                request,
                f"Và {len(refused) - MAX_ROW_MESSAGES} bài khác không chuyển được.",
                messages.WARNING,
            )

    @admin.action(description="Gửi duyệt các bài đã chọn", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self.run_transition(request, queryset, Action.SUBMIT, "Đã gửi duyệt %d bài viết.")

    @admin.action(description="Duyệt và xuất bản các bài đã chọn", permissions=["publish"])
    def publish(self, request, queryset):
        self.run_transition(request, queryset, Action.PUBLISH, "Đã duyệt và xuất bản %d bài viết.")

    @admin.action(description="Gỡ các bài đã chọn (chuyển sang “Đã gỡ”)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self.run_transition(request, queryset, Action.UNPUBLISH, "Đã gỡ %d bài viết.")

    def has_publish_permission(self, request):
        return request.user.has_perm(workflow.APPROVER_PERMISSION)


@admin.register(ReportTransition)
class ReportTransitionAdmin(SafeChangelistAdmin):
    """Every state change of every report, read-only: the record is never rewritten."""

    list_display = ["created_at", "report", "action", "from_state", "to_state", "user", "via"]
    list_display_links = ["created_at"]
    list_filter = ["action", "to_state", "via"]
    list_select_related = ["report", "user"]
    search_fields = ["report__title", "comment"]
    ordering = ["-created_at", "-pk"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
