"""A report's photos and attached files: what may be uploaded, and the photos' renditions.

Readers reach neither through MEDIA_URL: ``articles.views.media`` serves renditions and
downloads only for published reports (staff see drafts' too).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from articles import photos
from articles.media_checks import ALLOWED_ATTACHMENTS_TEXT, validate_attachment, validate_photo


class Caption(models.Model):
    """A photo caption, with the photo itself once an editor uploads it."""

    report = models.ForeignKey(
        "Report", verbose_name="bài viết", on_delete=models.CASCADE, related_name="captions"
    )
    text = models.TextField("chú thích")
    photo = models.ImageField(
        "ảnh",
        upload_to="anh/%Y/%m/",
        blank=True,
        validators=[validate_photo],
        help_text="Ảnh .jpg, .png hoặc .webp. Bạn đọc chỉ thấy bản thu nhỏ (rộng tối đa "
        "1200 px), không thấy ảnh gốc; chú thích là lời mô tả ảnh (alt).",
    )
    # The photo's size as shown (EXIF orientation applied), for the renditions' width/height.
    photo_width = models.PositiveIntegerField("chiều rộng ảnh (px)", null=True, editable=False)
    photo_height = models.PositiveIntegerField("chiều cao ảnh (px)", null=True, editable=False)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    photo_thumbnail = photos.thumbnail_field()
    photo_w480 = photos.width_field(480)
    photo_w800 = photos.width_field(800)
    photo_w1200 = photos.width_field(1200)

    class Meta:
        verbose_name = "chú thích ảnh"
        verbose_name_plural = "chú thích ảnh"
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.text[:80]

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "photo" in update_fields:
            self.remember_photo_size()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "photo_width", "photo_height"}
        super().save(*args, **kwargs)
        self._stored_photo = self.photo.name

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        if "photo" not in instance.get_deferred_fields():
            instance._stored_photo = instance.photo.name
        return instance

    def remember_photo_size(self) -> None:
        """Store the upright size of a newly set photo (or one whose size is missing)."""
        if not self.photo:
            self.photo_width = self.photo_height = None
            return
        unchanged = self.photo.name == getattr(self, "_stored_photo", None)
        if unchanged and self.photo_width and self.photo_height:
            return
        try:
            if self.photo._committed:
                with self.photo.open("rb") as file:
                    size = photos.upright_size(file)
            else:
                size = photos.upright_size(self.photo)
        except (OSError, ValueError):
            size = None
        self.photo_width, self.photo_height = size or (None, None)

    @property
    def thumbnail(self):
        """The card's 320×240 rendition (url, width, height), or None without a photo."""
        return photos.thumbnail(self)

    @property
    def picture(self):
        """The page's picture: src, srcset (480/800/1200 px), width, height, alt."""
        return photos.picture(self)


def card_photos(through: str = "") -> models.Prefetch:
    """A report's captions that have a photo, first first, as ``report.card_photos``;
    ``through`` reaches the reports from another model ("report__")."""
    return models.Prefetch(
        f"{through}captions",
        queryset=Caption.objects.exclude(photo="").order_by("order", "pk"),
        to_attr="card_photos",
    )


class Attachment(models.Model):
    """A file attached to a report, as listed by the source page."""

    report = models.ForeignKey(
        "Report", verbose_name="bài viết", on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField(
        "tệp",
        upload_to="tep/%Y/%m/",
        blank=True,
        validators=[validate_attachment],
        help_text=f"Chỉ nhận {ALLOWED_ATTACHMENTS_TEXT}, tối đa 20 MB, kiểm tra theo nội dung "
        "tệp. Bạn đọc tải về được khi bài đã xuất bản.",
    )

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["report", "name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "name"], name="attachment_report_name_unique")
        ]

    def __str__(self):
        return self.name

    def get_download_url(self) -> str:
        return reverse("articles:attachment", kwargs={"pk": self.pk})

    @property
    def is_available(self) -> bool:
        """Whether the file itself was uploaded and is still in storage (imports list only
        the names a source page gave)."""
        if not self.file:
            return False
        try:
            return self.file.storage.exists(self.file.name)
        except (OSError, ValueError):
            return False
