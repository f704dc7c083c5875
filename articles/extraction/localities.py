"""Which province and district a report is about, from weighted mentions of place names."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from .gazetteer import District, Gazetteer, Province, folded_word
from .lexicon import CAPITALIZED_RUN, LETTER, fast_fold
from .model import LocalityMention

_I = re.IGNORECASE
_PREFIX = re.compile(
    r"(?<![\w])(?=[tThHqQ])(tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|tx\.?)\s+(?=[\w'’])", _I
)
# _PREFIX for lower-cased text, without its look-behind (checked by _WORD_START): a literal
# scan that is twice as fast. Equivalent because lower() keeps every position (checked).
_PREFIX_LOWER = re.compile(r"(tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|tx\.?)\s+(?=[\w'’])")
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
    """One place name found in a text."""

    start: int
    end: int
    text: str
    provinces: list[Province]
    districts: list[District]
    bonus: float = 0.0
    venue: bool = False  # "tại thành phố Vinh": where a meeting took place


@dataclass(slots=True)
class LocalityResult:
    """The report's province and district, the other places named, and review signals."""

    province: Province | None = None
    district: District | None = None
    mentions: list[LocalityMention] = field(default_factory=list)
    district_unnamed: bool = False  # the report speaks of "huyện" but never names it


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


def scan_places(text: str, gazetteer: Gazetteer) -> list[PlaceHit]:
    """Places named in a text: "tỉnh X"/"huyện Y" phrases, bare capitalized names, aliases."""
    hits: list[PlaceHit] = []
    covered: set[int] = set()
    for prefix_start, prefix_end, raw_word in _prefixes(text):
        word = folded_word(raw_word)
        spans = _words_after(text, prefix_end, gazetteer.max_words)
        if not spans or not text[spans[0][0]].isupper():
            continue
        for count in range(len(spans), 0, -1):
            end = spans[count - 1][1]
            name = text[spans[0][0] : end]
            is_province_word = word in ("tinh", "thanh pho", "tp")
            provinces = gazetteer.provinces_named(name) if is_province_word else []
            districts = [] if word == "tinh" else gazetteer.districts_named(name)
            if word == "thanh pho" and provinces:
                districts = []
            if provinces or districts:
                hit = PlaceHit(prefix_start, end, name, provinces, districts)
                hit.venue = bool(districts) and _is_venue(text, prefix_start)
                hits.append(hit)
                covered.update(range(prefix_start, end))
                break
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
        bonus = 2.0 if _bridge_before(text[max(0, start - 25) : start]) else 0.0
        hit = PlaceHit(start, start + len(name), name, list(provinces), list(districts), bonus)
        hit.venue = bool(districts) and _is_venue(text, start)
        hits.append(hit)
    hint = gazetteer.alias_hint
    if hint is not None and gazetteer.alias_pattern and hint.search(text):
        for match in gazetteer.alias_pattern.finditer(text):
            if match.start() in covered:
                continue
            provinces = gazetteer.provinces_named(match.group())
            if provinces:
                hits.append(PlaceHit(match.start(), match.end(), match.group(), provinces, []))
    return hits


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
) -> LocalityResult:
    """Score place mentions by where they occur and pick the report's province and district.

    With higher_organizer (the report's organizer is a province or central body), a district
    named only as the venue ("tại thành phố Vinh") counts for its province, not as the
    report's district.
    """
    province_scores: dict[str, float] = defaultdict(float)
    district_scores: dict[str, float] = defaultdict(float)
    ambiguous: list[tuple[list[District], float]] = []
    mention_scores: dict[tuple[str, str], LocalityMention] = {}
    for text, weight in sources:
        if not text:
            continue
        for hit in scan_places(text, gazetteer):
            score = weight + hit.bonus
            if hit.provinces:
                legacy = [p for p in (gazetteer.legacy_for(p) for p in hit.provinces) if p]
                chosen = legacy[0] if legacy else hit.provinces[0]
                province_scores[chosen.code] += score
                _note(mention_scores, chosen.name, "province", None, chosen.code, score)
            elif len(hit.districts) == 1:
                district = hit.districts[0]
                if not (higher_organizer and hit.venue):
                    district_scores[district.code] += score
                province_scores[district.province] += score * 0.8
                parent = gazetteer.legacy_province(district.province)
                _note(
                    mention_scores,
                    district.name,
                    "district",
                    parent.name if parent else None,
                    district.code,
                    score,
                )
            elif hit.districts:
                if not (higher_organizer and hit.venue):
                    ambiguous.append((hit.districts, score))
                _note(mention_scores, hit.districts[0].name, "district", None, None, score)
    result = LocalityResult()
    result.province = _pick_province(province_scores, gazetteer)
    if result.province is not None:
        for districts, score in ambiguous:
            inside = [d for d in districts if d.province == result.province.code]
            if len(inside) == 1:
                district_scores[inside[0].code] += score
    result.district = _pick_district(district_scores, result.province, gazetteer)
    if result.district is not None and result.province is None:
        result.province = gazetteer.legacy_province(result.district.province)
    result.mentions = sorted(mention_scores.values(), key=lambda m: -m.score)
    if result.district is None:
        lowered = body_text.lower()
        own_district = _count_self(_DISTRICT_SELF_FAST, lowered, "huyện")
        own_province = _count_self(_PROVINCE_SELF_FAST, lowered, "tỉnh")
        result.district_unnamed = own_district >= 2 and own_district > own_province
    return result


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


def _note(
    mentions: dict, name: str, kind: str, province: str | None, code: str | None, score: float
) -> None:
    mention = mentions.get((name, kind))
    if mention is None:
        mention = mentions[(name, kind)] = LocalityMention(name, kind, province, code)
    mention.score += score
    mention.count += 1


def _pick_province(scores: dict[str, float], gazetteer: Gazetteer) -> Province | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return gazetteer.legacy_province(ranked[0][0]) or gazetteer.province_2025(ranked[0][0])


def _pick_district(
    scores: dict[str, float], province: Province | None, gazetteer: Gazetteer
) -> District | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    candidates = []
    for code, score in ranked:
        district = gazetteer.district(code)
        if district is None or score < MIN_SCORE:
            continue
        if province is not None and district.province != province.code:
            continue
        candidates.append((district, score))
    if not candidates:
        return None
    if len(candidates) > 1 and candidates[0][1] < 1.5 * candidates[1][1]:
        return None
    return candidates[0][0]
