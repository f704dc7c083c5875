"""Two rows of one person, body or document merged into one, kept so the merge can be undone."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models


class MergeRecord(models.Model):
    """One merge: which row survived, the merged row as it was, and every row it changed.

    ``snapshot`` holds the merged row's fields (``merged``) and the ordered list of writes
    (``operations``): rows moved or updated with their previous values, rows deleted as they
    were, aliases added. Undoing replays that list backwards.
    """

    class Kind(models.TextChoices):
        OFFICIAL = "official", "Cán bộ"
        ORGANIZATION = "organization", "Tổ chức"
        DOCUMENT = "document", "Văn bản"

    kind = models.CharField("loại", max_length=16, choices=Kind)
    survivor_id = models.PositiveBigIntegerField("mã bản ghi được giữ")
    survivor_label = models.CharField("bản ghi được giữ", max_length=255)
    merged_id = models.PositiveBigIntegerField("mã bản ghi đã gộp")
    merged_label = models.CharField("bản ghi đã gộp", max_length=255)
    merged_slug = models.SlugField("đường dẫn của bản ghi đã gộp", max_length=200)
    snapshot = models.JSONField(
        "dữ liệu để hoàn tác", default=dict, editable=False, encoder=DjangoJSONEncoder
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người gộp",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="merges",
    )
    created_at = models.DateTimeField("gộp lúc", auto_now_add=True)
    undone_at = models.DateTimeField("hoàn tác lúc", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người hoàn tác",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="undone_merges",
    )

    class Meta:
        verbose_name = "lần gộp bản ghi"
        verbose_name_plural = "các lần gộp bản ghi"
        ordering = ["-created_at", "-pk"]
        permissions = [("merge_records", "Có thể gộp hai bản ghi trùng và hoàn tác")]
        indexes = [
            models.Index(fields=["kind", "merged_slug"], name="mergerecord_merged_slug_idx"),
            models.Index(fields=["kind", "survivor_id"], name="mergerecord_survivor_idx"),
        ]

    def __str__(self):
        return f"{self.merged_label} → {self.survivor_label}"

    @property
    def is_undone(self) -> bool:
        return self.undone_at is not None
