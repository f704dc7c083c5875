"""What organizations became in 2025: bodies that ended, merged boards, merged provinces.

- District-level bodies (Huyện ủy, UBND huyện, Ban Dân vận Huyện ủy) ended with their
  district, on 1 July 2025 or earlier for a district dissolved before.
- The Ban Dân vận and the Ban Tuyên giáo merged into the "Ban Tuyên giáo và Dân vận":
  centrally on 3 February 2025, then province by province (dates vary, so only the central
  one gets an end date here).
- A province merged into another under a different name: its bodies became those of the new
  province ("Tỉnh ủy Bình Phước" → "Tỉnh ủy Đồng Nai").

Only blank fields are filled, so an editor's own successor or dates are never replaced.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from django.db.models import F

from articles import text
from articles.models import Locality, Organization

CENTRAL_MERGER_DAY = dt.date(2025, 2, 3)
_MERGED_BOARD = "ban tuyên giáo và dân vận"
_OLD_BOARDS = ("ban dân vận", "ban tuyên giáo")
_CENTRAL = re.compile(r"\b(trung ương|tw)\b")


def _board_successor(key: str) -> str | None:
    """ "ban dân vận tỉnh ủy x" -> "ban tuyên giáo và dân vận tỉnh ủy x"."""
    for old in _OLD_BOARDS:
        if key.startswith(old + " ") and not key.startswith(_MERGED_BOARD):
            return f"{_MERGED_BOARD}{key[len(old) :]}"
    return None


def _board_predecessors(key: str) -> list[str]:
    if not key.startswith(_MERGED_BOARD + " "):
        return []
    rest = key[len(_MERGED_BOARD) :]
    return [f"{old}{rest}" for old in _OLD_BOARDS]


def _renamed_province(key: str, unit: Locality | None) -> str | None:
    """The same body under the province the unit merged into, when the name changed."""
    if unit is None or not unit.is_province or unit.is_current or unit.successor is None:
        return None
    old, new = text.match_key(unit.name), text.match_key(unit.successor.name)
    if old == new or not key.endswith(" " + old):
        return None
    return key[: -len(old)] + new


def successor_keys(organization: Organization) -> list[str]:
    """Name keys the organization's successor would have, most specific first."""
    key = text.match_key(organization.name)
    unit = organization.locality
    board = _board_successor(key)
    keys = []
    for candidate in (board, key):
        if candidate is None:
            continue
        renamed = _renamed_province(candidate, unit)
        if renamed:
            keys.append(renamed)
        if candidate != key:
            keys.append(candidate)
    return keys


def link_lineage(organizations: Iterable[Organization]) -> int:
    """Fill successor and end dates of ``organizations`` and of the bodies they succeed.

    Returns how many organizations were changed. A few queries whatever the number.
    """
    organizations = [org for org in organizations if org.pk]
    if not organizations:
        return 0
    by_pk = {org.pk: org for org in organizations}
    wanted = {org.pk: successor_keys(org) for org in organizations if org.successor_id is None}
    backwards = {}
    for org in organizations:
        for key in _board_predecessors(text.match_key(org.name)):
            backwards[key] = org
    for unit in _merged_provinces(organizations):
        for org in organizations:
            if org.locality_id == unit.successor_id:
                old = text.match_key(unit.successor.name)
                key = text.match_key(org.name)
                if key.endswith(" " + old):
                    backwards[key[: -len(old)] + text.match_key(unit.name)] = org
    keys = {key for keys in wanted.values() for key in keys} | set(backwards)
    found = {
        org.name_key: org
        for org in Organization.objects.filter(name_key__in=keys).select_related("locality")
    }
    changed: dict[int, Organization] = {}
    for pk, keys in wanted.items():
        target = next((found[key] for key in keys if key in found and found[key].pk != pk), None)
        if target is not None:
            by_pk[pk].successor = target
            changed[pk] = by_pk[pk]
    for key, target in backwards.items():
        old = found.get(key)
        if old is not None and old.successor_id is None and old.pk != target.pk:
            old.successor = target
            changed[old.pk] = old
    for org in [*organizations, *changed.values()]:
        end = _end_day(org)
        if org.active_to is None and end is not None:
            org.active_to = end
            changed[org.pk] = org
    for org in changed.values():
        org.save(update_fields=["successor", "active_to"])
    return len(changed)


def _merged_provinces(organizations) -> list[Locality]:
    """Former provinces merged into the current provinces of ``organizations``."""
    current = {
        org.locality_id
        for org in organizations
        if org.locality_id and org.locality.is_province and org.locality.is_current
    }
    if not current:
        return []
    return list(
        Locality.objects.provinces()
        .legacy()
        .filter(successor__in=current)
        .exclude(name_key=F("successor__name_key"))
        .select_related("successor")
    )


def _end_day(org: Organization) -> dt.date | None:
    """When the body ended, when the rules above say it."""
    unit = org.locality
    if unit is not None and unit.is_district:
        return unit.valid_to
    key = text.match_key(org.name)
    if _board_successor(key) and _CENTRAL.search(key):
        return CENTRAL_MERGER_DAY
    if unit is not None and _renamed_province(key, unit) and unit.valid_to:
        return unit.valid_to
    return None
