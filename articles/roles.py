"""The editors' group and its permissions."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

EDITORS_GROUP = "Biên tập viên"

# Models editors manage fully; localities are reference data they may only read.
EDITABLE_MODELS = (
    "report",
    "reportofficial",
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
READ_ONLY_MODELS = ("locality", "localitytransition")
EXTRA_PERMISSIONS = ("publish_report",)


def editor_permissions():
    codenames = [
        f"{action}_{model}"
        for model in EDITABLE_MODELS
        for action in ("add", "change", "delete", "view")
    ]
    codenames += [f"view_{model}" for model in READ_ONLY_MODELS]
    codenames += list(EXTRA_PERMISSIONS)
    return Permission.objects.filter(content_type__app_label="articles", codename__in=codenames)


@transaction.atomic
def setup_roles() -> Group:
    """Create or repair the editors' group; it never grants user or group management."""
    group, _ = Group.objects.get_or_create(name=EDITORS_GROUP)
    group.permissions.set(editor_permissions())
    return group
