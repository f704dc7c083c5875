from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from articles.roles import APPROVER_PERMISSIONS, APPROVERS_GROUP, EDITORS_GROUP

pytestmark = pytest.mark.django_db


def test_editors_write_content_and_approvers_also_publish(editor, approver):
    assert not editor.has_perm("articles.publish_report")
    assert approver.has_perm("articles.publish_report")
    for perm in (
        "articles.add_report",
        "articles.change_report",
        "articles.change_event",
        "articles.add_official",
        "articles.change_organization",
        "articles.add_document",
        "articles.view_locality",
        "articles.view_localitytransition",
    ):
        assert editor.has_perm(perm), perm
        assert approver.has_perm(perm), perm
    for user in (editor, approver):
        assert not user.has_perm("articles.change_locality")
        assert not user.has_perm("articles.change_localitytransition")


def test_editors_cannot_manage_users_or_groups(editor, editor_client):
    for perm in ("auth.view_user", "auth.add_user", "auth.change_user", "auth.change_group"):
        assert not editor.has_perm(perm)
    assert editor_client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_group_changelist")).status_code == 403
    assert editor_client.get(reverse("admin:auth_user_add")).status_code == 403
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:auth_user_changelist") not in index
    assert reverse("admin:articles_report_changelist") in index


def test_setup_roles_repairs_both_groups_and_never_grants_auth():
    from django.contrib.auth.models import Permission

    editors = Group.objects.get(name=EDITORS_GROUP)
    approvers = Group.objects.get(name=APPROVERS_GROUP)
    editors.permissions.add(Permission.objects.get(codename="change_user"))
    editors.permissions.add(Permission.objects.get(codename="publish_report"))
    approvers.permissions.add(Permission.objects.get(codename="delete_group"))
    approvers.permissions.remove(Permission.objects.get(codename="publish_report"))
    out = StringIO()
    call_command("setup_roles", stdout=out)
    editor_codes = set(editors.permissions.values_list("codename", flat=True))
    approver_codes = set(approvers.permissions.values_list("codename", flat=True))
    assert "publish_report" not in editor_codes and "publish_report" in approver_codes
    assert approver_codes == editor_codes | set(APPROVER_PERMISSIONS)
    assert {"publish_report", "merge_records"} <= set(APPROVER_PERMISSIONS)
    for codes in (editor_codes, approver_codes):
        assert not {code for code in codes if code.endswith(("_user", "_group", "_permission"))}
    assert "Biên tập viên" in out.getvalue() and "Duyệt bài" in out.getvalue()


@pytest.mark.parametrize("role", ["editor", "approver"])
def test_neither_role_can_manage_users(request, client, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403
    assert client.get(reverse("admin:auth_group_change", args=[1])).status_code in (403, 404)


def test_an_editor_cannot_publish_and_an_approver_can(client, editor, approver, make_report):
    from articles.models import Report

    draft = make_report(status=Report.Status.DRAFT)
    changelist = reverse("admin:articles_report_changelist")
    client.force_login(editor)
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Report.Status.DRAFT
    form = client.get(reverse("admin:articles_report_change", args=[draft.pk])).content.decode()
    assert 'name="status"' not in form  # shown read-only: an editor cannot set it

    client.force_login(approver)
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Report.Status.PUBLISHED


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
