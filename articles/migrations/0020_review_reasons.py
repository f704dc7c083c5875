"""Review reasons become entries with a stable code (articles/review.py) instead of sentences."""

from django.db import migrations, models

BATCH = 1000


def to_entries(apps, schema_editor):
    from articles import review

    _convert(apps, review.as_entries)


def to_sentences(apps, schema_editor):
    from articles import review

    _convert(apps, lambda value: [review.sentence(entry) for entry in review.as_entries(value)])


def _convert(apps, convert):
    Report = apps.get_model("articles", "Report")
    rows = Report.objects.exclude(review_reasons=[]).only("pk", "review_reasons").order_by("pk")
    batch = []
    for report in rows.iterator(chunk_size=BATCH):
        converted = convert(report.review_reasons)
        if converted != report.review_reasons:
            report.review_reasons = converted
            batch.append(report)
        if len(batch) >= BATCH:
            Report.objects.bulk_update(batch, ["review_reasons"])
            batch = []
    Report.objects.bulk_update(batch, ["review_reasons"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0019_merge_records")]

    operations = [
        migrations.RunPython(to_entries, to_sentences, elidable=True),
        migrations.AddIndex(
            model_name="report",
            index=models.Index(
                condition=models.Q(("needs_review", True)),
                fields=["id"],
                name="report_needs_review_idx",
            ),
        ),
    ]
