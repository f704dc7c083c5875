"""Domain model: reports, events, officials, organizations, documents and localities."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles import text

# ---------------------------------------------------------------------------
# Shared helpers


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Chính xác"
    DAY = "day", "Chỉ có ngày, không có giờ"
    YEAR_INFERRED = "year-inferred", "Năm được suy ra"
    UNKNOWN = "unknown", "Không rõ"


def unique_slug(
    instance: models.Model, source: str, *, max_length: int = 200, qualifiers: tuple = ()
) -> str:
    """A slug for ``source`` that no other row uses: the plain one, then a qualified one
    ("...-13-01-2022"), then a numbered one. The first tries are indexed lookups."""
    base = text.slugify(source, max_length=max_length - 12) or "khong-ten"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    for candidate in (base, *(f"{base}-{q}" for q in qualifiers if q)):
        if not others.filter(slug=candidate).exists():
            return candidate
    # A range on the unique index instead of LIKE, which SQLite cannot answer from an index.
    prefix = f"{base}-"
    siblings = others.filter(slug__gte=prefix, slug__lt=prefix + "\uffff")
    taken = set(siblings.values_list("slug", flat=True))
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


class TimestampedModel(models.Model):
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True


# ---------------------------------------------------------------------------
# Localities


class LocalityQuerySet(models.QuerySet):
    def provinces(self):
        return self.filter(kind__in=Locality.PROVINCE_KINDS)

    def districts(self):
        return self.filter(kind__in=Locality.DISTRICT_KINDS)

    def communes(self):
        return self.filter(kind__in=Locality.COMMUNE_KINDS)

    def with_ancestors(self):
        """Parent and grandparent joined in: what __str__ of a commune needs."""
        return self.select_related("parent__parent")

    def legacy(self):
        return self.filter(era=Locality.Era.LEGACY)

    def current(self):
        return self.filter(era=Locality.Era.CURRENT)

    def named(self, name: str):
        """Units whose name or alias is ``name``, ignoring case, diacritics and prefixes."""
        key = Locality.lookup_key(name)
        if not key:
            return self.none()
        return self.filter(Q(name_key=key) | Q(alias_keys__contains=f"|{key}|"))


class Locality(models.Model):
    """An administrative unit, before or after the reform of 1 July 2025."""

    class Era(models.TextChoices):
        LEGACY = "legacy", "Trước 01/7/2025"
        CURRENT = "2025", "Từ 01/7/2025"

    class Kind(models.TextChoices):
        PROVINCE = "tinh", "Tỉnh"
        CENTRAL_CITY = "thanh-pho-tw", "Thành phố trực thuộc Trung ương"
        RURAL_DISTRICT = "huyen", "Huyện"
        URBAN_DISTRICT = "quan", "Quận"
        TOWN = "thi-xa", "Thị xã"
        PROVINCIAL_CITY = "thanh-pho-thuoc-tinh", "Thành phố thuộc tỉnh"
        COMMUNE = "xa", "Xã"
        WARD = "phuong", "Phường"
        TOWNSHIP = "thi-tran", "Thị trấn"
        SPECIAL_ZONE = "dac-khu", "Đặc khu"

    PROVINCE_KINDS = (Kind.PROVINCE, Kind.CENTRAL_CITY)
    DISTRICT_KINDS = (
        Kind.RURAL_DISTRICT,
        Kind.URBAN_DISTRICT,
        Kind.TOWN,
        Kind.PROVINCIAL_CITY,
    )
    COMMUNE_KINDS = (Kind.COMMUNE, Kind.WARD, Kind.TOWNSHIP, Kind.SPECIAL_ZONE)
    REFORM_DAY = dt.date(2025, 7, 1)
    PREFIXES = {
        Kind.PROVINCE: "Tỉnh",
        Kind.CENTRAL_CITY: "Thành phố",
        Kind.RURAL_DISTRICT: "Huyện",
        Kind.URBAN_DISTRICT: "Quận",
        Kind.TOWN: "Thị xã",
        Kind.PROVINCIAL_CITY: "Thành phố",
        Kind.COMMUNE: "Xã",
        Kind.WARD: "Phường",
        Kind.TOWNSHIP: "Thị trấn",
        Kind.SPECIAL_ZONE: "Đặc khu",
    }
    # Prefixes an article may put before a name; longest first so "thành phố" beats "tp".
    _LOOKUP_PREFIXES = sorted(
        [
            "tinh",
            "thanh pho",
            "tp.",
            "tp",
            "huyen",
            "quan",
            "thi xa",
            "tx.",
            "tx",
            "xa",
            "phuong",
            "thi tran",
            "tt.",
            "tt",
            "dac khu",
            "p.",
            "x.",
            "h.",
        ],
        key=len,
        reverse=True,
    )

    era = models.CharField("thời kỳ", max_length=8, choices=Era)
    kind = models.CharField("loại đơn vị", max_length=24, choices=Kind)
    code = models.CharField("mã đơn vị hành chính", max_length=10)
    name = models.CharField("tên", max_length=120)
    slug = models.SlugField("đường dẫn", max_length=140, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    successor = models.ForeignKey(
        "self",
        verbose_name="nay thuộc",
        help_text=(
            "Đơn vị chính mà đơn vị này trở thành: tỉnh mới của một tỉnh cũ, xã mới của một "
            "xã cũ, tỉnh mới của một huyện cũ. Danh sách đầy đủ (kể cả khi bị chia tách) ở "
            "mục «đơn vị kế thừa»."
        ),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="predecessors",
    )
    successors = models.ManyToManyField(
        "self",
        verbose_name="đơn vị kế thừa",
        through="LocalityTransition",
        through_fields=("predecessor", "successor"),
        symmetrical=False,
        related_name="merged_from",
        blank=True,
    )
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField(
        "chấm dứt từ ngày",
        null=True,
        blank=True,
        help_text="Ngày đầu tiên đơn vị không còn tồn tại (ngày nghị quyết sắp xếp có hiệu lực).",
    )
    aliases = models.JSONField("tên gọi khác", default=list, blank=True)
    former_names = models.JSONField(
        "tên các đơn vị đã nhập vào trước 2025",
        default=list,
        blank=True,
        help_text="Theo dữ liệu nguồn, viết không dấu, không cách.",
    )
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    alias_keys = models.TextField(editable=False, blank=True, default="")

    objects = LocalityQuerySet.as_manager()

    class Meta:
        verbose_name = "địa phương"
        verbose_name_plural = "địa phương"
        ordering = ["era", "code"]
        constraints = [
            models.UniqueConstraint(fields=["era", "code"], name="locality_era_code_unique"),
        ]

    def __str__(self):
        if self.is_province:
            return f"{self.name} (trước 2025)" if self.era == self.Era.LEGACY else self.name
        province = self.province
        where = [province.name] if province is not None and province != self else []
        if self.era == self.Era.LEGACY and self.is_commune:
            where.append("trước 2025")
        elif self.valid_to is not None and self.valid_to < self.REFORM_DAY:
            where.append(f"đến {self.valid_to.year}")
        label = self.full_name if self.is_commune else self.name
        return f"{label} ({', '.join(where)})" if where else label

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:locality-detail", kwargs={"slug": self.slug})

    @staticmethod
    def lookup_key(name: str) -> str:
        """Diacritic-free key of a place name without its administrative prefix."""
        key = text.fold_key(name).replace("–", "-")
        for prefix in Locality._LOOKUP_PREFIXES:
            if key.startswith(prefix + " ") or (prefix.endswith(".") and key.startswith(prefix)):
                key = key[len(prefix) :].strip()
                break
        return " ".join(key.replace(" - ", "-").split())

    def refresh_keys(self) -> None:
        """Recompute the lookup keys; bulk writes call this since they skip save()."""
        self.name_key = self.lookup_key(self.name)
        keys = sorted({self.lookup_key(alias) for alias in self.aliases if alias})
        self.alias_keys = "".join(f"|{key}|" for key in keys)

    @property
    def is_province(self) -> bool:
        return self.kind in self.PROVINCE_KINDS

    @property
    def is_district(self) -> bool:
        return self.kind in self.DISTRICT_KINDS

    @property
    def is_commune(self) -> bool:
        return self.kind in self.COMMUNE_KINDS

    @property
    def is_current(self) -> bool:
        return self.era == self.Era.CURRENT

    @property
    def ended_before_reform(self) -> bool:
        """Dissolved before 1 July 2025, like a district merged into its neighbour."""
        return self.valid_to is not None and self.valid_to < self.REFORM_DAY

    @property
    def level(self) -> str:
        """The level of the unit: "province", "district" or "commune"."""
        if self.is_province:
            return "province"
        return "district" if self.is_district else "commune"

    def exists_on(self, day: dt.date) -> bool:
        """True when the unit existed on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def ancestry(self) -> dict[str, Locality]:
        """This unit and its parents by level: {"province": ..., "district": ..., ...}."""
        found = {}
        unit = self
        while unit is not None:
            found.setdefault(unit.level, unit)
            unit = unit.parent
        return found

    LEVEL_KINDS = {
        "province": PROVINCE_KINDS,
        "district": DISTRICT_KINDS,
        "commune": COMMUNE_KINDS,
    }

    def predecessor_ids(self) -> set[int]:
        """This unit and the units of its level that became (part of) it, transitively.

        A current commune reaches the former communes merged into it, a province the former
        provinces, a district the districts it absorbed before 2025; a commune does not
        reach the whole former district that only gave it part of its territory.
        """
        found = {self.pk}
        frontier = {self.pk}
        kinds = self.LEVEL_KINDS[self.level]
        while frontier:
            frontier = (
                set(
                    LocalityTransition.objects.filter(
                        successor__in=frontier, predecessor__kind__in=kinds
                    ).values_list("predecessor_id", flat=True)
                )
                - found
            )
            found |= frontier
        return found

    @property
    def full_name(self) -> str:
        return f"{self.PREFIXES[self.kind]} {self.name}"

    @property
    def province(self) -> Locality | None:
        """The province this unit lies in (itself for a province)."""
        unit = self
        while unit is not None and not unit.is_province:
            unit = unit.parent
        return unit

    @property
    def short_label(self) -> str:
        """The name readers know, marking a former province that shares today's name."""
        if self.era == self.Era.LEGACY and self.slug.endswith("-cu"):
            return f"{self.name} (cũ)"
        return self.name


class LocalityTransition(models.Model):
    """One unit becoming (part of) another: a merger, a split, or the 2025 reform."""

    predecessor = models.ForeignKey(
        Locality,
        verbose_name="đơn vị cũ",
        on_delete=models.CASCADE,
        related_name="transitions_out",
    )
    successor = models.ForeignKey(
        Locality,
        verbose_name="đơn vị mới",
        on_delete=models.CASCADE,
        related_name="transitions_in",
    )
    is_default = models.BooleanField(
        "đơn vị chính",
        default=True,
        help_text="Khi bị chia tách: phần mà tên cũ thường được hiểu là thuộc về.",
    )
    effective = models.DateField("có hiệu lực từ", null=True, blank=True)

    class Meta:
        verbose_name = "chuyển đổi đơn vị hành chính"
        verbose_name_plural = "chuyển đổi đơn vị hành chính"
        ordering = ["predecessor", "-is_default", "successor"]
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="locality_transition_unique"
            ),
        ]
        indexes = [models.Index(fields=["successor"], name="locality_transition_succ_idx")]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


# ---------------------------------------------------------------------------
# Organizations, officials and documents


class Organization(TimestampedModel):
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


class Official(TimestampedModel):
    """A person named in reports. Titles change over time, so they live on Position."""

    full_name = models.CharField("họ và tên", max_length=120)
    slug = models.SlugField("đường dẫn", max_length=140, unique=True)
    name_key = models.CharField(max_length=120, editable=False, db_index=True)
    notes = models.TextField("ghi chú của biên tập viên", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"
        ordering = ["search_text"]

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


class Document(TimestampedModel):
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
        OTHER = "khac", "Khác"

    code = models.CharField("số hiệu", max_length=60, unique=True)
    slug = models.SlugField("đường dẫn", max_length=80, unique=True)
    kind = models.CharField("loại văn bản", max_length=24, choices=Kind, default=Kind.OTHER)
    issuing_level = models.CharField(
        "cấp ban hành", max_length=20, blank=True, help_text="Ví dụ: TW, TU, HU, CP."
    )
    issued_on = models.DateField("ngày ban hành", null=True, blank=True)
    subject = models.TextField("trích yếu", blank=True)
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "văn bản"
        verbose_name_plural = "văn bản"
        ordering = ["-issued_on", "code"]

    def __str__(self):
        return self.code

    def save(self, *args, **kwargs):
        self.search_text = text.fold_key(f"{self.code} {self.subject}")
        if not self.slug:
            self.slug = unique_slug(self, self.code.replace("/", "-"), max_length=80)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:document-detail", kwargs={"slug": self.slug})


# ---------------------------------------------------------------------------
# Events


class Event(TimestampedModel):
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
    search_text = models.TextField(editable=False, blank=True, default="")

    class Meta:
        verbose_name = "sự kiện"
        verbose_name_plural = "sự kiện"
        ordering = ["-date", "title"]
        indexes = [models.Index(fields=["date"], name="event_date_idx")]

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


# ---------------------------------------------------------------------------
# Reports


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

    def with_cards(self):
        return self.select_related("locality", "province", "event")

    def newest_first(self):
        """Newest first with undated reports last, the same on every database."""
        return self.order_by(models.F("published_at").desc(nulls_last=True), "-pk")

    def for_lists(self):
        """Cards without the heavy text columns a list never shows."""
        return self.with_cards().defer("body", "raw_text", "search_text", "review_reasons")

    def in_provinces(self, provinces):
        """Reports located in any of ``provinces`` (denormalized, so one indexed lookup)."""
        return self.filter(province__in=provinces)


class Report(TimestampedModel):
    """An article about công tác dân vận, written by an editor or imported from a portal."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        PUBLISHED = "published", "Đã xuất bản"

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
    slug = models.SlugField("đường dẫn", max_length=200, unique=True, blank=True)
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
        Organization, verbose_name="tổ chức", related_name="reports", blank=True
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
            models.Index(fields=["district", "year"], name="report_district_year_idx"),
            models.Index(fields=["commune", "year"], name="report_commune_year_idx"),
            models.Index(fields=["content_hash"], name="report_content_hash_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1930, year__lte=2100),
                name="report_year_plausible",
            ),
            models.CheckConstraint(condition=~Q(title=""), name="report_title_not_empty"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title, qualifiers=self._slug_qualifiers())
        self.place_in_levels()
        if self.year is None and self.published_at is not None:
            self.year = timezone.localtime(self.published_at).year
        self.search_text = text.fold_key(
            " ".join([self.title, self.summary, self.author, self.body])
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {
                *update_fields,
                *self.PLACE_LEVELS,
                "search_text",
                "slug",
                "year",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:report-detail", kwargs={"slug": self.slug})

    PLACE_LEVELS = ("province", "district", "commune")

    @property
    def place_levels(self) -> list[Locality]:
        """Province, district and commune that are set, from the widest down."""
        return [unit for level in self.PLACE_LEVELS if (unit := getattr(self, level)) is not None]

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

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED and (
            self.published_at is None or self.published_at <= timezone.now()
        )

    def mark_edited(self, field_names) -> None:
        """Remember fields an editor changed so a re-import leaves them alone."""
        changed = set(self.edited_fields) | (set(field_names) & set(self.IMPORTED_FIELDS))
        self.edited_fields = sorted(changed)


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

    class Meta:
        verbose_name = "văn bản được trích dẫn"
        verbose_name_plural = "văn bản được trích dẫn"
        ordering = ["report", "document__code"]
        constraints = [
            models.UniqueConstraint(fields=["report", "document"], name="citation_unique")
        ]

    def __str__(self):
        return str(self.document)


class Caption(models.Model):
    """A photo caption, with the photo itself once an editor uploads it."""

    report = models.ForeignKey(
        Report, verbose_name="bài viết", on_delete=models.CASCADE, related_name="captions"
    )
    text = models.TextField("chú thích")
    photo = models.ImageField("ảnh", upload_to="anh/%Y/%m/", blank=True)
    order = models.PositiveSmallIntegerField("thứ tự", default=0)

    class Meta:
        verbose_name = "chú thích ảnh"
        verbose_name_plural = "chú thích ảnh"
        ordering = ["report", "order", "pk"]

    def __str__(self):
        return self.text[:80]


class Attachment(models.Model):
    """A file attached to a report, as listed by the source page."""

    report = models.ForeignKey(
        Report, verbose_name="bài viết", on_delete=models.CASCADE, related_name="attachments"
    )
    name = models.CharField("tên tệp", max_length=255)
    file = models.FileField("tệp", upload_to="tep/%Y/%m/", blank=True)

    class Meta:
        verbose_name = "tệp đính kèm"
        verbose_name_plural = "tệp đính kèm"
        ordering = ["report", "name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "name"], name="attachment_report_name_unique")
        ]

    def __str__(self):
        return self.name
