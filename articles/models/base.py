"""Shared pieces of the models: date precision, slugs, timestamps."""

from __future__ import annotations

from django.db import models

from articles import text


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Chính xác"
    DAY = "day", "Chỉ có ngày, không có giờ"
    YEAR_INFERRED = "year-inferred", "Năm được suy ra"
    UNKNOWN = "unknown", "Không rõ"


def unique_slug(
    instance: models.Model,
    source: str,
    *,
    max_length: int = 200,
    qualifiers: tuple = (),
    reserved: models.QuerySet | None = None,
) -> str:
    """A slug for ``source`` that no other row uses: the plain one, then a qualified one
    ("...-13-01-2022"), then a numbered one. The first tries are indexed lookups.

    ``reserved`` holds more rows with a ``slug`` that is taken (old addresses of others)."""
    base = text.slugify(source, max_length=max_length - 12) or "khong-ten"
    holders = [type(instance)._default_manager.exclude(pk=instance.pk)]
    if reserved is not None:
        holders.append(reserved)
    for candidate in (base, *(f"{base}-{q}" for q in qualifiers if q)):
        if not any(rows.filter(slug=candidate).exists() for rows in holders):
            return candidate
    # A range on the unique index instead of LIKE, which SQLite cannot answer from an index.
    prefix = f"{base}-"
    taken = set()
    for rows in holders:
        siblings = rows.filter(slug__gte=prefix, slug__lt=prefix + "\uffff")
        taken.update(siblings.values_list("slug", flat=True))
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


class TimestampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True
