"""An event's last day and start time: imported, kept on re-import once an editor has them,
edited in the admin, shown on the public pages."""

import datetime as dt
import shutil
from io import StringIO
from pathlib import Path

import pytest
import reversion
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from formdata import change_form_data

from articles.models import Event, Report

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent / "extraction" / "samples_r2" / "dates"
ANNOUNCEMENT = SAMPLES / "d01_xa_tan_lap_2026_thong_bao_hoi_nghi.txt"
RANGE = SAMPLES / "d02_tinh_uy_2025_lop_boi_duong_range.txt"


def run_import(*paths):
    call_command("import_seeds", *map(str, paths), stdout=StringIO(), stderr=StringIO())


def event_of(path: Path) -> Event:
    return Report.objects.get(source_file__endswith=path.name).event


def test_import_fills_the_last_day_and_the_start_time():
    run_import(ANNOUNCEMENT, RANGE)
    announced = event_of(ANNOUNCEMENT)
    assert (announced.date, announced.end_date) == (dt.date(2026, 3, 5), None)
    assert announced.start_time == dt.time(14, 0)
    course = event_of(RANGE)
    assert (course.date, course.end_date) == (dt.date(2025, 12, 3), dt.date(2025, 12, 9))
    assert course.start_time is None


def _reimport_changed(tmp_path: Path, sample: Path) -> Path:
    """The sample imported, then imported again with one sentence changed."""
    source = tmp_path / sample.name
    shutil.copy(sample, source)
    run_import(source)
    return source


def _touch(source: Path) -> None:
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Trong 5 ngày", "Trong năm ngày"), encoding="utf-8")
    run_import(source)


def test_reimport_keeps_an_editors_last_day_and_start_time(tmp_path, editor):
    source = _reimport_changed(tmp_path, RANGE)
    event = event_of(source)
    event.end_date = dt.date(2025, 12, 8)
    event.start_time = dt.time(7, 30)
    with reversion.create_revision():
        reversion.set_user(editor)
        event.save()
    _touch(source)
    event.refresh_from_db()
    assert (event.end_date, event.start_time) == (dt.date(2025, 12, 8), dt.time(7, 30))


def test_reimport_leaves_a_last_day_an_editor_cleared(tmp_path, editor):
    source = _reimport_changed(tmp_path, RANGE)
    event = event_of(source)
    event.end_date = None
    with reversion.create_revision():
        reversion.set_user(editor)
        event.save()
    _touch(source)
    event.refresh_from_db()
    assert event.end_date is None


def test_reimport_fills_what_an_event_imported_before_lacked(tmp_path):
    source = _reimport_changed(tmp_path, RANGE)
    Event.objects.filter(pk=event_of(source).pk).update(end_date=None)  # an older import
    _touch(source)
    assert event_of(source).end_date == dt.date(2025, 12, 9)


def test_reimport_does_not_fill_an_event_an_editor_moved(tmp_path):
    source = _reimport_changed(tmp_path, RANGE)
    Event.objects.filter(pk=event_of(source).pk).update(end_date=None, date=dt.date(2025, 12, 4))
    _touch(source)
    assert event_of(source).end_date is None


def test_the_last_day_is_never_before_the_first():
    event = Event.objects.create(title="Hội nghị", date=dt.date(2025, 12, 3))
    event.end_date = dt.date(2025, 12, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        event.save()
    undated = Event.objects.create(title="Hội nghị khác")
    undated.end_date = dt.date(2025, 12, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        undated.save()


def test_admin_event_form_edits_the_last_day_and_the_start_time(admin_client):
    event = Event.objects.create(title="Lớp bồi dưỡng nghiệp vụ", date=dt.date(2025, 12, 3))
    url = reverse("admin:articles_event_change", args=[event.pk])
    page = admin_client.get(url)
    assert "Đến ngày" in page.text and "Giờ bắt đầu" in page.text
    data = change_form_data(page)
    data.update({"end_date": "2025-12-02", "start_time": "14:00"})
    refused = admin_client.post(url, data)
    assert refused.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu sự kiện." in refused.text
    data["end_date"] = "2025-12-09"
    assert admin_client.post(url, data).status_code == 302
    event.refresh_from_db()
    assert (event.end_date, event.start_time) == (dt.date(2025, 12, 9), dt.time(14, 0))


def test_public_pages_show_the_range_and_the_start_time(client):
    run_import(ANNOUNCEMENT, RANGE)
    for path in (ANNOUNCEMENT, RANGE):
        report = Report.objects.get(source_file__endswith=path.name)
        report.status = Report.Status.PUBLISHED
        report.save()
    course = client.get(event_of(RANGE).get_absolute_url())
    assert course.status_code == 200
    assert "03/12/2025</time> – <time" in course.text
    assert ">09/12/2025</time>" in course.text
    announced = client.get(event_of(ANNOUNCEMENT).get_absolute_url())
    assert "14:00, 05/03/2026" in announced.text
    report_page = client.get(Report.objects.get(event=event_of(ANNOUNCEMENT)).get_absolute_url())
    assert "14:00, 05/03/2026" in report_page.text
