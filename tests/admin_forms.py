"""The POST data a browser would send back from an admin change form, unchanged."""

import datetime as dt

from django.forms import CheckboxInput, FileField, MultiWidget


def _field_data(form, name, field) -> dict:
    key = form.add_prefix(name)
    if isinstance(field, FileField):
        return {}
    value = form[name].value()
    widget = getattr(field.widget, "widget", field.widget)
    if isinstance(widget, CheckboxInput):
        return {key: "on"} if value else {}
    if isinstance(widget, MultiWidget):
        parts = value if isinstance(value, (list, tuple)) else widget.decompress(value)
        return {f"{key}_{i}": "" if part is None else _plain(part) for i, part in enumerate(parts)}
    if getattr(widget, "allow_multiple_selected", False):
        return {key: [_plain(v) for v in value or []]}
    if isinstance(value, (list, tuple)):
        return {key: [_plain(v) for v in value]}
    return {key: "" if value is None else _plain(value)}


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        return value.strftime("%H:%M:%S")
    return str(value)


def change_form_data(response) -> dict:
    """Every field of the admin form and its inline formsets, as rendered in ``response``."""
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        data.update(_field_data(form, name, field))
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = formset.management_form
        for name in management.fields:
            data[management.add_prefix(name)] = management[name].value()
        for row in formset.forms:
            for name, field in row.fields.items():
                data.update(_field_data(row, name, field))
    data["_save"] = "Lưu"
    return data
