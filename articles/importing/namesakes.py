"""Which existing official a name in a file stands for: equal names are not always one person.

Full names repeat a lot in Việt Nam. Two officials with one name are one person for the
importer when they can be: the file's province is one the existing official was reported in,
or either of them holds a national-level title (``is_national_title``), or nothing says where
one of them works. Otherwise, "Nguyễn Văn Hùng" of a Cà Mau report and the one of Hà Giang
reports are two rows; a cadre who really moved between provinces is merged by an editor.

Provinces are compared as they are now: a report about a province merged in 2025 counts for
the province it became.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Coalesce

from articles.extraction.model import Extracted
from articles.extraction.ranks import is_national_title
from articles.importing.identity import official_key
from articles.models import Locality, Official, OfficialAlias, Position, ReportOfficial


@dataclass(frozen=True)
class Clue:
    """What a file says about one name: where the report is, and whether a title is national."""

    province: int | None
    national: bool = False


def current_province_id(locality: Locality | None) -> int | None:
    province = locality.province if locality is not None else None
    if province is None:
        return None
    return province.successor_id or province.pk


def clues_for(extracted: Extracted, names: set[str], locality: Locality | None) -> dict[str, Clue]:
    """One clue per official key of the file."""
    province = current_province_id(locality)
    national = set()
    for item in extracted.officials:
        titles = [item.title, item.title_normalized]
        titles += [f"{p.title} {p.organization or ''}" for p in item.positions]
        if any(is_national_title(title) for title in titles):
            national.add(official_key(item.name))
    return {
        key: Clue(province=province, national=key in national)
        for key in {official_key(name) for name in names}
    }


@dataclass
class _Evidence:
    provinces: set[int]
    national: bool = False


def _evidence(official_ids: set[int]) -> dict[int, _Evidence]:
    """Provinces each official was reported in (now), and whether any title is national."""
    found = {pk: _Evidence(provinces=set()) for pk in official_ids}
    province = Coalesce("report__province__successor_id", "report__province_id")
    mentions = (
        ReportOfficial.objects.filter(official__in=official_ids)
        .values_list("official_id", province, "title")
        .distinct()
    )
    for official_id, province_id, title in mentions:
        if province_id is not None:
            found[official_id].provinces.add(province_id)
        found[official_id].national |= is_national_title(title)
    titles = Position.objects.filter(official__in=official_ids).values_list("official_id", "title")
    for official_id, title in titles:
        found[official_id].national |= is_national_title(title)
    return found


def _fits(clue: Clue, evidence: _Evidence) -> int | None:
    """How well an existing official fits the clue (lower is better), None when it cannot."""
    if clue.province in evidence.provinces:
        return 0
    if evidence.national:
        return 1
    if not evidence.provinces:
        return 2  # nothing says where this one works
    return None


def match_officials(clues: dict[str, Clue]) -> dict[str, Official]:
    """The existing official each key stands for; keys with none are left out.

    Keys the official was imported under come first (an editor's rename keeps them), then the
    current names; the oldest row first where several fit equally. Keys matched by name alone
    are recorded as aliases for next time. A few queries whatever the number of names.
    """
    if not clues:
        return {}
    aliased = defaultdict(set)
    for key, official_id in OfficialAlias.objects.filter(key__in=clues).values_list(
        "key", "official_id"
    ):
        aliased[key].add(official_id)
    ids = {pk for pks in aliased.values() for pk in pks}
    rows = {
        row.pk: row
        for row in Official.objects.filter(Q(pk__in=ids) | Q(name_key__in=clues)).order_by("pk")
    }
    named = defaultdict(set)
    for row in rows.values():
        if row.name_key in clues:
            named[row.name_key].add(row.pk)
    undecided = {
        key for key, clue in clues.items() if clue.province is not None and not clue.national
    }
    evidence = _evidence({pk for key in undecided for pk in aliased[key] | named[key]})
    found, by_name = {}, []
    for key, clue in clues.items():
        ranked = []
        for pk in aliased[key] | named[key]:
            fit = _fits(clue, evidence[pk]) if key in undecided else 0
            if fit is not None:
                ranked.append((fit, pk not in aliased[key], pk))
        if not ranked:
            continue
        _, by_name_only, pk = min(ranked)
        found[key] = rows[pk]
        if by_name_only:
            by_name.append(OfficialAlias(key=key, official=rows[pk]))
    OfficialAlias.objects.bulk_create(by_name, ignore_conflicts=True)
    return found
