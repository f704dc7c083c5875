"""Officials that may be the same person: "có thể trùng" on an official's change page.

Same folded name (diacritics and case ignored, so "Nguyễn Văn Hùng" and "Nguyen Van Hung" meet)
and something in common besides: a province they were reported in or worked in, or an
organization they held a position in. A name alone is no evidence (see
``articles.importing.namesakes``). Five queries whatever the number of mentions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models.functions import Coalesce

from articles.models import Locality, Official, Organization, Position, ReportOfficial

# Enough for any real name; a namesake list longer than this is a list of strangers.
MAX_NAMESAKES = 20


@dataclass
class PossibleDuplicate:
    official: Official
    provinces: list[Locality] = field(default_factory=list)
    organizations: list[Organization] = field(default_factory=list)


def _current(province: Locality | None) -> int | None:
    if province is None:
        return None
    return province.successor_id or province.pk


def possible_duplicates(official: Official) -> list[PossibleDuplicate]:
    """Other officials with the same folded name and a province or organization in common."""
    namesakes = list(
        Official.objects.filter(search_text=official.search_text)
        .exclude(pk=official.pk)
        .order_by("pk")[:MAX_NAMESAKES]
    )
    if not namesakes:
        return []
    ids = [official.pk, *(row.pk for row in namesakes)]
    provinces, organizations = defaultdict(set), defaultdict(set)
    reported = Coalesce("report__province__successor_id", "report__province_id")
    for official_id, province_id in (
        ReportOfficial.objects.filter(official__in=ids, report__province__isnull=False)
        .values_list("official_id", reported)
        .distinct()
    ):
        provinces[official_id].add(province_id)
    places = defaultdict(set)
    for official_id, organization_id, place_id in (
        Position.objects.filter(official__in=ids, organization__isnull=False)
        .values_list("official_id", "organization_id", "organization__locality_id")
        .distinct()
    ):
        organizations[official_id].add(organization_id)
        if place_id is not None:
            places[place_id].add(official_id)
    units = Locality.objects.filter(pk__in=places).select_related("parent__parent")
    for unit in units:
        for official_id in places[unit.pk]:
            provinces[official_id].add(_current(unit.province))
    found = []
    for row in namesakes:
        shared_provinces = (provinces[official.pk] & provinces[row.pk]) - {None}
        shared_organizations = organizations[official.pk] & organizations[row.pk]
        if shared_provinces or shared_organizations:
            found.append((row, shared_provinces, shared_organizations))
    if not found:
        return []
    province_ids = set().union(*(shared for _, shared, _ in found))
    organization_ids = set().union(*(shared for _, _, shared in found))
    named_provinces = Locality.objects.in_bulk(province_ids)
    named_organizations = Organization.objects.in_bulk(organization_ids)
    return [
        PossibleDuplicate(
            official=row,
            provinces=sorted((named_provinces[pk] for pk in shared_p), key=lambda u: u.name),
            organizations=sorted(
                (named_organizations[pk] for pk in shared_o), key=lambda o: o.name
            ),
        )
        for row, shared_p, shared_o in found
    ]
