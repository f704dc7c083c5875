"""Which province, district and commune a report is about, from weighted place mentions.

The units are read in the era of the article's day: before 1 July 2025 the legacy units
(63 provinces, districts, communes under districts; a district dissolved earlier counts only
until its valid_to), from that day the current ones (34 provinces, communes under them, no
districts). A unit of the other era named in the text ("huyện Tân Hồng (cũ)") is a mention
of that era and evidence for the province it lies in today. An undated article is read in
both eras and resolved only as far as the two readings agree.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .gazetteer import CURRENT, LEGACY, Commune, District, Gazetteer, Province, folded_word, squash
from .lexicon import CAPITALIZED_RUN, LETTER, SURNAMES, UPPER, fast_fold, words
from .model import LocalityMention
from .people import TITLE_HEAD

_I = re.IGNORECASE
_PREFIX_WORDS = r"tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|tx\.?|thị\s+trấn|xã|phường|đặc\s+khu"
_PREFIX = re.compile(rf"(?<![\w])(?=[tThHqQxXpPđĐ])({_PREFIX_WORDS})\s+(?=[\w'’])", _I)
# _PREFIX for lower-cased text, without its look-behind (checked by _WORD_START): a literal
# scan that is twice as fast. Equivalent because lower() keeps every position (checked).
_PREFIX_LOWER = re.compile(rf"({_PREFIX_WORDS})\s+(?=[\w'’])")
# Capitalised abbreviations before a capitalised name or a number: "P. 3", "TT.Sa Rài",
# "X. Tân Hiệp", "H. Nam Đông", "TX.Hương Thủy", "TP.Vinh" (the look-behind is checked apart).
_ABBREVIATION = re.compile(rf"(TT|TX|TP|Tp|P|X|H)\. ?(?=[{UPPER}0-9])")
_PROVINCE_WORDS = frozenset({"tinh"})
_CITY_WORDS = frozenset({"thanh pho", "tp"})
_DISTRICT_WORDS = frozenset({"huyen", "quan", "thi xa", "tx", "h"})
# Commune words and the kinds they name.
_COMMUNE_WORDS = {
    "xa": "xa",
    "x": "xa",
    "phuong": "phuong",
    "p": "phuong",
    "thi tran": "thi-tran",
    "tt": "thi-tran",
    "dac khu": "dac-khu",
}
# How a numbered unit's name is written: "Phường 3", "Quận 1".
_NUMBERED = {"phuong": "Phường", "p": "Phường", "quan": "Quận"}
_RANK = {"commune": 0, "district": 1, "city": 1.5, "province": 2}
# Between a unit and its parent: "xã A (huyện B, tỉnh C)", "xã A, huyện B", "huyện B (cũ), ".
_PARENT_GAP = re.compile(r"\s*(?:\((?:cũ|mới)\)\s*)?(?:,|\(|-|–)\s*")
# A title after a name: "Lê Quang Bình, Chủ tịch UBND huyện" (the name is a person).
_TITLE_SEPARATOR = re.compile(r"\s*(?:,|-|–|\()\s*")
HOST_WEIGHT = 1.5  # a portal's host name: weaker than the site name, headline or lead
COMMUNE_TO_PARENT = 0.5  # share of a commune's score credited to its district and province
_WORD_START = re.compile(r"(?<![\w])")
_TOKEN = re.compile(rf"[{LETTER}0-9'’]+")
_NOT_A_PLACE_BEFORE = re.compile(
    r"(?:chủ tịch|bác|đồng chí|cộng sản|tư tưởng|đường|phố|trường|xã|phường|thôn|ấp|bản|làng|"
    r"thị trấn|sông|núi|(?<!điểm )cầu|chợ|quốc lộ|tỉnh lộ|đồn|ông|bà|anh|chị|gương|đạo đức|"
    r"phong cách|"
    r"lăng|di chúc|học viện|hồ)\s*$",
    _I,
)
_BRIDGE = re.compile(r"điểm\s+cầu\s+(?:tỉnh\s+|thành\s+phố\s+|huyện\s+)?$", _I)
# Matched against the lower-cased text (faster than IGNORECASE).
_SELF_BEFORE = r"(?<!các )(?<!\w)"
_DISTRICT_SELF_BODY = (
    r"(?:huyện ủy|hđnd huyện|ubnd huyện|ủy ban nhân dân huyện|toàn huyện|"
    r"cấp huyện|ban chỉ đạo huyện|của huyện|công an huyện|quân sự huyện|qcdc huyện)"
    r"(?!\s*,\s*thị)"
)
_PROVINCE_SELF_BODY = (
    r"(?:tỉnh ủy|hđnd tỉnh|ubnd tỉnh|ủy ban nhân dân tỉnh|toàn tỉnh|cấp tỉnh|"
    r"tỉnh nhà|của tỉnh)(?!\w)"
)
DISTRICT_SELF = re.compile(_SELF_BEFORE + _DISTRICT_SELF_BODY)
PROVINCE_SELF = re.compile(_SELF_BEFORE + _PROVINCE_SELF_BODY)
# The same without the look-behinds (which make the regex engine try every position).
_DISTRICT_SELF_FAST = re.compile(_DISTRICT_SELF_BODY)
_PROVINCE_SELF_FAST = re.compile(_PROVINCE_SELF_BODY)
_SELF_START = re.compile(_SELF_BEFORE)
MIN_SCORE = 2.0
# A place right after "tại"/"ở" (the clause may name a hall first): a venue.
_VENUE_BEFORE = re.compile(r"(?<!\w)(?:tại|ở)\s+(?:[^,.;:()\n]{0,50}?\s)?$", _I)
# Organizers above the district level: a province's bodies or a central one.
_HIGHER_LEVEL = re.compile(
    r"(?<!\w)(?:tỉnh|trung\s+ương|tw|tư|chính\s+phủ|quốc\s+hội|bộ\s+chính\s+trị)(?!\w)", _I
)
_DISTRICT_LEVEL = re.compile(
    r"(?<!\w)(?:huyện|quận|thị\s+xã|thị\s+ủy|thành\s+phố|thành\s+ủy|xã|phường|thị\s+trấn|"
    r"tp\.?|tx\.?)(?!\w)",
    _I,
)


@dataclass(slots=True)
class PlaceHit:
    """One place name found in a text, with its candidates in both eras."""

    start: int
    end: int
    text: str
    provinces: list[Province]
    districts: list[District]
    bonus: float = 0.0
    venue: bool = False  # "tại thành phố Vinh": where a meeting took place
    level: str = "any"  # province, city (thành phố: province or district), district, commune
    communes: list[Commune] = field(default_factory=list)  # both eras
    kind: str | None = None  # commune kind the prefix names (xa, phuong, thi-tran, dac-khu)
    former: list[Commune] = field(default_factory=list)  # legacy communes that absorbed it
    parents: list[PlaceHit] = field(default_factory=list)  # "(huyện B, tỉnh C)" after it


@dataclass(slots=True)
class HostHint:
    """Places a source URL's host name points to ("tanhiep.kiengiang.gov.vn")."""

    host: str
    provinces: list[Province] = field(default_factory=list)
    units: list[District | Commune] = field(default_factory=list)


@dataclass(slots=True)
class LocalityResult:
    """The report's units (all of one era), the other places named, and review signals."""

    province: Province | None = None
    district: District | None = None
    commune: Commune | None = None
    era: str | None = None  # "legacy" or "2025": the era of province, district, commune
    mentions: list[LocalityMention] = field(default_factory=list)
    district_unnamed: bool = False  # the report speaks of "huyện" but never names it
    era_unknown: bool = False  # undated, and the two eras' readings disagree
    commune_evidence: bool = False  # some commune name was read in this era
    province_evidence: bool = False


def _words_after(text: str, start: int, limit: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    position = start
    for match in _TOKEN.finditer(text, start):
        gap = text[position : match.start()]
        if spans and gap not in (" ", " - ", "-", " – "):
            break
        if not spans and match.start() != start:
            break
        spans.append(match.span())
        position = match.end()
        if len(spans) >= limit:
            break
    return spans


def scan_places(
    text: str, gazetteer: Gazetteer, people: frozenset[str] = frozenset()
) -> list[PlaceHit]:
    """Places named in a text: "tỉnh X"/"huyện Y"/"xã Z" phrases and their abbreviations,
    bare capitalized province and district names (never inside a person's name), aliases.

    people holds officials' names found in the report: a run that starts one is no place.
    """
    hits: list[PlaceHit] = []
    covered: set[int] = set()
    for prefix_start, prefix_end, raw_word in _all_prefixes(text):
        word = folded_word(raw_word)
        hit = _prefixed_hit(text, prefix_start, prefix_end, word, gazetteer)
        if hit is not None:
            hits.append(hit)
            covered.update(range(prefix_start, hit.end))
    for run in CAPITALIZED_RUN.finditer(text):
        start = run.start()
        if start in covered:
            continue
        found = _run_place(run.group(), gazetteer)
        if found is None:
            continue
        name, provinces, districts = found
        if _not_a_place_before(text[max(0, start - 20) : start]):
            continue
        if _person_run(text, run, people):
            continue
        bonus = 2.0 if _bridge_before(text[max(0, start - 25) : start]) else 0.0
        hit = PlaceHit(start, start + len(name), name, list(provinces), list(districts), bonus)
        hit.level = "province" if provinces else "district"
        hit.venue = bool(districts) and _is_venue(text, start)
        hits.append(hit)
    hint = gazetteer.alias_hint
    if hint is not None and gazetteer.alias_pattern and hint.search(text):
        for match in gazetteer.alias_pattern.finditer(text):
            if match.start() in covered:
                continue
            provinces = gazetteer.provinces_named(match.group())
            if provinces:
                hit = PlaceHit(match.start(), match.end(), match.group(), provinces, [])
                hit.level = "province"
                hits.append(hit)
    if len(hits) > 1:
        hits.sort(key=lambda h: h.start)
        _link_parents(text, hits)
    return hits


def _prefixed_hit(
    text: str, prefix_start: int, prefix_end: int, word: str, gazetteer: Gazetteer
) -> PlaceHit | None:
    """The unit named after an administrative word, longest name first."""
    commune_kind = _COMMUNE_WORDS.get(word)
    limit = gazetteer.commune_max_words if commune_kind else gazetteer.max_words
    spans = _words_after(text, prefix_end, limit)
    if not spans:
        return None
    first = text[spans[0][0]]
    if first.isdigit():
        if word not in _NUMBERED or spans[0][1] - spans[0][0] > 3:
            return None
        end = spans[0][1]
        name = f"{_NUMBERED[word]} {text[spans[0][0] : end]}"
        if commune_kind:
            communes = gazetteer.communes_named(name)
            return _commune_hit(text, prefix_start, end, name, communes, [], commune_kind)
        districts = gazetteer.districts_named(name)
        if not districts:
            return None
        return _district_hit(text, prefix_start, end, name, [], districts, "district")
    if not first.isupper():
        return None
    for count in range(len(spans), 0, -1):
        end = spans[count - 1][1]
        name = text[spans[0][0] : end]
        if commune_kind:
            communes = gazetteer.communes_named(name)
            former = [] if communes else gazetteer.communes_formerly_named(name)
            if communes or former:
                return _commune_hit(text, prefix_start, end, name, communes, former, commune_kind)
            continue
        is_province_word = word in _PROVINCE_WORDS or word in _CITY_WORDS
        provinces = gazetteer.provinces_named(name) if is_province_word else []
        districts = [] if word in _PROVINCE_WORDS else gazetteer.districts_named(name)
        if provinces or districts:
            if word in _PROVINCE_WORDS:
                level = "province"
            elif word in _CITY_WORDS and provinces:
                level = "city"
            else:
                level = "district" if districts else "province"
            return _district_hit(text, prefix_start, end, name, provinces, districts, level)
    return None


def _district_hit(text, start, end, name, provinces, districts, level) -> PlaceHit:
    hit = PlaceHit(start, end, name, provinces, districts, level=level)
    hit.venue = bool(districts) and _is_venue(text, start)
    return hit


def _commune_hit(text, start, end, name, communes, former, kind) -> PlaceHit:
    hit = PlaceHit(start, end, name, [], [], level="commune", communes=communes, kind=kind)
    hit.former = former
    hit.venue = _is_venue(text, start)
    return hit


def _link_parents(text: str, hits: list[PlaceHit]) -> None:
    """Give each unit the higher units written right after it: "xã A (huyện B, tỉnh C)"."""
    for index, hit in enumerate(hits):
        previous = hit
        for following in hits[index + 1 : index + 3]:
            gap = _PARENT_GAP.fullmatch(text, previous.end, following.start)
            if gap is None or _RANK[following.level] <= _RANK[previous.level]:
                break
            hit.parents.append(following)
            previous = following


def _person_run(text: str, run: re.Match, people: frozenset[str]) -> bool:
    """True when a capitalized run is a person's name: an official found in the report, or
    a surname-led name with a title right after it ("Lê Quang Bình, Chủ tịch UBND huyện")."""
    run_text = run.group()
    if people and any(run_text.startswith(name) for name in people):
        return True
    if " " not in run_text or run_text.split(" ", 1)[0] not in SURNAMES:
        return False
    separator = _TITLE_SEPARATOR.match(text, run.end())
    return separator is not None and TITLE_HEAD.match(text, separator.end()) is not None


def _is_venue(text: str, start: int) -> bool:
    """True when the place at start is where something happens: "tại (Hội trường) huyện X"."""
    window = text[max(0, start - 60) : start]
    lowered = window.lower()
    return ("tại" in lowered or "ở" in lowered) and bool(_VENUE_BEFORE.search(window))


def is_higher_level(organizer: str | None) -> bool:
    """True for an organizer above the district level ("Ban Dân vận Tỉnh ủy Nghệ An")."""
    return bool(
        organizer and _HIGHER_LEVEL.search(organizer) and not _DISTRICT_LEVEL.search(organizer)
    )


def _prefixes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, word as written) of each _PREFIX match in text."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a rare letter whose lower case is longer ("İ")
        return [(m.start(), m.end(), m.group(1)) for m in _PREFIX.finditer(text)]
    found = []
    position = 0
    while (match := _PREFIX_LOWER.search(lowered, position)) is not None:
        start = match.start()
        if _WORD_START.match(lowered, start):
            found.append((start, match.end(), text[start : match.end(1)]))
            position = match.end()
        else:
            position = start + 1
    return found


def _all_prefixes(text: str) -> list[tuple[int, int, str]]:
    """_prefixes and the capitalised abbreviations ("P. 3", "TT.Sa Rài"), in text order."""
    found = _prefixes(text)
    abbreviations = [
        (m.start(), m.end(), m.group(1))
        for m in _ABBREVIATION.finditer(text)
        if m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] in ".'’")
    ]
    if abbreviations:
        taken = {start for start, _, _ in found}
        found += [item for item in abbreviations if item[0] not in taken]
        found.sort()
    return found


_NO_PLACE = (None,)


def _run_place(run_text: str, gazetteer: Gazetteer):
    """(name, provinces, districts) of the longest place name opening a capitalized run."""
    cache = gazetteer.run_places
    found = cache.get(run_text, _NO_PLACE)
    if found is _NO_PLACE:
        if len(cache) >= 20000:
            cache.clear()
        found = cache[run_text] = _lookup_run(run_text, gazetteer)
    return found


def _lookup_run(run_text: str, gazetteer: Gazetteer):
    folded_words = fast_fold(run_text).split(" ")
    if folded_words[0] not in gazetteer.first_words:
        return None
    words = run_text.split(" ")
    for count in range(min(len(words), gazetteer.max_words), 0, -1):
        if not gazetteer.has_key(" ".join(folded_words[:count])):
            continue
        name = " ".join(words[:count])
        provinces = gazetteer.provinces_named(name)
        districts = gazetteer.districts_named(name) if count > 1 else []
        if provinces:
            districts = []
        if provinces or districts:
            return name, tuple(provinces), tuple(districts)
    return None


# Longest alternative of _NOT_A_PLACE_BEFORE, in characters (a bound is enough).
_NOT_A_PLACE_LONGEST = 12


def _not_a_place_before(window: str) -> bool:
    """_NOT_A_PLACE_BEFORE.search(window), trying only the positions a match can start at."""
    # A match ends with a letter followed by trailing spaces only.
    last = len(window.rstrip())
    return bool(_NOT_A_PLACE_BEFORE.search(window, max(0, last - _NOT_A_PLACE_LONGEST)))


def _bridge_before(window: str) -> bool:
    """_BRIDGE.search(window), skipped when the window has no "cầu"."""
    if "ầ" not in window and "Ầ" not in window:
        return False
    return bool(_BRIDGE.search(window))


def resolve_localities(
    sources: list[tuple[str, float]],
    gazetteer: Gazetteer,
    body_text: str = "",
    *,
    higher_organizer: bool = False,
    day: dt.date | None = None,
    host: HostHint | None = None,
    people: frozenset[str] = frozenset(),
) -> LocalityResult:
    """Score place mentions by where they occur and pick the report's units in its era.

    day is the article's day (None: undated, read in both eras). With higher_organizer (the
    report's organizer is a province or central body), a district or commune named only as
    the venue ("tại thành phố Vinh") counts for its province, not as the report's own unit.
    host (from the source URL) is evidence weaker than the text; alone it may decide.
    """
    scanned = [(scan_places(text, gazetteer, people), weight) for text, weight in sources if text]
    if day is not None:
        era = LEGACY if day < gazetteer.reform_day else CURRENT
        result = _Reading(gazetteer, era, day, higher_organizer).read(scanned, host)
    else:
        legacy = _Reading(gazetteer, LEGACY, None, higher_organizer).read(scanned, host)
        current = _Reading(gazetteer, CURRENT, None, higher_organizer).read(scanned, host)
        result = _agree(legacy, current, gazetteer)
    if result.district is None and result.era != CURRENT and not result.era_unknown:
        lowered = body_text.lower()
        own_district = _count_self(_DISTRICT_SELF_FAST, lowered, "huyện")
        own_province = _count_self(_PROVINCE_SELF_FAST, lowered, "tỉnh")
        result.district_unnamed = own_district >= 2 and own_district > own_province
    return result


def _agree(legacy: LocalityResult, current: LocalityResult, gazetteer: Gazetteer) -> LocalityResult:
    """An undated article's units, when its legacy and current readings agree; else none.

    They agree when each unit one reading finds became the unit the other finds (a legacy
    province its successor, a legacy commune one of its successors), or when a level found
    in one reading has no evidence at all in the other.
    """
    unresolved = LocalityResult(mentions=legacy.mentions, era_unknown=True)
    if legacy.province is not None and current.province is not None:
        if legacy.province.successor != current.province.code:
            return unresolved
    elif (legacy.province is not None and current.province_evidence) or (
        current.province is not None and legacy.province_evidence
    ):
        return unresolved
    if legacy.commune is not None and current.commune is not None:
        if current.commune.code not in legacy.commune.successors:
            return unresolved
    elif legacy.commune is not None and current.commune_evidence:
        return unresolved
    elif current.commune is not None:
        if legacy.district is not None and gazetteer.commune_in_district(
            current.commune, legacy.district
        ):
            return legacy  # today's commune lies in the district the legacy reading found
        if legacy.commune_evidence:
            return unresolved
        return current  # a commune only today's units have: the article is of today
    return legacy if legacy.province is not None or current.province is None else current


class _Reading:
    """The evidence of one article's places read in one era, and the units it points to."""

    def __init__(
        self, gazetteer: Gazetteer, era: str, day: dt.date | None, higher_organizer: bool
    ) -> None:
        self.g = gazetteer
        self.era = era
        self.day = day
        self.higher = higher_organizer
        self.provinces: dict[str, float] = defaultdict(float)
        self.districts: dict[str, float] = defaultdict(float)
        self.communes: dict[str, float] = defaultdict(float)
        self.ambiguous_districts: list[tuple[list[District], float]] = []
        self.ambiguous_communes: list[tuple[list[Commune], float, LocalityMention]] = []
        self.mentions: dict[tuple[str, str], LocalityMention] = {}
        self.commune_evidence = False

    # -- evidence ----------------------------------------------------------

    def read(self, scanned: list[tuple[list[PlaceHit], float]], host: HostHint | None):
        for hits, weight in scanned:
            for hit in hits:
                self._count(hit, weight + hit.bonus)
        result = LocalityResult(era=self.era, commune_evidence=self.commune_evidence)
        result.province_evidence = bool(self.provinces)
        result.province = self._pick_province(host)
        province = result.province
        if province is not None and self.era == LEGACY:
            for districts, score in self.ambiguous_districts:
                inside = [d for d in districts if d.province == province.code]
                if len(inside) == 1:
                    self.districts[inside[0].code] += score
        unit = self._host_unit(host, province)
        if isinstance(unit, District) and self._no_other(self.districts, unit.code, province):
            self.districts[unit.code] += MIN_SCORE
        if self.era == LEGACY:
            result.district = self._pick_district(province)
        for communes, score, mention in self.ambiguous_communes:
            inside = [c for c in communes if self._inside(c, province, result.district)]
            if len(inside) == 1:
                self.communes[inside[0].code] += score
                mention.code = inside[0].code
        if isinstance(unit, Commune) and self._no_other(self.communes, unit.code, province):
            self.communes[unit.code] += MIN_SCORE
        result.commune = self._pick_commune(province, result.district)
        self._complete(result)
        result.mentions = sorted(self.mentions.values(), key=lambda m: -m.score)
        return result

    def _count(self, hit: PlaceHit, score: float) -> None:
        counted = not (self.higher and hit.venue)
        if hit.level == "commune":
            self._count_commune(hit, score, counted)
            return
        provinces = self._era_provinces(hit.provinces)
        if hit.districts and (hit.level == "district" or self._names_city(hit, provinces)):
            self._count_district(hit, score, counted)
        elif hit.provinces:
            if provinces:
                self.provinces[provinces[0].code] += score
            if self.era == LEGACY:
                named = provinces[0] if provinces else hit.provinces[0]
            else:
                current = [p for p in hit.provinces if p.generation == CURRENT]
                named = current[0] if current else hit.provinces[0]
            self._note(named.name, "province", None, named.code, score, named.generation)

    def _count_district(self, hit: PlaceHit, score: float, counted: bool) -> None:
        g = self.g
        named = hit.districts
        parents = self._parent_provinces(hit)
        if parents is not None:
            key = (lambda d: d.province) if self.era == LEGACY else (lambda d: d.successor)
            named = [d for d in named if key(d) in parents] or named
        if self.era == CURRENT:  # no districts today: evidence for today's province
            successors = {d.successor for d in named}
            if len(successors) == 1 and g.province_2025(code := successors.pop()):
                self.provinces[code] += score * 0.8
            self._district_mention(named, score)
            return
        units = [d for d in named if d.in_force(self.day)]
        if hit.level == "city":
            units = [d for d in units if d.kind == "thanh-pho-thuoc-tinh"] or units
        if not units:  # dissolved by then: its territory belongs to the districts it joined
            units = list({g.district(d.merged_into[0]) for d in named if d.merged_into} - {None})
        else:
            named = units
        if len(units) == 1:
            district = units[0]
            if counted:
                self.districts[district.code] += score
            self.provinces[district.province] += score * 0.8
        elif units and counted:
            self.ambiguous_districts.append((units, score))
        self._district_mention(named, score)

    def _district_mention(self, named: list[District], score: float) -> None:
        district = named[0]
        if len(named) == 1:
            parent = self.g.legacy_province(district.province)
            name = parent.name if parent else None
            self._note(district.name, "district", name, district.code, score, LEGACY)
        else:
            self._note(district.name, "district", None, None, score, LEGACY)

    def _count_commune(self, hit: PlaceHit, score: float, counted: bool) -> None:
        g = self.g
        own = [c for c in hit.communes if c.era == self.era]
        own = self._within_parents(_by_kind(own, hit), hit)
        if own:
            self.commune_evidence = True
            commune = own[0]
            unique = len(own) == 1
            mention = self._note(
                commune.name,
                "commune",
                self._province_name(commune) if unique else None,
                commune.code if unique else None,
                score,
                self.era,
            )
            if unique:
                if counted:
                    self.communes[commune.code] += score
                self._credit_parents(commune, score, counted)
            else:
                self.ambiguous_communes.append((own, score if counted else 0.0, mention))
                codes = {g.province_code_of(c) for c in own}
                if len(codes) == 1:
                    self.provinces[codes.pop()] += score * COMMUNE_TO_PARENT
            return
        # A unit of the other era, or one merged away before 2025: evidence for its parents.
        if self.era == CURRENT:
            legacy = [c for c in hit.communes if c.era == LEGACY]
            others = self._within_parents(_by_kind(legacy, hit), hit, LEGACY)
            targets = [g.commune(c.successors[0], CURRENT) for c in others if c.successors]
        else:
            others = self._within_parents(hit.former, hit)
            targets = others
        if not others:
            return
        codes = {g.province_code_of(c) for c in targets if c is not None}
        if len(codes) == 1:
            self.provinces[codes.pop()] += score * COMMUNE_TO_PARENT
        if self.era == LEGACY and len(others) == 1 and counted:
            self._credit_district(others[0], score)
        first = others[0]
        unique = len(others) == 1 and first.name == hit.text
        self._note(
            hit.text,
            "commune",
            self._province_name(first) if len(others) == 1 else None,
            first.code if unique else None,
            score,
            LEGACY,
        )

    def _credit_parents(self, commune: Commune, score: float, counted: bool) -> None:
        code = self.g.province_code_of(commune)
        if code is not None:
            self.provinces[code] += score * COMMUNE_TO_PARENT
        if commune.era == LEGACY and counted:
            self._credit_district(commune, score)

    def _credit_district(self, commune: Commune, score: float) -> None:
        if not self.g.absorbed_before(commune.parent, self.day):
            self.districts[commune.parent] += score * COMMUNE_TO_PARENT

    # -- candidates ----------------------------------------------------------

    def _era_provinces(self, provinces: list[Province]) -> list[Province]:
        return _provinces_in(self.g, provinces, self.era)

    def _names_city(self, hit: PlaceHit, provinces: list[Province]) -> bool:
        """ "Thành phố Huế" of 2023 is the city in the province, not a centrally-run city."""
        if hit.level != "city" or self.era != LEGACY:
            return False
        if any(p.kind == "thanh-pho-tw" for p in provinces):
            return False
        return any(d.kind == "thanh-pho-thuoc-tinh" and d.in_force(self.day) for d in hit.districts)

    def _parent_provinces(self, hit: PlaceHit, era: str | None = None) -> set[str] | None:
        era = era or self.era
        codes: set[str] = set()
        for parent in hit.parents:
            if parent.level in ("province", "city") and parent.provinces:
                codes.update(p.code for p in _provinces_in(self.g, parent.provinces, era))
            elif parent.districts:
                attribute = "province" if era == LEGACY else "successor"
                found = {getattr(d, attribute) for d in parent.districts}
                if len(found) == 1:
                    codes.update(found)
        return codes or None

    def _parent_districts(self, hit: PlaceHit) -> list[District] | None:
        for parent in hit.parents:
            if parent.level in ("district", "city") and parent.districts:
                provinces = self._parent_provinces(parent, LEGACY)
                districts = parent.districts
                if provinces:
                    districts = [d for d in districts if d.province in provinces] or districts
                return districts
        return None

    def _within_parents(
        self, communes: list[Commune], hit: PlaceHit, era: str | None = None
    ) -> list[Commune]:
        """Communes inside the district and province written after the name, if any."""
        if not communes or not hit.parents:
            return communes
        g = self.g
        provinces = self._parent_provinces(hit, era or communes[0].era)
        districts = self._parent_districts(hit)
        if provinces:
            communes = [c for c in communes if g.province_code_of(c) in provinces]
        if districts:
            communes = [c for c in communes if any(g.commune_in_district(c, d) for d in districts)]
        return communes

    def _inside(
        self, commune: Commune, province: Province | None, district: District | None
    ) -> bool:
        g = self.g
        if province is not None and g.province_code_of(commune) != province.code:
            return False
        return district is None or g.commune_in_district(commune, district)

    def _province_name(self, commune: Commune) -> str | None:
        code = self.g.province_code_of(commune)
        province = self._province(code, commune.era) if code else None
        return province.name if province else None

    def _province(self, code: str, era: str | None = None) -> Province | None:
        if (era or self.era) == LEGACY:
            return self.g.legacy_province(code)
        return self.g.province_2025(code)

    # -- choices -------------------------------------------------------------

    def _pick_province(self, host: HostHint | None) -> Province | None:
        host_provinces = self._era_provinces(host.provinces) if host else []
        if len(host_provinces) == 1:
            if not self.provinces:  # the host name is the only evidence: it decides
                return host_provinces[0]
            self.provinces[host_provinces[0].code] += HOST_WEIGHT
        code = _best(self.provinces)
        return self._province(code) if code else None

    def _host_unit(
        self, host: HostHint | None, province: Province | None
    ) -> District | Commune | None:
        """The district or commune a host's unit label names inside the report's province."""
        if host is None or province is None or not host.units:
            return None
        g = self.g
        inside: list[District | Commune] = []
        for unit in host.units:
            if isinstance(unit, District):
                if (
                    self.era == LEGACY
                    and unit.province == province.code
                    and unit.in_force(self.day)
                ):
                    inside.append(unit)
            elif unit.era == self.era and g.province_code_of(unit) == province.code:
                inside.append(unit)
        districts = [u for u in inside if isinstance(u, District)]
        if len(districts) == 1:
            return districts[0]
        return inside[0] if len(inside) == 1 else None

    def _no_other(self, scores: dict[str, float], code: str, province: Province | None) -> bool:
        """True when the text names no other unit of this level in the province."""
        if scores is self.communes:
            others = {c for c in scores if c != code}
            for communes, _, _ in self.ambiguous_communes:
                others.update(c.code for c in communes if self._inside(c, province, None))
            others.discard(code)
            if province is not None:
                others = {
                    c
                    for c in others
                    if (unit := self.g.commune(c, self.era)) and self._inside(unit, province, None)
                }
            return not others
        others = {c for c in scores if c != code}
        if province is not None:
            others = {
                c for c in others if (d := self.g.district(c)) and d.province == province.code
            }
        return not others

    def _pick_district(self, province: Province | None) -> District | None:
        ranked = []
        for code, score in self.districts.items():
            district = self.g.district(code)
            if district is None or score < MIN_SCORE:
                continue
            if province is not None and district.province != province.code:
                continue
            ranked.append((district, score))
        return _first_clear(ranked)

    def _pick_commune(self, province: Province | None, district: District | None) -> Commune | None:
        ranked = []
        for code, score in self.communes.items():
            commune = self.g.commune(code, self.era)
            if commune is None or score < MIN_SCORE:
                continue
            if self._inside(commune, province, district):
                ranked.append((commune, score))
        return _first_clear(ranked)

    def _complete(self, result: LocalityResult) -> None:
        """Fill the levels above the chosen unit."""
        g = self.g
        commune = result.commune
        if (
            commune is not None
            and commune.era == LEGACY
            and result.district is None
            and not g.absorbed_before(commune.parent, self.day)
        ):
            result.district = g.district(commune.parent)
        if result.province is None:
            if commune is not None:
                code = g.province_code_of(commune)
                result.province = self._province(code) if code else None
            elif result.district is not None:
                result.province = g.legacy_province(result.district.province)

    def _note(self, name, kind, province, code, score, era) -> LocalityMention:
        mention = self.mentions.get((name, kind))
        if mention is None:
            mention = LocalityMention(name, kind, province, code, era=era)
            self.mentions[(name, kind)] = mention
        mention.score += score
        mention.count += 1
        return mention


def _provinces_in(gazetteer: Gazetteer, provinces: list[Province], era: str) -> list[Province]:
    """The provinces of an era a name stands for (a former one: the province it became)."""
    if era == LEGACY:
        found = [gazetteer.legacy_for(p) for p in provinces]
    else:
        found = [p for p in provinces if p.generation == CURRENT] or [
            gazetteer.province_2025(p.successor) for p in provinces if p.successor
        ]
    unique: list[Province] = []
    for province in found:
        if province is not None and province not in unique:
            unique.append(province)
    return unique


def _by_kind(communes: list[Commune], hit: PlaceHit) -> list[Commune]:
    """The communes of the kind the prefix names ("phường 3"), else all of them."""
    return [c for c in communes if c.kind == hit.kind] or communes


def _best(scores: dict[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


def _first_clear(ranked: list[tuple]) -> object | None:
    ranked.sort(key=lambda item: -item[1])
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


def _count_self(fast: re.Pattern, lowered: str, word: str) -> int:
    """len(<fast with _SELF_BEFORE in front>.findall(lowered)); every alternative has word."""
    if word not in lowered:
        return 0
    count = 0
    position = 0
    while (match := fast.search(lowered, position)) is not None:
        if _SELF_START.match(lowered, match.start()):
            count += 1
            position = match.end()
        else:
            position = match.start() + 1
    return count


# Host-name labels that never name a place: the portal's kind, a body, a service.
_HOST_WORDS = words(
    """www gov vn dcs org com net edu info portal dangbo mattran bandanvan dvtu tinhuy ubnd
    congan baodientu bao tintuc news cms"""
)
# Prefixes of a unit label: "xatanhiep", "huyennamdong", "ubndtanhiep".
_HOST_PREFIXES = ("ubnd", "thanhpho", "thixa", "thitran", "huyen", "quan", "phuong", "xa", "tp")


def host_hint(url: str | None, gazetteer: Gazetteer) -> HostHint | None:
    """Places a source URL's host names: "<unit>.<province>.gov.vn", "<province>.dcs.vn"..."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label and label not in _HOST_WORDS]
    if not labels:
        return None
    hint = HostHint(host)
    index = None
    for position in range(len(labels) - 1, -1, -1):
        provinces, _ = gazetteer.hosts(squash(labels[position]))
        if not provinces and labels[position].startswith("bao"):
            provinces, _ = gazetteer.hosts(labels[position][3:])
        if provinces:
            hint.provinces, index = provinces, position
            break
    if index is None:
        return None
    for label in labels[:index]:
        label = squash(label)
        _, units = gazetteer.hosts(label)
        for prefix in _HOST_PREFIXES:
            if units:
                break
            if label.startswith(prefix) and len(label) > len(prefix) + 2:
                _, units = gazetteer.hosts(label[len(prefix) :])
        hint.units.extend(units)
    return hint
