"""Province and district reference data (localities.json) with fast, forgiving lookups."""

from __future__ import annotations

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
    successor: str | None = None


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
                District(d["code"], d["name"], d["kind"], d["province"], d.get("successor"))
                for d in data["districts_legacy"]
            ]
            aliases = data.get("aliases", {})
        except (KeyError, TypeError) as exc:
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
        # Memoized lookups by name (names recur from one article to the next).
        self._named: dict[tuple[bool, str], tuple] = {}
        self.run_places: dict[str, object] = {}  # scratch cache of localities.scan_places

    @staticmethod
    def _add(index: dict, name: str, entity: Province | District) -> None:
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

    def provinces_named(self, name: str) -> list[Province]:
        """Provinces (both generations) whose name or alias is exactly this, prefix allowed."""
        found = self._named.get((True, name))
        if found is None:
            if len(self._named) >= MEMO_SIZE:
                self._named.clear()
            found = self._named[(True, name)] = tuple(self._provinces_named(name))
        return list(found)

    def districts_named(self, name: str) -> list[District]:
        """Legacy districts whose name or alias is exactly this, prefix allowed."""
        found = self._named.get((False, name))
        if found is None:
            if len(self._named) >= MEMO_SIZE:
                self._named.clear()
            found = self._named[(False, name)] = tuple(self._districts_named(name))
        return list(found)

    def _provinces_named(self, name: str) -> list[Province]:
        folded = _key(name)
        found = self._verify(self._province_index.get(folded, []), name)
        if not found:
            bare = _PROVINCE_PREFIX.sub("", folded)
            if bare != folded:
                found = self._verify(self._province_index.get(bare, []), _strip_words(name, bare))
        return found

    def _districts_named(self, name: str) -> list[District]:
        folded = _key(name)
        found = self._verify(self._district_index.get(folded, []), name)
        if not found:
            bare = _DISTRICT_PREFIX.sub("", folded)
            if bare != folded:
                found = self._verify(self._district_index.get(bare, []), _strip_words(name, bare))
        return found

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
