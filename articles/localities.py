"""Load the administrative-unit reference data into the Locality tables.

Both eras: the 63 provinces, their districts and about 10,000 communes before 1 July 2025,
the 34 provinces and 3,321 communes since, the district-level units dissolved before the
source's June 2025 snapshot, and every transition between them (splits included).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from articles import text
from articles.models import Locality, LocalityTransition

DATA_FILE = Path(__file__).resolve().parent / "data" / "localities.json"
SECTIONS = (
    "provinces_2025",
    "provinces_legacy",
    "districts_legacy",
    "communes_2025",
    "communes_legacy",
)
KINDS = set(Locality.Kind.values)
UNIT_FIELDS = ("kind", "name", "slug", "aliases", "former_names", "valid_from", "valid_to")


class LocalityDataError(ValueError):
    """The data file is not what the loader expects; nothing was written."""


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    current_provinces: int
    legacy_provinces: int
    legacy_districts: int
    former_districts: int
    current_communes: int
    legacy_communes: int
    transitions: int


def read_data(path: Path) -> dict:
    """Parse and validate the data file; a clear LocalityDataError for anything wrong."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise LocalityDataError(f"tệp không phải UTF-8 ({error.reason})") from error
    except json.JSONDecodeError as error:
        raise LocalityDataError(
            f"JSON hỏng ở dòng {error.lineno}, cột {error.colno}: {error.msg}"
        ) from error
    validate(data)
    return data


def validate(data) -> None:
    """Every section present, codes unique, kinds known, every reference resolvable."""
    if not isinstance(data, dict):
        raise LocalityDataError("tệp phải là một đối tượng JSON")
    missing = [name for name in SECTIONS if not isinstance(data.get(name), list)]
    if missing:
        raise LocalityDataError(f"thiếu mục {', '.join(missing)}")
    codes = {}
    for section in SECTIONS:
        seen = set()
        for index, row in enumerate(data[section]):
            where = f"{section}[{index}]"
            if not isinstance(row, dict):
                raise LocalityDataError(f"{where}: không phải đối tượng")
            for key in ("code", "name", "kind"):
                if not isinstance(row.get(key), str) or not row[key].strip():
                    raise LocalityDataError(f"{where}: thiếu hoặc sai «{key}»")
            if row["kind"] not in KINDS:
                raise LocalityDataError(f"{where}: loại đơn vị không rõ «{row['kind'][:40]}»")
            if row["code"] in seen:
                raise LocalityDataError(f"{where}: mã {row['code']} bị trùng")
            seen.add(row["code"])
        codes[section] = seen

    def require(section, index, value, target, what):
        if value not in codes[target]:
            raise LocalityDataError(f"{section}[{index}]: {what} «{value}» không có trong {target}")

    for index, row in enumerate(data["provinces_legacy"]):
        require("provinces_legacy", index, row.get("successor"), "provinces_2025", "tỉnh mới")
    for index, row in enumerate(data["districts_legacy"]):
        require("districts_legacy", index, row.get("province"), "provinces_legacy", "tỉnh")
        for code in row.get("successor_communes", []):
            require("districts_legacy", index, code, "communes_2025", "xã mới")
        for code in row.get("merged_into", []):
            require("districts_legacy", index, code, "districts_legacy", "huyện nhập vào")
        if "valid_to" in row:
            _date(row["valid_to"], f"districts_legacy[{index}].valid_to")
    for index, row in enumerate(data["communes_2025"]):
        require("communes_2025", index, row.get("province"), "provinces_2025", "tỉnh")
    for index, row in enumerate(data["communes_legacy"]):
        require("communes_legacy", index, row.get("district"), "districts_legacy", "huyện")
        successors = row.get("successors")
        if not isinstance(successors, list) or not successors:
            raise LocalityDataError(f"communes_legacy[{index}]: thiếu «successors»")
        for code in successors:
            require("communes_legacy", index, code, "communes_2025", "xã mới")
    aliases = data.get("aliases", {})
    if not isinstance(aliases, dict):
        raise LocalityDataError("«aliases» phải là một đối tượng")
    for ref, entries in aliases.items():
        if not isinstance(entries, list):
            raise LocalityDataError(f"aliases[{ref}]: phải là một danh sách")
        for entry in entries:
            if isinstance(entry, dict):
                if not isinstance(entry.get("name"), str):
                    raise LocalityDataError(f"aliases[{ref}]: thiếu «name»")
                _date(entry.get("until"), f"aliases[{ref}].until")
            elif not isinstance(entry, str):
                raise LocalityDataError(f"aliases[{ref}]: tên phải là chuỗi")
    _date(data.get("reform_day", "2025-07-01"), "reform_day")


def _date(value, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError) as error:
        raise LocalityDataError(f"{where}: ngày không hợp lệ «{str(value)[:20]}»") from error


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
            d["code"]: text.slugify(Locality.full_name_of(d["kind"], d["name"])) for d in group
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


def _former_district_slugs(districts, province_slugs, used) -> dict[str, str]:
    """Slugs of units dissolved before 2025, chosen after (and never taking) today's ones."""
    slugs = {}
    for district in districts:
        name = text.slugify(district["name"])
        full = text.slugify(Locality.full_name_of(district["kind"], district["name"]))
        province = province_slugs[district["province"]]
        for slug in (name, full, f"{name}-{province}", f"{full}-{province}"):
            if slug not in used:
                break
        else:
            slug = f"{full}-{district['code']}"
        used.add(slug)
        slugs[district["code"]] = slug
    return slugs


def _commune_slugs(communes: list[dict], qualifier, used: set[str]) -> dict[str, str]:
    """Slugs like "xa-tan-hiep" when unique, else qualified by ``qualifier(row)``, else code."""
    bases = {row["code"]: text.slugify(Locality.full_name_of(row["kind"], row["name"]))
             for row in communes}  # fmt: skip
    counts = Counter(bases.values())
    slugs = {}
    for row in communes:
        base = bases[row["code"]]
        slug = base if counts[base] == 1 and base not in used else f"{base}-{qualifier(row)}"
        if slug in used:
            slug = f"{slug}-{row['code']}"
        used.add(slug)
        slugs[row["code"]] = slug
    return slugs


def _desired_rows(data: dict) -> list[dict]:
    """Every unit with its slug, parent, dates and aliases, as (era, code)-keyed dicts."""
    aliases = data.get("aliases", {})
    reform = _date(data.get("reform_day", "2025-07-01"), "reform_day")
    rows, used = [], set()
    current_slugs = {}
    for unit in data["provinces_2025"]:
        slug = text.slugify(unit["name"])
        current_slugs[unit["code"]] = slug
        used.add(slug)
        rows.append({**unit, "era": Locality.Era.CURRENT, "slug": slug, "parent": None})
    legacy_slugs = {}
    for unit in data["provinces_legacy"]:
        slug = text.slugify(unit["name"])
        if slug in used:
            slug = f"{slug}-cu"  # "Hà Tĩnh (cũ)", as the press writes former units
        used.add(slug)
        legacy_slugs[unit["code"]] = slug
        rows.append({**unit, "era": Locality.Era.LEGACY, "slug": slug, "parent": None})
    province_names = {unit["code"]: text.slugify(unit["name"]) for unit in data["provinces_legacy"]}
    snapshot = [d for d in data["districts_legacy"] if "valid_to" not in d]
    former = [d for d in data["districts_legacy"] if "valid_to" in d]
    district_slugs = _district_slugs(snapshot, province_names, used)
    used |= set(district_slugs.values())
    district_slugs |= _former_district_slugs(former, province_names, used)
    for unit in data["districts_legacy"]:
        rows.append(
            {
                **unit,
                "era": Locality.Era.LEGACY,
                "slug": district_slugs[unit["code"]],
                "parent": (Locality.Era.LEGACY, unit["province"]),
            }
        )
    slugs = _commune_slugs(data["communes_2025"], lambda row: current_slugs[row["province"]], used)
    for unit in data["communes_2025"]:
        rows.append(
            {
                **unit,
                "era": Locality.Era.CURRENT,
                "slug": slugs[unit["code"]],
                "parent": (Locality.Era.CURRENT, unit["province"]),
            }
        )
    slugs = _commune_slugs(
        data["communes_legacy"], lambda row: district_slugs[row["district"]], used
    )
    for unit in data["communes_legacy"]:
        rows.append(
            {
                **unit,
                "era": Locality.Era.LEGACY,
                "slug": slugs[unit["code"]],
                "parent": (Locality.Era.LEGACY, unit["district"]),
            }
        )
    for row in rows:
        row["aliases"] = aliases.get(f"{row['era']}:{row['code']}", [])
        row["former_names"] = row.get("former", [])
        if row["era"] == Locality.Era.CURRENT:
            row["valid_from"], row["valid_to"] = reform, None
        else:
            valid_to = row.get("valid_to")
            row["valid_from"] = None
            row["valid_to"] = dt.date.fromisoformat(valid_to) if valid_to else reform
    return rows


def _desired_transitions(data: dict, reform: dt.date) -> dict[tuple, tuple]:
    """(predecessor key, successor key) -> (is_default, effective)."""
    legacy, current = Locality.Era.LEGACY, Locality.Era.CURRENT
    wanted = {}
    for unit in data["provinces_legacy"]:
        wanted[((legacy, unit["code"]), (current, unit["successor"]))] = (True, reform)
    for unit in data["districts_legacy"]:
        if "valid_to" in unit:
            effective = dt.date.fromisoformat(unit["valid_to"])
            for index, code in enumerate(unit["merged_into"]):
                wanted[((legacy, unit["code"]), (legacy, code))] = (index == 0, effective)
        for code in unit.get("successor_communes", []):
            wanted[((legacy, unit["code"]), (current, code))] = (False, reform)
    for unit in data["communes_legacy"]:
        for index, code in enumerate(unit["successors"]):
            wanted[((legacy, unit["code"]), (current, code))] = (index == 0, reform)
    return wanted


def _main_successor(row: dict) -> tuple | None:
    """The unit ``Locality.successor`` points at."""
    if row["era"] == Locality.Era.CURRENT:
        return None
    if "merged_into" in row:
        return (Locality.Era.LEGACY, row["merged_into"][0])
    if "successors" in row:  # a commune
        return (Locality.Era.CURRENT, row["successors"][0])
    return (Locality.Era.CURRENT, row["successor"])


@transaction.atomic
def load_localities(path: Path = DATA_FILE) -> LoadResult:
    """Create or update every unit and transition in the data file; again changes nothing."""
    data = read_data(path)
    reform = _date(data.get("reform_day", "2025-07-01"), "reform_day")
    rows = _desired_rows(data)
    units = {(unit.era, unit.code): unit for unit in Locality.objects.all()}
    created, updated = set(), set()
    new, changed = [], []
    for row in rows:
        key = (row["era"], row["code"])
        unit = units.get(key)
        if unit is None:
            unit = Locality(era=row["era"], code=row["code"])
            for name in UNIT_FIELDS:
                setattr(unit, name, row[name])
            unit.refresh_keys()
            units[key] = unit
            new.append(unit)
            created.add(key)
        else:
            keys = (unit.name_key, unit.alias_keys)
            stale = any(getattr(unit, name) != row[name] for name in UNIT_FIELDS)
            for name in UNIT_FIELDS:
                setattr(unit, name, row[name])
            unit.refresh_keys()
            if stale or keys != (unit.name_key, unit.alias_keys):
                changed.append(unit)
                updated.add(key)
    # Slugs are unique: free the ones that move before taking them again.
    if changed:
        moving = {unit.pk: unit.slug for unit in changed}
        for unit in changed:
            unit.slug = f"tmp-{unit.pk}"
        Locality.objects.bulk_update(changed, ["slug"], batch_size=1000)
        for unit in changed:
            unit.slug = moving[unit.pk]
        Locality.objects.bulk_update(
            changed, [*UNIT_FIELDS, "name_key", "alias_keys"], batch_size=1000
        )
    Locality.objects.bulk_create(new, batch_size=1000)

    relinked = []
    for row in rows:
        key = (row["era"], row["code"])
        unit = units[key]
        parent = units[row["parent"]] if row["parent"] else None
        successor_key = _main_successor(row)
        successor = units[successor_key] if successor_key else None
        if (unit.parent_id, unit.successor_id) != (
            parent.pk if parent else None,
            successor.pk if successor else None,
        ):
            unit.parent, unit.successor = parent, successor
            relinked.append(unit)
            if key not in created:
                updated.add(key)
    Locality.objects.bulk_update(relinked, ["parent", "successor"], batch_size=1000)

    transitions = _sync_transitions(data, reform, units)
    counts = Counter(
        (row["era"], "former" if "merged_into" in row else Locality(kind=row["kind"]).level)
        for row in rows
    )
    legacy, current = Locality.Era.LEGACY, Locality.Era.CURRENT
    return LoadResult(
        created=len(created),
        updated=len(updated),
        current_provinces=counts[(current, "province")],
        legacy_provinces=counts[(legacy, "province")],
        legacy_districts=counts[(legacy, "district")],
        former_districts=counts[(legacy, "former")],
        current_communes=counts[(current, "commune")],
        legacy_communes=counts[(legacy, "commune")],
        transitions=transitions,
    )


def _sync_transitions(data: dict, reform: dt.date, units: dict) -> int:
    """Make the transition table exactly what the file says; returns how many there are."""
    wanted = {
        (units[old].pk, units[new].pk): value
        for (old, new), value in _desired_transitions(data, reform).items()
    }
    existing = {
        (row.predecessor_id, row.successor_id): row for row in LocalityTransition.objects.all()
    }
    stale = [row.pk for pair, row in existing.items() if pair not in wanted]
    for start in range(0, len(stale), 500):
        LocalityTransition.objects.filter(pk__in=stale[start : start + 500]).delete()
    changed = []
    for pair, (is_default, effective) in wanted.items():
        row = existing.get(pair)
        if row is not None and (row.is_default, row.effective) != (is_default, effective):
            row.is_default, row.effective = is_default, effective
            changed.append(row)
    LocalityTransition.objects.bulk_update(changed, ["is_default", "effective"], batch_size=1000)
    LocalityTransition.objects.bulk_create(
        [
            LocalityTransition(
                predecessor_id=old, successor_id=new, is_default=is_default, effective=effective
            )
            for (old, new), (is_default, effective) in wanted.items()
            if (old, new) not in existing
        ],
        batch_size=1000,
    )
    return len(wanted)
