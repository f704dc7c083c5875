"""“Nhập bài từ tệp”: upload article files or a zip, check the dry run, then import.

The import runs through the command's own service (``importing.batch.import_files``), one
transaction a file. Between the dry run and the confirmation the files wait in a private
staging folder (``importing.uploads``); the page carries a signed token naming it, valid for
this user, this session and a limited time.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core import signing
from django.core.exceptions import PermissionDenied, RequestDataTooBig, TooManyFilesSent
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import path, reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from articles.importing import Importer, Outcome, preview, uploads
from articles.importing.batch import import_files

SALT = "articles.admin.import-upload"
SESSION_KEY = "import_upload_tokens"
MAX_TOKENS_IN_SESSION = 20
ACCEPT = ".txt,.html,.htm,.zip,.csv"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        # An empty file is the importer's to report ("no article text"), not a form error.
        kwargs.setdefault("allow_empty_file", True)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        return [single(data or None, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="Tệp bài viết",
        required=True,
        help_text=(
            "Tệp .txt, .html, .htm, hoặc tệp .zip chứa các tệp ấy (kèm manifest.csv có dòng đầu "
            "«file,url» nếu có)."
        ),
        error_messages={"required": "Hãy chọn ít nhất một tệp."},
    )


class UploadLimitHandler(FileUploadHandler):
    """Stops reading an upload past the byte or file limit, and says which was passed; the
    rest of the request is read and discarded so the page can still answer."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0
        self.count = 0
        request.upload_refused = None

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        if content_length > uploads.max_bytes() + 2 * 1024 * 1024:
            self.request.upload_refused = uploads.too_big_message()

    def new_file(self, *args, **kwargs):
        self.count += 1
        if self.count > uploads.max_files() + 1:
            self.request.upload_refused = uploads.too_many_message()
        if self.request.upload_refused:
            raise StopUpload(connection_reset=False)
        super().new_file(*args, **kwargs)

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > uploads.max_bytes():
            self.request.upload_refused = uploads.too_big_message()
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


class ImportUploadMixin:
    """Adds the upload pages to the reports' admin (ReportAdmin)."""

    def get_urls(self):
        view = self.admin_site.admin_view
        own = [
            path("nhap-tep/", view(self.import_upload_view), name="articles_report_import"),
            path(
                "nhap-tep/<str:signed>/",
                view(self.import_preview_view),
                name="articles_report_import_preview",
            ),
        ]
        return own + super().get_urls()

    # -- pages -------------------------------------------------------------

    def _upload_context(self, request, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Nhập bài từ tệp",
            "max_files": uploads.max_files(),
            "max_megabytes": uploads.max_bytes() // (1024 * 1024),
            "command_hint": uploads.COMMAND_HINT,
            **extra,
        }

    def _check(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied

    def _upload_page(self, request, form=None, error=None, status=200):
        context = self._upload_context(request, form=form or UploadForm(), error=error)
        return render(request, "admin/articles/report/import_upload.html", context, status=status)

    @csrf_exempt
    def import_upload_view(self, request):
        # The limit handler must be in place before anything reads the body, the CSRF check
        # included: hence csrf_exempt here and csrf_protect once the body is parsed.
        self._check(request)
        if request.method != "POST":
            return self._upload_page(request)
        request.upload_handlers.insert(0, UploadLimitHandler(request))
        try:
            request.POST, request.FILES  # noqa: B018 - parse now, under the limits
        except (TooManyFilesSent, RequestDataTooBig):
            return self._upload_page(request, error=uploads.too_many_message())
        except MultiPartParserError:
            return self._upload_page(request, error="Dữ liệu tải lên không đọc được; hãy thử lại.")
        if request.upload_refused:
            return self._upload_page(request, error=request.upload_refused)
        return csrf_protect(self._stage)(request)

    def _stage(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._upload_page(request, form=form)
        try:
            staged = uploads.stage(form.cleaned_data["files"], user_id=request.user.pk)
        except uploads.UploadError as error:
            return self._upload_page(request, form=UploadForm(), error=str(error))
        importer = Importer()
        sources = staged.sources()
        manifest = staged.manifest()
        batch = import_files(sources, dry_run=True, urls=manifest, importer=importer)
        staged.rows = preview.rows(batch, sources, importer)
        if manifest is not None:
            staged.notes += [["manifest", problem] for problem in manifest.problems]
        staged.save()
        tokens = [*request.session.get(SESSION_KEY, []), staged.token][-MAX_TOKENS_IN_SESSION:]
        request.session[SESSION_KEY] = tokens
        signed = signing.dumps({"t": staged.token, "u": request.user.pk}, salt=SALT)
        return HttpResponseRedirect(reverse("admin:articles_report_import_preview", args=[signed]))

    def _staged(self, request, signed, *, claim=False):
        """The staged upload a signed token names, or StagingError with the reason."""
        try:
            value = signing.loads(signed, salt=SALT, max_age=settings.IMPORT_UPLOAD_TTL_SECONDS)
        except signing.SignatureExpired:
            raise uploads.StagingError("Lô tải lên này đã hết hạn. Hãy tải tệp lên lại.") from None
        except signing.BadSignature:
            raise uploads.StagingError("Mã lô tải lên không hợp lệ.") from None
        if not isinstance(value, dict) or value.get("u") != request.user.pk:
            raise uploads.StagingError("Lô tải lên này thuộc về người dùng khác.")
        token = str(value.get("t", ""))
        if token not in request.session.get(SESSION_KEY, []):
            raise uploads.StagingError(
                "Lô tải lên này không thuộc phiên làm việc hiện tại. Hãy tải tệp lên lại."
            )
        if claim:
            return uploads.claim(token, user_id=request.user.pk)
        return uploads.load(token, user_id=request.user.pk)

    def import_preview_view(self, request, signed):
        self._check(request)
        try:
            staged = self._staged(request, signed, claim=request.POST.get("confirm") == "1")
        except uploads.StagingError as error:
            return self._upload_page(request, error=str(error), status=403)
        if request.method != "POST":
            counts = {plan: 0 for plan in preview.PLAN_LABELS}
            for row in staged.rows:
                counts[row["plan"]] += 1
            context = self._upload_context(
                request,
                title="Nhập bài từ tệp: kiểm tra trước khi nhập",
                rows=staged.rows,
                notes=staged.notes,
                counts=[(preview.PLAN_LABELS[plan], n) for plan, n in counts.items() if n],
                signed=signed,
            )
            return render(request, "admin/articles/report/import_preview.html", context)
        if request.POST.get("confirm") != "1":
            staged.discard()
            messages.info(request, "Đã hủy lô tải lên; không có bài nào được nhập.")
            return HttpResponseRedirect(reverse("admin:articles_report_import"))
        try:
            return self._import(request, staged)
        finally:
            staged.discard()

    def _import(self, request, staged):
        batch = import_files(staged.sources(), urls=staged.manifest())
        self._log(request, batch)
        level = messages.WARNING if batch.failed else messages.SUCCESS
        messages.add_message(request, level, batch.summary())
        context = self._upload_context(
            request,
            title="Nhập bài từ tệp: kết quả",
            batch=batch,
            results=batch.results,
            summary=batch.summary(),
            outcome_labels={
                Outcome.CREATED: "Tạo mới",
                Outcome.UPDATED: "Cập nhật",
                Outcome.UNCHANGED: "Không đổi",
                Outcome.FAILED: "Lỗi",
            },
        )
        return render(request, "admin/articles/report/import_result.html", context)

    def _log(self, request, batch):
        """Each created or updated report's history says who imported it."""
        for outcome, flag, message in (
            (Outcome.CREATED, ADDITION, "Tạo khi nhập bài từ tệp tải lên"),
            (Outcome.UPDATED, CHANGE, "Cập nhật khi nhập bài từ tệp tải lên"),
        ):
            reports = [r.report for r in batch.results if r.outcome == outcome and r.report]
            if reports:
                LogEntry.objects.log_actions(
                    user_id=request.user.pk,
                    queryset=reports,
                    action_flag=flag,
                    change_message=message,
                    single_object=len(reports) == 1,
                )
