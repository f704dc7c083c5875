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
    # --- districts: names of former districts merged into a district that
    # still existed on 30 June 2025 (taken from the package's `districtAlias`
    # column, diacritics restored by hand). Omitted on purpose: "Ninh Bình"
    # (old city merged into Hoa Lư; clashes with the province name), "Kỳ Sơn"
    # (old Hòa Bình district merged into TP Hòa Bình; clashes with Kỳ Sơn in
    # Nghệ An) and renames that kept the same name (huyện X -> thị xã X).
    "legacy:045": ["Thông Nông"],  # -> Hà Quảng (Cao Bằng)
    "legacy:049": ["Phục Hòa", "Quảng Uyên"],  # -> Quảng Hòa (Cao Bằng)
    "legacy:193": ["Hoành Bồ"],  # -> TP Hạ Long
    "legacy:213": ["Yên Dũng"],  # -> TP Bắc Giang
    "legacy:356": ["Mỹ Lộc"],  # -> TP Nam Định
    "legacy:380": ["Đông Sơn"],  # -> TP Thanh Hóa
    "legacy:407": ["Tĩnh Gia"],  # -> TX Nghi Sơn
    "legacy:412": ["Cửa Lò"],  # -> TP Vinh
    "legacy:482": ["Nam Đông"],  # -> Phú Lộc (Huế)
    "legacy:509": ["Nông Sơn"],  # -> Quế Sơn (Quảng Nam)
    "legacy:525": ["Tây Trà"],  # -> Trà Bồng (Quảng Ngãi)
    "legacy:682": ["Cát Tiên", "Đạ Tẻh"],  # -> Đạ Huoai (Lâm Đồng)
    "legacy:753": ["Đất Đỏ", "Long Điền"],  # -> Long Đất (BR-VT)
    "legacy:754": ["Tân Thành"],  # -> TP Phú Mỹ (BR-VT)
    "legacy:769": ["Quận 2", "Quận 9"],  # -> TP Thủ Đức (HCMC)
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


def build():
    pkg_dir, version = package_info()
    db = sqlite3.connect(f"file:{pkg_dir / 'data' / 'dataset.db'}?mode=ro", uri=True)
    with open(pkg_dir / "data" / "converter_2025.json", encoding="utf-8") as f:
        conv = json.load(f)

    # ---- 2025 provinces (34) ----
    provinces_2025 = []
    key_to_code_2025 = {}
    for code, full, key in db.execute(
        "SELECT DISTINCT provinceCode, province, provinceKey FROM admin_units"
    ):
        name, kind = split_type(full, PROVINCE_KINDS)
        provinces_2025.append({"code": code, "name": name, "kind": kind})
        key_to_code_2025[key] = code

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

    # ---- commune-level mapping: count, per legacy district, how many of its
    # communes went to each 2025 province. Keys in converter_2025.json are
    # "<provinceKey>_<districtKey>_<wardKey>" (wardKey empty for the island
    # districts that have no communes).
    ward_key_to_district = {}
    for pkey, dkey, wkey, dcode in db.execute(
        "SELECT provinceKey, districtKey, wardKey, districtCode FROM admin_units_legacy"
    ):
        ward_key_to_district[f"{pkey}_{dkey}_{wkey or ''}"] = dcode
    tally = collections.defaultdict(collections.Counter)
    mapped = set()
    for new_key, new_wards in conv["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for old_list in new_wards.values():
            for old in old_list:
                tally[ward_key_to_district[old]][key_to_code_2025[new_key]] += 1
                mapped.add(old)
    for new_key, divided in conv["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old in divided:  # a divided commune stays inside one 2025 province
            tally[ward_key_to_district[old]][key_to_code_2025[new_key]] += 1
            mapped.add(old)
    unmapped = set(ward_key_to_district) - mapped
    if unmapped:
        print(
            f"warning: {len(unmapped)} legacy communes absent from the commune mapping",
            file=sys.stderr,
        )

    # ---- legacy districts ----
    districts_legacy = []
    split_districts = []
    for pcode, dcode, full, dtype in db.execute(
        "SELECT DISTINCT provinceCode, districtCode, district, districtType FROM admin_units_legacy"
    ):
        name, kind = split_type(full, DISTRICT_KINDS)
        assert kind == DISTRICT_KINDS[dtype.lower()], (full, dtype)
        counts = tally.get(dcode)
        if counts:
            # Majority of communes; ties broken by code for determinism.
            successor = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
            if len(counts) > 1:
                split_districts.append((dcode, name, dict(counts)))
        else:
            successor = legacy_prov_successor[pcode]
        districts_legacy.append(
            {"code": dcode, "name": name, "kind": kind, "province": pcode, "successor": successor}
        )
    db.close()
    if split_districts:
        print(f"note: districts split between 2025 provinces: {split_districts}")

    aliases = {k: [nfc(a) for a in v] for k, v in ALIASES.items()}
    return {
        "source": f"{PACKAGE} {version} (MIT), https://pypi.org/project/{PACKAGE}/",
        "provinces_2025": sorted(provinces_2025, key=lambda r: r["code"]),
        "provinces_legacy": sorted(provinces_legacy, key=lambda r: r["code"]),
        "districts_legacy": sorted(districts_legacy, key=lambda r: r["code"]),
        "aliases": {k: aliases[k] for k in sorted(aliases)},
    }


def dumps(data):
    """Deterministic JSON: one record per line, keys in schema order."""

    def line(obj):
        return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))

    out = ["{", f' "source": {line(data["source"])},']
    for section in ("provinces_2025", "provinces_legacy", "districts_legacy"):
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

    for section, index in (
        ("provinces_2025", p25),
        ("provinces_legacy", pleg),
        ("districts_legacy", dleg),
    ):
        assert len(index) == len(data[section]), f"duplicate code in {section}"
        for r in data[section]:
            assert r["kind"] in allowed_kinds, r
            for v in r.values():
                assert v == unicodedata.normalize("NFC", v) and v == v.strip(), r
    assert len(p25) == 34, len(p25)
    assert len(pleg) == 63, len(pleg)
    assert 690 <= len(dleg) <= 715, len(dleg)
    assert all(len(c) == 2 for c in list(p25) + list(pleg))
    assert all(len(c) == 3 for c in dleg)
    assert sum(p["kind"] == "thanh-pho-tw" for p in p25.values()) == 6

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
    assert by_name(p25, "Huế")["kind"] == "thanh-pho-tw"

    # Aliases: keys must exist; no alias equals a canonical name; an alias
    # string may only point at entries sharing a single canonical name.
    canonical = {}
    for gen, index in (("2025", p25), ("legacy", pleg), ("legacy", dleg)):
        for code, r in index.items():
            assert f"{gen}:{code}" not in canonical, f"key clash {gen}:{code}"
            canonical[f"{gen}:{code}"] = r["name"]
    canonical_names = set(canonical.values())
    alias_targets = collections.defaultdict(set)
    for key, names in data["aliases"].items():
        assert key in canonical, f"alias key {key} does not exist"
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
        f"districts_legacy: {len(dleg)}  alias keys: {len(data['aliases'])} "
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
