"""The keys the importer matched officials, organizations, documents and events under.

An editor corrects a name ("Phan Ngọc Thọ" to its right spelling), a document's number or an
event's date; the next import of a file that still says the old thing must find the same row,
not create a second one. Each row therefore keeps every key it was imported or matched under, in
a small table of its own: one indexed equality lookup per file, where a ``|key|key|`` text column
(as Locality has for its few hand-written aliases) would cost a LIKE scan of the whole table.

Keys of organizations, documents and events are unique, like the rows' own names: the database
itself then refuses a second row for one key when two imports race. An official's are unique per
official only: two different people may share a name, and an alias never merges them.
"""

from __future__ import annotations

from django.db import models

from .entities import Document, Official, Organization
from .events import Event


class ImportAlias(models.Model):
    key = models.CharField("khóa nhập", max_length=255)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["key"]

    def __str__(self):
        return self.key


class OfficialAlias(ImportAlias):
    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(ImportAlias.Meta):
        verbose_name = "tên đã nhập của cán bộ"
        verbose_name_plural = "tên đã nhập của cán bộ"
        constraints = [
            models.UniqueConstraint(fields=["official", "key"], name="official_alias_unique")
        ]
        indexes = [models.Index(fields=["key"], name="official_alias_key_idx")]


class OrganizationAlias(ImportAlias):
    organization = models.ForeignKey(
        Organization, verbose_name="tổ chức", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(ImportAlias.Meta):
        verbose_name = "tên đã nhập của tổ chức"
        verbose_name_plural = "tên đã nhập của tổ chức"
        constraints = [
            models.UniqueConstraint(fields=["key"], name="organization_alias_key_unique")
        ]


class DocumentAlias(ImportAlias):
    document = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(ImportAlias.Meta):
        verbose_name = "số hiệu đã nhập của văn bản"
        verbose_name_plural = "số hiệu đã nhập của văn bản"
        constraints = [models.UniqueConstraint(fields=["key"], name="document_alias_key_unique")]


class EventAlias(ImportAlias):
    event = models.ForeignKey(
        Event, verbose_name="sự kiện", on_delete=models.CASCADE, related_name="aliases"
    )

    class Meta(ImportAlias.Meta):
        verbose_name = "khóa đã nhập của sự kiện"
        verbose_name_plural = "khóa đã nhập của sự kiện"
        constraints = [models.UniqueConstraint(fields=["key"], name="event_alias_key_unique")]
