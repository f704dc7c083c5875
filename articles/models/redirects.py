"""Old addresses of published reports: each answers with a permanent redirect."""

from __future__ import annotations

from django.db import models


class SlugRedirect(models.Model):
    """A slug a report had once it was published; /bai-viet/<slug>/ answers 301 to its page."""

    slug = models.SlugField("đường dẫn cũ", max_length=200)
    report = models.ForeignKey(
        "articles.Report",
        on_delete=models.CASCADE,
        related_name="old_slugs",
        verbose_name="bài viết",
    )
    created_at = models.DateTimeField("đổi lúc", auto_now_add=True)

    class Meta:
        verbose_name = "đường dẫn cũ"
        verbose_name_plural = "đường dẫn cũ"
        ordering = ["-created_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["slug"], name="slugredirect_slug_unique")]

    def __str__(self):
        return f"/bai-viet/{self.slug}/"
