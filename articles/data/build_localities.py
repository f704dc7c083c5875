#!/usr/bin/env python3
"""Build ``articles/data/localities.json``: Vietnamese province / district reference data.

The JSON file is committed to the repository and is the only thing the app reads
at runtime. This script is a one-off developer tool; the app must NOT import
``vietnamadminunits`` (nor numpy / pandas / shapely).

Source
------
PyPI package ``vietnamadminunits`` (MIT licence, by Tran Ngoc Minh Hieu,
https://github.com/tranngocminhhieu/vietnamadminunits). It bundles:

* ``data/dataset.db`` (SQLite): table ``admin_units_legacy`` (63 provinces /
  districts / communes as of 30 June 2025, i.e. just before the 1 July 2025
  reform) and table ``admin_units`` (34 provinces / communes after the reform),
  both with official GSO codes;
* ``data/converter_2025.json``: the legacy -> 2025 mapping at province level
  (``DICT_PROVINCE``) and at commune level (``DICT_PROVINCE_WARD_NO_DIVIDED`` /
  ``DICT_PROVINCE_WARD_DIVIDED``).

We read those two files directly (stdlib ``sqlite3`` + ``json``), locating the
package with ``importlib.util.find_spec`` *without importing it* (importing it
would pull in shapely / geopy for nothing).

Rebuild
-------
::

    python3.11 -m venv /tmp/vau-venv
    /tmp/vau-venv/bin/pip install vietnamadminunits
    cd path/to/repository
    /tmp/vau-venv/bin/python articles/data/build_localities.py

The output is deterministic (sorted, fixed formatting): rebuilding with the same
package version gives a byte-identical file.

Validate the committed file only (stdlib only, the package is not needed)::

    python articles/data/build_localities.py --check

Notes
-----
* Codes are official GSO codes as strings (provinces 2 digits, districts 3
  digits). Codes are reused between generations with different meanings (e.g.
  legacy 82 = Tiền Giang, 2025 82 = Đồng Tháp): always qualify a code with its
  generation. Alias keys are ``"legacy:<code>"`` / ``"2025:<code>"``; in the
  legacy namespace 2-digit codes are provinces and 3-digit codes are districts.
* Legacy province 46 is stored as "Thừa Thiên Huế" / "tinh" (its name until
  31 Dec 2024, which is what the article archive uses), although the package's
  30 June 2025 snapshot already calls it "Thành phố Huế" (centrally-run city from
  1 Jan 2025). Its districts are those of the 2025 snapshot (Thuận Hóa, Phú
  Xuân, ...), not the pre-2025 ones.
* District names are the official name minus the type prefix; numbered urban
  districts keep the word "Quận" ("Quận 1"), like the source does, because a
  bare "1" is meaningless.
* No commune-level rows are emitted; the commune mapping is only used to compute
  and cross-check each legacy district's 2025 successor.
"""

import argparse
import collections
import importlib.metadata
import importlib.util
import json
import sqlite3
import sys
import unicodedata
from pathlib import Path

PACKAGE = "vietnamadminunits"
OUT_PATH = Path(__file__).resolve().parent / "localities.json"

# Administrative type (as written in the source, compared case-insensitively)
# -> kind slug used by the app.
PROVINCE_KINDS = {
    "tỉnh": "tinh",
    "thành phố": "thanh-pho-tw",
}
DISTRICT_KINDS = {
    "huyện": "huyen",
    "quận": "quan",
    "thị xã": "thi-xa",
    # Includes "Thành phố Thủ Đức" (a city under HCMC, not under a province):
    # deliberately mapped to the same slug.
    "thành phố": "thanh-pho-thuoc-tinh",
}

# Deliberate overrides of the source's legacy province rows: code -> (name, kind).
LEGACY_PROVINCE_OVERRIDES = {
    # Package snapshot (30 June 2025) says "Thành phố Huế"; the 63-province
    # archive overwhelmingly uses "Thừa Thiên Huế", and the bare name "Huế" must
    # resolve to the 2025 city only.
    "46": ("Thừa Thiên Huế", "tinh"),
}

# Hand-curated alternate names used by readers / articles. Keep this small and
# unambiguous: an alias must not equal any canonical name in the file, and one
# alias string may only point to entries that share one canonical name (the
# same city in both generations, e.g. HCMC legacy:79 and 2025:79).
# Tone-placement variants (Hoà/Hòa) and diacritic-free spellings are handled by
# the app's normalizer and are intentionally absent.
_HCMC = [
    "Thành phố Hồ Chí Minh",
    "TP. Hồ Chí Minh",
    "TP Hồ Chí Minh",
    "TP.HCM",
    "TP. HCM",
    "TPHCM",
    "TP HCM",
    "Sài Gòn",
]
ALIASES = {
    # --- provinces ---
    "legacy:79": _HCMC,
    "2025:79": _HCMC,
    # Source spelling is "Bà Rịa - Vũng Tàu" (spaced ASCII hyphen).
    "legacy:77": ["Bà Rịa-Vũng Tàu", "Bà Rịa–Vũng Tàu", "Bà Rịa – Vũng Tàu", "BR-VT"],
    # "Huế" alone is NOT an alias here: it is the 2025 city's canonical name.
    "legacy:46": ["Thừa Thiên - Huế", "Thừa Thiên-Huế", "Thừa Thiên–Huế", "TT-Huế"],
    # --- districts: hyphen spelling variants ---
    # Source spelling is "Phan Rang - Tháp Chàm".
    "legacy:582": ["Phan Rang-Tháp Chàm", "Phan Rang–Tháp Chàm"],
    # --- districts: renames that kept the territory (the source's `districtAlias`
    # column, diacritics restored by hand). Former districts that were merged into a
    # neighbour are units of their own: FORMER_DISTRICTS below.
    # A dated alias was the unit's own name until that day (the resolution's effective date).
    "legacy:407": [("Tĩnh Gia", "2020-06-01")],  # -> thị xã Nghi Sơn, 933/NQ-UBTVQH14
    "legacy:754": [("Tân Thành", "2018-04-01")],  # -> thị xã Phú Mỹ, 476/NQ-UBTVQH14
}


def nfc(s):
    return unicodedata.normalize("NFC", s).strip()


def split_type(full_name, kinds):
    """Split "Huyện Minh Long" -> ("Minh Long", "huyen") using the kinds table.

    Prefix matching is case-insensitive because a few source rows are written
    "Thành Phố ..." / "Thị Xã ...".
    """
    full_name = nfc(full_name)
    for prefix in sorted(kinds, key=len, reverse=True):
        if full_name.lower().startswith(prefix + " "):
            bare = full_name[len(prefix) + 1 :].strip()
            if bare.isdigit():  # "Quận 1": keep the word, a bare "1" is useless
                bare = full_name[0].upper() + full_name[1 : len(prefix)] + " " + bare
            return bare, kinds[prefix]
    raise ValueError(f"unknown administrative prefix in {full_name!r}")


# --------------------------------------------------------------------------
# Build
# --------------------------------------------------------------------------


def package_info():
    spec = importlib.util.find_spec(PACKAGE)  # locate without importing
    if spec is None or not spec.submodule_search_locations:
        sys.exit(
            f"{PACKAGE} is not installed in this interpreter "
            f"({sys.executable}); see the module docstring."
        )
    pkg_dir = Path(list(spec.submodule_search_locations)[0])
    meta = importlib.metadata.metadata(PACKAGE)
    version = meta["Version"]
    classifiers = meta.get_all("Classifier") or []
    licence = meta.get("License") or ""
    if "MIT" not in licence and "License :: OSI Approved :: MIT License" not in classifiers:
        sys.exit(f"{PACKAGE} {version}: licence is no longer declared as MIT; re-check before use.")
    return pkg_dir, version


COMMUNE_KINDS = {
    "xã": "xa",
    "phường": "phuong",
    "thị trấn": "thi-tran",
    "đặc khu": "dac-khu",
}
REFORM_DAY = "2025-07-01"

# District-level units dissolved before the source's 30 June 2025 snapshot, which keeps
# their names only as aliases of the unit that absorbed them. The archive names them, so
# they are held for their time: "valid_to" is the first day they no longer existed (the
# effective date of the National Assembly Standing Committee resolution that merged them),
# "merged_into" the snapshot districts that took their territory, the first one the main.
# Renames that kept the same territory (huyện X -> thị xã X, Tĩnh Gia -> Nghi Sơn) are
# aliases instead, in ALIASES above.
FORMER_DISTRICTS = [
    # (internal code, name, kind, legacy province, valid_to, merged_into, resolution)
    ("h-474", "Huế", "thanh-pho-thuoc-tinh", "46", "2025-01-01", ["474", "475"],
     "1314/NQ-UBTVQH15"),
    ("h-482", "Nam Đông", "huyen", "46", "2025-01-01", ["482"], "1314/NQ-UBTVQH15"),
    ("h-045", "Thông Nông", "huyen", "04", "2020-03-01", ["045"], "897/NQ-UBTVQH14"),
    ("h-049a", "Phục Hòa", "huyen", "04", "2020-03-01", ["049"], "897/NQ-UBTVQH14"),
    ("h-049b", "Quảng Uyên", "huyen", "04", "2020-03-01", ["049"], "897/NQ-UBTVQH14"),
    ("h-148", "Kỳ Sơn", "huyen", "17", "2020-02-01", ["148"], "830/NQ-UBTVQH14"),
    ("h-193", "Hoành Bồ", "huyen", "22", "2020-01-01", ["193"], "837/NQ-UBTVQH14"),
    ("h-213", "Yên Dũng", "huyen", "24", "2025-01-01", ["213"], "1193/NQ-UBTVQH15"),
    ("h-356", "Mỹ Lộc", "huyen", "36", "2025-01-01", ["356"], "1318/NQ-UBTVQH15"),
    ("h-374a", "Ninh Bình", "thanh-pho-thuoc-tinh", "37", "2025-03-01", ["374"],
     "1318/NQ-UBTVQH15"),
    ("h-374b", "Hoa Lư", "huyen", "37", "2025-03-01", ["374"], "1318/NQ-UBTVQH15"),
    ("h-380", "Đông Sơn", "huyen", "38", "2025-01-01", ["380"], "1238/NQ-UBTVQH15"),
    ("h-412", "Cửa Lò", "thi-xa", "40", "2025-04-01", ["412"], "1243/NQ-UBTVQH15"),
    ("h-509", "Nông Sơn", "huyen", "49", "2025-01-01", ["509"], "1287/NQ-UBTVQH15"),
    ("h-525", "Tây Trà", "huyen", "51", "2020-02-01", ["525"], "867/NQ-UBTVQH14"),
    ("h-682a", "Cát Tiên", "huyen", "68", "2025-01-01", ["682"], "1252/NQ-UBTVQH15"),
    ("h-682b", "Đạ Tẻh", "huyen", "68", "2025-01-01", ["682"], "1252/NQ-UBTVQH15"),
    ("h-753a", "Đất Đỏ", "huyen", "77", "2025-01-01", ["753"], "1253/NQ-UBTVQH15"),
    ("h-753b", "Long Điền", "huyen", "77", "2025-01-01", ["753"], "1253/NQ-UBTVQH15"),
    ("h-769a", "Quận 2", "quan", "79", "2021-01-01", ["769"], "1111/NQ-UBTVQH14"),
    ("h-769b", "Quận 9", "quan", "79", "2021-01-01", ["769"], "1111/NQ-UBTVQH14"),
]  # fmt: skip


def alias_name(entry):
    """An alias is a name, or {"name", "until"} when it stopped being the unit's own."""
    return entry["name"] if isinstance(entry, dict) else entry


def split_commune(full_name):
    """Split "Xã Tân Hiệp" into ("Tân Hiệp", "xa"); numbered wards keep the word ("Phường 3")."""
    return split_type(full_name, COMMUNE_KINDS)


def squash(key):
    """The source's keys are folded and without spaces ("xatanhiep")."""
    return key.replace(" ", "")


def former_names(alias_json, own_key):
    """Names of units merged into this one, from the source's alias list (folded keys).

    The list mixes prefixed and bare spellings ("xaquanbinh", "quanbinh"); keep the bare
    ones, drop the unit's own name.
    """
    if not alias_json:
        return []
    keys = json.loads(alias_json)
    prefixes = ("thitran", "phuong", "xa", "tt", "p")
    bare = []
    for key in keys:
        for prefix in prefixes:
            if key.startswith(prefix) and key[len(prefix) :] in keys:
                break
        else:
            if key != own_key and not key.isdigit():
                bare.append(key)
    return sorted(set(bare))


def build():
    pkg_dir, version = package_info()
    db = sqlite3.connect(f"file:{pkg_dir / 'data' / 'dataset.db'}?mode=ro", uri=True)
    with open(pkg_dir / "data" / "converter_2025.json", encoding="utf-8") as f:
        conv = json.load(f)

    # ---- 2025 provinces (34) and communes (3,321) ----
    provinces_2025 = []
    key_to_code_2025 = {}
    for code, full, key in db.execute(
        "SELECT DISTINCT provinceCode, province, provinceKey FROM admin_units"
    ):
        name, kind = split_type(full, PROVINCE_KINDS)
        provinces_2025.append({"code": code, "name": name, "kind": kind})
        key_to_code_2025[key] = code
    communes_2025 = []
    commune_2025_by_key = {}
    for pkey, code, full, wkey in db.execute(
        "SELECT provinceKey, wardCode, ward, wardKey FROM admin_units"
    ):
        name, kind = split_commune(full)
        communes_2025.append(
            {"code": code, "name": name, "kind": kind, "province": key_to_code_2025[pkey]}
        )
        assert (pkey, wkey) not in commune_2025_by_key, (pkey, wkey)
        commune_2025_by_key[(pkey, wkey)] = code

    # ---- legacy -> 2025 province mapping (DICT_PROVINCE: new key -> old keys) ----
    legacy_key_to_successor = {}
    for new_key, old_keys in conv["DICT_PROVINCE"].items():
        for old_key in old_keys:
            assert old_key not in legacy_key_to_successor, old_key
            legacy_key_to_successor[old_key] = key_to_code_2025[new_key]

    # ---- legacy provinces (63) ----
    provinces_legacy = []
    for code, full, key in db.execute(
        "SELECT DISTINCT provinceCode, province, provinceKey FROM admin_units_legacy"
    ):
        name, kind = split_type(full, PROVINCE_KINDS)
        name, kind = LEGACY_PROVINCE_OVERRIDES.get(code, (name, kind))
        provinces_legacy.append(
            {"code": code, "name": name, "kind": kind, "successor": legacy_key_to_successor[key]}
        )
    legacy_prov_successor = {p["code"]: p["successor"] for p in provinces_legacy}

    # ---- commune mapping. Keys in converter_2025.json are "<provinceKey>_<districtKey>_
    # <wardKey>" (wardKey empty for the island districts that have no communes).
    successors = collections.defaultdict(list)  # legacy key -> [2025 commune codes], default 1st
    for new_pkey, new_wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_wkey, old_list in new_wards.items():
            for old in old_list:
                successors[old].append(commune_2025_by_key[(new_pkey, new_wkey)])
    for new_pkey, divided in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old, targets in divided.items():
            codes = [commune_2025_by_key[(new_pkey, t["newWardKey"])] for t in targets]
            default = [
                commune_2025_by_key[(new_pkey, t["newWardKey"])]
                for t in targets
                if t["isDefaultNewWard"]
            ]
            assert len(default) == 1, (old, targets)
            assert not successors[old], old
            successors[old] = default + sorted(set(codes) - set(default))
    for old, codes in successors.items():
        assert len(codes) == len(set(codes)), old

    # ---- legacy communes (about 10,035) ----
    communes_legacy = []
    district_successors = collections.defaultdict(collections.Counter)
    unmapped = []
    for pkey, dkey, wkey, dcode, wcode, full, alias in db.execute(
        "SELECT provinceKey, districtKey, wardKey, districtCode, wardCode, ward, wardAlias "
        "FROM admin_units_legacy ORDER BY wardCode"
    ):
        codes = successors.get(f"{pkey}_{dkey}_{wkey or ''}")
        if not codes:
            unmapped.append((pkey, dkey, wkey))
            continue
        for code in codes:
            district_successors[dcode][code] += 1
        if not wkey:  # an island district without communes: it became a special zone
            continue
        name, kind = split_commune(full)
        row = {"code": wcode, "name": name, "kind": kind, "district": dcode,
               "successors": codes}  # fmt: skip
        own = squash(name_key(name))
        former = former_names(alias, own)
        if former:
            row["former"] = former
        communes_legacy.append(row)
    if unmapped:
        sys.exit(f"{len(unmapped)} legacy communes absent from the commune mapping: {unmapped[:5]}")
    commune_province = {c["code"]: c["province"] for c in communes_2025}

    # ---- legacy districts (696) ----
    districts_legacy = []
    split_districts = []
    for pcode, dcode, full, dtype in db.execute(
        "SELECT DISTINCT provinceCode, districtCode, district, districtType FROM admin_units_legacy"
    ):
        name, kind = split_type(full, DISTRICT_KINDS)
        assert kind == DISTRICT_KINDS[dtype.lower()], (full, dtype)
        communes = district_successors[dcode]
        provinces = collections.Counter()
        for code, count in communes.items():
            provinces[commune_province[code]] += count
        if provinces:
            # Majority of communes; ties broken by code for determinism.
            successor = sorted(provinces.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            if len(provinces) > 1:
                split_districts.append((dcode, name, dict(provinces)))
        else:
            successor = legacy_prov_successor[pcode]
        districts_legacy.append(
            {"code": dcode, "name": name, "kind": kind, "province": pcode,
             "successor": successor, "successor_communes": sorted(communes)}
        )  # fmt: skip
    db.close()
    if split_districts:
        print(f"note: districts split between 2025 provinces: {split_districts}")
    by_code = {d["code"]: d for d in districts_legacy}
    for code, name, kind, province, valid_to, merged_into, resolution in FORMER_DISTRICTS:
        districts_legacy.append(
            {"code": code, "name": name, "kind": kind, "province": province,
             "successor": by_code[merged_into[0]]["successor"], "valid_to": valid_to,
             "merged_into": merged_into, "resolution": resolution}
        )  # fmt: skip

    aliases = {
        k: [{"name": nfc(a[0]), "until": a[1]} if isinstance(a, tuple) else nfc(a) for a in v]
        for k, v in ALIASES.items()
    }
    return {
        "source": f"{PACKAGE} {version} (MIT), https://pypi.org/project/{PACKAGE}/",
        "reform_day": REFORM_DAY,
        "provinces_2025": sorted(provinces_2025, key=lambda r: r["code"]),
        "provinces_legacy": sorted(provinces_legacy, key=lambda r: r["code"]),
        "districts_legacy": sorted(districts_legacy, key=lambda r: r["code"]),
        "communes_2025": sorted(communes_2025, key=lambda r: r["code"]),
        "communes_legacy": sorted(communes_legacy, key=lambda r: r["code"]),
        "aliases": {k: aliases[k] for k in sorted(aliases)},
    }


def name_key(name):
    """Folded, lower-case name: what the source's keys are made of."""
    decomposed = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


SECTIONS = (
    "provinces_2025",
    "provinces_legacy",
    "districts_legacy",
    "communes_2025",
    "communes_legacy",
)


def dumps(data):
    """Deterministic JSON: one record per line, keys in schema order."""

    def line(obj):
        return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))

    out = ["{", f' "source": {line(data["source"])},']
    out.append(f' "reform_day": {line(data["reform_day"])},')
    for section in SECTIONS:
        rows = data[section]
        out.append(f' "{section}": [')
        out.extend(f"  {line(r)}{',' if i < len(rows) - 1 else ''}" for i, r in enumerate(rows))
        out.append(" ],")
    out.append(' "aliases": {')
    items = list(data["aliases"].items())
    out.extend(
        f"  {line(k)}: {line(v)}{',' if i < len(items) - 1 else ''}"
        for i, (k, v) in enumerate(items)
    )
    out.append(" }")
    out.append("}")
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------
# Check (stdlib only; works on the committed file without the package)
# --------------------------------------------------------------------------


def check(data):
    p25 = {p["code"]: p for p in data["provinces_2025"]}
    pleg = {p["code"]: p for p in data["provinces_legacy"]}
    dleg = {d["code"]: d for d in data["districts_legacy"]}
    allowed_kinds = {
        "tinh",
        "thanh-pho-tw",
        "huyen",
        "quan",
        "thi-xa",
        "thanh-pho-thuoc-tinh",
        "xa",
        "phuong",
        "thi-tran",
        "dac-khu",
    }

    c25 = {c["code"]: c for c in data["communes_2025"]}
    cleg = {c["code"]: c for c in data["communes_legacy"]}
    for section, index in (
        ("provinces_2025", p25),
        ("provinces_legacy", pleg),
        ("districts_legacy", dleg),
        ("communes_2025", c25),
        ("communes_legacy", cleg),
    ):
        assert len(index) == len(data[section]), f"duplicate code in {section}"
        for r in data[section]:
            assert r["kind"] in allowed_kinds, r
            for v in r.values():
                for item in v if isinstance(v, list) else [v]:
                    assert item == unicodedata.normalize("NFC", item) == item.strip(), r
    assert len(p25) == 34, len(p25)
    assert len(pleg) == 63, len(pleg)
    former = {code: d for code, d in dleg.items() if "valid_to" in d}
    snapshot = {code: d for code, d in dleg.items() if "valid_to" not in d}
    assert len(snapshot) == 696, len(snapshot)
    assert all(len(c) == 2 for c in list(p25) + list(pleg))
    assert all(len(c) == 3 for c in snapshot)
    assert sum(p["kind"] == "thanh-pho-tw" for p in p25.values()) == 6
    assert len(c25) == 3321, len(c25)
    assert 10_000 <= len(cleg) <= 10_100, len(cleg)
    kinds_2025 = collections.Counter(c["kind"] for c in c25.values())
    assert kinds_2025 == {"xa": 2621, "phuong": 687, "dac-khu": 13}, kinds_2025
    for c in c25.values():
        assert c["province"] in p25, c
    for c in cleg.values():
        assert c["district"] in snapshot, c
        assert c["successors"] and all(s in c25 for s in c["successors"]), c
        # A split commune's parts stay inside one current province.
        assert len({c25[s]["province"] for s in c["successors"]}) == 1, c
    for d in snapshot.values():
        assert all(s in c25 for s in d["successor_communes"]), d
        assert d["successor_communes"], d
    for d in former.values():
        assert d["valid_to"] < data["reform_day"], d
        assert d["merged_into"] and all(m in snapshot for m in d["merged_into"]), d
        assert d["resolution"], d
    # Every current commune has at least one predecessor.
    assert {s for c in cleg.values() for s in c["successors"]} | {
        s for d in snapshot.values() for s in d["successor_communes"]
    } == set(c25)

    for p in pleg.values():
        assert p["successor"] in p25, p
    for d in dleg.values():
        assert d["province"] in pleg, d
        assert d["successor"] in p25, d
    # Every 2025 province has at least one predecessor.
    assert {p["successor"] for p in pleg.values()} == set(p25)

    def by_name(index, name):
        hits = [r for r in index.values() if r["name"] == name]
        assert len(hits) == 1, (name, hits)
        return hits[0]

    assert p25[by_name(pleg, "Bình Phước")["successor"]]["name"] == "Đồng Nai"
    assert p25[by_name(pleg, "Thừa Thiên Huế")["successor"]]["name"] == "Huế"
    assert p25[by_name(pleg, "Quảng Ngãi")["successor"]]["name"] == "Quảng Ngãi"
    assert p25[by_name(pleg, "Kon Tum")["successor"]]["name"] == "Quảng Ngãi"
    assert p25[by_name(pleg, "Tiền Giang")["successor"]]["name"] == "Đồng Tháp"
    assert p25[by_name(pleg, "Hà Tĩnh")["successor"]]["name"] == "Hà Tĩnh"
    assert p25[by_name(pleg, "Hồ Chí Minh")["successor"]]["name"] == "Hồ Chí Minh"
    assert p25[by_name(pleg, "Bình Dương")["successor"]]["name"] == "Hồ Chí Minh"
    minh_long = by_name(dleg, "Minh Long")
    assert pleg[minh_long["province"]]["name"] == "Quảng Ngãi" and minh_long["kind"] == "huyen"
    assert p25[minh_long["successor"]]["name"] == "Quảng Ngãi"
    tan_hong = by_name(dleg, "Tân Hồng")
    assert pleg[tan_hong["province"]]["name"] == "Đồng Tháp"
    assert p25[tan_hong["successor"]]["name"] == "Đồng Tháp"
    assert by_name(dleg, "Thủ Đức")["kind"] == "thanh-pho-thuoc-tinh"
    assert by_name(former, "Nam Đông")["merged_into"] == [by_name(snapshot, "Phú Lộc")["code"]]
    hue = by_name(former, "Huế")
    assert {dleg[m]["name"] for m in hue["merged_into"]} == {"Thuận Hóa", "Phú Xuân"}
    splits = [c for c in cleg.values() if len(c["successors"]) > 1]
    assert 300 <= len(splits) <= 600, len(splits)
    assert by_name(p25, "Huế")["kind"] == "thanh-pho-tw"

    # Aliases: keys must exist; no alias equals a canonical name; an alias
    # string may only point at entries sharing a single canonical name.
    canonical = {}
    for gen, index in (("2025", p25), ("legacy", pleg), ("legacy", snapshot)):
        for code, r in index.items():
            assert f"{gen}:{code}" not in canonical, f"key clash {gen}:{code}"
            canonical[f"{gen}:{code}"] = r["name"]
    canonical_names = set(canonical.values())
    alias_targets = collections.defaultdict(set)
    for key, entries in data["aliases"].items():
        assert key in canonical, f"alias key {key} does not exist"
        names = [alias_name(entry) for entry in entries]
        for entry in entries:
            if isinstance(entry, dict):
                assert set(entry) == {"name", "until"}, entry
                assert entry["until"] < data["reform_day"], entry
        assert len(names) == len(set(names)), key
        for a in names:
            assert a == unicodedata.normalize("NFC", a), a
            assert a not in canonical_names, f"alias {a!r} is also a canonical name"
            alias_targets[a].add(canonical[key])
    for a, targets in alias_targets.items():
        assert len(targets) == 1, f"ambiguous alias {a!r} -> {targets}"

    # ---- report ----
    print(f"{data['source']}")
    print(
        f"provinces_2025: {len(p25)}  provinces_legacy: {len(pleg)}  "
        f"districts_legacy: {len(snapshot)} (+{len(former)} dissolved before the snapshot)  "
        f"communes_2025: {len(c25)}  communes_legacy: {len(cleg)} "
        f"({len(splits)} split)  alias keys: {len(data['aliases'])} "
        f"({sum(map(len, data['aliases'].values()))} names)"
    )
    kinds = collections.Counter(d["kind"] for d in dleg.values())
    print("district kinds:", dict(sorted(kinds.items())))

    provs_by_name = collections.defaultdict(list)
    for d in dleg.values():
        provs_by_name[d["name"]].append(pleg[d["province"]]["name"])
    cross = {n: ps for n, ps in provs_by_name.items() if len(set(ps)) > 1}
    within = {n: ps for n, ps in provs_by_name.items() if len(ps) != len(set(ps))}
    print(
        f"legacy district names shared by >1 province: {len(cross)} names, "
        f"{sum(len(v) for v in cross.values())} districts; top: "
        + ", ".join(
            f"{n} ({len(ps)})"
            for n, ps in sorted(cross.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:6]
        )
    )
    print(
        f"legacy district names repeated inside one province: {len(within)}: "
        + ", ".join(f"{n} ({ps[0]})" for n, ps in sorted(within.items()))
    )
    clash_prov = sorted(
        n
        for n in provs_by_name
        if n in {p["name"] for p in pleg.values()} | {p["name"] for p in p25.values()}
    )
    print(f"district names equal to a province name: {len(clash_prov)}: {', '.join(clash_prov)}")
    reused = [
        f"{c} ({pleg[c]['name']} -> {p25[c]['name']})"
        for c in sorted(p25)
        if c in pleg and pleg[c]["name"] != p25[c]["name"]
    ]
    print(
        f"province codes reused with a different name across generations: {len(reused)}: "
        + ", ".join(reused)
    )
    print("check OK")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--check",
        action="store_true",
        help="only validate the existing localities.json (no package needed)",
    )
    args = ap.parse_args()
    if args.check:
        with open(OUT_PATH, encoding="utf-8") as f:
            check(json.load(f))
        return
    data = build()
    text = dumps(data)
    assert json.loads(text) == data  # the hand-rolled formatter is valid JSON
    check(data)
    OUT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {OUT_PATH} ({len(text.encode('utf-8'))} bytes)")


if __name__ == "__main__":
    main()
