"""Administrative units of both eras and the transitions between them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.urls import reverse

from articles import text


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
        keys = Locality.lookup_keys(name)
        return self.filter(Locality.named_condition(keys)) if keys else self.none()


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

    # The same prefixes as written, for names that carry diacritics.
    _MARKED_PREFIXES = sorted(
        [
            "tỉnh",
            "thành phố",
            "tp.",
            "tp",
            "huyện",
            "quận",
            "thị xã",
            "tx.",
            "tx",
            "xã",
            "phường",
            "thị trấn",
            "tt.",
            "tt",
            "đặc khu",
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
    aliases = models.JSONField(
        "tên gọi khác",
        default=list,
        blank=True,
        help_text=(
            "Danh sách tên; một tên đã thôi dùng ghi kèm ngày: "
            '{"name": "Tĩnh Gia", "until": "2020-06-01"}.'
        ),
    )
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
            # Former communes repeat inside one province: their district tells them apart.
            if self.parent is not None and self.parent.is_district:
                district = self.parent.full_name
                where.insert(0, district[0].lower() + district[1:])
            where.append("trước 2025")
        elif self.ended_before_reform:
            where.append(f"đến {self.valid_to.year}")
        label = self.full_name if self.is_commune else self.name
        return f"{label} ({', '.join(where)})" if where else label

    def save(self, *args, **kwargs):
        self.refresh_keys()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("articles:locality-detail", kwargs={"slug": self.slug})

    @staticmethod
    def lookup_keys(name: str) -> list[str]:
        """Diacritic-free keys of a written place name, its administrative prefix removed.

        A prefix is only removed when it is spelled as one: "Tĩnh Gia" and "Quan Hóa" are names,
        not "tỉnh Gia" and "quận Hóa". Typed without diacritics the two cannot be told apart, so
        "quan hoa" gives both keys, the prefix-less one first.
        """
        marked = text.match_key(name).replace("–", "-")
        unaccented = text.fold(marked) == marked
        prefixes = Locality._LOOKUP_PREFIXES if unaccented else Locality._MARKED_PREFIXES
        bare = marked
        for prefix in prefixes:
            if bare.startswith(prefix + " ") or (prefix.endswith(".") and bare.startswith(prefix)):
                bare = bare[len(prefix) :].strip()
                break
        candidates = [bare, marked] if unaccented else [bare]
        keys = (" ".join(text.fold_key(key).replace(" - ", "-").split()) for key in candidates)
        return [key for key in dict.fromkeys(keys) if key]

    @staticmethod
    def named_condition(keys: list[str]) -> Q:
        """Units whose own name or one of whose aliases has one of these lookup keys."""
        condition = Q(name_key__in=keys)
        for key in keys:
            condition |= Q(alias_keys__contains=f"|{key}|")
        return condition

    @staticmethod
    def lookup_key(name: str) -> str:
        """The first of ``lookup_keys``: what a unit's own name is stored under."""
        keys = Locality.lookup_keys(name)
        return keys[0] if keys else ""

    def refresh_keys(self) -> None:
        """Recompute the lookup keys; bulk writes call this since they skip save()."""
        self.name_key = self.lookup_key(self.name)
        names = (alias["name"] if isinstance(alias, dict) else alias for alias in self.aliases)
        keys = sorted({self.lookup_key(name) for name in names if name})
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
        return self.full_name_of(self.kind, self.name)

    @classmethod
    def full_name_of(cls, kind: str, name: str) -> str:
        """The name with its prefix; numbered units carry it already ("Phường 3", "Quận 1")."""
        prefix = cls.PREFIXES[kind]
        if name.casefold().startswith(prefix.casefold() + " "):
            return name
        return f"{prefix} {name}"

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
