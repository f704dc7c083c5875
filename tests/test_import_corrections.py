"""Editors' corrections in the admin survive the next import of a changed file."""

import datetime as dt
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.admin.widgets import AdminSplitDateTime
from django.core.management import call_command
from django.db.models.fields.files import FieldFile
from django.urls import reverse
from django.utils import timezone

from articles.models import Document, Event, Official, Organization, Report

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def run_import(*paths):
    out = StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=StringIO())
    return out.getvalue()


def browser_post_data(response) -> dict:
    """What a browser submits for an admin change form left as it is: every field and inline
    row as shown, textareas with CRLF line endings as browsers send them."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for field in formset.management_form:
            data[field.html_name] = field.value()
        forms += formset.forms
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False or isinstance(value, FieldFile):
                continue  # a browser sends no file it was not given
            if isinstance(field.field.widget, AdminSplitDateTime):
                local = timezone.localtime(value)
                data[f"{field.html_name}_0"] = local.date().isoformat()
                data[f"{field.html_name}_1"] = local.strftime("%H:%M:%S")
                continue
            if value is True:
                value = "on"
            elif isinstance(value, dt.date):
                value = value.isoformat()
            elif isinstance(value, str):
                value = value.replace("\r\n", "\n").replace("\n", "\r\n")
            data[field.html_name] = value
    return data


def edit_in_admin(client, obj, **changes):
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = browser_post_data(page)
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    obj.refresh_from_db()


def changed_copy(text: str, report: Report) -> str:
    """The file with one body paragraph reworded, as a portal's later edit would."""
    lines = [line.strip() for line in text.split("\n")]
    paragraph = max((line for line in lines if line and line in report.body), key=len)
    return text.replace(paragraph, paragraph.rstrip(".") + ", theo tin cập nhật.")


ENTITIES = {
    # model, how the report names it, the field an editor corrects, the corrected value
    "official": (Official, lambda r: r.mentions.order_by("order")[0].official, "full_name",
                 "Phan Ngọc Thộ"),
    "organization": (Organization, lambda r: r.organizations.order_by("pk")[0], "name",
                     "Ban Dân vận Tỉnh ủy (tên đã sửa)"),
    "document": (Document, lambda r: r.documents.order_by("pk")[0], "code", "99-NQ/TW"),
}  # fmt: skip


@pytest.mark.parametrize("kind", ENTITIES)
def test_an_entity_an_editor_renamed_is_found_again(tmp_path, editor_client, kind):
    model, named, field, corrected = ENTITIES[kind]
    source = tmp_path / "bai.txt"
    original = seed_text("001")
    source.write_text(original, encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    entity = named(report)
    old_name = getattr(entity, field)
    edit_in_admin(editor_client, entity, **{field: corrected})
    assert getattr(entity, field) == corrected
    count = model.objects.count()

    source.write_text(changed_copy(original, report), encoding="utf-8")
    assert "cập nhật 1" in run_import(source)

    assert model.objects.count() == count
    assert not model.objects.filter(**{field: old_name}).exists()
    assert named(report) == entity
    entity.refresh_from_db()
    assert getattr(entity, field) == corrected


def test_an_event_an_editor_redated_is_shared_by_the_next_report_of_it(tmp_path, editor_client):
    first = tmp_path / "a.txt"
    original = seed_text("004")
    first.write_text(original, encoding="utf-8")
    run_import(first)
    report = Report.objects.get()
    event = report.event
    assert event is not None and event.date is not None and event.locality_id
    edit_in_admin(editor_client, event, date=(event.date + dt.timedelta(days=1)).isoformat())
    events = Event.objects.exclude(kind=Event.Kind.SCHEDULE).count()

    # Another portal's report of the same meeting, worded a little differently.
    second = tmp_path / "b.txt"
    second.write_text(changed_copy(original, report), encoding="utf-8")
    run_import(second)

    assert Report.objects.count() == 2
    assert Report.objects.get(source_file__endswith="b.txt").event == event
    assert Event.objects.exclude(kind=Event.Kind.SCHEDULE).count() == events


def test_saving_only_a_new_title_leaves_the_body_to_the_importer(tmp_path, editor_client):
    source = tmp_path / "bai.txt"
    original = seed_text("004")
    source.write_text(original, encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    body = report.body
    assert "\n" in body  # the form sends it back with CRLF line endings

    edit_in_admin(editor_client, report, title="Trực báo công tác dân vận quý I ở Minh Long")
    assert report.edited_fields == ["title"]
    assert report.body == body  # stored as it was, not with the browser's line endings

    changed = changed_copy(original, report)
    source.write_text(changed, encoding="utf-8")
    assert "cập nhật 1" in run_import(source)
    report.refresh_from_db()
    assert report.title == "Trực báo công tác dân vận quý I ở Minh Long"
    assert "theo tin cập nhật" in report.body


def test_a_real_change_to_the_body_is_still_the_editors(tmp_path, editor_client):
    source = tmp_path / "bai.txt"
    source.write_text(seed_text("004"), encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    edit_in_admin(editor_client, report, body=report.body + "\r\nĐoạn biên tập viên thêm.")
    assert "body" in report.edited_fields
