"""Place names in a text: "tỉnh X", "huyện Y", "xã Z", abbreviations, bare province names."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..fastre import gated
from ..gazetteer import Commune, District, Gazetteer, Province, folded_word
from ..lexicon import CAPITALIZED_RUN, LETTER, SURNAMES, UPPER, fast_fold
from ..people import TITLE_HEAD

_I = re.IGNORECASE
_PREFIX_WORDS = r"tỉnh|thành\s+phố|tp\.?|huyện|quận|thị\s+xã|tx\.?|thị\s+trấn|xã|phường|đặc\s+khu"
_PREFIX = re.compile(rf"(?<![\w])(?=[tThHqQxXpPđĐ])({_PREFIX_WORDS})\s+(?=[\w'’])", _I)
# _PREFIX for lower-cased text, without its look-behind (checked by _WORD_START): a literal
# scan that is twice as fast. Equivalent because lower() keeps every position (checked).
_PREFIX_LOWER = re.compile(rf"({_PREFIX_WORDS})\s+(?=[\w'’])")
# Abbreviations before a capitalised name or a number: "P. 3", "TT.Sa Rài", "X. Tân Hiệp",
# "H. Nam Đông", "TX.Hương Thủy", "TP.Vinh", "Q.1", "Tt. Chợ Chùa", "h. Kỳ Sơn", "tx.Nghi Sơn":
# upper, title or lower case. Found from the dot (a literal scan), the word read before it.
_ABBREVIATIONS = frozenset(("TT", "Tt", "tt", "TX", "Tx", "tx", "TP", "Tp", "tp"))
_ABBREVIATIONS |= frozenset("PpXxHhQq")
_DOT_BEFORE_NAME = re.compile(rf"\.[ \u00a0]?(?=[{UPPER}0-9])")
# One-letter abbreviations are also the initials of a name: "Ảnh: H. Vinh", "P. Thanh Hà".
_INITIALS = frozenset("PpXxHhQq")
# A credit or an honorific before an initial on its line: "Ảnh: ", "Bài, ảnh: ", "Theo ",
# "đồng chí ", "anh ", "phóng viên ".
_CREDIT_BEFORE = re.compile(
    r"(?:^|[\s(\[|])(?:(?:tin|bài|ảnh|video|clip)(?:\s*(?:,|và|&|\+|/|-)\s*(?:tin|bài|ảnh|video|clip))*"
    r"|tác\s+giả|thực\s+hiện|nguồn|nhóm\s+pv|pv|ctv)\s*:\s*$"
    r"|(?:^|\s)(?:theo|đồng\s+chí|đ/c|ông|bà|anh|chị|cụ|nhà\s+báo|phóng\s+viên|tác\s+giả)\s+$",
    _I,
)
# The initial of a surname right before a name: "P. Thanh Hà" (no place prefix took it).
_INITIAL_BEFORE = re.compile(rf"(?<![{LETTER}.])[{UPPER}]\.[ \u00a0]?$")
# A line of names only, as a byline is: "H. Vinh", "P.Thảo - H.Vinh", "Thu Hà, P. Linh".
_NAMES_LINE = re.compile(
    rf"(?:[{UPPER}]{{1,2}}\.\s?)*[{UPPER}][{LETTER}]*(?:\s[{UPPER}][{LETTER}]*){{0,3}}"
    rf"(?:\s*[-–,;]\s*(?:[{UPPER}]{{1,2}}\.\s?)*[{UPPER}][{LETTER}]*(?:\s[{UPPER}][{LETTER}]*){{0,3}})*"
)
_PROVINCE_WORDS = frozenset({"tinh"})
_CITY_WORDS = frozenset({"thanh pho", "tp"})
_DISTRICT_WORDS = frozenset({"huyen", "quan", "thi xa", "tx", "h", "q"})
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
_NUMBERED = {"phuong": "Phường", "p": "Phường", "quan": "Quận", "q": "Quận"}
_RANK = {"commune": 0, "district": 1, "city": 1.5, "province": 2}
# Between a unit and its parent: "xã A (huyện B, tỉnh C)", "xã A, huyện B", "huyện B (cũ), ".
# "xã A (huyện B) tỉnh C": a closing parenthesis, on the same line, also leads to a parent.
# "(TX. Nghi Sơn cũ), tỉnh Thanh Hóa": "cũ"/"mới" after a name, in parentheses or not.
_PARENT_GAP = re.compile(
    r"(?:\s+(?:cũ|mới)(?!\w))?\s*(?:\((?:cũ|mới)\)\s*)?"
    r"(?:[,(\-–]\s*|\)(?:[ \t\u00a0]*[,(\-–])?[ \t\u00a0]*)"
)
# A title after a name: "Lê Quang Bình, Chủ tịch UBND huyện" (the name is a person).
_TITLE_SEPARATOR = re.compile(r"\s*(?:,|-|–|\()\s*")
HOST_WEIGHT = 1.5  # a portal's host name: weaker than the site name, headline or lead
COMMUNE_TO_PARENT = 0.5  # share of a commune's score credited to its district and province
_WORD_START = re.compile(r"(?<![\w])")
_TOKEN = re.compile(rf"[{LETTER}0-9'’]+")
_NOT_A_PLACE_BEFORE = gated(
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
_VENUE_BEFORE = gated(r"(?<!\w)(?:tại|ở)\s+(?:[^,.;:()\n]{0,50}?\s)?$", _I)
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
    mention_only: bool = False  # named in passing: never the report's own unit
    passing: bool = False  # named in passing, with places of other provinces: no evidence
    bare: bool = False  # written without its administrative word ("Tân Phước")


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
        if _INITIAL_BEFORE.search(text, max(0, start - 4), start):
            continue  # "P. Thanh Hà", "T.Vinh": a name after its surname's initial
        if _person_run(text, run, people):
            continue
        bonus = 2.0 if _bridge_before(text[max(0, start - 25) : start]) else 0.0
        hit = PlaceHit(start, start + len(name), name, list(provinces), list(districts), bonus)
        hit.level = "province" if provinces else "district"
        hit.bare = True
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
    # "xã hội", "các xã", "tỉnh nhà": most administrative words start no name at all.
    if prefix_end >= len(text) or not (text[prefix_end].isupper() or text[prefix_end].isdigit()):
        return None
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
            if following.level == "district" and following.bare and "(" not in gap.group():
                break  # "các xã Tân Hộ Cơ, Tân Phước": a list of names, not a district
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
    abbreviations = []
    for match in _DOT_BEFORE_NAME.finditer(text):
        found_word = _abbreviation_before(text, match.start())
        if found_word is None:
            continue
        start, word = found_word
        if _after_number(text, start) or (word in _INITIALS and _is_initial(text, start)):
            continue
        abbreviations.append((start, match.end(), word))
    if abbreviations:
        taken = {start for start, _, _ in found}
        found += [item for item in abbreviations if item[0] not in taken]
        found.sort()
    return found


def _abbreviation_before(text: str, dot: int) -> tuple[int, str] | None:
    """(start, word) of the abbreviation ending at a dot, standing alone as a word."""
    for size in (2, 1):
        start = dot - size
        if start < 0:
            continue
        word = text[start:dot]
        if word in _ABBREVIATIONS and (
            start == 0 or not (text[start - 1].isalnum() or text[start - 1] in ".'’")
        ):
            return start, word
    return None


def _after_number(text: str, start: int) -> bool:
    """True after a number: "lúc 8 h. Tân ..." is an hour, not "huyện"."""
    before = text[max(0, start - 3) : start].rstrip()
    return bool(before) and before[-1].isdigit()


def _is_initial(text: str, start: int) -> bool:
    """True when a one-letter abbreviation is a person's initial: after a credit ("Ảnh: H.
    Vinh", "Theo P. Thanh Hà") or on a line of names only, as a byline ("H. Vinh - T. Hà")."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[max(line_start, start - 40) : start]
    if before.strip() and _CREDIT_BEFORE.search(before):
        return True
    line_end = text.find("\n", start, start + 64)
    if line_end < 0 and len(text) > start + 64:
        return False  # a long line is a sentence, not a byline
    line = text[line_start : len(text) if line_end < 0 else line_end].strip().rstrip(".")
    return len(line) <= 60 and _NAMES_LINE.fullmatch(line) is not None


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
