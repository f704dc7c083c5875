"""One file's officials, organizations and documents, matched to existing rows in bulk."""

from __future__ import annotations

from articles import text
from articles.extraction.model import VN_TZ, Extracted
from articles.importing.identity import document_key, official_key, organization_key
from articles.importing.namesakes import clues_for, match_officials
from articles.importing.places import Places, article_day
from articles.models import (
    Document,
    DocumentAlias,
    Locality,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    Position,
    Report,
)
from articles.models.report_organizations import stronger_role

DOCUMENT_KINDS = {label.casefold(): value for value, label in Document.Kind.choices}
DOCUMENT_KINDS["chương trình"] = Document.Kind.ACTION_PROGRAMME
DOCUMENT_KINDS["thông cáo"] = Document.Kind.NOTICE
ORGANIZATION_KINDS = set(Organization.Kind.values)

# Compared with diacritics: "Tỉnh ủy Hà Tĩnh" ends in a place, "UBND tỉnh" in a bare word.
# A bare name ("Huyện ủy") names no body in particular: saving it would merge every district's
# committee into one row.
_BARE_UNIT_WORDS = ("tỉnh", "huyện", "xã", "phường", "thị trấn", "quận", "thị xã", "thành phố")
_BARE_UNIT_ENDINGS = tuple(f" {word}" for word in _BARE_UNIT_WORDS)
_BARE_COMMITTEES = {"tỉnh ủy", "huyện ủy", "thành ủy", "thị ủy", "quận ủy", "đảng ủy"}


def organization_names(extracted: Extracted) -> set[str]:
    """Every name of a body the extraction gives, saved or not (what the importer locks)."""
    return {name for item in extracted.organizations for name in (item.name, item.parent) if name}


def official_names(extracted: Extracted) -> set[str]:
    names = {item.name for item in extracted.officials}
    if extracted.event:
        names |= {participant.name for participant in extracted.event.participants}
    return names


def _names_a_body(name: str, level: str | None, place: Locality | None) -> bool:
    key = text.match_key(name)
    if key in _BARE_COMMITTEES or key.endswith(_BARE_UNIT_ENDINGS):
        return False
    return not (level in ("tinh", "huyen") and place is None)


class Entities:
    """One file's officials and organizations, matched to existing rows in a few queries."""

    def __init__(self, extracted: Extracted, places: Places, locality: Locality | None) -> None:
        names = official_names(extracted)
        self._officials = match_officials(clues_for(extracted, names, locality))
        self._positions = {
            (position.official_id, position.title_key): position
            for position in Position.objects.filter(official__in=list(self._officials.values()))
        }
        self.organizations = self._match_organizations(extracted, places, locality)

    def acting(self, extracted: Extracted) -> dict[int, str]:
        """The bodies that act in the report (a role in the contract), primary key -> role;
        the bodies only inside a title are saved for the positions but not linked to the
        report. Two names of one body keep the stronger role."""
        roles: dict[int, str] = {}
        for item in extracted.organizations:
            if item.role is None or item.name not in self.organizations:
                continue
            pk = self.organizations[item.name].pk
            roles[pk] = stronger_role(roles.get(pk), item.role)
        return roles

    def official(self, name: str) -> Official:
        key = official_key(name)
        if key not in self._officials:
            official = Official.objects.create(full_name=name)
            OfficialAlias.objects.create(official=official, key=key)
            self._officials[key] = official
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
        keys = {organization_key(name): name for name in wanted}
        found = _match(
            set(keys),
            Organization,
            OrganizationAlias,
            "organization",
            "name_key",
            related=("locality__successor",),
        )
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
                OrganizationAlias.objects.create(organization=organization, key=key)
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


def _match(
    keys: set[str], model, alias_model, owner: str, name_field: str, related: tuple = ()
) -> dict:
    """Rows for ``keys``: by the keys they were imported under first (an editor's rename keeps
    them), then by their current name; the oldest row wins where several share a key. Keys
    matched by name alone are recorded as aliases for next time."""
    found = {}
    aliases = alias_model.objects.filter(key__in=keys).select_related(
        owner, *(f"{owner}__{path}" for path in related)
    )
    for alias in aliases.order_by(f"-{owner}_id"):
        found[alias.key] = getattr(alias, owner)
    missing = keys - set(found)
    if missing:
        by_name = {}
        rows = model.objects.filter(**{f"{name_field}__in": missing}).select_related(*related)
        for row in rows.order_by("-pk"):
            by_name[getattr(row, name_field)] = row
        alias_model.objects.bulk_create(
            [alias_model(key=key, **{owner: row}) for key, row in by_name.items()],
            ignore_conflicts=True,
        )
        found.update(by_name)
    return found


def documents_for(items) -> dict[str, Document]:
    """The documents the extraction cites, by code: matched, filled in, or created."""
    keys = {document_key(item.code) for item in items}
    documents = _match(keys, Document, DocumentAlias, "document", "code")
    for item in items:
        key = document_key(item.code)
        documents[key] = document_for(item, documents.get(key))
    return {item.code: documents[document_key(item.code)] for item in items}


def document_kind(name: str | None) -> str:
    """The row's kind for the extraction's kind name, by its first words: "Chương trình phối
    hợp" is a programme, "Thông tư liên tịch" a circular, "Thông báo kết luận" a notice."""
    words = (name or "").casefold().split()
    for length in range(len(words), 0, -1):
        kind = DOCUMENT_KINDS.get(" ".join(words[:length]))
        if kind is not None:
            return kind
    return Document.Kind.OTHER


def document_for(item, document: Document | None) -> Document:
    kind = document_kind(item.kind)
    if document is None:
        document = Document.objects.create(
            code=item.code,
            kind=kind,
            issuing_level=(item.issuer_level or "")[:20],
            issued_on=item.date,
            subject=item.subject or "",
        )
        DocumentAlias.objects.create(document=document, key=document_key(item.code))
        return document
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
