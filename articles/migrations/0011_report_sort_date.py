"""Report.sort_date: the best date known, for the newest-first lists, and its index."""

from datetime import datetime, time

from django.db import migrations, models
from django.utils import timezone

import articles.models.reports

BATCH = 2000

# 0004's PostgreSQL-only index of the old public order (published_at DESC NULLS LAST):
# report_newest_idx takes its place, so it would only slow down writes.
DROP_OLD_ORDER_INDEX = "DROP INDEX IF EXISTS report_public_order_idx"
RESTORE_OLD_ORDER_INDEX = (
    "CREATE INDEX IF NOT EXISTS report_public_order_idx ON articles_report"
    " (published_at DESC NULLS LAST, id DESC) WHERE status = 'published'"
)


def drop_old_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_OLD_ORDER_INDEX)


def restore_old_order_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE_OLD_ORDER_INDEX)


def best_date(published_at, event_date, year):
    # Frozen copy of Report.best_date() as of this migration.
    if published_at is not None:
        return published_at
    if event_date is not None:
        return timezone.make_aware(datetime.combine(event_date, time.min))
    if year is not None:
        return timezone.make_aware(datetime(year, 7, 1))
    return None


def fill_sort_date(apps, schema_editor):
    Report = apps.get_model("articles", "Report")
    rows = Report.objects.order_by("pk").values_list("pk", "published_at", "event_date", "year")
    batch = []
    for pk, published_at, event_date, year in rows.iterator(chunk_size=BATCH):
        sort_date = best_date(published_at, event_date, year)
        if sort_date is not None:
            batch.append(Report(pk=pk, sort_date=sort_date))
        if len(batch) >= BATCH:
            Report.objects.bulk_update(batch, ["sort_date"])
            batch = []
    Report.objects.bulk_update(batch, ["sort_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0010_import_identity"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="sort_date",
            field=models.DateTimeField(
                editable=False,
                help_text="Ngày đăng, nếu không có thì ngày sự kiện, rồi ngày 1/7 của năm.",
                null=True,
                verbose_name="ngày dùng để sắp xếp",
            ),
        ),
        migrations.RunPython(fill_sort_date, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="report",
            index=articles.models.reports.NullsLastIndex(
                fields=["status", "-sort_date", "-id"], name="report_newest_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="report",
            index=articles.models.reports.NullsLastIndex(
                fields=["status", "year", "-sort_date", "-id"], name="report_year_newest_idx"
            ),
        ),
        migrations.RunPython(drop_old_order_index, restore_old_order_index),
    ]
