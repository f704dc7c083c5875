"""One file's officials, organizations and documents, matched to existing rows in bulk."""

from __future__ import annotations

from articles import text
from articles.extraction.model import VN_TZ, Extracted
from articles.importing.places import Places, article_day
from articles.models import Document, Locality, Official, Organization, Position, Report

DOCUMENT_KINDS = {label.casefold(): value for value, label in Document.Kind.choices}
DOCUMENT_KINDS["chương trình"] = Document.Kind.ACTION_PROGRAMME
ORGANIZATION_KINDS = set(Organization.Kind.values)

# Compared with diacritics: "Tỉnh ủy Hà Tĩnh" ends in a place, "UBND tỉnh" in a bare word.
# A bare name ("Huyện ủy") names no body in particular: saving it would merge every district's
# committee into one row.
_BARE_UNIT_WORDS = ("tỉnh", "huyện", "xã", "phường", "thị trấn", "quận", "thị xã", "thành phố")
_BARE_UNIT_ENDINGS = tuple(f" {word}" for word in _BARE_UNIT_WORDS)
_BARE_COMMITTEES = {"tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy"}


def _names_a_body(name: str, level: str | None, place: Locality | None) -> bool:
    key = text.match_key(name)
    if key in _BARE_COMMITTEES or key.endswith(_BARE_UNIT_ENDINGS):
        return False
    return not (level in ("tinh", "huyen") and place is None)


class Entities:
    """One file's officials and organizations, matched to existing rows in a few queries."""

    def __init__(self, extracted: Extracted, places: Places, locality: Locality | None) -> None:
        names = {item.name for item in extracted.officials}
        if extracted.event:
            names |= {participant.name for participant in extracted.event.participants}
        self._officials: dict[str, Official] = {}
        keys = {text.match_key(name) for name in names}
        for official in Official.objects.filter(name_key__in=keys).order_by("-pk"):
            self._officials[official.name_key] = official  # the oldest row wins
        self._positions = {
            (position.official_id, position.title_key): position
            for position in Position.objects.filter(official__in=list(self._officials.values()))
        }
        self.organizations = self._match_organizations(extracted, places, locality)

    def official(self, name: str) -> Official:
        key = text.match_key(name)
        if key not in self._officials:
            self._officials[key] = Official.objects.create(full_name=name)
        return self._officials[key]

    @staticmethod
    def _match_organizations(
        extracted: Extracted, places: Places, locality: Locality | None
    ) -> dict[str, Organization]:
        """Every body the extraction names, by its extracted name; parents linked when known."""
        wanted = {}  # extracted name -> (kind, place)
        day = article_day(extracted)
        for item in extracted.organizations:
            for name, kind in ((item.name, item.kind), (item.parent, "cap-uy")):
                if name and name not in wanted:
                    place = places.place_in_name(name, item.level, day, locality)
                    if _names_a_body(name, item.level, place):
                        wanted[name] = (kind, place)
        keys = {text.match_key(name): name for name in wanted}
        found = {
            org.name_key: org
            for org in Organization.objects.filter(name_key__in=keys).select_related(
                "locality__successor"
            )
        }
        by_name = {}
        for key, name in keys.items():
            organization = found.get(key)
            if organization is None:
                kind, place = wanted[name]
                organization = Organization.objects.create(
                    name=name[:255],
                    kind=kind if kind in ORGANIZATION_KINDS else Organization.Kind.OTHER,
                    locality=place,
                )
            by_name[name] = organization
        for item in extracted.organizations:
            organization, parent = by_name.get(item.name), by_name.get(item.parent)
            if (
                organization
                and parent
                and organization.parent_id is None
                and parent != organization
            ):
                organization.parent = parent
                organization.save(update_fields=["parent"])
        return {item.name: by_name[item.name] for item in extracted.organizations
                if item.name in by_name}  # fmt: skip

    def position(
        self, official: Official, title: str, organization: Organization | None, report: Report
    ) -> Position:
        """The official's position with this title, its first and last sighting extended."""
        key = (official.pk, text.match_key(title[:500]))
        position = self._positions.get(key)
        day = report.published_at.astimezone(VN_TZ).date() if report.published_at else None
        day = day or report.event_date
        if position is None:
            position = Position.objects.create(
                official=official,
                title=title[:500],
                organization=organization,
                first_seen=day,
                last_seen=day,
                source_report=report,
            )
            self._positions[key] = position
            return position
        updates = []
        if day and (position.first_seen is None or day < position.first_seen):
            position.first_seen = day
            updates.append("first_seen")
        if day and (position.last_seen is None or day > position.last_seen):
            position.last_seen = day
            updates.append("last_seen")
        if position.organization_id is None and organization is not None:
            position.organization = organization
            updates.append("organization")
        if updates:
            position.save(update_fields=updates)
        return position


def document_for(item, document: Document | None) -> Document:
    kind = DOCUMENT_KINDS.get((item.kind or "").casefold(), Document.Kind.OTHER)
    if document is None:
        return Document.objects.create(
            code=item.code,
            kind=kind,
            issuing_level=(item.issuer_level or "")[:20],
            issued_on=item.date,
            subject=item.subject or "",
        )
    # Fill only what is still blank: an editor's values are never overwritten.
    updates = []
    if document.kind == Document.Kind.OTHER and kind != Document.Kind.OTHER:
        document.kind = kind
        updates.append("kind")
    if not document.issuing_level and item.issuer_level:
        document.issuing_level = item.issuer_level[:20]
        updates.append("issuing_level")
    if document.issued_on is None and item.date:
        document.issued_on = item.date
        updates.append("issued_on")
    if not document.subject and item.subject:
        document.subject = item.subject
        updates.append("subject")
    if updates:
        document.save()
    return document
