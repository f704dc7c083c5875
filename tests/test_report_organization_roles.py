"""Each body a report names has a role, kept by the importer, the admin, versions and merges,
and readers see the bodies grouped by role (issue 10, "Organizations as actors")."""

import json
import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles import extraction
from articles.merging.service import merge, undo
from articles.models import Organization, Report, ReportOrganization
from articles.revisions import record_version, restore_version, versions_of
from tests.formdata import form_data
from tests.test_import import run_import, seed

pytestmark = pytest.mark.django_db

Role = ReportOrganization.Role

# A commune portal's report of a signed coordination programme (written for this test): one
# body hosts, two organize and sign, two attend.
PROGRAMME = """Trang chủ | Giới thiệu | Tin tức - Sự kiện | Văn bản
CỔNG THÔNG TIN ĐIỆN TỬ XÃ TÂN LẬP
Ký kết Chương trình phối hợp giữa Ban Dân vận Đảng ủy xã và Công an xã Tân Lập
Thứ Năm, 05/03/2026 | 09:15
Sáng ngày 04/3/2026, Ban Dân vận Đảng ủy xã Tân Lập phối hợp với Công an xã Tân Lập tổ chức \
hội nghị ký kết Chương trình phối hợp số 01/CTrPH-BDV-CAX về thực hiện công tác dân vận trong \
bảo đảm an ninh trật tự giai đoạn 2026-2030.
Hội nghị do Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập chủ trì. Tham dự có đại diện Hội Nông \
dân xã Tân Lập, Đoàn Thanh niên xã Tân Lập.
Theo chương trình, hai bên thống nhất phối hợp tuyên truyền, vận động Nhân dân chấp hành \
pháp luật.
Minh Đức
"""


def roles_of(report) -> dict[str, str]:
    return dict(
        ReportOrganization.objects.filter(report=report).values_list("organization__name", "role")
    )


def change_url(report):
    return reverse("admin:articles_report_change", args=[report.pk])


# -- the migration ------------------------------------------------------------------------


def test_migration_keeps_existing_links_as_mentioned_and_reverses(tmp_path):
    """On a database of its own (SQLite file, or a fresh PostgreSQL database when the suite
    runs on PostgreSQL): links made before the migration survive it both ways."""
    env = {**os.environ, "DJANGO_SECRET_KEY": "test-only"}
    created = None
    if connection.vendor == "postgresql":
        import psycopg

        params = connection.settings_dict
        created = f"orgroles_migration_{os.getpid()}"
        dsn = f"host={params['HOST']} port={params['PORT']} user={params['USER']} dbname=postgres"
        with psycopg.connect(dsn, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{created}"')
            admin.execute(f'CREATE DATABASE "{created}"')
        env["DATABASE_URL"] = (
            f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{created}"
        )
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'migration.sqlite3'}"
    script = Path(__file__).with_name("migration_organization_roles.py")
    try:
        result = subprocess.run(
            [sys.executable, str(script)],
            env=env,
            cwd=Path(__file__).resolve().parent.parent,
            capture_output=True,
            text=True,
            timeout=600,
        )
    finally:
        if created:
            with psycopg.connect(dsn, autocommit=True) as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{created}"')
    assert result.returncode == 0, result.stderr[-3000:]
    lines = dict(line.split("=", 1) for line in result.stdout.split() if "=" in line)
    # Forwards: both links kept, with the role "mentioned"; the constraint holds.
    assert lines["forwards"] == "mentioned,mentioned"
    assert lines["duplicate_refused"] == "yes"
    # Backwards: the plain many-to-many again, the same links.
    assert lines["backwards"] == "2"


# -- the importer -------------------------------------------------------------------------


def test_import_stores_each_bodys_role_from_the_extraction():
    run_import(seed("001"))
    report = Report.objects.get()
    roles = roles_of(report)
    extracted = extraction.extract_file(seed("001"))
    expected = {o.name: o.role for o in extracted.organizations if o.role}
    # Every stored link carries the role the extraction gave that body.
    assert roles and all(roles[name] == expected[name] for name in roles)
    assert roles["Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh"] == Role.ORGANIZER
    assert roles["Ban Dân vận Trung ương"] == Role.MENTIONED
    assert Role.ISSUER in roles.values()


def test_import_of_a_coordination_programme_stores_host_organizers_and_attendees(tmp_path):
    source = tmp_path / "ky-ket.txt"
    source.write_text(PROGRAMME, encoding="utf-8")
    run_import(source)
    roles = roles_of(Report.objects.get())
    assert roles["Ủy ban Mặt trận Tổ quốc Việt Nam xã Tân Lập"] == Role.HOST
    assert roles["Công an xã Tân Lập"] == Role.ORGANIZER
    assert roles["Hội Nông dân xã Tân Lập"] == Role.ATTENDEE
    assert roles["Đoàn Thanh niên xã Tân Lập"] == Role.ATTENDEE


def test_reimport_updates_roles_in_place_without_duplicates(tmp_path):
    source = tmp_path / "bai.txt"
    source.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    expected = roles_of(report)
    links = dict(report.organization_links.values_list("organization__name", "pk"))
    # Not an editor's change (no edited_fields): the next import puts the roles back.
    report.organization_links.update(role=Role.ATTENDEE)
    source.write_text(source.read_text(encoding="utf-8") + "\nTin cập nhật.\n", encoding="utf-8")
    assert "cập nhật 1" in run_import(source)[0]
    assert roles_of(report) == expected
    # The same rows, updated: no link deleted and made again, none twice.
    assert dict(report.organization_links.values_list("organization__name", "pk")) == links


def test_reimport_leaves_an_editors_roles_alone(tmp_path, editor_client):
    source = tmp_path / "bai.txt"
    source.write_text(seed("001").read_text(encoding="utf-8"), encoding="utf-8")
    run_import(source)
    report = Report.objects.get()
    page = editor_client.get(change_url(report))
    html = page.content.decode()
    assert "Cơ quan, đơn vị" in html
    data = form_data(html, "report_form")
    # The inline lists the organizer first; the editor makes it the host.
    first = data["organizations-0-organization"]
    assert Organization.objects.get(pk=first).name == "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh"
    assert data["organizations-0-role"] == Role.ORGANIZER
    data["organizations-0-role"] = Role.HOST
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    report.refresh_from_db()
    assert "organizations" in report.edited_fields
    edited = roles_of(report)
    assert edited["Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh"] == Role.HOST

    source.write_text(source.read_text(encoding="utf-8") + "\nTin cập nhật.\n", encoding="utf-8")
    assert "cập nhật 1" in run_import(source)[0]
    assert roles_of(report) == edited


def test_adding_a_body_in_the_admin_with_a_role_shows_it_publicly(editor_client, make_report):
    report = make_report(title="Hội nghị dân vận ở xã Tân Lập")
    body = Organization.objects.create(name="Hội Cựu chiến binh xã Tân Lập")
    data = form_data(editor_client.get(change_url(report)).content.decode(), "report_form")
    data.update(
        {
            "organizations-TOTAL_FORMS": "1",
            "organizations-0-organization": str(body.pk),
            "organizations-0-role": Role.ATTENDEE,
        }
    )
    response = editor_client.post(change_url(report), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert roles_of(report) == {body.name: Role.ATTENDEE}
    body.refresh_from_db()
    assert body.is_public  # the inline's save keeps visibility in step


# -- the public page ----------------------------------------------------------------------


def section(html: str) -> str:
    match = re.search(r'<section aria-labelledby="to-chuc".*?</section>', html, re.S)
    return match.group(0) if match else ""


def test_report_page_groups_bodies_by_role_organizers_first(client, make_report):
    report = make_report(title="Hội nghị ký kết quy chế phối hợp")
    bodies = {
        role: Organization.objects.create(name=f"Cơ quan {index} xã Tân Lập")
        for index, role in enumerate(
            [Role.MENTIONED, Role.ATTENDEE, Role.ISSUER, Role.CO_SIGNER, Role.HOST, Role.ORGANIZER]
        )
    }
    for role, body in bodies.items():
        ReportOrganization.objects.create(report=report, organization=body, role=role)
    html = section(client.get(report.get_absolute_url()).content.decode())
    headings = re.findall(r"<h3>(.*?)</h3>", html)
    assert headings == [
        "Đơn vị tổ chức",
        "Đơn vị chủ trì",
        "Đơn vị ký kết/phối hợp",
        "Cơ quan ban hành",
        "Đơn vị tham dự",
        "Được nhắc đến",
    ]
    # Each body under its own role's heading, linked to its page.
    for role, body in bodies.items():
        block = html.split(f"<h3>{Role(role).label}</h3>", 1)[1].split("<h3>", 1)[0]
        assert f'<a href="{body.get_absolute_url()}">{body.name}</a>' in block


def test_a_body_only_drafts_name_never_shows_on_a_report_page(editor_client, make_report):
    shared = Organization.objects.create(name="Ủy ban nhân dân xã Tân Lập")
    draft_only = Organization.objects.create(name="Ban Dân vận Đảng ủy xã Nháp")
    published = make_report(title="Bài đã xuất bản")
    published.organization_links.create(organization=shared, role=Role.ORGANIZER)
    draft = make_report(title="Bài nháp", status=Report.Status.DRAFT)
    draft.organization_links.create(organization=shared, role=Role.HOST)
    draft.organization_links.create(organization=draft_only, role=Role.ORGANIZER)

    # Even an editor's look at the draft shows only what readers may open.
    html = section(editor_client.get(draft.get_absolute_url()).content.decode())
    assert shared.name in html and "Đơn vị chủ trì" in html
    assert draft_only.name not in html and "Đơn vị tổ chức" not in html
    reader = Client()
    assert reader.get(draft.get_absolute_url()).status_code == 404
    assert draft_only.name not in reader.get(published.get_absolute_url()).content.decode()


def test_report_page_query_count_does_not_grow_with_bodies(
    client, make_report, django_assert_max_num_queries
):
    small = make_report(title="Một cơ quan")
    small.organization_links.create(organization=Organization.objects.create(name="Cơ quan A"))
    big = make_report(title="Nhiều cơ quan")
    for index in range(8):
        body = Organization.objects.create(name=f"Cơ quan B{index}")
        big.organization_links.create(organization=body, role=Role.values[index % 6])
    client.get(small.get_absolute_url())
    with CaptureQueriesContext(connection) as one:
        client.get(small.get_absolute_url())
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(big.get_absolute_url())


# -- versions -----------------------------------------------------------------------------


def test_restoring_a_version_brings_the_roles_back(editor, make_report):
    report = make_report(title="Hội nghị dân vận")
    host = Organization.objects.create(name="Ủy ban Mặt trận Tổ quốc xã Tân Lập")
    guest = Organization.objects.create(name="Hội Phụ nữ xã Tân Lập")
    report.organization_links.create(organization=host, role=Role.HOST)
    report.organization_links.create(organization=guest, role=Role.ATTENDEE)
    record_version([report], user=None, comment="v1")
    first = versions_of(report).get()

    # Later: the host's role changed, the guest dropped, another body added.
    report.organization_links.filter(organization=host).update(role=Role.MENTIONED)
    report.organization_links.filter(organization=guest).delete()
    report.organization_links.create(
        organization=Organization.objects.create(name="Đoàn Thanh niên xã Tân Lập"),
        role=Role.ORGANIZER,
    )
    record_version([report], user=None, comment="v2")

    restored = restore_version(report, first, user=editor)
    assert "organizations" in restored.fields
    assert roles_of(report) == {host.name: Role.HOST, guest.name: Role.ATTENDEE}
    report.refresh_from_db()
    assert "organizations" in report.edited_fields  # a re-import leaves them alone


def test_restoring_a_version_from_before_roles_relinks_its_bodies_keeping_known_roles(
    editor, make_report
):
    """Versions kept before this change list the bodies as a plain many-to-many."""
    report = make_report(title="Hội nghị dân vận")
    kept, back, later = (
        Organization.objects.create(name=f"Cơ quan {letter} xã Tân Lập") for letter in "ABC"
    )
    record_version([report], user=None, comment="v1")
    old = versions_of(report).get()
    data = json.loads(old.serialized_data)
    data[0]["fields"]["organizations"] = [kept.pk, back.pk]
    old.serialized_data = json.dumps(data)
    old.save()
    report.organization_links.create(organization=kept, role=Role.HOST)
    report.organization_links.create(organization=later, role=Role.ORGANIZER)

    restored = restore_version(report, old, user=editor)
    assert "organizations" in restored.fields
    assert roles_of(report) == {kept.name: Role.HOST, back.name: Role.MENTIONED}


# -- merges -------------------------------------------------------------------------------


def test_merging_bodies_keeps_roles_the_stronger_where_both_were_linked(approver, make_report):
    survivor = Organization.objects.create(name="Ban Dân vận Đảng ủy xã Tân Lập")
    merged = Organization.objects.create(name="BDV Đảng ủy xã Tân Lập")
    both = make_report(title="Cả hai tên")
    both.organization_links.create(organization=survivor, role=Role.ATTENDEE)
    both.organization_links.create(organization=merged, role=Role.ORGANIZER)
    weaker = make_report(title="Tên thứ hai yếu hơn")
    weaker.organization_links.create(organization=survivor, role=Role.HOST)
    weaker.organization_links.create(organization=merged, role=Role.MENTIONED)
    only_merged = make_report(title="Chỉ tên thứ hai")
    only_merged.organization_links.create(organization=merged, role=Role.ISSUER)

    record = merge(survivor=survivor, merged=merged, user=approver)
    assert roles_of(both) == {survivor.name: Role.ORGANIZER}
    assert roles_of(weaker) == {survivor.name: Role.HOST}
    assert roles_of(only_merged) == {survivor.name: Role.ISSUER}

    undo(record=record, user=approver)
    assert roles_of(both) == {survivor.name: Role.ATTENDEE, merged.name: Role.ORGANIZER}
    assert roles_of(weaker) == {survivor.name: Role.HOST, merged.name: Role.MENTIONED}
    assert roles_of(only_merged) == {merged.name: Role.ISSUER}


def test_seed_change_page_stays_within_its_query_budget_with_the_inline(
    admin_client, django_assert_max_num_queries
):
    call_command("import_seeds", str(seed("001")), stdout=StringIO())
    report = Report.objects.get()
    assert report.organization_links.count() >= 4
    with django_assert_max_num_queries(25):
        response = admin_client.get(change_url(report))
    html = response.content.decode()
    for link in report.organization_links.select_related("organization"):
        assert f'<option value="{link.organization_id}" selected>' in html
        assert link.organization.name in html
