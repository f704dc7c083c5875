"""Provinces, districts and communes of both eras (localities.json), with forgiving lookups.

Codes are unique only within an era: a legacy unit ("legacy", before 1 July 2025: 63
provinces, their districts, communes under districts) and a current one ("2025": 34
provinces, communes directly under them) may share a code. Always qualify a code with its era.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from articles.text import fold, fold_key, match_key

from .errors import GazetteerError

cached_match_key = functools.lru_cache(maxsize=8192)(match_key)


@functools.lru_cache(maxsize=8192)
def folded_word(text: str) -> str:
    """fold_key without a final dot, for the few spellings of level and committee words."""
    return fold_key(text).rstrip(".")


MEMO_SIZE = 20000  # entries of each lookup memo before it is emptied

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "localities.json"

_PROVINCE_PREFIX = re.compile(r"^(?:tinh|thanh pho|tp\.?)\s*")
_DISTRICT_PREFIX = re.compile(r"^(?:huyen|quan|thi xa|thanh pho|tp\.?|tx\.?)\s*")
_COMMUNE_PREFIX = re.compile(r"^(?:xa|phuong|thi tran|dac khu|p\.|tt\.|x\.)\s*")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
LEGACY = "legacy"
CURRENT = "2025"
DEFAULT_REFORM_DAY = dt.date(2025, 7, 1)
# Short forms of provinces in portal host names, beside the names with their spaces removed.
HOST_SHORT_FORMS = {
    "hcm": ("79",),
    "tphcm": ("79",),
    "hcmc": ("79",),
    "hochiminhcity": ("79",),
    "hanoi": ("01",),
    "danang": ("48",),
    "hue": ("46",),
    "thuathienhue": ("46",),
    "brvt": ("77",),
}


@dataclass(frozen=True, slots=True)
class Province:
    """A province or centrally-run city of one generation ("legacy" = 63, "2025" = 34)."""

    code: str
    name: str
    kind: str
    generation: str
    successor: str | None = None  # 2025 code of a legacy province


@dataclass(frozen=True, slots=True)
class District:
    """A legacy district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh)."""

    code: str
    name: str
    kind: str
    province: str  # legacy province code
    successor: str | None = None  # 2025 province code
    valid_to: dt.date | None = None  # first day it no longer existed (dissolved before 2025)
    merged_into: tuple[str, ...] = ()  # legacy districts that took its territory, main first
    successor_communes: tuple[str, ...] = ()  # 2025 commune codes covering its territory

    def in_force(self, day: dt.date | None) -> bool:
        """True when the district existed on day (any day when unknown)."""
        return day is None or self.valid_to is None or day < self.valid_to


@dataclass(frozen=True, slots=True)
class Commune:
    """A commune-level unit (xã, phường, thị trấn, đặc khu) of one era."""

    code: str
    name: str
    kind: str  # xa, phuong, thi-tran (legacy), dac-khu (2025)
    era: str  # "legacy" or "2025"
    parent: str  # legacy district code, or 2025 province code
    successors: tuple[str, ...] = ()  # 2025 commune codes of a legacy commune, default first
    former: tuple[str, ...] = ()  # folded, space-free names of communes merged into it


def squash(text: str) -> str:
    """Folded name without spaces or punctuation, as in host names: "Kiên Giang" -> "kiengiang"."""
    return _NOT_ALNUM.sub("", fold_key(text).replace("đ", "d"))


def _key(text: str) -> str:
    return fold_key(text).replace("–", "-")


class Gazetteer:
    """Lookups of provinces and districts by name, accent/case/tone-insensitive."""

    def __init__(self, data: dict) -> None:
        try:
            self.source = data.get("source", "")
            self.provinces = [
                Province(p["code"], p["name"], p["kind"], "legacy", p.get("successor"))
                for p in data["provinces_legacy"]
            ] + [Province(p["code"], p["name"], p["kind"], "2025") for p in data["provinces_2025"]]
            self.districts = [
                District(
                    d["code"],
                    d["name"],
                    d["kind"],
                    d["province"],
                    d.get("successor"),
                    dt.date.fromisoformat(d["valid_to"]) if d.get("valid_to") else None,
                    tuple(d.get("merged_into", ())),
                    tuple(d.get("successor_communes", ())),
                )
                for d in data["districts_legacy"]
            ]
            aliases = {
                ref: [entry["name"] if isinstance(entry, dict) else entry for entry in names]
                for ref, names in data.get("aliases", {}).items()
            }
            self.reform_day = dt.date.fromisoformat(data.get("reform_day") or "2025-07-01")
            self.communes = [
                Commune(c["code"], c["name"], c["kind"], CURRENT, c["province"])
                for c in data.get("communes_2025", [])
            ] + [
                Commune(
                    c["code"],
                    c["name"],
                    c["kind"],
                    LEGACY,
                    c["district"],
                    tuple(c.get("successors", ())),
                    tuple(c.get("former", ())),
                )
                for c in data.get("communes_legacy", [])
            ]
        except (KeyError, TypeError, ValueError) as exc:
            raise GazetteerError(f"Dữ liệu địa danh sai định dạng: {exc!r}") from exc
        self._legacy = {p.code: p for p in self.provinces if p.generation == "legacy"}
        self._new = {p.code: p for p in self.provinces if p.generation == "2025"}
        self._district_by_code = {d.code: d for d in self.districts}
        # folded key -> list of (match_key of the indexed spelling, entity)
        self._province_index: dict[str, list[tuple[str, Province]]] = {}
        self._district_index: dict[str, list[tuple[str, District]]] = {}
        for province in self.provinces:
            self._add(self._province_index, province.name, province)
        for district in self.districts:
            self._add(self._district_index, district.name, district)
        for ref, names in aliases.items():
            generation, _, code = ref.partition(":")
            for name in names:
                if generation == "2025" and code in self._new:
                    self._add(self._province_index, name, self._new[code])
                elif generation == "legacy" and code in self._legacy:
                    self._add(self._province_index, name, self._legacy[code])
                elif generation == "legacy" and code in self._district_by_code:
                    self._add(self._district_index, name, self._district_by_code[code])
        self.alias_pattern = _alias_pattern(aliases)
        # The aliases without the word-boundary checks: a fast test that a text has none.
        self.alias_hint = _alias_hint(aliases)
        self._legacy_of_new = {code: self._compute_legacy(p) for code, p in self._new.items()}
        self.max_words = max(
            (len(k.split()) for k in (*self._province_index, *self._district_index)), default=1
        )
        # First words of every indexed key: a run whose first folded word is not one of
        # them cannot start a place name.
        self.first_words = frozenset(
            k.split(" ")[0] for k in (*self._province_index, *self._district_index)
        )
        self._absorbed: dict[str, list[District]] = {}
        for district in self.districts:
            if district.valid_to is not None:
                for code in district.merged_into:
                    self._absorbed.setdefault(code, []).append(district)
        self._commune_by_code = {(c.era, c.code): c for c in self.communes}
        self._commune_index: dict[str, list[tuple[str, Commune]]] = {}
        self._former_index: dict[str, list[Commune]] = {}
        for commune in self.communes:
            self._add(self._commune_index, commune.name, commune)
            for former in commune.former:
                self._former_index.setdefault(former, []).append(commune)
        self.commune_max_words = max((len(k.split()) for k in self._commune_index), default=1)
        self._host_provinces = self._index_host_provinces(aliases)
        self._host_units: dict[str, list[District | Commune]] = {}
        for unit in (*self.districts, *self.communes):
            self._host_units.setdefault(squash(unit.name), []).append(unit)
        # Memoized lookups by name (names recur from one article to the next).
        self._named: dict[tuple[str, str], tuple] = {}
        self.run_places: dict[str, object] = {}  # scratch cache of localities.scan_places

    def _index_host_provinces(self, aliases: dict) -> dict[str, list[Province]]:
        index: dict[str, list[Province]] = {}

        def add(label: str, province: Province | None) -> None:
            if province is not None and province not in index.setdefault(label, []):
                index[label].append(province)

        for province in self.provinces:
            add(squash(province.name), province)
        for ref, names in aliases.items():
            generation, _, code = ref.partition(":")
            table = self._new if generation == CURRENT else self._legacy
            for name in names:
                add(squash(name), table.get(code))
        for label, codes in HOST_SHORT_FORMS.items():
            for code in codes:
                add(label, self._new.get(code))
                add(label, self._legacy.get(code))
        return index

    @staticmethod
    def _add(index: dict, name: str, entity: Province | District | Commune) -> None:
        entries = index.setdefault(_key(name), [])
        entry = (match_key(name), entity)
        if entry not in entries:
            entries.append(entry)

    @classmethod
    def from_file(cls, path: str | Path) -> Gazetteer:
        """Load a localities.json file."""
        try:
            with open(path, encoding="utf-8") as handle:
                return cls(json.load(handle))
        except FileNotFoundError as exc:
            raise GazetteerError(f"Không tìm thấy tệp địa danh: {path}") from exc
        except json.JSONDecodeError as exc:
            raise GazetteerError(f"Tệp địa danh không phải JSON hợp lệ: {path}: {exc}") from exc

    # -- raw lookups -------------------------------------------------------

    @staticmethod
    def _verify(entries: list, name: str) -> list:
        if not entries:
            return []
        if fold(name) == name:  # typed without diacritics: accept the folded match
            return [entity for _, entity in entries]
        key = cached_match_key(name).replace("–", "-")
        return [entity for spelled, entity in entries if spelled.replace("–", "-") == key]

    def _named_in(self, level: str, index: dict, prefix: re.Pattern, name: str) -> tuple:
        """Entries of ``index`` whose name or alias is exactly ``name``, its administrative
        prefix allowed; memoized (names recur from one article to the next)."""
        found = self._named.get((level, name))
        if found is None:
            if len(self._named) >= MEMO_SIZE:
                self._named.clear()
            folded = _key(name)
            hits = self._verify(index.get(folded, []), name)
            if not hits:
                bare = prefix.sub("", folded)
                if bare != folded:
                    hits = self._verify(index.get(bare, []), _strip_words(name, bare))
            found = self._named[(level, name)] = tuple(hits)
        return found

    def provinces_named(self, name: str) -> list[Province]:
        """Provinces (both generations) whose name or alias is exactly this, prefix allowed."""
        return list(self._named_in("province", self._province_index, _PROVINCE_PREFIX, name))

    def districts_named(self, name: str) -> list[District]:
        """Legacy districts whose name or alias is exactly this, prefix allowed."""
        return list(self._named_in("district", self._district_index, _DISTRICT_PREFIX, name))

    def communes_named(self, name: str, era: str | None = None) -> list[Commune]:
        """Communes (of one era, or both) whose name is exactly this, prefix allowed."""
        found = self._named_in("commune", self._commune_index, _COMMUNE_PREFIX, name)
        return [c for c in found if era is None or c.era == era]

    def communes_formerly_named(self, name: str) -> list[Commune]:
        """Legacy communes that absorbed a commune of this name before 2025."""
        return list(self._former_index.get(squash(_COMMUNE_PREFIX.sub("", _key(name))), ()))

    def has_key(self, folded: str) -> bool:
        """True when a folded, lowercased name may be a province or district."""
        return folded in self._province_index or folded in self._district_index

    # -- answers -------------------------------------------------------------

    def find_province(self, name: str, generation: str | None = None) -> Province | None:
        """The province with this name; legacy first unless a generation is asked for."""
        found = self.provinces_named(name)
        if generation:
            found = [p for p in found if p.generation == generation]
        legacy = [p for p in found if p.generation == "legacy"]
        return (legacy or found or [None])[0]

    def find_districts(self, name: str, province: str | None = None) -> list[District]:
        """All districts with this name (several when ambiguous), optionally in one province."""
        found = self.districts_named(name)
        if province is not None:
            code = self._province_code(province)
            found = [d for d in found if d.province == code]
        return found

    def province_of_district(self, name: str) -> Province | None:
        """The legacy province of a district name, only when all candidates agree."""
        codes = {d.province for d in self.districts_named(name)}
        if len(codes) != 1:
            return None
        return self._legacy.get(codes.pop())

    def find_communes(
        self,
        name: str,
        *,
        era: str,
        province: str | None = None,
        district: str | None = None,
    ) -> list[Commune]:
        """Communes of an era with this name, optionally inside a province or a legacy district.

        province is a code of that era or a name; district a legacy code or name (a former
        district stands for the districts that took its territory).
        """
        found = self.communes_named(name, era)
        if province is not None:
            code = self._province_code_in(province, era)
            found = [c for c in found if self.province_code_of(c) == code]
        if district is not None:
            districts = [self.district(district)] if self.district(district) else []
            districts = districts or self.districts_named(district)
            found = [c for c in found if any(self.commune_in_district(c, d) for d in districts)]
        return found

    def commune(self, code: str, era: str) -> Commune | None:
        """Commune by era and GSO code."""
        return self._commune_by_code.get((era, code))

    def province_code_of(self, commune: Commune) -> str | None:
        """The code (in the commune's era) of the commune's province."""
        if commune.era == CURRENT:
            return commune.parent
        district = self._district_by_code.get(commune.parent)
        return district.province if district else None

    def commune_in_district(self, commune: Commune, district: District) -> bool:
        """True when a commune lies in a legacy district (or in what became of a former one)."""
        if commune.era == CURRENT:
            covering = district.successor_communes or tuple(
                code
                for merged in district.merged_into
                for code in getattr(self._district_by_code.get(merged), "successor_communes", ())
            )
            return commune.code in covering
        return commune.parent == district.code or commune.parent in district.merged_into

    def absorbed_before(self, district_code: str, day: dt.date | None) -> bool:
        """True when a former district still in force on day was merged into this district:
        its communes' district of that day is then uncertain."""
        return any(d.in_force(day) for d in self._absorbed.get(district_code, ()))

    def hosts(self, label: str) -> tuple[list[Province], list[District | Commune]]:
        """Provinces and units whose space-free folded name is this host-name label."""
        return self._host_provinces.get(label, []), self._host_units.get(label, [])

    def district(self, code: str) -> District | None:
        """Legacy district by GSO code."""
        return self._district_by_code.get(code)

    def legacy_province(self, code: str) -> Province | None:
        """Legacy province by GSO code."""
        return self._legacy.get(code)

    def province_2025(self, code: str) -> Province | None:
        """2025 province by GSO code."""
        return self._new.get(code)

    def legacy_for(self, province: Province) -> Province | None:
        """The legacy province a mention stands for (a 2025 name with one predecessor)."""
        if province.generation == "legacy":
            return province
        return self._legacy_of_new.get(province.code)

    def _compute_legacy(self, province: Province) -> Province | None:
        same = [p for p in self._legacy.values() if match_key(p.name) == match_key(province.name)]
        if same:
            return same[0]
        predecessors = [p for p in self._legacy.values() if p.successor == province.code]
        return predecessors[0] if len(predecessors) == 1 else None

    def _province_code_in(self, province: str, era: str) -> str | None:
        table = self._new if era == CURRENT else self._legacy
        if province in table:
            return province
        found = self.find_province(province, generation=era)
        return found.code if found else None

    def _province_code(self, province: str) -> str | None:
        if province in self._legacy:
            return province
        found = self.find_province(province, generation="legacy")
        return found.code if found else None


def _alias_alternatives(aliases: dict) -> str | None:
    """Alternation of the aliases that are not plain capitalized names ("TP.HCM", "BR-VT")."""
    odd = {
        name
        for names in aliases.values()
        for name in names
        if len(name) >= 4
        and (any(ch in name for ch in ".-–") or sum(c.isupper() for c in name) > 3)
    }
    if not odd:
        return None
    # "thành phố" is abbreviated "TP" or "Tp": "Tp.HCM", "Tp. HCM" as well as "TP.HCM".
    odd |= {"Tp" + name[2:] for name in odd if name.startswith("TP")}
    return "|".join(re.escape(n) for n in sorted(odd, key=len, reverse=True))


def _alias_pattern(aliases: dict) -> re.Pattern | None:
    """Regex of aliases that are not plain capitalized names ("TP.HCM", "BR-VT")."""
    alternatives = _alias_alternatives(aliases)
    if alternatives is None:
        return None
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def _alias_hint(aliases: dict) -> re.Pattern | None:
    """The same aliases without the word-boundary checks: it matches wherever the full pattern
    does, and is much faster to search (a literal-prefix scan)."""
    alternatives = _alias_alternatives(aliases)
    return re.compile(alternatives) if alternatives is not None else None


def _strip_words(name: str, bare_folded: str) -> str:
    """The last words of name matching the bare folded key (to verify diacritics)."""
    words = name.split()
    count = len(bare_folded.split())
    return " ".join(words[-count:]) if count else name


@functools.lru_cache(maxsize=8)
def _load(path: str) -> Gazetteer:
    return Gazetteer.from_file(path)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The gazetteer for a file (default: articles/data/localities.json), loaded once."""
    return _load(str(Path(path).resolve() if path else DEFAULT_PATH))
