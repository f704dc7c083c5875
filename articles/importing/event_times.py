"""An event's last day and start time, as the importer fills them.

A new event takes them from the extraction. An event that is kept on a re-import gets them only
where they are empty, the event still starts on the extracted first day and no editor has ever
saved it: an editor who cleared or changed them has the last word.
"""

from __future__ import annotations

from reversion.models import Version

from articles.extraction.model import Event as ExtractedEvent
from articles.models import Event


def schedule_fields(item: ExtractedEvent) -> dict:
    """end_date and start_time of a new Event (a last day before the first is dropped)."""
    end_date = item.end_date
    if end_date is not None and (item.date is None or end_date <= item.date):
        end_date = None
    return {"end_date": end_date, "start_time": item.time}


def fill_missing_schedule(event: Event | None, item: ExtractedEvent | None) -> bool:
    """Give a kept event the last day and start time it lacks; True when it saved some."""
    if event is None or item is None or event.date is None or event.date != item.date:
        return False
    wanted = {
        name: value
        for name, value in schedule_fields(item).items()
        if value is not None and getattr(event, name) is None
    }
    if not wanted or _edited_by_an_editor(event):
        return False
    Event.objects.filter(pk=event.pk).update(**wanted)
    for name, value in wanted.items():
        setattr(event, name, value)
    return True


def _edited_by_an_editor(event: Event) -> bool:
    """True once someone saved the event through the admin (a version with a user)."""
    versions = Version.objects.get_for_object(event)
    return versions.filter(revision__user__isnull=False).exists()
