from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.roles import EDITORS_GROUP

pytestmark = pytest.mark.django_db


def test_editors_can_write_and_publish_content(editor):
    for perm in (
        "articles.add_report",
        "articles.change_report",
        "articles.publish_report",
        "articles.change_event",
        "articles.add_official",
        "articles.change_organization",
        "articles.add_document",
        "articles.view_locality",
        "articles.view_localitytransition",
    ):
        assert editor.has_perm(perm), perm
    assert not editor.has_perm("articles.change_locality")
    assert not editor.has_perm("articles.change_localitytransition")


def test_editors_cannot_manage_users_or_groups(editor, editor_client):
    for perm in ("auth.view_user", "auth.add_user", "auth.change_user", "auth.change_group"):
        assert not editor.has_perm(perm)
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:articles_report_changelist") in index


def test_setup_roles_repairs_the_group_and_never_grants_auth():
    group = Group.objects.get(name=EDITORS_GROUP)
    from django.contrib.auth.models import Permission

    group.permissions.add(Permission.objects.get(codename="change_user"))
    group.permissions.remove(Permission.objects.get(codename="publish_report"))
    out = StringIO()
    call_command("setup_roles", stdout=out)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "publish_report" in codenames
    assert not {code for code in codenames if code.endswith(("_user", "_group", "_permission"))}
    assert "Biên tập viên" in out.getvalue()


def test_staff_without_publish_permission_cannot_publish(client, make_report):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission

    from articles.models import Report

    writer = get_user_model().objects.create_user("congtacvien", password="x" * 12, is_staff=True)
    writer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_report", "change_report"])
    )
    client.force_login(writer)
    draft = make_report(status=Report.Status.DRAFT)
    response = client.post(
        reverse("admin:articles_report_changelist"),
        {"action": "publish", "_selected_action": [draft.pk]},
    )
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    assert response.status_code in (200, 302)
    form = client.get(reverse("admin:articles_report_change", args=[draft.pk]))
    assert 'name="status"' not in form.content.decode()
