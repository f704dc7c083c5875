"""Dataclasses produced by the extraction, and the JSON contract they serialize to."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Roles of a body in a report, strongest first (org_roles.ROLE_ORDER is this tuple).
ORGANIZATION_ROLES = ("organizer", "host", "co-signer", "issuer", "attendee", "mentioned")
VN_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass(slots=True)
class Position:
    """One position inside an official's title, linked to an organization when it names one."""

    title: str  # the position as normalized: "Trưởng Ban Dân vận Tỉnh ủy"
    role: str  # the rank part: "Trưởng", "Phó Bí thư Thường trực", "Ủy viên"
    organization: str | None = None  # qualified organization name


@dataclass(slots=True)
class Official:
    """A person named in the report, with the most specific title seen for them."""

    name: str
    title: str | None = None  # as written
    title_normalized: str | None = None  # abbreviations expanded, canonical case
    positions: list[Position] = field(default_factory=list)
    mentions: int = 1


@dataclass(slots=True)
class Organization:
    """A body named in the report, qualified with the report's locality where implicit."""

    name: str
    # cap-uy, ban-dan-van, chinh-quyen, hdnd, mat-tran, doan-the, luc-luong-vu-trang, khac
    kind: str
    level: str | None = None  # trung-uong, tinh, huyen, xa
    parent: str | None = None
    as_written: str = ""
    # Contract roles (organizer, host, co-signer, issuer, attendee, mentioned) and marks that
    # are none: position (inside a title), parent (inside another body's name), byline.
    roles: list[str] = field(default_factory=list)

    @property
    def role(self) -> str | None:
        """The body's one role in the report (strongest first), None when it does not act."""
        for role in ORGANIZATION_ROLES:
            if role in self.roles:
                return role
        return None


@dataclass(slots=True)
class Document:
    """A Party or State document cited by its number."""

    code: str  # canonical: "25-NQ/TW", "59/2023/NĐ-CP"
    kind: str | None = None  # "Nghị quyết", "Kết luận", ...
    doc_type: str = ""  # type part of the code: NQ, KL, QĐ, CTr, NĐ ...
    issuer_level: str | None = None  # issuer part: TW, TU, HU, ĐU, CP, TTg ...
    date: dt.date | None = None
    subject: str | None = None
    as_written: str = ""  # the code as the text writes it: "59/2023/NĐ - CP", "25-NQ/ТW"


@dataclass(slots=True)
class Participant:
    """An official's part in the main event (roles: chu-tri, du, chi-dao, phat-bieu)."""

    name: str
    roles: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Event:
    """The meeting or activity the report is about."""

    title: str
    kind: str  # hoi-nghi, giao-ban, truc-bao, tong-ket, so-ket, hoi-thi, lam-viec, ...
    date: dt.date | None = None  # the first day
    year_inferred: bool = False
    organizer: str | None = None  # qualified organization name
    organizer_as_written: str | None = None
    participants: list[Participant] = field(default_factory=list)
    end_date: dt.date | None = None  # the last day of a range ("Từ ngày 3 đến 9/12/2025")
    time: dt.time | None = None  # the start time of an announcement ("lúc 14 giờ 00")


@dataclass(slots=True)
class ScheduleItem:
    """One dated item of a site's "Sự kiện nổi bật" / schedule ticker."""

    date: dt.date
    text: str
    year_inferred: bool = True


@dataclass(slots=True)
class LocalityMention:
    """A province, district or commune named in the text, with its evidence score."""

    name: str
    kind: str  # "province", "district" or "commune"
    province: str | None = None  # the unit's province (name), when unambiguous
    code: str | None = None  # GSO code in ``era``; None when the name is ambiguous
    score: float = 0.0
    count: int = 0
    era: str | None = None  # "legacy" or "2025": the era of code


@dataclass(slots=True)
class Byline:
    """The author line: a name, maybe an organization, maybe a "Theo ..." source.

    names lists the authors ("THANH TÙNG - HẢI YẾN" -> ["Thanh Tùng", "Hải Yến"]); name is
    them joined by ", " (what Report.author stores).
    """

    name: str
    organization: str | None = None
    raw: str = ""
    is_source: bool = False  # "Theo Báo Hà Tĩnh": a source, not a person
    names: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not self.names and self.name:
            self.names = [self.name]

    @classmethod
    def of(cls, names: list[str], *, organization: str | None = None, raw: str = "") -> Byline:
        """The byline of several authors."""
        return cls(name=", ".join(names), organization=organization, raw=raw, names=list(names))


@dataclass(slots=True)
class Extracted:
    """Everything extracted from one article file."""

    source: str
    title: str | None = None
    title_inferred: bool = False
    summary: str | None = None
    body_paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)
    published_at: dt.datetime | None = None  # aware, +07:00 (midnight when no time given)
    published_has_time: bool = False
    published_date: dt.date | None = None
    event_date: dt.date | None = None
    event_year_inferred: bool = False
    event_end_date: dt.date | None = None
    event_time: dt.time | None = None
    page_date: dt.date | None = None
    year: int | None = None
    year_inferred: bool = False
    # The report's units, all of the era locality_era: "legacy" (before 1 July 2025: legacy
    # province, district, possibly one dissolved earlier such as "h-482", commune) or "2025"
    # (current province and commune; no district).
    province: str | None = None
    province_code: str | None = None
    district: str | None = None
    district_code: str | None = None
    commune: str | None = None  # name without its prefix: "Tân Hiệp", "Phường 3"
    commune_code: str | None = None
    locality_era: str | None = None
    source_url: str | None = None  # given, or the page's canonical / og:url address
    locality_mentions: list[LocalityMention] = field(default_factory=list)
    byline: Byline | None = None
    view_count: int | None = None
    officials: list[Official] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    event: Event | None = None
    schedule: list[ScheduleItem] = field(default_factory=list)
    site_name: str | None = None
    warnings: list[str] = field(default_factory=list)
    review_reasons: list[str] = field(default_factory=list)
    # The first message of each review reason code (the warnings list keeps them unpaired);
    # left out of repr, which the importer's fingerprint hashes: the warnings already say it.
    reason_messages: dict[str, str] = field(default_factory=dict, repr=False)
    content_hash: str = ""
    text: str = ""  # the cleaned input text (decoded, NFC, tags stripped)

    @property
    def author(self) -> str | None:
        """The byline's name, if any."""
        return self.byline.name if self.byline else None

    @property
    def authors(self) -> list[str]:
        """The byline's names, one per author ([] without a byline)."""
        return list(self.byline.names) if self.byline else []

    @property
    def body(self) -> str:
        """Body paragraphs (lead included) joined by blank lines."""
        return "\n\n".join(self.body_paragraphs)

    def warn(self, code: str, message: str) -> None:
        """Record a review reason code and its Vietnamese message, once each."""
        if code not in self.review_reasons:
            self.review_reasons.append(code)
            self.reason_messages[code] = message
        if message not in self.warnings:
            self.warnings.append(message)

    def to_contract(self) -> dict:
        """The JSON-ready dict of the importer contract (exactly its keys)."""
        published_at = None
        if self.published_at is not None:
            published_at = self.published_at.isoformat()
        event = None
        if self.event is not None:
            event = {
                "title": self.event.title,
                "kind": self.event.kind,
                "date": _iso(self.event.date),
                "end_date": _iso(self.event.end_date),
                "time": self.event.time.strftime("%H:%M") if self.event.time else None,
            }
        return {
            "source": self.source,
            "title": self.title,
            "title_inferred": self.title_inferred,
            "summary": self.summary,
            "published_date": _iso(self.published_date),
            "published_at": published_at,
            "event_date": _iso(self.event_date),
            "page_date": _iso(self.page_date),
            "year": self.year,
            "year_inferred": self.year_inferred,
            "province": self.province,
            "district": self.district,
            "commune": self.commune,
            "author": self.author,
            "authors": self.authors,
            "view_count": self.view_count,
            "officials": [{"name": o.name, "title": o.title} for o in self.officials],
            "organizations": [
                {"as_written": o.as_written, "name": o.name, "kind": o.kind, "role": o.role}
                for o in self.organizations
                if o.role is not None
            ],
            "documents": [
                {
                    "code": d.code,
                    "as_written": d.as_written or d.code,
                    "kind": d.kind,
                    "date": _iso(d.date),
                }
                for d in self.documents
            ],
            "event": event,
            "schedule": [{"date": s.date.isoformat(), "text": s.text} for s in self.schedule],
            "captions": list(self.captions),
            "attachments": list(self.attachments),
            "body": self.body,
            "warnings": list(self.warnings),
            "source_url": self.source_url,
        }
