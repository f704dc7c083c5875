"""What readers may see of the rows reports name: only what a published report shows.

Officials, organizations, documents and events come from reports, imported ones included, and a
draft names people and bodies no editor has checked yet. The rule is ``Report.objects.published()``:
a row is public once a published report names it, from the moment that report goes live.

Testing that with an EXISTS per row made the busiest lists five to ten times slower at 100,000
reports, so each row keeps the answer in ``visible_from``: the earliest moment a published
report that names it is (or will be) live, NULL when none does. ``public()`` is then one indexed
comparison with the clock, so a report scheduled for later shows its officials at the same
moment as itself. ``refresh_visibility`` recomputes the column for the rows a change touched;
the signals in ``articles.signals`` call it on every save, delete and link change, the importer
and the admin's bulk actions call it themselves, and ``manage.py refresh_visibility``
recomputes every row.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, models
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce, Least
from django.utils import timezone

_deferred = contextvars.ContextVar("visibility_deferred", default=False)


@contextlib.contextmanager
def deferred():
    """Let the signals skip their refreshes: the caller refreshes once, after all its writes
    (the importer saves a report, its events and links, then refreshes what they name)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)


def is_deferred() -> bool:
    return _deferred.get()


def visible_from_field() -> models.DateTimeField:
    return models.DateTimeField(
        "hiện với bạn đọc từ",
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text="Lúc bài đã xuất bản đầu tiên nhắc đến mục này được hiện; trống khi chưa có.",
    )


class Visible:
    """For models with ``visible_from``: whether readers may see this row now."""

    @property
    def is_public(self) -> bool:
        return self.visible_from is not None and self.visible_from <= timezone.now()


class PublicQuerySet(models.QuerySet):
    def public(self):
        """Rows a published, live report names: the only ones readers may see."""
        return self.filter(visible_from__lte=timezone.now())


def _live_from(reports):
    """The moment each of ``reports`` goes live: its publication time, or at once."""
    return (
        reports.filter(status="published")
        .annotate(live_from=Coalesce("published_at", "created_at"))
        .order_by("live_from")
        .values("live_from")[:1]
    )


def _reports(registry):
    return registry.get_model("articles", "Report").objects.order_by()


def _least(first, second):
    """The earlier of two moments, either of which may be NULL.

    PostgreSQL's LEAST skips NULLs; SQLite's MIN() returns NULL if any argument is NULL, so there
    each side falls back on the other.
    """
    if connection.vendor == "postgresql":
        return Least(first, second)
    return Least(Coalesce(first, second), Coalesce(second, first))


def _visible_from(model: str, registry=apps):
    """The expression ``visible_from`` should hold for each row of ``model``."""
    reports = _reports(registry)
    outer = OuterRef("pk")
    if model == "Official":
        return Subquery(_live_from(reports.filter(mentions__official=outer)))
    if model == "Document":
        return Subquery(_live_from(reports.filter(citations__document=outer)))
    if model == "Organization":
        return _least(
            Subquery(_live_from(reports.filter(organizations=outer))),
            Subquery(_live_from(reports.filter(author_organization=outer))),
        )
    if model == "Event":
        # A schedule item from a portal's ticker is public with the report it was read from.
        return _least(
            Subquery(_live_from(reports.filter(event=outer))),
            Subquery(_live_from(reports.filter(scheduled_events=outer))),
        )
    raise ValueError(model)


MODELS = ("Official", "Organization", "Document", "Event")


@dataclass
class Touched:
    """Primary keys of rows whose visibility a change may have moved, by model name."""

    ids: dict[str, set[int]] = field(default_factory=lambda: {name: set() for name in MODELS})

    def add(self, model: str, *pks) -> None:
        self.ids[model].update(pk for pk in pks if pk is not None)

    def __or__(self, other: Touched) -> Touched:
        merged = Touched()
        for name in MODELS:
            merged.ids[name] = self.ids[name] | other.ids[name]
        return merged

    def __bool__(self) -> bool:
        return any(self.ids.values())


def linked_to(report_ids: Iterable[int]) -> Touched:
    """Every row the given reports name: what their publication or removal can show or hide."""
    report_ids = list(report_ids)
    touched = Touched()
    if not report_ids:
        return touched
    get = apps.get_model
    touched.add(
        "Official",
        *get("articles", "ReportOfficial")
        .objects.filter(report__in=report_ids)
        .values_list("official_id", flat=True),
    )
    touched.add(
        "Document",
        *get("articles", "Citation")
        .objects.filter(report__in=report_ids)
        .values_list("document_id", flat=True),
    )
    report = get("articles", "Report")
    touched.add(
        "Organization",
        *report.organizations.through.objects.filter(report__in=report_ids).values_list(
            "organization_id", flat=True
        ),
    )
    for event_id, author_id in report.objects.filter(pk__in=report_ids).values_list(
        "event_id", "author_organization_id"
    ):
        touched.add("Event", event_id)
        touched.add("Organization", author_id)
    touched.add(
        "Event",
        *get("articles", "Event")
        .objects.filter(source_report__in=report_ids)
        .values_list("pk", flat=True),
    )
    return touched


def refresh_visibility(touched: Touched | None = None, *, registry=apps) -> int:
    """Recompute ``visible_from`` for the touched rows, or for every row; returns rows written.

    One UPDATE per model with a correlated subquery, answered from the foreign-key indexes.
    ``registry`` is the app registry, or a migration's historical one.
    """
    changed = 0
    for name in MODELS:
        queryset = registry.get_model("articles", name)._base_manager.all()
        if touched is not None:
            ids = touched.ids[name]
            if not ids:
                continue
            queryset = queryset.filter(pk__in=ids)
        changed += queryset.update(visible_from=_visible_from(name))
    if touched is None or touched:
        from articles.cache import public_changed

        public_changed()
    return changed


class PositionQuerySet(models.QuerySet):
    def public(self):
        """Titles as a published, live report wrote them."""
        links = apps.get_model("articles", "ReportOfficial").objects.filter(
            position=OuterRef("pk"),
            report__in=apps.get_model("articles", "Report").objects.published(),
        )
        return self.filter(Exists(links))


class ParticipantQuerySet(models.QuerySet):
    def public(self):
        """Who took part, as a published, live report on the event names them, title included."""
        mentions = apps.get_model("articles", "ReportOfficial").objects.filter(
            official=OuterRef("official"),
            report__event=OuterRef("event"),
            report__in=apps.get_model("articles", "Report").objects.published(),
        )
        return self.filter(Exists(mentions))
