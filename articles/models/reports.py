"""Reports and what they cite, name and show."""

from __future__ import annotations

from datetime import datetime, time
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from articles import text

from .base import DatePrecision, TimestampedModel, unique_slug
from .entities import Document, Official, Organization, Position
from .events import Event
from .localities import Locality
from .media import Attachment, Caption, card_photos  # noqa: F401  (re-exported)
from .redirects import SlugRedirect


class NullsLastIndex(models.Index):
    """An index whose descending nullable columns keep NULLs last, as ``desc(nulls_last=True)``
    orders them.

    PostgreSQL puts NULLs first under DESC, so it needs ``DESC NULLS LAST`` for the index to
    serve that ORDER BY; SQLite already sorts NULLs last there and rejects the modifier.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        if schema_editor.connection.vendor != "postgresql":
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        plain = self.fields_orders
        self.fields_orders = [
            (
                name,
                "DESC NULLS LAST"
                if order == "DESC" and model._meta.get_field(name).null
                else order,
            )
            for name, order in plain
        ]
        try:
            return super().create_sql(model, schema_editor, using=using, **kwargs)
        finally:
            self.fields_orders = plain


# The public order: newest first by the best date known, undated reports last.
NEWEST_FIRST = (F("sort_date").desc(nulls_last=True), "-pk")


class ReportQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and not scheduled for later."""
        return self.filter(status=Report.Status.PUBLISHED).filter(
            Q(published_at__isnull=True) | Q(published_at__lte=timezone.now())
        )

    def drafts(self):
        return self.filter(status=Report.Status.DRAFT)

    def needing_review(self):
        return self.filter(needs_review=True)

    def in_year(self, year: int):
        return self.filter(year=year)

    def in_locality(self, locality: Locality):
        """Reports about ``locality``, its subdivisions, and the former units it absorbed.

        A current commune includes the reports about the former communes merged into it; a
        current province those about the former provinces. One indexed column a level.
        """
        units = sorted(locality.predecessor_ids())
        return self.filter(**{f"{locality.level}__in": units})

    def search_folded(self, query: str):
        """Accent-insensitive substring search; works on every database."""
        terms = text.fold_key(query).split()
        qs = self
        for term in terms[:10]:
            qs = qs.filter(search_text__contains=term)
        return qs

    # What a report card shows besides its own columns.
    CARD_RELATIONS = ("locality", "province", "event")

    def with_cards(self, photos: bool = True):
        """The cards' places and event, fetched after the page is cut: joining the 14,000
        units and every event before the LIMIT made PostgreSQL hash both whole tables. With
        ``photos``, also the captions with a photo, for the card's thumbnail (one query)."""
        if not photos:
            return self.prefetch_related(*self.CARD_RELATIONS)
        return self.prefetch_related(*self.card_relations())

    @staticmethod
    def card_relations() -> tuple:
        """CARD_RELATIONS and the captions with a photo, for the card's thumbnail."""
        return (*ReportQuerySet.CARD_RELATIONS, card_photos())

    def newest_first(self):
        """Newest first by the best date known (Report.sort_date), undated reports last, the
        same on every database; report_newest_idx serves it."""
        return self.order_by(*NEWEST_FIRST)

    def card_columns(self):
        """The report columns a card shows: no heavy text."""
        return self.defer("body", "raw_text", "search_text", "review_reasons")

    def for_lists(self):
        """Cards without the heavy text columns a list never shows."""
        return self.card_columns().with_cards()

    def in_provinces(self, provinces):
        """Reports located in any of ``provinces`` (denormalized, so one indexed lookup)."""
        return self.filter(province__in=provinces)


class Report(TimestampedModel):
    """An article about công tác dân vận, written by an editor or imported from a portal."""

    class Status(models.TextChoices):
        """The stored states. "Đã lên lịch" (scheduled) is no state of its own: it is a
        published report whose ``published_at`` is still ahead (see ``state``), so it appears
        at that moment without a job, since ``published()`` compares with now."""

        DRAFT = "draft", "Bản nháp"
        SUBMITTED = "submitted", "Chờ duyệt"
        PUBLISHED = "published", "Đã xuất bản"
        UNPUBLISHED = "unpublished", "Đã gỡ"

    # Fields the importer fills; once an editor changes one, re-imports leave it alone.
    IMPORTED_FIELDS = (
        "title",
        "summary",
        "body",
        "published_at",
        "published_precision",
        "event_date",
        "event_date_precision",
        "page_date",
        "year",
        "year_precision",
        "locality",
        "author",
        "author_organization",
        "source_site",
        "source_url",
        "source_view_count",
        "event",
        "status",
        "needs_review",
        "review_reasons",
        # Related rows: an editor's change to any of them freezes the whole set.
        "mentions",
        "citations",
        "captions",
        "attachments",
        "organizations",
        "mentioned_localities",
    )

    title = models.CharField("tiêu đề", max_length=500)
    slug = models.SlugField(
        "đường dẫn",
        max_length=200,
        unique=True,
        blank=True,
        help_text=(
            "Trước khi xuất bản lần đầu, đường dẫn đi theo tiêu đề. Sau đó nó chỉ đổi khi sửa ở "
            "đây (để trống: tạo lại từ tiêu đề); đường dẫn cũ vẫn chuyển hướng (301) tới bài."
        ),
    )
    summary = models.TextField("tóm tắt", blank=True)
    body = models.TextField("nội dung", blank=True)

    published_at = models.DateTimeField("ngày đăng", null=True, blank=True)
    published_precision = models.CharField(
        "độ chính xác của ngày đăng",
        max_length=16,
        choices=DatePrecision,
        default=DatePrecision.UNKNOWN,
    )
    event_date = models.DateField("ngày diễn ra sự kiện", null=True, blank=True)
    event_date_precision = models.CharField(
        "độ chính xác của ngày sự kiện",
        max_length=16,
        choices=DatePrecision,
        default=DatePrecision.UNKNOWN,
    )
    page_date = models.DateField(
        "ngày trên đầu trang",
        null=True,
        blank=True,
        help_text="Ngày “hôm nay” in trên đầu trang lúc thu thập; không phải ngày đăng.",
    )
    year = models.PositiveSmallIntegerField("năm", null=True, blank=True)
    year_precision = models.CharField(
        "độ chính xác của năm", max_length=16, choices=DatePrecision, default=DatePrecision.UNKNOWN
    )
    sort_date = models.DateTimeField(
        "ngày dùng để sắp xếp",
        null=True,
        editable=False,
        help_text="Ngày đăng, nếu không có thì ngày sự kiện, rồi ngày 1/7 của năm.",
    )

    locality = models.ForeignKey(
        Locality,
        verbose_name="địa phương",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    province = models.ForeignKey(
        Locality,
        verbose_name="tỉnh, thành phố",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="province_reports",
    )
    district = models.ForeignKey(
        Locality,
        verbose_name="quận, huyện",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="district_reports",
    )
    commune = models.ForeignKey(
        Locality,
        verbose_name="xã, phường",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="commune_reports",
    )
    mentioned_localities = models.ManyToManyField(
        Locality, verbose_name="địa phương được nhắc đến", blank=True, related_name="mentions"
    )

    event = models.ForeignKey(
        Event,
        verbose_name="sự kiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    officials = models.ManyToManyField(
        Official, through="ReportOfficial", related_name="reports", blank=True
    )
    organizations = models.ManyToManyField(
        Organization,
        through="ReportOrganization",
        verbose_name="tổ chức",
        related_name="reports",
        blank=True,
    )
    documents = models.ManyToManyField(
        Document, through="Citation", related_name="reports", blank=True
    )

    author = models.CharField("tác giả", max_length=200, blank=True)
    author_organization = models.ForeignKey(
        Organization,
        verbose_name="đơn vị của tác giả",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_reports",
    )
    source_site = models.CharField("trang nguồn", max_length=255, blank=True)
    source_url = models.URLField("địa chỉ bài gốc", max_length=1000, blank=True)
    source_file = models.CharField("tệp nguồn", max_length=500, blank=True, db_index=True)
    source_view_count = models.PositiveIntegerField("lượt xem ở trang nguồn", null=True, blank=True)
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)

    status = models.CharField(
        "trạng thái", max_length=16, choices=Status, default=Status.DRAFT, db_index=True
    )
    first_published_at = models.DateTimeField(
        "xuất bản lần đầu lúc", null=True, blank=True, editable=False
    )
    featured = models.BooleanField("nổi bật", default=False)
    needs_review = models.BooleanField("cần rà soát", default=False)
    review_reasons = models.JSONField("lý do cần rà soát", default=list, blank=True)

    content_hash = models.CharField("mã băm nội dung nguồn", max_length=64, blank=True)
    import_fingerprint = models.CharField(
        "dấu vân tay lần nhập gần nhất", max_length=64, blank=True, editable=False
    )
    raw_text = models.TextField("văn bản nguồn", blank=True)
    edited_fields = models.JSONField(
        "trường biên tập viên đã sửa", default=list, blank=True, editable=False
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    edit_version = models.PositiveIntegerField(
        "số lần lưu",
        default=0,
        editable=False,
        help_text="Tăng sau mỗi lần lưu; form sửa bài dùng nó để biết người khác đã lưu trước.",
    )

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-published_at", "-created_at"]
        get_latest_by = "published_at"
        permissions = [("publish_report", "Có thể xuất bản hoặc gỡ bài viết")]
        indexes = [
            models.Index(fields=["year"], name="report_year_idx"),
            models.Index(fields=["status", "-published_at"], name="report_status_published_idx"),
            models.Index(fields=["province", "year"], name="report_province_year_idx"),
            models.Index(fields=["locality"], name="report_locality_idx"),
            # The editors' list: newest first, as Meta.ordering and the admin's pk tiebreak.
            models.Index(
                fields=["-published_at", "-created_at", "-id"], name="report_admin_order_idx"
            ),
            models.Index(fields=["district", "year"], name="report_district_year_idx"),
            models.Index(fields=["commune", "year"], name="report_commune_year_idx"),
            models.Index(fields=["content_hash"], name="report_content_hash_idx"),
            # The review queue and the admin index count the few reports needing review.
            models.Index(
                fields=["id"], condition=Q(needs_review=True), name="report_needs_review_idx"
            ),
            # The public lists: newest first by the best date known (newest_first()).
            NullsLastIndex(fields=["status", "-sort_date", "-id"], name="report_newest_idx"),
            # A year's list walks its own reports instead of the whole newest-first index.
            NullsLastIndex(
                fields=["status", "year", "-sort_date", "-id"], name="report_year_newest_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1930, year__lte=2100),
                name="report_year_plausible",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="report_title_not_empty"),
            # A source file is one report: two imports of one folder at once cannot both
            # create it. Reports an editor wrote have no source file.
            models.UniqueConstraint(
                fields=["source_file"],
                condition=~Q(source_file=""),
                name="report_source_file_unique",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.remember_stored()
        return instance

    def refresh_from_db(self, *args, **kwargs):
        super().refresh_from_db(*args, **kwargs)
        self.remember_stored()

    def remember_stored(self) -> None:
        """What the row holds in the database, for the next save to compare against: its links
        and status (a save that moves a link or the status refreshes what readers may see at
        both ends) and its address (until first publication the slug follows the title). A
        deferred column leaves its part unknown."""
        values = self.__dict__
        self._loaded_links = (values.get("event_id"), values.get("author_organization_id"))
        self._loaded_status = values.get("status")
        self._loaded_address = (
            (values["title"], values["slug"], values["first_published_at"])
            if all(name in values for name in ("title", "slug", "first_published_at"))
            else None
        )

    @property
    def shows_links(self) -> bool:
        """Whether what this report names can be shown because of it, now or before this save:
        a draft that was never published (since it was loaded) shows nothing of its links."""
        published = self.Status.PUBLISHED
        return self.status == published or getattr(self, "_loaded_status", None) == published

    def clean(self):
        super().clean()
        if (
            self.slug
            and SlugRedirect.objects.filter(slug=self.slug).exclude(report_id=self.pk).exists()
        ):
            raise ValidationError(
                {"slug": "Đường dẫn này là địa chỉ cũ của một bài khác; hãy chọn đường dẫn khác."}
            )

    def _new_slug(self) -> str:
        # Old addresses of other reports stay theirs; this report may take back its own.
        reserved = SlugRedirect.objects.all()
        if self.pk:
            reserved = reserved.exclude(report_id=self.pk)
        return unique_slug(self, self.title, qualifiers=self._slug_qualifiers(), reserved=reserved)

    def _follow_title(self) -> tuple[str, bool] | None:
        """(old slug, whether it was public) when this save changes the slug, else None.

        Until its first publication a report's slug follows its title; after it, the slug
        changes only when an editor changes it, and the old one keeps answering (301)."""
        loaded = getattr(self, "_loaded_address", None)
        if not self.slug:
            self.slug = self._new_slug()
        elif loaded is not None:
            title, slug, first_published = loaded
            if first_published is None and self.title != title and self.slug == slug:
                self.slug = self._new_slug()
        if loaded is None or self.slug == loaded[1]:
            return None
        return loaded[1], loaded[2] is not None

    def _keep_old_address(self, moved: tuple[str, bool] | None) -> None:
        if moved is None:
            return
        old_slug, was_public = moved
        # Its own old address taken back is an address again, not a redirect.
        SlugRedirect.objects.filter(report=self, slug=self.slug).delete()
        if was_public:
            SlugRedirect.objects.get_or_create(slug=old_slug, defaults={"report": self})

    def save(self, *args, **kwargs):
        moved = self._follow_title()
        if self.status == self.Status.PUBLISHED and self.first_published_at is None:
            self.first_published_at = timezone.now()
        self.place_in_levels()
        if self.year is None and self.published_at is not None:
            self.year = timezone.localtime(self.published_at).year
        self.sort_date = self.best_date()
        self.search_text = text.fold_key(
            " ".join([self.title, self.summary, self.author, self.body])
        )
        # Every save by any path counts: a form opened before it is stale (see admin/revisions).
        self.edit_version = (self.edit_version or 0) + 1
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                "edit_version",
                *self.PLACE_LEVELS,
                "search_text",
                "slug",
                "sort_date",
                "year",
                "first_published_at",
            }
        super().save(*args, **kwargs)
        self._keep_old_address(moved)
        self.remember_stored()

    def get_absolute_url(self):
        return reverse("articles:report-detail", kwargs={"slug": self.slug})

    def best_date(self) -> datetime | None:
        """What the lists sort by: the publication, else the event's day, else mid-year."""
        if self.published_at is not None:
            return self.published_at
        if self.event_date is not None:
            return timezone.make_aware(datetime.combine(self.event_date, time.min))
        if self.year is not None:
            return timezone.make_aware(datetime(self.year, 7, 1))
        return None

    PLACE_LEVELS = ("province", "district", "commune")

    @property
    def place_levels(self) -> list[Locality]:
        """Province, district and commune that are set, from the widest down."""
        return [unit for level in self.PLACE_LEVELS if (unit := getattr(self, level)) is not None]

    @property
    def body_without_lead(self) -> str:
        """The body, without a first paragraph that only repeats the summary (the lead)."""
        if not self.summary.strip():
            return self.body
        first, _, rest = self.body.strip().partition("\n\n")
        if _same_words(first, self.summary):
            return rest.strip()
        return self.body

    @property
    def source_link(self) -> str:
        """The original article's address, for the "Nguồn" link: only an http(s) URL."""
        url = self.source_url.strip()
        return url if urlsplit_scheme(url) in ("http", "https") and self.source_host else ""

    @property
    def source_host(self) -> str:
        """The host of the source page ("tanhiep.kiengiang.gov.vn"), for the "Nguồn" link."""
        try:
            return urlsplit(self.source_url).hostname or ""
        except ValueError:
            return ""

    def place_in_levels(self) -> None:
        """Fill province, district and commune from the primary locality, the most specific."""
        found = self.locality.ancestry() if self.locality_id else {}
        for level in self.PLACE_LEVELS:
            setattr(self, level, found.get(level))

    def _slug_qualifiers(self) -> tuple:
        """What tells apart reports with one title: their place, then their date."""
        day = timezone.localtime(self.published_at).date() if self.published_at else None
        day = day or self.event_date
        place = text.slugify(self.locality.name) if self.locality_id else None
        return (place, day and day.strftime("%d-%m-%Y"))

    SCHEDULED = "scheduled"
    SCHEDULED_LABEL = "Đã lên lịch"

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def state(self) -> str:
        """The workflow state an editor sees: a stored status, or "scheduled"."""
        return self.SCHEDULED if self.is_scheduled else self.status

    @property
    def state_label(self) -> str:
        return self.SCHEDULED_LABEL if self.is_scheduled else self.get_status_display()

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    @property
    def card_photo(self):
        """The first caption with a photo, when the list fetched them (``with_cards``); a card
        never queries for it on its own."""
        captions = getattr(self, "card_photos", None)
        return captions[0] if captions else None

    def mark_edited(self, field_names) -> None:
        """Remember fields an editor changed so a re-import leaves them alone."""
        changed = set(self.edited_fields) | (set(field_names) & set(self.IMPORTED_FIELDS))
        self.edited_fields = sorted(changed)


def _same_words(first: str, second: str) -> bool:
    return first.split() == second.split()


def urlsplit_scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return ""


class ReportOfficial(models.Model):
    """An official mentioned in a report, with the title as that report wrote it."""

    report = models.ForeignKey(
        Report, verbose_name="bài viết", on_delete=models.CASCADE, related_name="mentions"
    )
    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="mentions"
    )
    title = models.CharField("chức vụ (như trong bài)", max_length=500, blank=True)
    position = models.ForeignKey(
        Position,
        verbose_name="chức vụ",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentions",
    )
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "cán bộ được nhắc đến"
        verbose_name_plural = "cán bộ được nhắc đến"
        ordering = ["report", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "official"], name="report_official_unique")
        ]

    def __str__(self):
        return f"{self.official}, {self.title}" if self.title else str(self.official)


class Citation(models.Model):
    """A document cited by a report."""

    report = models.ForeignKey(
        Report, verbose_name="bài viết", on_delete=models.CASCADE, related_name="citations"
    )
    document = models.ForeignKey(
        Document, verbose_name="văn bản", on_delete=models.PROTECT, related_name="citations"
    )
    context = models.CharField("trích dẫn như trong bài", max_length=500, blank=True)
    as_written = models.CharField(
        "số hiệu như bài viết ghi",
        max_length=80,
        blank=True,
        help_text="Ví dụ: “59/2023/NĐ - CP”; số hiệu chuẩn là của văn bản.",
    )

    class Meta:
        verbose_name = "văn bản được trích dẫn"
        verbose_name_plural = "văn bản được trích dẫn"
        ordering = ["report", "document__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "document"], name="citation_unique")
        ]

    def __str__(self):
        return str(self.document)
