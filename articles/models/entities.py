"""Organizations, officials, their positions, and documents."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse

from articles import text
from articles.extraction.documents import canonical_code

from .base import TimestampedModel, unique_slug
from .localities import Locality
from .visibility import PositionQuerySet, PublicQuerySet, Visible, visible_from_field


class Organization(Visible, TimestampedModel):
    """A Party committee, government body, Fatherland Front or mass organization."""

    class Kind(models.TextChoices):
        PARTY_COMMITTEE = "cap-uy", "Cấp ủy đảng"
        MASS_MOBILIZATION = "ban-dan-van", "Ban Dân vận"
        GOVERNMENT = "chinh-quyen", "Chính quyền"
        COUNCIL = "hdnd", "Hội đồng nhân dân"
        FATHERLAND_FRONT = "mat-tran", "Mặt trận Tổ quốc"
        MASS_ORGANIZATION = "doan-the", "Đoàn thể chính trị – xã hội"
        ARMED_FORCES = "luc-luong-vu-trang", "Lực lượng vũ trang"
        OTHER = "khac", "Khác"

    name = models.CharField("tên", max_length=255)
    slug = models.SlugField("đường dẫn", max_length=200, unique=True)
    kind = models.CharField("loại", max_length=24, choices=Kind, default=Kind.OTHER)
    locality = models.ForeignKey(
        Locality,
        verbose_name="địa phương",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name="nay là",
        help_text="Cơ quan kế tục sau khi hợp nhất, sáp nhập hoặc kết thúc hoạt động.",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    active_from = models.DateField("hoạt động từ", null=True, blank=True)
    active_to = models.DateField(
        "kết thúc hoạt động từ ngày",
        null=True,
        blank=True,
        help_text="Ngày đầu tiên cơ quan không còn hoạt động dưới tên này.",
    )
    name_key = models.CharField(max_length=255, editable=False, unique=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    visible_from = visible_from_field()

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = "tổ chức"
        verbose_name_plural = "tổ chức"
        # The folded name sorts "Đảng ủy" among the D's, not after Z as byte order would.
        ordering = ["search_text"]
        constraints = [
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_to__isnull=True)
                | Q(active_from__lt=models.F("active_to")),
                name="organization_active_dates_ordered",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")), name="organization_not_own_successor"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name_key = text.match_key(self.name)
        self.search_text = text.fold_key(self.name)
        if not self.slug:
            self.slug = unique_slug(self, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:organization-detail", kwargs={"slug": self.slug})


class Official(Visible, TimestampedModel):
    """A person named in reports. Titles change over time, so they live on Position."""

    full_name = models.CharField("họ và tên", max_length=120)
    slug = models.SlugField("đường dẫn", max_length=140, unique=True)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    notes = models.TextField("ghi chú của biên tập viên", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    visible_from = visible_from_field()

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["search_text"]
        # Namesakes ("có thể trùng") are found by the folded name.
        indexes = [models.Index(fields=["search_text"], name="official_search_text_idx")]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.name_key = text.match_key(self.full_name)
        self.search_text = text.fold_key(self.full_name)
        if not self.slug:
            self.slug = unique_slug(self, self.full_name, max_length=140)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:official-detail", kwargs={"slug": self.slug})


class Position(models.Model):
    """A title an official held, as written in a report, and when it was seen."""

    official = models.ForeignKey(
        Official, verbose_name="cán bộ", on_delete=models.CASCADE, related_name="positions"
    )
    title = models.CharField("chức vụ (như trong bài)", max_length=500)
    title_key = models.CharField(max_length=500, editable=False)
    organization = models.ForeignKey(
        Organization,
        verbose_name="tổ chức",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )
    first_seen = models.DateField("thấy lần đầu", null=True, blank=True)
    last_seen = models.DateField("thấy lần cuối", null=True, blank=True)
    source_report = models.ForeignKey(
        "Report",
        verbose_name="bài viết nguồn",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="positions",
    )

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = "chức vụ"
        verbose_name_plural = "chức vụ"
        ordering = ["official", "-last_seen", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["official", "title_key"], name="position_official_title_unique"
            ),
            models.CheckConstraint(
                condition=Q(first_seen__isnull=True)
                | Q(last_seen__isnull=True)
                | Q(first_seen__lte=models.F("last_seen")),
                name="position_seen_dates_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.official} – {self.title}"

    def save(self, *args, **kwargs):
        self.title_key = text.match_key(self.title)
        super().save(*args, **kwargs)


class Document(Visible, TimestampedModel):
    """A Party or State document that reports cite, such as 25-NQ/TW."""

    class Kind(models.TextChoices):
        RESOLUTION = "nghi-quyet", "Nghị quyết"
        CONCLUSION = "ket-luan", "Kết luận"
        DECISION = "quyet-dinh", "Quyết định"
        DIRECTIVE = "chi-thi", "Chỉ thị"
        ACTION_PROGRAMME = "chuong-trinh", "Chương trình hành động"
        PLAN = "ke-hoach", "Kế hoạch"
        GUIDANCE = "huong-dan", "Hướng dẫn"
        NOTICE = "thong-bao", "Thông báo"
        DECREE = "nghi-dinh", "Nghị định"
        REGULATION = "quy-dinh", "Quy định"
        RULES = "quy-che", "Quy chế"
        CIRCULAR = "thong-tu", "Thông tư"
        PARTY_CIRCULAR = "thong-tri", "Thông tri"
        PROJECT = "de-an", "Đề án"
        REPORT = "bao-cao", "Báo cáo"
        SUBMISSION = "to-trinh", "Tờ trình"
        OFFICIAL_LETTER = "cong-van", "Công văn"
        LAW = "luat", "Luật"
        ORDINANCE = "phap-lenh", "Pháp lệnh"
        OTHER = "khac", "Khác"

    code = models.CharField(
        "số hiệu",
        max_length=60,
        unique=True,
        help_text="Dạng chuẩn: chữ giống nhau (Ð/Đ, chữ Kirin) được quy về một, bỏ dấu cách "
        "quanh “/” và “-”.",
    )
    slug = models.SlugField("đường dẫn", max_length=80, unique=True)
    kind = models.CharField("loại văn bản", max_length=24, choices=Kind, default=Kind.OTHER)
    issuing_level = models.CharField(
        "cấp ban hành", max_length=20, blank=True, help_text="Ví dụ: TW, TU, HU, CP."
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    subject = models.TextField("trích yếu", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")
    visible_from = visible_from_field()

    objects = PublicQuerySet.as_manager()

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "code"]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        # Before the unique check: "59/2023/NÐ-CP" (U+00D0) is the row "59/2023/NĐ-CP".
        self.code = canonical_code(self.code)

    def save(self, *args, **kwargs):
        self.code = canonical_code(self.code)
        self.search_text = text.fold_key(f"{self.code} {self.subject}")
        if not self.slug:
            self.slug = unique_slug(self, self.code.replace("/", "-"), max_length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:document-detail", kwargs={"slug": self.slug})
