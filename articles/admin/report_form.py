"""The report change form: review reasons resolved or dismissed on save, and day-only dates."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.exceptions import ValidationError

from articles import review
from articles.admin.widgets import preload_choices
from articles.models import Report
from articles.models.base import DatePrecision

NOT_REVIEWED_YET = (
    "Chưa thể đánh dấu đã rà soát: còn {count} lý do chưa xử lý ({reasons}). Hãy bổ sung "
    "thông tin còn thiếu hoặc chọn «Bỏ qua» cho từng lý do."
)


class DayOrTimeWidget(AdminSplitDateTime):
    """Date and time inputs whose time stays empty for a date known only to the day."""

    day_only = False

    def decompress(self, value):
        day, moment = super().decompress(value)
        if self.day_only and moment == dt.time(0, 0):
            moment = None
        return [day, moment]


class DayOrTimeField(forms.SplitDateTimeField):
    """A date with an optional time: no time means the day alone (midnight, local time)."""

    widget = DayOrTimeWidget

    def compress(self, data_list):
        day_only = len(data_list) < 2 or data_list[1] in self.empty_values
        if data_list and data_list[0] not in self.empty_values and day_only:
            data_list = [data_list[0], dt.time(0, 0)]
        return super().compress(data_list)

    def has_changed(self, initial, data):
        """Compare the moments, not the inputs: "00:00" typed into a day-only date, or the
        time left empty, is the same midnight."""
        if self.disabled:
            return False
        try:
            value = self.clean(data)
        except ValidationError:
            return True
        return value != initial


class ReportForm(forms.ModelForm):
    """Resolves the review reasons the editor's values answer, dismisses the ticked ones, and
    refuses "đã rà soát" while a reason is open."""

    dismiss_reasons = forms.MultipleChoiceField(
        label="Bỏ qua lý do",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=(
            "Đánh dấu lý do đã kiểm tra mà không cần sửa (ví dụ: tiêu đề đã đúng). Lý do được "
            "xử lý khi bổ sung thông tin còn thiếu sẽ tự mất khi lưu."
        ),
    )
    # Set per request by the admin (ReportEditorMixin.get_form): who dismisses.
    review_user = None

    class Meta:
        model = Report
        # The admin passes its fieldsets' fields (and their URL scheme) to the factory.
        fields = ["published_at", "needs_review"]
        field_classes = {"published_at": DayOrTimeField}
        widgets = {"published_at": DayOrTimeWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_reasons = review.as_entries(self.instance.review_reasons)
        self.fields["dismiss_reasons"].choices = [
            (review.key(entry), review.sentence(entry))
            for entry in self.stored_reasons
            if review.is_open(entry)
        ]
        preload_choices([self])
        published = self.fields.get("published_at")
        if published is not None and isinstance(published.widget, DayOrTimeWidget):
            published.widget.day_only = self.instance.published_precision == DatePrecision.DAY

    def _post_clean(self):
        super()._post_clean()  # the instance now holds the form's values
        report = self.instance
        changed = set(self.changed_data)
        self.also_edited = set()
        self._set_published_precision(changed)
        entries = review.updated(
            self.stored_reasons,
            report,
            changed,
            dismiss=self.cleaned_data.get("dismiss_reasons") or (),
            user=self.review_user,
        )
        if entries != self.stored_reasons:
            self.also_edited.add("review_reasons")
        report.review_reasons = entries
        still_open = review.open_entries(entries)
        if "needs_review" in self.fields and not report.needs_review and still_open:
            self.add_error(
                "needs_review" if "needs_review" in self.cleaned_data else None,
                NOT_REVIEWED_YET.format(
                    count=len(still_open),
                    reasons="; ".join(review.sentence(entry) for entry in still_open),
                ),
            )

    def _set_published_precision(self, changed: set[str]) -> None:
        """A date typed without a time is known to the day; with one, exactly."""
        if "published_at" not in changed or "published_precision" in changed:
            return
        if "published_precision" not in self.fields:
            return
        report = self.instance
        typed = self["published_at"].data
        has_time = isinstance(typed, (list, tuple)) and len(typed) > 1 and bool(typed[1])
        if report.published_at is None:
            precision = DatePrecision.UNKNOWN
        else:
            precision = DatePrecision.EXACT if has_time else DatePrecision.DAY
        if precision != report.published_precision:
            report.published_precision = precision
            self.also_edited.add("published_precision")

    def review_edited(self) -> list[str]:
        """The imported fields this save changed besides the form's own fields."""
        return sorted(getattr(self, "also_edited", ()))
