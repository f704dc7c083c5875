"""Merge two officials, organizations or documents into one, and undo such a merge.

Every row that points at the merged record moves to the survivor. The relations are read from
``_meta.related_objects``, so a link added to the models later is moved too, never dropped: a
row the survivor already has an equivalent of (one mention a report and official, one citation
a report and document, one position a title) is folded into that one instead, which keeps the
blanks it lacks filled from the other, and takes the other's own dependants.

Each write is logged, in order, in the ``MergeRecord``: rows moved or changed with the values
they had, rows deleted as they were, aliases added. Undoing replays the log backwards, so the
merged record comes back with its pk, fields and relations, and the survivor as it was.
"""

from __future__ import annotations

from collections import defaultdict

from django.apps import apps
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils import timezone

from articles.importing.identity import document_key, official_key, organization_key
from articles.models import (
    Document,
    DocumentAlias,
    MergeRecord,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    visibility,
)
from articles.models.report_organizations import stronger_role
from articles.models.visibility import Touched, refresh_visibility

MODELS = {
    MergeRecord.Kind.OFFICIAL: Official,
    MergeRecord.Kind.ORGANIZATION: Organization,
    MergeRecord.Kind.DOCUMENT: Document,
}
KIND_OF = {model: kind for kind, model in MODELS.items()}

# The alias model of each kind, its column naming the row, and the key a row's name gives.
ALIASES = {
    Official: (OfficialAlias, "official", lambda row: official_key(row.full_name)),
    Organization: (OrganizationAlias, "organization", lambda row: organization_key(row.name)),
    Document: (DocumentAlias, "document", lambda row: document_key(row.code)),
}

# Columns folded rows combine rather than fill: a position was seen from the earlier first day
# to the later last day of the two; a body named twice in one report keeps the stronger role.
COMBINE = {
    ("position", "first_seen"): min,
    ("position", "last_seen"): max,
    ("reportorganization", "role"): stronger_role,
}


class MergeError(Exception):
    """A merge or undo that cannot be done; the message is for the editor, in Vietnamese."""


def kind_of(model) -> str:
    return KIND_OF[model]


def relations(model) -> list[tuple[type[models.Model], str]]:
    """Every (model, foreign-key column) whose rows point at ``model``; the tables behind
    plain many-to-many fields included, those with their own model listed once as that model."""
    found = []
    for rel in model._meta.related_objects:
        if rel.many_to_many:
            if rel.through._meta.auto_created:
                found.append((rel.through, rel.field.m2m_reverse_field_name()))
            continue  # an explicit through model is a relation of its own, listed apart
        found.append((rel.related_model, rel.field.name))
    for field in model._meta.local_many_to_many:
        if field.remote_field.through._meta.auto_created:
            found.append((field.remote_field.through, field.m2m_field_name()))
    return found


def _encode(field, value):
    """A column's value as JSON keeps it exactly (DjangoJSONEncoder cuts microseconds)."""
    if value is None or isinstance(value, bool | int | float | str | dict | list):
        return value
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _decode(model, attname: str, value):
    field = next(f for f in model._meta.concrete_fields if f.attname == attname)
    return None if value is None else field.to_python(value)


def _row(row) -> dict:
    """One row, every column: what ``_restore`` recreates it from."""
    return {
        "model": row._meta.label_lower,
        "fields": {
            f.attname: _encode(f, getattr(row, f.attname)) for f in row._meta.concrete_fields
        },
    }


def _restore(data: dict) -> None:
    model = apps.get_model(data["model"])
    row = model(**{name: _decode(model, name, value) for name, value in data["fields"].items()})
    # As it was, with its pk: no save() override, no signal work (raw), no auto_now.
    row.save_base(raw=True, force_insert=True)


class _Log:
    """The ordered writes of one merge, in a form JSON keeps and ``undo`` replays."""

    def __init__(self) -> None:
        self.operations: list[dict] = []

    def updated(self, model, pks: list[int], old: dict) -> None:
        if pks:
            self.operations.append(
                {
                    "op": "update",
                    "model": model._meta.label_lower,
                    "pks": pks,
                    "old": {name: _encode(None, value) for name, value in old.items()},
                }
            )

    def deleted(self, rows: list[models.Model]) -> None:
        if rows:
            self.operations.append({"op": "delete", "rows": [_row(row) for row in rows]})

    def created(self, model, pks: list[int]) -> None:
        if pks:
            self.operations.append({"op": "create", "model": model._meta.label_lower, "pks": pks})


def _unique_sets(model, column: str) -> list[tuple[str, ...]]:
    """The other columns that, with ``column``, must be unique together."""
    sets = [tuple(constraint.fields) for constraint in model._meta.total_unique_constraints]
    sets += [tuple(fields) for fields in model._meta.unique_together]
    if model._meta.get_field(column).unique:
        sets.append((column,))
    return [tuple(name for name in names if name != column) for names in sets if column in names]


def _twin_key(row, others: tuple[str, ...]) -> tuple:
    return tuple(getattr(row, row._meta.get_field(name).attname) for name in others)


def _blank(field, value) -> bool:
    """Empty, or a choice left at its default ("Khác")."""
    if value is None or value == "":
        return True
    return bool(field.choices) and field.has_default() and value == field.get_default()


def _fill_from(keep, gone, *, skip: set[str]) -> dict:
    """The columns of ``keep`` to take from ``gone``: blanks it has that the other filled,
    and combined ones (COMBINE). Unique and derived columns are never copied."""
    updates = {}
    model_name = keep._meta.model_name
    for field in keep._meta.concrete_fields:
        if field.primary_key or field.unique or not field.editable or field.name in skip:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        mine, theirs = getattr(keep, field.attname), getattr(gone, field.attname)
        if _blank(field, theirs):
            continue
        if field.is_relation and field.related_model is type(keep) and theirs == keep.pk:
            continue  # never point a row at itself
        combine = COMBINE.get((model_name, field.name))
        if combine is not None and not _blank(field, mine):
            value = combine(mine, theirs)
        elif _blank(field, mine):
            value = theirs
        else:
            continue
        if value != mine:
            updates[field.attname] = value
    if updates:
        # Drop what would break the row's own checks (a body's end before its start).
        trial = type(keep)(**{f.attname: getattr(keep, f.attname) for f in keep._meta.fields})
        for name, value in updates.items():
            setattr(trial, name, value)
        checks = [c for c in keep._meta.constraints if isinstance(c, models.CheckConstraint)]
        try:
            for check in checks:
                check.validate(type(keep), trial)
        except ValidationError:
            updates = {
                name: value
                for name, value in updates.items()
                if not isinstance(keep._meta.get_field(name.removesuffix("_id")), models.DateField)
            }
    return updates


def _update_row(row, updates: dict, log: _Log) -> None:
    if not updates:
        return
    model = type(row)
    log.updated(model, [row.pk], {name: getattr(row, name) for name in updates})
    model._base_manager.filter(pk=row.pk).update(**updates)
    for name, value in updates.items():
        setattr(row, name, value)


def _absorb(model, keep, gone, log: _Log) -> None:
    """Point every row that points at ``gone`` at ``keep`` instead, folding equivalents."""
    for related, column in relations(model):
        attname = related._meta.get_field(column).attname
        rows = list(related._base_manager.filter(**{column: gone.pk}).order_by("pk"))
        if not rows:
            continue
        sets = _unique_sets(related, column)
        twins = {}
        if sets:
            for row in related._base_manager.filter(**{column: keep.pk}):
                for others in sets:
                    twins[(others, _twin_key(row, others))] = row
        moved, cleared, folded = [], [], []
        for row in rows:
            if related is model and row.pk == keep.pk:
                cleared.append(row.pk)  # the survivor pointed at the merged row: no self-link
                continue
            twin = next(
                (twins[k] for k in ((o, _twin_key(row, o)) for o in sets) if k in twins), None
            )
            if twin is None:
                moved.append(row.pk)
            else:
                folded.append((row, twin))
        log.updated(related, moved, {attname: gone.pk})
        related._base_manager.filter(pk__in=moved).update(**{attname: keep.pk})
        log.updated(related, cleared, {attname: gone.pk})
        related._base_manager.filter(pk__in=cleared).update(**{attname: None})
        for row, twin in folded:
            _absorb(related, twin, row, log)
            skip = {column, *(name for others in sets for name in others)}
            _update_row(twin, _fill_from(twin, row, skip=skip), log)
            log.deleted([row])
            related._base_manager.filter(pk=row.pk).delete()


def _left_behind(model, gone) -> list[str]:
    return [
        related._meta.verbose_name
        for related, column in relations(model)
        if related._base_manager.filter(**{column: gone.pk}).exists()
    ]


def _label(row) -> str:
    return str(row)[:255]


def merge(*, survivor, merged, user=None) -> MergeRecord:
    """Merge ``merged`` into ``survivor`` (two rows of one model); returns the record.

    All or nothing: a merge that cannot finish raises MergeError and writes nothing."""
    try:
        with transaction.atomic():
            return _merge(survivor, merged, user)
    except IntegrityError as error:
        raise MergeError(
            f"Dữ liệu của hai bản ghi xung đột ({str(error).splitlines()[0][:200]})."
        ) from error


def _merge(survivor, merged, user) -> MergeRecord:
    model = type(survivor)
    if model not in KIND_OF or type(merged) is not model:
        raise MergeError("Chỉ gộp được hai cán bộ, hai tổ chức hoặc hai văn bản cùng loại.")
    if survivor.pk == merged.pk:
        raise MergeError("Không thể gộp một bản ghi vào chính nó.")
    locked = {row.pk: row for row in model._base_manager.select_for_update().filter(
        pk__in=[survivor.pk, merged.pk])}  # fmt: skip
    if len(locked) != 2:
        raise MergeError("Một trong hai bản ghi không còn tồn tại; hãy tải lại trang.")
    survivor, merged = locked[survivor.pk], locked[merged.pk]
    snapshot = _row(merged)
    log = _Log()
    with visibility.deferred():
        _absorb(model, survivor, merged, log)
        survivor.refresh_from_db()
        _update_row(survivor, _fill_from(survivor, merged, skip=set()), log)
        alias_model, owner, key_of = ALIASES[model]
        added = []
        for key in (key_of(merged),):
            taken = alias_model.objects.filter(key=key)
            if alias_model is OfficialAlias:
                taken = taken.filter(official=survivor)
            if not taken.exists():
                added.append(alias_model.objects.create(key=key, **{owner: survivor}).pk)
        log.created(alias_model, added)
        left = _left_behind(model, merged)
        if left:
            raise MergeError("Còn dữ liệu chưa chuyển được: " + ", ".join(left) + ".")
        log.deleted([merged])
        model._base_manager.filter(pk=merged.pk).delete()
    touched = Touched()
    touched.add(model.__name__, survivor.pk)
    refresh_visibility(touched)
    record = MergeRecord.objects.create(
        kind=kind_of(model),
        survivor_id=survivor.pk,
        survivor_label=_label(survivor),
        merged_id=merged.pk,
        merged_label=_label(merged),
        merged_slug=merged.slug,
        snapshot={"merged": snapshot, "operations": log.operations},
        user=user,
    )
    if user is not None:
        LogEntry.objects.log_actions(
            user.pk,
            model._base_manager.filter(pk=survivor.pk),
            CHANGE,
            f"Đã gộp «{record.merged_label}» (mã {merged.pk}) vào bản ghi này "
            f"(lần gộp số {record.pk}; có thể hoàn tác).",
            single_object=True,
        )
    return record


def moved_counts(record: MergeRecord) -> dict[str, int]:
    """How many rows of each model the merge moved, changed or folded, by verbose name."""
    counts: dict[str, int] = defaultdict(int)
    for operation in record.snapshot.get("operations", []):
        if operation["op"] == "delete":
            for row in operation["rows"]:
                counts[row["model"]] += 1
        else:
            counts[operation["model"]] += len(operation["pks"])
    merged_label = MODELS[record.kind]._meta.label_lower
    counts[merged_label] -= 1  # the merged row itself
    return {
        str(apps.get_model(label)._meta.verbose_name_plural): count
        for label, count in counts.items()
        if count > 0
    }


def _blocking_merge(record: MergeRecord) -> MergeRecord | None:
    """A later merge, not undone, of the survivor into another row: undo that one first."""
    return (
        MergeRecord.objects.filter(
            kind=record.kind, merged_id=record.survivor_id, undone_at__isnull=True
        )
        .filter(created_at__gte=record.created_at)
        .exclude(pk=record.pk)
        .first()
    )


def undo(*, record: MergeRecord, user=None) -> models.Model:
    """Bring the merged row back with its pk, fields and relations; returns it."""
    try:
        with transaction.atomic():
            return _undo(record, user)
    except IntegrityError as error:
        raise MergeError(
            "Không hoàn tác được vì dữ liệu đã thay đổi sau lần gộp "
            f"({str(error).splitlines()[0][:200]})."
        ) from error


def _undo(record: MergeRecord, user) -> models.Model:
    record = MergeRecord.objects.select_for_update().get(pk=record.pk)
    if record.is_undone:
        raise MergeError("Lần gộp này đã được hoàn tác.")
    model = MODELS[record.kind]
    blocking = _blocking_merge(record)
    if blocking is not None:
        raise MergeError(
            f"«{record.survivor_label}» đã được gộp tiếp vào «{blocking.survivor_label}»; "
            "hãy hoàn tác lần gộp đó trước."
        )
    if not model._base_manager.filter(pk=record.survivor_id).exists():
        raise MergeError("Bản ghi được giữ đã bị xóa; không thể hoàn tác.")
    if model._base_manager.filter(pk=record.merged_id).exists():
        raise MergeError("Mã của bản ghi đã gộp đang được dùng; không thể hoàn tác.")
    with visibility.deferred():
        for operation in reversed(record.snapshot["operations"]):
            if operation["op"] == "delete":
                for row in operation["rows"]:
                    _restore(row)
                continue
            related = apps.get_model(operation["model"])
            rows = related._base_manager.filter(pk__in=operation["pks"])
            if operation["op"] == "create":
                rows.delete()
            else:
                old = operation["old"]
                rows.update(**{name: _decode(related, name, value) for name, value in old.items()})
    touched = Touched()
    touched.add(model.__name__, record.survivor_id, record.merged_id)
    refresh_visibility(touched)
    record.undone_at = timezone.now()
    record.undone_by = user
    record.save(update_fields=["undone_at", "undone_by"])
    restored = model._base_manager.get(pk=record.merged_id)
    if user is not None:
        message = f"Đã hoàn tác lần gộp số {record.pk}: «{record.merged_label}» được tách ra lại."
        LogEntry.objects.log_actions(
            user.pk, model._base_manager.filter(pk=record.survivor_id), CHANGE, message,
            single_object=True,
        )  # fmt: skip
        LogEntry.objects.log_actions(
            user.pk, model._base_manager.filter(pk=record.merged_id), ADDITION, message,
            single_object=True,
        )  # fmt: skip
    return restored
