"""Load the administrative-unit reference data into the Locality table."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from articles import text
from articles.models import Locality

DATA_FILE = Path(__file__).resolve().parent / "data" / "localities.json"


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    current_provinces: int
    legacy_provinces: int
    legacy_districts: int


def _district_slugs(districts: list[dict], province_slugs: dict[str, str], used: set[str]):
    """Readable, unique slugs: "minh-long", "chau-thanh-tien-giang", "thanh-pho-cao-lanh"."""
    groups = defaultdict(list)
    for district in districts:
        groups[text.slugify(district["name"])].append(district)
    slugs = {}
    for base, group in sorted(groups.items()):
        if len(group) == 1 and base not in used:
            slugs[group[0]["code"]] = base
            continue
        by_kind = {
            d["code"]: text.slugify(f"{Locality.PREFIXES[d['kind']]} {d['name']}") for d in group
        }
        if len(set(by_kind.values())) == len(group) and not used & set(by_kind.values()):
            slugs.update(by_kind)
            continue
        for district in group:
            slug = f"{base}-{province_slugs[district['province']]}"
            if slug in used or slug in slugs.values():
                slug = f"{by_kind[district['code']]}-{province_slugs[district['province']]}"
            slugs[district["code"]] = slug
    return slugs


def _desired_rows(data: dict) -> list[dict]:
    aliases = data.get("aliases", {})
    rows, used = [], set()
    current_slugs = {}
    for unit in data["provinces_2025"]:
        slug = text.slugify(unit["name"])
        current_slugs[unit["code"]] = slug
        used.add(slug)
        rows.append(
            {**unit, "era": Locality.Era.CURRENT, "slug": slug, "parent": None, "successor": None}
        )
    for unit in data["provinces_legacy"]:
        slug = text.slugify(unit["name"])
        if slug in used:
            slug = f"{slug}-cu"  # "Hà Tĩnh (cũ)", as the press writes former units
        used.add(slug)
        rows.append({**unit, "era": Locality.Era.LEGACY, "slug": slug, "parent": None})
    province_names = {unit["code"]: text.slugify(unit["name"]) for unit in data["provinces_legacy"]}
    district_slugs = _district_slugs(data["districts_legacy"], province_names, used)
    for unit in data["districts_legacy"]:
        rows.append(
            {
                **unit,
                "era": Locality.Era.LEGACY,
                "slug": district_slugs[unit["code"]],
                "parent": unit["province"],
            }
        )
    for row in rows:
        row["aliases"] = aliases.get(f"{row['era']}:{row['code']}", [])
    return rows


@transaction.atomic
def load_localities(path: Path = DATA_FILE) -> LoadResult:
    """Create or update every unit in the data file; running it again changes nothing."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    rows = _desired_rows(data)
    units = {(unit.era, unit.code): unit for unit in Locality.objects.all()}
    created, updated = set(), set()
    for row in rows:
        key = (row["era"], row["code"])
        unit = units.get(key) or Locality(era=row["era"], code=row["code"])
        if unit.pk is None or any(
            getattr(unit, f) != row[f] for f in ("kind", "name", "slug", "aliases")
        ):
            (updated if unit.pk else created).add(key)
            unit.kind, unit.name, unit.slug, unit.aliases = (
                row["kind"],
                row["name"],
                row["slug"],
                row["aliases"],
            )
            unit.save()
            units[key] = unit

    relinked = []
    for row in rows:
        key = (row["era"], row["code"])
        unit = units[key]
        parent = units[(Locality.Era.LEGACY, row["parent"])] if row["parent"] else None
        successor = units[(Locality.Era.CURRENT, row["successor"])] if row["successor"] else None
        if (unit.parent_id, unit.successor_id) != (
            parent.pk if parent else None,
            successor.pk if successor else None,
        ):
            unit.parent, unit.successor = parent, successor
            relinked.append(unit)
            if key not in created:
                updated.add(key)
    Locality.objects.bulk_update(relinked, ["parent", "successor"], batch_size=500)
    return LoadResult(
        created=len(created),
        updated=len(updated),
        current_provinces=len(data["provinces_2025"]),
        legacy_provinces=len(data["provinces_legacy"]),
        legacy_districts=len(data["districts_legacy"]),
    )
