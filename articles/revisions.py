"""Versions of reports and of what editors change, kept by django-reversion.

A report's version holds its own columns, its many-to-many links (mentioned localities) and,
through ``follow``, its related rows: mentions, organizations with their roles, citations,
captions and attachments, so that one revision is the whole report as it stood. Versions kept
before organizations had roles hold them as a plain many-to-many; restoring one links those
bodies again, keeping the roles of those still linked ("mentioned" for the others).

Every path that changes a report records one: the admin's change form, the bulk actions,
imports, restores, and the workflow's transitions, all through ``record_version``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.core import serializers
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from reversion.models import Version

from articles.models import (
    Attachment,
    Caption,
    Citation,
    Document,
    Event,
    Locality,
    Official,
    Organization,
    Report,
    ReportOfficial,
    ReportOrganization,
    visibility,
)
from articles.models.visibility import linked_to, refresh_visibility

IMPORTER_LABEL = "Trình nhập bài"
# The state an object had before its first version, kept at its first change (author unknown).
BASELINE_COMMENT = "Trạng thái trước khi có lịch sử phiên bản"
BASELINE_LABEL = "Không rõ (trước khi có lịch sử)"

# The related rows that are part of a report's version, by the report's related name.
REPORT_FOLLOW = {
    "mentions": ReportOfficial,
    "organization_links": ReportOrganization,
    "citations": Citation,
    "captions": Caption,
    "attachments": Attachment,
}
# The name an editor's change to a set is remembered by (Report.IMPORTED_FIELDS), when not
# the related name itself.
EDITED_AS = {"organization_links": "organizations"}
REPORT_M2M = ("mentioned_localities",)
# Derived or bulky columns a version need not keep: recomputed on save, or provenance.
REPORT_EXCLUDE = (
    "search_text",
    "raw_text",
    "sort_date",
    "province",
    "district",
    "commune",
    "view_count",
)
ENTITY_EXCLUDE = ("search_text", "visible_from")

# What a restore leaves as it is: publishing goes through the approvers' workflow, and the
# rest is bookkeeping or provenance of the last import, not content.
RESTORE_KEEPS = frozenset(
    {
        "id",
        "status",
        "first_published_at",
        "slug",
        "edit_version",
        "edited_fields",
        "needs_review",
        "review_reasons",
        "source_file",
        "content_hash",
        "import_fingerprint",
        "created_at",
        "updated_at",
    }
)


def register_models() -> None:
    """Put reports, their rows and the entities editors change under version control."""
    if reversion.is_registered(Report):
        return
    reversion.register(Report, exclude=REPORT_EXCLUDE, follow=tuple(REPORT_FOLLOW))
    for model in REPORT_FOLLOW.values():
        reversion.register(model)
    for model in (Official, Organization, Document, Event):
        reversion.register(model, exclude=ENTITY_EXCLUDE)


def _acting(user):
    return user if user is not None and getattr(user, "is_authenticated", False) else None


def _with_follows(reports: list[Report]) -> dict[int, Report]:
    """The reports as stored, with what their version follows fetched in bulk."""
    only_pk = [Prefetch("mentioned_localities", queryset=Locality.objects.only("pk"))]
    queryset = Report.objects.filter(pk__in=[r.pk for r in reports]).defer("raw_text")
    return {r.pk: r for r in queryset.prefetch_related(*REPORT_FOLLOW, *only_pk)}


def record_version(objs: Iterable, *, user=None, comment: str = "") -> None:
    """Keep one version (one revision) of each object as it is stored now.

    ``user`` None is the importer. Inside an open revision (the admin's change form) the
    objects join it instead.
    """
    objs = [obj for obj in objs if obj.pk is not None]
    reports = [obj for obj in objs if isinstance(obj, Report)]
    fresh = _with_follows(reports) if reports else {}
    for obj in objs:
        obj = fresh.get(obj.pk, obj) if isinstance(obj, Report) else obj
        with reversion.create_revision():
            reversion.set_user(_acting(user))
            reversion.set_comment(comment)
            reversion.add_to_revision(obj)


def record_baselines(objs: Iterable) -> None:
    """Before a change: keep the stored state of the objects that have no version yet."""
    objs = [obj for obj in objs if obj.pk is not None]
    if not objs:
        return
    model = type(objs[0])
    kept = set(
        Version.objects.get_for_model(model)
        .filter(object_id__in=[str(obj.pk) for obj in objs])
        .values_list("object_id", flat=True)
    )
    record_version(
        [obj for obj in objs if str(obj.pk) not in kept], user=None, comment=BASELINE_COMMENT
    )


def versions_of(obj, limit: int | None = None):
    """The object's versions, newest first, with who made each."""
    queryset = (
        Version.objects.get_for_object(obj)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )
    return queryset[:limit] if limit else queryset


def who(revision) -> str:
    user = revision.user
    if user is None:
        return BASELINE_LABEL if revision.comment == BASELINE_COMMENT else IMPORTER_LABEL
    return user.get_full_name() or user.get_username()


def when(value) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")


# -- related rows of a report's versions -----------------------------------------------


@dataclass(frozen=True)
class Row:
    """One related row as a version holds it."""

    model: type
    pk: str
    label: str
    fields: dict = field(hash=False, compare=False)

    @property
    def group(self) -> str:
        return str(self.model._meta.verbose_name)


def related_rows(report_pk: int, revision_ids: Iterable[int]) -> dict[int, dict]:
    """For each revision: {(model, pk): Row} of the report's related rows in it (one query)."""
    from django.contrib.contenttypes.models import ContentType

    types = ContentType.objects.get_for_models(*REPORT_FOLLOW.values())
    models_by_type = {ct.pk: model for model, ct in types.items()}
    result: dict[int, dict] = {rid: {} for rid in revision_ids}
    versions = Version.objects.filter(
        revision_id__in=list(result), content_type_id__in=list(models_by_type)
    ).only("revision_id", "content_type_id", "object_id", "serialized_data", "object_repr")
    for version in versions:
        try:
            fields = json.loads(version.serialized_data)[0]["fields"]
        except (ValueError, LookupError, TypeError):
            continue
        if fields.get("report") != report_pk:
            continue
        model = models_by_type[version.content_type_id]
        row = Row(model, version.object_id, version.object_repr, fields)
        result[version.revision_id][(model, version.object_id)] = row
    return result


def _current_matches(report: Report, latest: Version | None) -> bool:
    """Whether the report and its rows are stored just as its newest version has them."""
    if latest is None:
        return False
    report = _with_follows([report])[report.pk]
    options = reversion.revisions._get_options(Report)
    if serializers.serialize("json", [report], fields=options.fields) != latest.serialized_data:
        return False
    kept = related_rows(report.pk, [latest.revision_id])[latest.revision_id]
    current = {}
    for name, model in REPORT_FOLLOW.items():
        for row in getattr(report, name).all():
            current[(model, str(row.pk))] = serializers.serialize("json", [row])
    stored = {key: json.dumps(row.fields, sort_keys=True) for key, row in kept.items()}
    now = {
        key: json.dumps(json.loads(data)[0]["fields"], sort_keys=True)
        for key, data in current.items()
    }
    return stored == now


# -- restore ---------------------------------------------------------------------------


class RestoreError(Exception):
    """A version that cannot be restored; the message is for the editor."""


@dataclass
class Restored:
    report: Report
    fields: list[str]
    skipped: list[str]


def _missing_targets(rows: list[Row]) -> dict[type, set]:
    """For the rows' foreign keys, the target ids that no longer exist, by target model."""
    wanted: dict[type, set] = {}
    for row in rows:
        for f in row.model._meta.concrete_fields:
            if f.is_relation and f.name != "report" and row.fields.get(f.name) is not None:
                wanted.setdefault(f.related_model, set()).add(row.fields[f.name])
    return {
        model: ids - set(model._base_manager.filter(pk__in=ids).values_list("pk", flat=True))
        for model, ids in wanted.items()
    }


def restore_version(report: Report, version: Version, *, user) -> Restored:
    """Bring back ``version`` of ``report`` as a new version, its related rows included.

    The state before is kept as a version first. Status and first publication stay as they
    are (and the publication date of a report that is no draft): publishing is the
    approvers' decision. Restored fields count as edited, so re-imports leave them alone.
    """
    if version.object_id != str(report.pk) or version.content_type.model_class() is not Report:
        raise RestoreError("Phiên bản này không thuộc bài viết này.")
    with transaction.atomic(), visibility.deferred():
        report = Report.objects.select_for_update().get(pk=report.pk)
        latest = versions_of(report).first()
        if not _current_matches(report, latest):
            record_version([report], user=user, comment="Trạng thái trước khi khôi phục")
        try:
            stored = json.loads(version.serialized_data)[0]["fields"]
            old = version._object_version
        except Exception as error:  # noqa: BLE001 - an unreadable version is the editor's news
            raise RestoreError("Không đọc được dữ liệu của phiên bản này.") from error
        before = linked_to([report.pk])
        keeps = set(RESTORE_KEEPS)
        if report.status != Report.Status.DRAFT:
            keeps.add("published_at")
        changed = []
        for f in Report._meta.concrete_fields:
            if f.name in keeps or f.name not in stored:
                continue
            value = getattr(old.object, f.attname)
            if getattr(report, f.attname) != value:
                setattr(report, f.attname, value)
                changed.append(f.name)
        for name in REPORT_M2M:
            if name not in stored:
                continue
            model = Report._meta.get_field(name).related_model
            wanted = set(model.objects.filter(pk__in=old.m2m_data.get(name, [])).values_list(
                "pk", flat=True
            ))  # fmt: skip
            manager = getattr(report, name)
            if wanted != set(manager.values_list("pk", flat=True)):
                manager.set(wanted)
                changed.append(name)
        plain = "organizations" in stored  # a version from before roles
        skipped = _restore_rows(
            report, version, changed, leave=("organization_links",) if plain else ()
        )
        if plain and _restore_plain_organizations(report, old):
            changed.append("organizations")
        report.mark_edited(changed)
        report.save()
        refresh_visibility(linked_to([report.pk]) | before)
        record_version(
            [report],
            user=user,
            comment=f"Khôi phục phiên bản lúc {when(version.revision.date_created)}",
        )
    return Restored(report=report, fields=changed, skipped=skipped)


def _restore_rows(
    report: Report, version: Version, changed: list[str], leave: Iterable[str] = ()
) -> list[str]:
    """Make the report's related rows those of ``version`` (but the sets named in ``leave``);
    returns the rows left out."""
    rows = related_rows(report.pk, [version.revision_id])[version.revision_id]
    missing = _missing_targets(list(rows.values()))
    skipped = []
    for name, model in REPORT_FOLLOW.items():
        if name in leave:
            continue
        wanted = {pk: row for (m, pk), row in rows.items() if m is model}
        current = {str(pk): data for pk, data in _row_data(getattr(report, name).all())}
        extra = [pk for pk in current if pk not in wanted]
        # Rows added since go first: a row coming back may take their unique slot.
        if extra:
            model.objects.filter(pk__in=extra).delete()
        differs = bool(extra)
        for pk, row in wanted.items():
            if current.get(pk) == json.dumps(row.fields, sort_keys=True):
                continue
            fields = dict(row.fields)
            gone = False
            for f in model._meta.concrete_fields:
                target = fields.get(f.name)
                if f.is_relation and target in missing.get(f.related_model, ()):
                    if f.null:
                        fields[f.name] = None
                    else:
                        gone = True
            if gone:
                skipped.append(f"{model._meta.verbose_name}: {row.label}")
                continue
            obj = model(pk=pk)
            for f in model._meta.concrete_fields:
                if f.name in fields:
                    setattr(obj, f.attname, f.to_python(fields[f.name]))
            obj.report_id = report.pk
            obj.save()
            differs = True
        if differs:
            changed.append(EDITED_AS.get(name, name))
    return skipped


def _restore_plain_organizations(report: Report, old) -> bool:
    """A version from before roles lists the report's bodies as a plain many-to-many: link
    those bodies that still exist, keeping the role of each already linked."""
    wanted = set(
        Organization.objects.filter(pk__in=old.m2m_data.get("organizations", [])).values_list(
            "pk", flat=True
        )
    )
    links = ReportOrganization.objects.filter(report=report)
    current = set(links.values_list("organization_id", flat=True))
    if wanted == current:
        return False
    links.exclude(organization_id__in=wanted).delete()
    ReportOrganization.objects.bulk_create(
        [ReportOrganization(report=report, organization_id=pk) for pk in wanted - current]
    )
    return True


def _row_data(rows) -> list[tuple[int, str]]:
    return [
        (row.pk, json.dumps(json.loads(serializers.serialize("json", [row]))[0]["fields"],
                            sort_keys=True))
        for row in rows
    ]  # fmt: skip
