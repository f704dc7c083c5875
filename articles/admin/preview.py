""" "Xem trước": the public page of a report with the change form's unsaved values.

The form and its inlines are validated as a save would, written inside a transaction, the page
is rendered from the database as readers would get it, and the transaction is rolled back.
Nothing is left behind: no row, no history entry, no cache generation (the visibility
signals are deferred, and they never run), no uploaded file (new uploads are not stored).
"""

from __future__ import annotations

from django import forms
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.forms.formsets import all_valid
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse

from articles.models import visibility
from articles.views.reports import ReportDetailView


class _Rollback(Exception):
    """Leaves the preview's transaction (after rendering) without keeping anything."""


def _keep_stored_files(form) -> bool:
    """Put back the stored file of every file field whose upload this preview would save;
    returns whether a new file was left out."""
    left_out = False
    for name, field in form.fields.items():
        if not isinstance(field, forms.FileField):
            continue
        value = getattr(form, "cleaned_data", {}).get(name)
        if isinstance(value, UploadedFile):
            setattr(form.instance, name, form.initial.get(name) or "")
            left_out = True
    return left_out


def preview_response(model_admin, request, object_id=None):
    """The response to the change form's "Xem trước" button (POST from its form)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    opts = model_admin.model._meta
    obj = None
    if object_id is not None:
        obj = model_admin.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("Không tìm thấy bài viết này (có thể đã bị xóa).")
        if not model_admin.has_change_permission(request, obj):
            raise PermissionDenied
        back_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    else:
        if not model_admin.has_add_permission(request):
            raise PermissionDenied
        back_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    change = obj is not None
    form_class = model_admin.get_form(request, obj, change=change)
    form = form_class(request.POST, request.FILES, instance=obj)
    formsets, _ = model_admin._create_formsets(request, form.instance, change=change)
    form_valid = form.is_valid()
    if not (all_valid(formsets) and form_valid):
        return _errors_response(model_admin, request, form, formsets, back_url)
    html = None
    try:
        with transaction.atomic(), visibility.deferred():
            report = form.save(commit=False)
            report.save()
            form.save_m2m()
            left_out = False
            for formset in formsets:
                formset.instance = report
                for row in formset.forms:
                    left_out |= _keep_stored_files(row)
                formset.save()
            html = _render(request, report, back_url, left_out)
            raise _Rollback
    except _Rollback:
        pass
    response = HttpResponse(html)
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _render(request, report, back_url: str, left_out_files: bool) -> str:
    view = ReportDetailView()
    view.setup(request, slug=report.slug)
    view.object = view.get_queryset().get(pk=report.pk)
    context = view.get_context_data(object=view.object)
    context.update(preview=True, back_url=back_url, preview_left_out_files=left_out_files)
    return render_to_string(view.template_name, context, request=request)


def _errors_response(model_admin, request, form, formsets, back_url):
    """The form's errors, each with its field's label, in the admin's frame."""
    problems = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        problems.extend((label, error) for error in errors)
    for formset in formsets:
        title = formset.model._meta.verbose_name_plural
        problems.extend((title, error) for error in formset.non_form_errors())
        for number, row_errors in enumerate(formset.errors, start=1):
            for name, errors in row_errors.items():
                field = formset.forms[number - 1].fields.get(name)
                label = f"{title}, dòng {number}" + (f", {field.label}" if field else "")
                problems.extend((label, error) for error in errors)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Chưa xem trước được",
        "opts": model_admin.model._meta,
        "problems": problems,
        "back_url": back_url,
    }
    return TemplateResponse(request, "admin/articles/report/preview_errors.html", context)
