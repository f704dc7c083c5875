"""Where the public page of a merged record leads: a permanent redirect to its survivor."""

from __future__ import annotations

from django.utils.dateparse import parse_datetime

from articles.merging.service import KIND_OF
from articles.models import MergeRecord

# A survivor merged again is followed this many times at most.
MAX_HOPS = 5


def survivor_url(model, slug: str) -> str | None:
    """The page of the public row ``slug`` was merged into, or None (no merge, or undone, or
    a survivor readers may not see). Two indexed lookups a hop."""
    kind = KIND_OF[model]
    record = (
        MergeRecord.objects.filter(kind=kind, merged_slug=slug, undone_at__isnull=True)
        .order_by("-created_at", "-pk")
        .first()
    )
    if record is None or not _was_public(record):
        return None  # its address would tell readers a name only drafts carried exists
    for _ in range(MAX_HOPS):
        if record is None:
            return None
        survivor = model.objects.filter(pk=record.survivor_id).first()
        if survivor is not None:
            return survivor.get_absolute_url() if survivor.is_public else None
        record = (
            MergeRecord.objects.filter(
                kind=kind, merged_id=record.survivor_id, undone_at__isnull=True
            )
            .order_by("-created_at", "-pk")
            .first()
        )
    return None


def _was_public(record: MergeRecord) -> bool:
    """Whether readers could see the merged row when it was merged (its stored visible_from)."""
    fields = (record.snapshot or {}).get("merged", {}).get("fields", {})
    visible_from = fields.get("visible_from")
    if not visible_from:
        return False
    moment = parse_datetime(visible_from) if isinstance(visible_from, str) else visible_from
    return moment is not None and moment <= record.created_at
