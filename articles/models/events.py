"""Events that reports cover, and who took part."""

from __future__ import annotations

from django.db import models
from django.urls import reverse

from articles import text

from .base import DatePrecision, TimestampedModel, unique_slug
from .entities import Official, Organization
from .localities import Locality
from .visibility import ParticipantQuerySet, PublicQuerySet, Visible, visible_from_field


class Event(Visible, TimestampedModel):
    """A conference, meeting or scheduled item that reports cover."""

    class Kind(models.TextChoices):
        CONFERENCE = "hoi-nghi", "Hội nghị"
        BRIEFING = "giao-ban", "Giao ban"
        REPORTING = "truc-bao", "Trực báo"
        REVIEW = "tong-ket", "Tổng kết"
        MIDTERM_REVIEW = "so-ket", "Sơ kết"
        CONTEST = "hoi-thi", "Hội thi"
        WORKING_SESSION = "lam-viec", "Làm việc"
        SCHEDULE = "lich-cong-tac", "Lịch công tác"
        OTHER = "khac", "Khác"

    title = models.CharField("tên sự kiện", max_length=500)
    slug = models.SlugField("đường dẫn", max_length=200, unique=True)
    kind = models.CharField("loại", max_length=24, choices=Kind, default=Kind.CONFERENCE)
    date = models.DateField("ngày diễn ra", null=True, blank=True)
    date_precision = models.CharField(
        "độ chính xác của ngày", max_length=16, choices=DatePrecision, default=DatePrecision.UNKNOWN
    )
    end_date = models.DateField(
        "Đến ngày",
        null=True,
        blank=True,
        help_text="Ngày cuối của sự kiện diễn ra nhiều ngày; để trống nếu chỉ một ngày.",
    )
    start_time = models.TimeField("Giờ bắt đầu", null=True, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name="địa phương",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    organizer = models.ForeignKey(
        Organization,
        verbose_name="đơn vị tổ chức",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="organized_events",
    )
    description = models.TextField("mô tả", blank=True)
    participants = models.ManyToManyField(
        Official, through="EventParticipant", related_name="events", blank=True
    )
    source_report = models.ForeignKey(
        "Report",
        verbose_name="bài viết nguồn",
        help_text="Bài viết có lịch công tác mà mục này được đọc ra.",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="scheduled_events",
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    visible_from = visible_from_field()

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["date"], name="event_date_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(date__isnull=False, end_date__gte=models.F("date")),
                name="event_end_date_after_date",
                violation_error_message="Ngày kết thúc không được trước ngày bắt đầu sự kiện.",
            )
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = text.fold_key(f"{self.title} {self.description}")
        if not self.slug:
            day = self.date.strftime("%d-%m-%Y") if self.date else None
            self.slug = unique_slug(self, self.title, qualifiers=(day,))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:event-detail", kwargs={"slug": self.slug})


class EventParticipant(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chu-tri", "Chủ trì"
        ATTENDEE = "du", "Dự"
        DIRECTOR = "chi-dao", "Chỉ đạo"
        SPEAKER = "phat-bieu", "Phát biểu"

    event = models.ForeignKey(
        Event, verbose_name="sự kiện", on_delete=models.CASCADE, related_name="participations"
    )
    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField("vai trò", max_length=16, choices=Role, default=Role.ATTENDEE)
    title = models.CharField("chức vụ (như trong bài)", max_length=500, blank=True)

    objects = ParticipantQuerySet.as_manager()

    class Meta:
        verbose_name = "người tham gia"
        verbose_name_plural = "người tham gia"
        ordering = ["event", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "official", "role"], name="participant_event_official_role_unique"
            )
        ]

    def __str__(self):
        return f"{self.official} ({self.get_role_display()})"
