"""What changed between two versions: field names for the history list, and field-by-field
differences (word-level for long text) for the compare view and the stale-save conflict."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from django.db import models
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from articles import worddiff
from articles.models import Report
from articles.revisions import Row, related_rows, versions_of, when, who

# Long text gets a word-level diff; the others show before and after.
WORD_DIFF_FIELDS = ("title", "summary", "body")
# Bookkeeping a reader of the history does not need to see change.
HIDDEN_FIELDS = frozenset({"updated_at", "created_at", "edit_version", "import_fingerprint"})
EMPTY = "(trống)"
HISTORY_LIMIT = 100


def _same(first, second) -> bool:
    if isinstance(first, str) and isinstance(second, str):
        return worddiff.same(first, second)
    if isinstance(first, list) and isinstance(second, list):
        try:
            return sorted(first) == sorted(second)
        except TypeError:
            return first == second
    return first == second


def changed_fields(model, old: dict, new: dict) -> list[str]:
    """Names of the fields (by attname in ``old``/``new``) whose values differ."""
    names = []
    for f in [*model._meta.concrete_fields, *model._meta.many_to_many]:
        key = f.attname
        if f.name in HIDDEN_FIELDS or (key not in old and key not in new):
            continue
        if not _same(old.get(key), new.get(key)):
            names.append(f.name)
    return names


def label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


@dataclass
class RowChanges:
    added: list[Row] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    changed: list[tuple[Row, Row, list[str]]] = field(default_factory=list)

    def __bool__(self):
        return bool(self.added or self.removed or self.changed)


def row_changes(old: dict, new: dict) -> RowChanges:
    changes = RowChanges()
    for key, row in new.items():
        if key not in old:
            changes.added.append(row)
        elif not _same_row(old[key], row):
            before = old[key].fields
            names = [
                f.name
                for f in row.model._meta.concrete_fields
                if f.name != "report" and not _same(before.get(f.name), row.fields.get(f.name))
            ]
            changes.changed.append((old[key], row, names))
    changes.removed = [row for key, row in old.items() if key not in new]
    return changes


def _same_row(first: Row, second: Row) -> bool:
    return json.dumps(first.fields, sort_keys=True) == json.dumps(second.fields, sort_keys=True)


@dataclass
class Entry:
    """One line of the history: a version, who made it, when, and what it changed."""

    version: object
    who: str
    when: str
    comment: str
    fields: list[str]
    rows: RowChanges | None
    first: bool
    previous_pk: int | None = None


def history(obj, limit: int = HISTORY_LIMIT) -> list[Entry]:
    """The object's versions newest first, each with what differs from the one before it.

    A fixed number of queries: the versions with their users, and (for a report) every related
    row of those revisions at once.
    """
    versions = list(versions_of(obj, limit + 1))
    model = type(obj)
    rows = None
    if isinstance(obj, Report):
        rows = related_rows(obj.pk, {v.revision_id for v in versions})
    entries = []
    for index, version in enumerate(versions[:limit]):
        previous = versions[index + 1] if index + 1 < len(versions) else None
        names, changes = [], None
        if previous is not None:
            names = [
                label(model, n) for n in changed_fields(model, _fields(previous), _fields(version))
            ]
            if rows is not None:
                changes = row_changes(rows[previous.revision_id], rows[version.revision_id])
        revision = version.revision
        entries.append(
            Entry(
                version=version,
                who=who(revision),
                when=when(revision.date_created),
                comment=revision.get_comment(),
                fields=names,
                rows=changes,
                first=previous is None,
                previous_pk=previous.pk if previous is not None else None,
            )
        )
    return entries


def _fields(version) -> dict:
    try:
        return version.field_dict
    except Exception:  # noqa: BLE001 - a version of an older schema still lists
        return {}


# -- values as an editor reads them ---------------------------------------------------


class Names:
    """Labels of the rows that foreign keys and links point at, fetched in bulk per model."""

    def __init__(self):
        self.wanted: dict[type, set] = {}
        self.found: dict[type, dict] = {}

    def want(self, model, ids):
        self.wanted.setdefault(model, set()).update(i for i in ids if i is not None)

    def load(self):
        for model, ids in self.wanted.items():
            self.found[model] = {obj.pk: str(obj) for obj in model._base_manager.filter(pk__in=ids)}

    def get(self, model, pk) -> str:
        found = self.found.get(model, {})
        return found.get(pk) or found.get(_int(pk)) or f"#{pk} (đã xóa)"


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return value


def _want(names: Names, f, value):
    if f.many_to_many:
        names.want(f.related_model, value or [])
    elif f.is_relation:
        names.want(f.related_model, [value])


def display(f, value, names: Names) -> str:
    if f.many_to_many:
        return ", ".join(sorted(names.get(f.related_model, pk) for pk in value or [])) or EMPTY
    if f.is_relation:
        return names.get(f.related_model, value) if value is not None else EMPTY
    if value is None or value == "" or value == []:
        return EMPTY
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime):
        return when(value) if timezone.is_aware(value) else value.strftime("%H:%M %d/%m/%Y")
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, list | dict):
        return "; ".join(map(str, value)) if isinstance(value, list) else json.dumps(value)
    return str(value)


@dataclass
class FieldDiff:
    name: str
    label: str
    old: str
    new: str
    words: SafeString | None = None  # escaped HTML with <ins>/<del>


def field_diffs(model, old: dict, new: dict, *, names: Names | None = None) -> list[FieldDiff]:
    """Field-by-field differences between two value dicts (keyed by attname)."""
    fields = {f.name: f for f in [*model._meta.concrete_fields, *model._meta.many_to_many]}
    changed = [fields[n] for n in changed_fields(model, old, new)]
    names = names or Names()
    for f in changed:
        _want(names, f, old.get(f.attname))
        _want(names, f, new.get(f.attname))
    names.load()
    diffs = []
    for f in changed:
        before, after = old.get(f.attname), new.get(f.attname)
        words = None
        if f.name in WORD_DIFF_FIELDS or (
            isinstance(f, models.TextField) and isinstance(before, str) and isinstance(after, str)
        ):
            words = mark_safe(worddiff.diff_html(before or "", after or ""))  # noqa: S308 - escaped
        diffs.append(
            FieldDiff(
                name=f.name,
                label=str(f.verbose_name),
                old=display(f, before, names),
                new=display(f, after, names),
                words=words,
            )
        )
    return diffs


@dataclass
class RowLine:
    kind: str  # "added", "removed", "changed"
    group: str
    text: str
    detail: str = ""


def row_lines(changes: RowChanges) -> list[RowLine]:
    lines = [RowLine("added", row.group, row.label) for row in changes.added]
    lines += [RowLine("removed", row.group, row.label) for row in changes.removed]
    for old, new, names in changes.changed:
        labels = ", ".join(label(new.model, n) for n in names)
        text = new.label if old.label == new.label else f"{old.label} → {new.label}"
        lines.append(RowLine("changed", new.group, text, labels))
    return sorted(lines, key=lambda line: (line.group, line.kind, line.text))


def compare(report: Report, old_version, new_version) -> dict:
    """Everything the compare view shows between two versions of a report."""
    rows = related_rows(report.pk, {old_version.revision_id, new_version.revision_id})
    changes = row_changes(rows[old_version.revision_id], rows[new_version.revision_id])
    return {
        "diffs": field_diffs(Report, _fields(old_version), _fields(new_version)),
        "rows": row_lines(changes),
    }
