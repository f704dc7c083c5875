"""The importer links a report to the bodies that act in it (issue 10)."""

import pytest

from articles.models import Organization, Report
from tests.test_import import run_import, seed

pytestmark = pytest.mark.django_db


def test_report_links_acting_bodies_and_keeps_title_bodies_for_positions():
    run_import(seed("000"))
    report = Report.objects.get()
    linked = set(report.organizations.values_list("name", flat=True))
    assert "Ban Dân vận Trung ương" in linked  # the organizer
    # only inside "Trưởng Ban Dân vận Tỉnh ủy": saved for the position, not linked
    assert "Ban Dân vận Tỉnh ủy Thừa Thiên Huế" not in linked
    body = Organization.objects.get(name="Ban Dân vận Tỉnh ủy Thừa Thiên Huế")
    assert body.positions.filter(official__full_name="Nguyễn Chí Tài").exists()
