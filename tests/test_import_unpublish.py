"""A re-import that turns a published report back into a draft hides what only it named."""

import re
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from articles.models import Official, Report

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DATES = re.compile(
    r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}[^\n]*"
)


def test_a_report_the_reimport_unpublishes_hides_its_officials(tmp_path):
    call_command("import_seeds", str(SEEDS), stdout=StringIO(), stderr=StringIO())
    published = [r for r in Report.objects.published() if r.mentions.exists()]
    assert published, "the seeds publish at least one report that names officials"
    report = published[0]
    source = next(SEEDS.glob(f"*{Path(report.source_file).name}"))
    Report.objects.all().delete()
    folder = tmp_path / "bai"
    folder.mkdir()
    copy = folder / source.name
    shutil.copy(source, copy)
    call_command("import_seeds", str(folder), stdout=StringIO(), stderr=StringIO())
    report = Report.objects.get()
    assert report.status == Report.Status.PUBLISHED
    named = set(report.mentions.values_list("official", flat=True))
    assert named <= set(Official.objects.public().values_list("pk", flat=True))

    # The same page without any date: the importer keeps it as a draft now.
    copy.write_text(DATES.sub("", source.read_text(encoding="utf-8")), encoding="utf-8")
    call_command("import_seeds", str(folder), stdout=StringIO(), stderr=StringIO())
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT
    still_named = set(report.mentions.values_list("official", flat=True))
    assert still_named and not still_named & set(
        Official.objects.public().values_list("pk", flat=True)
    )
