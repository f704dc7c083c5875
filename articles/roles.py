"""The newsroom's groups and their permissions.

- "Biên tập viên" (editors) write and correct reports, events, officials, organizations and
  documents, but cannot publish, unpublish or schedule.
- "Duyệt bài" (approvers: thư ký tòa soạn, trưởng ban biên tập) do all of that, publish, and
  merge two records of one person, body or document (and undo a merge).

Neither group may see or manage users, groups or permissions. Both are rebuilt after every
``migrate`` and by ``manage.py setup_roles``.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS_GROUP = "Biên tập viên"
APPROVERS_GROUP = "Duyệt bài"

# Models editors manage fully; localities are reference data they may only read.
EDITABLE_MODELS = (
    "report",
    "reportofficial",
    "reportorganization",
    "citation",
    "caption",
    "attachment",
    "event",
    "eventparticipant",
    "official",
    "position",
    "organization",
    "document",
    # The names rows were imported under: an editor removes one the importer matched wrongly.
    "officialalias",
    "organizationalias",
    "documentalias",
    "eventalias",
)
READ_ONLY_MODELS = ("locality", "localitytransition", "reporttransition")
# What approvers may do beyond an editor.
APPROVER_PERMISSIONS = ("publish_report", "merge_records", "view_mergerecord")


def editor_permissions():
    codenames = [
        f"{action}_{model}"
        for model in EDITABLE_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    codenames += [f"view_{model}" for model in READ_ONLY_MODELS]
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


def approver_permissions():
    extra = Permission.objects.filter(
        content_type__app_label="articles", codename__in=APPROVER_PERMISSIONS
    )
    return editor_permissions() | extra


@transaction.atomic
def setup_roles() -> dict[str, Group]:
    """Create or repair both groups, by name; neither grants user or group management."""
    groups = {}
    for name, permissions in (
        (EDITORS_GROUP, editor_permissions()),
        (APPROVERS_GROUP, approver_permissions()),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        groups[name] = group
    return groups
