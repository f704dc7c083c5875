"""Autocomplete widgets whose selected choices a whole form (or formset) fetches at once.

Django's autocomplete widget fetches its selected rows itself, one query a widget: a report's
change form with 6 officials, 4 documents and their positions ran one query an inline cell.
Here every form of a page collects the selected values per model, fetches them in one query
(with what their labels need), and hands each widget its rows.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cached_property

from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.forms.models import BaseInlineFormSet

# What a model's label (__str__) reads besides its own row.
LABEL_RELATIONS = {
    "articles.locality": ("parent__parent",),
    "articles.position": ("official",),
}


class PreloadedChoicesMixin:
    """Takes its selected rows from ``preloaded`` ({str(pk): row}) when a form set it."""

    preloaded: dict | None = None

    def optgroups(self, name, value, attr=None):
        if self.preloaded is None:
            return super().optgroups(name, value, attr)
        default = (None, [], 0)
        selected = [str(v) for v in value if str(v) not in self.choices.field.empty_values]
        if not self.is_required and not self.allow_multiple_selected:
            default[1].append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for pk in dict.fromkeys(selected):
            row = self.preloaded.get(pk)
            if row is None:
                continue
            index = len(default[1])
            default[1].append(self.create_option(name, row.pk, label(row), selected, index))
            if not self.allow_multiple_selected:
                break
        return [default]


class BulkAutocompleteSelect(PreloadedChoicesMixin, AutocompleteSelect):
    pass


class BulkAutocompleteSelectMultiple(PreloadedChoicesMixin, AutocompleteSelectMultiple):
    pass


class BulkAutocompleteMixin:
    """For a ModelAdmin or an inline: autocomplete fields get the preloadable widgets."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BulkAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = BulkAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


def _preloadable(field):
    widget = field.widget
    if isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    if not isinstance(widget, PreloadedChoicesMixin):
        return None
    remote = widget.field.remote_field
    if getattr(remote, "field_name", None) not in (None, remote.model._meta.pk.name):
        return None  # a to_field other than the primary key: let the widget fetch
    return widget


def preload_choices(forms) -> None:
    """Fetch the selected rows of every preloadable widget of ``forms``, one query a model."""
    widgets, wanted = [], defaultdict(set)
    for form in forms:
        for name, field in form.fields.items():
            widget = _preloadable(field)
            if widget is None:
                continue
            value = form[name].value()
            values = value if isinstance(value, (list, tuple)) else [value]
            model = widget.field.remote_field.model
            widgets.append((widget, model))
            wanted[model].update(
                str(v) for v in values if v not in (None, "") and str(v).strip().isdigit()
            )
    rows = {}
    for model, pks in wanted.items():
        queryset = model._default_manager.select_related(
            *LABEL_RELATIONS.get(model._meta.label_lower, ())
        )
        found = queryset.filter(pk__in=sorted(pks)) if pks else []
        rows[model] = {str(row.pk): row for row in found}
    for widget, model in widgets:
        widget.preloaded = rows[model]


class PreloadedChoicesFormSet(BaseInlineFormSet):
    """An inline formset whose rows' autocomplete choices come from one query a model."""

    @cached_property
    def forms(self):
        forms = super().forms
        preload_choices(forms)
        return forms
