"""Versions in the admin: every save keeps one, the history lists them with what changed, and a
report's versions can be compared and restored. A report's change form also refuses a stale
save: one opened before someone else saved the report."""

from __future__ import annotations

import reversion
from django import forms
from django.contrib import messages
from django.contrib.admin.models import LogEntry
from django.contrib.admin.utils import unquote
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles import revision_diff, revisions
from articles.models import Report

STALE_FIELD = "edit_version_seen"


class VersionedAdminMixin:
    """Each add or change through the form is one revision, by the editor, with the admin's own
    change message as its comment; the history page lists the versions."""

    object_history_template = "admin/articles/versioned_history.html"

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        if object_id is not None:
            obj = self.get_object(request, unquote(object_id))
            if obj is not None and self.has_change_permission(request, obj):
                revisions.record_baselines([obj])
        with reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment("Sửa trên trang quản trị")
            return super().changeform_view(request, object_id, form_url, extra_context)

    def _comment(self, message, obj=None):
        if reversion.is_active():
            text = LogEntry(change_message=message).get_change_message() if message else ""
            reversion.set_comment(text or "Không có trường nào thay đổi.")

    def log_addition(self, request, obj, message):
        self._comment(message, obj)
        return super().log_addition(request, obj, message)

    def log_change(self, request, obj, message):
        self._comment(message, obj)
        return super().log_change(request, obj, message)

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        context = dict(extra_context or {})
        if obj is not None and self.has_view_or_change_permission(request, obj):
            context["versions"] = revision_diff.history(obj)
            context["can_restore"] = self.has_change_permission(request, obj)
        return super().history_view(request, object_id, context)


class StaleSaveForm(forms.ModelForm):
    """Carries the report's edit_version as it was opened; a save after someone else's is
    refused with who saved it, when, and how the stored report differs from this form."""

    edit_version_seen = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields[STALE_FIELD].initial = self.instance.edit_version

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get(STALE_FIELD)
        if not self.instance.pk or seen is None:
            return cleaned
        # Locked to the end of the admin's transaction: no save can slip in before ours.
        stored = Report.objects.select_for_update().filter(pk=self.instance.pk).first()
        if stored is None or stored.edit_version == seen:
            return cleaned
        data = self.data.copy()
        data[self.add_prefix(STALE_FIELD)] = stored.edit_version  # saving again overwrites
        self.data = data
        raise ValidationError(mark_safe(self._conflict_html(stored)))  # noqa: S308 - escaped

    def _conflict_html(self, stored: Report) -> str:
        latest = revisions.versions_of(stored).first()
        if latest is not None:
            by, at = revisions.who(latest.revision), latest.revision.date_created
        else:
            by, at = "một người khác", stored.updated_at
        old, new = {}, {}
        for name in self.fields:
            try:
                f = Report._meta.get_field(name)
            except FieldDoesNotExist:  # a form-only field
                continue
            if name not in self.cleaned_data or not getattr(f, "editable", False):
                continue
            value = self.cleaned_data[name]
            if f.many_to_many:
                old[f.attname] = list(getattr(stored, name).values_list("pk", flat=True))
                new[f.attname] = [obj.pk for obj in value or []]
            elif f.is_relation:
                old[f.attname] = getattr(stored, f.attname)
                new[f.attname] = value.pk if value is not None else None
            else:
                old[f.attname], new[f.attname] = getattr(stored, f.attname), value
        return render_to_string(
            "admin/articles/report/_conflict.html",
            {
                "by": by,
                "at": timezone.localtime(at).strftime("%H:%M %d/%m/%Y") if at else "",
                "time": timezone.localtime(at).strftime("%H:%M") if at else "",
                "diffs": revision_diff.field_diffs(Report, old, new),
            },
        )


class ReportRevisionsMixin(VersionedAdminMixin):
    """A report's history, compare and restore ("Khôi phục"), and the stale-save check."""

    object_history_template = "admin/articles/report/object_history.html"
    form = StaleSaveForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], STALE_FIELD]}), *rest]

    def _comment(self, message, obj=None):
        super()._comment(message, obj)
        if reversion.is_active() and obj is not None:
            # Again, as stored once the inline rows and edited_fields are saved too.
            reversion.add_to_revision(Report.objects.get(pk=obj.pk))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        wrap = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                wrap(self.compare_view),
                name="{}_{}_compare".format(*info),
            ),
            path(
                "<path:object_id>/history/<int:version_id>/restore/",
                wrap(self.restore_view),
                name="{}_{}_restore".format(*info),
            ),
            *super().get_urls(),
        ]

    def _report(self, request, object_id) -> Report:
        report = self.get_object(request, unquote(object_id))
        if report is None:
            raise Http404("Không có bài viết này.")
        if not self.has_view_or_change_permission(request, report):
            raise PermissionDenied
        return report

    def _history_url(self, report):
        return reverse("admin:articles_report_history", args=[report.pk])

    def _version(self, report, value):
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return None
        return revisions.versions_of(report).filter(pk=pk).first()

    def _context(self, request, report, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": report,
            "object": report,
            "title": title,
            "history_url": self._history_url(report),
            **extra,
        }

    def compare_view(self, request, object_id):
        report = self._report(request, object_id)
        old = self._version(report, request.GET.get("from"))
        new = self._version(report, request.GET.get("to"))
        if old is None or new is None:
            messages.error(request, "Hãy chọn hai phiên bản của bài viết này để so sánh.")
            return HttpResponseRedirect(self._history_url(report))
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        context = self._context(
            request,
            report,
            "So sánh hai phiên bản",
            old=old,
            new=new,
            old_label=self._label(old),
            new_label=self._label(new),
            can_restore=self.has_change_permission(request, report),
            **revision_diff.compare(report, old, new),
        )
        return TemplateResponse(request, "admin/articles/report/compare.html", context)

    @staticmethod
    def _label(version) -> str:
        revision = version.revision
        return f"{revisions.when(revision.date_created)} – {revisions.who(revision)}"

    def restore_view(self, request, object_id, version_id):
        report = self._report(request, object_id)
        if not self.has_change_permission(request, report):
            raise PermissionDenied
        version = self._version(report, version_id)
        if version is None:
            messages.error(request, "Không có phiên bản này của bài viết.")
            return HttpResponseRedirect(self._history_url(report))
        if request.method == "POST":
            try:
                done = revisions.restore_version(report, version, user=request.user)
            except revisions.RestoreError as error:
                messages.error(request, str(error))
                return HttpResponseRedirect(self._history_url(report))
            self.log_change(request, done.report, f"Khôi phục phiên bản lúc {self._label(version)}")
            messages.success(
                request,
                f"Đã khôi phục phiên bản lúc {self._label(version)} thành một phiên bản mới. "
                "Trạng thái xuất bản không đổi.",
            )
            if done.skipped:
                messages.warning(
                    request,
                    "Không khôi phục được (mục liên quan đã bị xóa): " + "; ".join(done.skipped),
                )
            return HttpResponseRedirect(
                reverse("admin:articles_report_change", args=[done.report.pk])
            )
        latest = revisions.versions_of(report).first()
        changes = revision_diff.compare(report, latest, version) if latest else {}
        context = self._context(
            request,
            report,
            "Khôi phục phiên bản",
            version=version,
            version_label=self._label(version),
            **changes,
        )
        return TemplateResponse(request, "admin/articles/report/restore_confirm.html", context)
