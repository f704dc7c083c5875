"""Officials named in a report and their titles, in the forms Vietnamese reports use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text import normalize_tones

from .gazetteer import Gazetteer, cached_match_key
from .lexicon import (
    CAPITALIZED_RUN,
    LETTER,
    NAME_STOP_WORDS,
    NON_NAME_WORDS,
    NOT_PEOPLE,
    SURNAMES,
    canonical_case,
    expand_abbreviations,
    words,
)
from .model import Official, Position
from .organizations import LocalityContext, find_organizations

_I = re.IGNORECASE
TITLE_HEAD = re.compile(
    r"(?:phó\s+)?(?:tổng\s+bí\s+thư|bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|trưởng\s+ban|trưởng\s+phòng|"
    r"trưởng\s+đoàn|tổng\s+giám\s+đốc|giám\s+đốc|thủ\s+trưởng|ủy\s+viên|uỷ\s+viên|vụ\s+trưởng|"
    r"vụ\s+phó|thứ\s+trưởng|bộ\s+trưởng|thủ\s+tướng|chánh|tư\s+lệnh|chính\s+ủy|"
    r"chỉ\s+huy\s+trưởng|hiệu\s+trưởng|tổng\s+thư\s+ký|đại\s+biểu\s+quốc\s+hội|thường\s+trực|"
    r"(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy)|trưởng|pbt|pct|ct|uvbtv|uv\s*btv|uvtw|tuv|"
    r"huv|tỉnh\s+ủy\s+viên|huyện\s+ủy\s+viên|chi\s+hội\s+trưởng|tổ\s+trưởng|già\s+làng)(?![\w])",
    _I,
)
TITLE_WORDS = words(
    """viên thư tịch trưởng phó trực vụ ủy uỷ vận hành chấp chính trị ương trung đảng dân nhân
    tỉnh huyện xã phường thị trấn thành phố quận ban đồng mặt trận tổ quốc việt nam quan
    nước khối đạo huy lượng vũ trang an sự biên phòng bộ đội sở liên hiệp phụ nữ nông đoàn
    thanh niên cựu chiến binh lao động tra giáo chức nội khóa khoá nhiệm kỳ cấp học viện
    trường giám đốc tổng thứ kiêm ký tướng tá úy thiếu thượng hội tộc tôn doanh nghiệp tế
    chi thôn bản ấp xóm buôn làng khóm khu phố tổ"""
)
# Lowercase words that continue a title only before a given next word.
TITLE_BIGRAMS = {
    "chủ": {"tịch", "nhiệm"},
    "bí": {"thư"},
    "thường": {"trực", "vụ"},
    "công": {"an", "đoàn", "thương"},
    "cơ": {"quan"},
    "nhà": {"nước"},
    "lực": {"lượng"},
    "quân": {"sự", "đội", "khu"},
    "chỉ": {"huy"},
    "kiểm": {"tra"},
    "tuyên": {"giáo"},
    "văn": {"phòng", "hóa", "hoá"},
    "đại": {"biểu", "hội", "học"},
}
FUNCTION_WORDS = frozenset({"về", "của", "tại", "ở"})
_TOKEN = re.compile(rf"[{LETTER}0-9'’/]+|[^\s{LETTER}0-9]")
_HONORIFIC_BEFORE = re.compile(r"(?:đồng\s+chí|đ/c|ông|bà)\s*:?\s*$", _I)
# "ông"/"bà" alone is courtesy, not rank: a citizen ("người có uy tín", "người dân") unless a
# title goes with the name somewhere in the report.
_COMRADE_BEFORE = re.compile(r"(?:đồng\s+chí|đ/c)\s*:?\s*$", _I)
_GROUP_BEFORE = re.compile(r"các\s+đồng\s+chí\s*:?\s*$", _I)
_SEPARATOR_AFTER = re.compile(r"\s*(?:,|[-–]|\()\s*")
# Inside a title, a capitalized run after a village word names a place ("thôn Đồng Tâm"),
# which the gazetteer does not know. ("UBND tỉnh Võ Trọng Hải" is a title and a person.)
_PLACE_WORD_BEFORE = re.compile(r"(?<!\w)(?:thôn|bản|ấp|xóm|buôn|làng|khóm)\s+$", _I)
_DASH_BEFORE = re.compile(r"\s*[-–]\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|và)\s*$")
MAX_TITLE_TOKENS = 40
_HONORIFIC_WORDS = frozenset({"Ông", "Bà"})
_NOT_PEOPLE_PREFIXES = tuple(phrase + " " for phrase in sorted(NOT_PEOPLE))


@dataclass(slots=True)
class _Name:
    name: str
    start: int
    end: int


def _name_candidates(text: str, gazetteer: Gazetteer | None) -> list[_Name]:
    names: list[_Name] = []
    for run in CAPITALIZED_RUN.finditer(text):
        words = run.group().split(" ")
        if len(words) < 2:
            continue  # a name needs two words
        first = 0
        while first < len(words) and words[first] in NON_NAME_WORDS:
            first += 1
        # "Ông Vàng Seo Chư" at a sentence start: "Ông"/"Bà" is the honorific, not a surname.
        if (
            first < len(words) - 2
            and words[first] in _HONORIFIC_WORDS
            and words[first + 1] in SURNAMES
        ):
            first += 1
        last = first + 1
        while last < len(words) and words[last] not in NAME_STOP_WORDS and last - first < 5:
            last += 1
        if last - first < 2:
            continue
        name = " ".join(words[first:last])
        if not _is_person_name(name, gazetteer):
            continue
        start = run.start() + sum(len(word) + 1 for word in words[:first])
        names.append(_Name(name, start, start + len(name)))
    return names


def _is_person_name(name: str, gazetteer: Gazetteer | None) -> bool:
    key = name.casefold()
    if key in NOT_PEOPLE or key.startswith(_NOT_PEOPLE_PREFIXES):
        return False
    is_place = gazetteer is not None and bool(
        gazetteer.provinces_named(name) or gazetteer.districts_named(name)
    )
    return not is_place


def _surname_led(name: str) -> bool:
    first = name.split(" ", 1)[0]
    return first in SURNAMES or first.startswith(("H'", "H’"))


def _starts_name(text: str, position: int, gazetteer: Gazetteer | None) -> bool:
    run = CAPITALIZED_RUN.match(text, position)
    if not run:
        return False
    words = run.group().split(" ")
    if len(words) < 2 or words[0] not in SURNAMES:
        return False
    name = " ".join(words[:5])
    return _is_person_name(name, gazetteer) and words[1] not in NAME_STOP_WORDS


def _title_after(text: str, end: int, gazetteer: Gazetteer | None) -> tuple[str | None, str]:
    """(title, separator) of a title written after a name: "X - Ủy viên ...", "X, Bí thư"."""
    separator = _SEPARATOR_AFTER.match(text, end)
    if not separator:
        return None, ""
    start = separator.end()
    # Tokens are read as the loop needs them: it usually stops after a few.
    source = _TOKEN.finditer(text, start, start + 400)
    tokens: list[tuple[str, int]] = []

    def has(index: int) -> bool:
        while len(tokens) <= index:
            match = next(source, None)
            if match is None:
                return False
            tokens.append((match.group(), match.start()))
        return True

    stop = start
    depth_start = None
    index = 0
    pair_tail = False
    while index < MAX_TITLE_TOKENS and has(index):
        token, position = tokens[index]
        following = tokens[index + 1][0] if has(index + 1) else ""
        if token == "(":  # noqa: S105 - a parenthesis, not a password
            close = next(
                (i for i in range(index, index + 12) if has(i) and tokens[i][0] == ")"), None
            )
            if close is None:
                break
            depth_start = index
            index = close + 1
            stop = tokens[close][1] + 1
            continue
        if token in (",", "-", "–"):
            if following and (following[0].isupper() or following.lower() in TITLE_WORDS):
                if following[0].isupper() and _starts_name(text, tokens[index + 1][1], gazetteer):
                    break
                index += 1
                continue
            break
        if token[0].isupper() or token.isupper():
            if _PLACE_WORD_BEFORE.search(text[max(0, position - 8) : position]):
                pass  # "thôn Đồng Tâm": a place in the title
            elif position != start and _starts_name(text, position, gazetteer):
                return None, ""  # the words belong to the next person's title
            if position == start and _starts_name(text, position, gazetteer):
                return None, ""
        elif token == "và":  # noqa: S105
            if (
                not following
                or not following[0].isupper()
                or TITLE_HEAD.match(text, tokens[index + 1][1])
            ):
                break
        elif token in FUNCTION_WORDS:
            pass
        elif token in TITLE_BIGRAMS and not pair_tail:
            if following not in TITLE_BIGRAMS[token]:
                break
            pair_tail = True
            stop = position + len(token)
            index += 1
            continue
        elif token not in TITLE_WORDS and not pair_tail:
            break
        pair_tail = False
        stop = position + len(token)
        index += 1
    del depth_start
    title = text[start:stop].strip()
    title = _trim_title(title)
    if not title or not TITLE_HEAD.match(title):
        return None, ""
    return title, separator.group().strip()


def _trim_title(title: str) -> str:
    words = title.split()
    while words and (words[-1] in FUNCTION_WORDS or words[-1] in {"và", "các", ",", "-", "–"}):
        words.pop()
    return " ".join(words).strip(" ,-–")


def _title_before(text: str, start: int) -> str | None:
    """A title written right before a name: "Bí thư Tỉnh ủy Hoàng Trung Dũng"."""
    window = text[max(0, start - 200) : start]
    honorific = _HONORIFIC_BEFORE.search(window)
    if honorific:
        window = window[: honorific.start()]
        window = re.sub(r"\s*[,\-–]?\s*$", "", window)
    dash = _DASH_BEFORE.search(window) if not honorific else None
    if dash:
        chunk = re.split(r"[;:.]|\bcó\b|\bgồm\b", window[: dash.start()])[-1].strip(" ,")
        if chunk and TITLE_HEAD.match(chunk) and len(chunk) <= 160:
            return chunk
        return None
    tokens = [(m.group(), m.start()) for m in _TOKEN.finditer(window)]
    collected: list[tuple[str, int]] = []
    for token, position in reversed(tokens):
        lower = token.lower()
        if token[0].isupper() or token.isupper() or lower in TITLE_WORDS or lower in TITLE_BIGRAMS:
            collected.append((token, position))
            if len(collected) > 14:
                break
            continue
        break
    collected.reverse()
    for index, (_token, position) in enumerate(collected):
        head = TITLE_HEAD.match(window, position)
        if head:
            title = window[position:].strip()
            return _trim_title(title) or None
        if index > 12:
            break
    return None


_NORMALIZED_TITLES: dict[str, str] = {}


def normalize_title(title: str) -> str:
    """Abbreviations expanded, tones and capitalization normalized: "PBT TT" -> "Phó Bí thư ..."."""
    normalized = _NORMALIZED_TITLES.get(title)
    if normalized is None:
        normalized = _normalize_title(title)
        if len(_NORMALIZED_TITLES) >= 5000:
            _NORMALIZED_TITLES.clear()
        _NORMALIZED_TITLES[title] = normalized
    return normalized


def _normalize_title(title: str) -> str:
    expanded = canonical_case(expand_abbreviations(normalize_tones(title)))
    expanded = re.sub(r"\s*([-–])\s*", r" \1 ", expanded) if " - " in title else expanded
    return " ".join(expanded.split())


def find_officials(texts: list[str], gazetteer: Gazetteer | None) -> list[tuple[str, str | None]]:
    """(name, title as written or None) for each mention of an official, in text order."""
    found: list[tuple[str, str | None]] = []
    # Names given a title, listed with officials or called "đồng chí" at least once.
    supported: set[str] = set()
    for text in texts:
        names = _name_candidates(text, gazetteer)
        group: list[int] = []
        previous: _Name | None = None
        covered = 0  # end of the last title read after a name: names inside it are places
        for candidate in names:
            if candidate.start < covered:
                continue
            before = text[max(0, candidate.start - 40) : candidate.start]
            honorific = bool(_HONORIFIC_BEFORE.search(before))
            in_list = (
                previous is not None
                and bool(_LIST_GAP.match(text[previous.end : candidate.start]))
                and found
                and found[-1][0] == previous.name
            )
            title_after, separator = _title_after(text, candidate.end, gazetteer)
            title_before = _title_before(text, candidate.start)
            surname = _surname_led(candidate.name)
            accepted = honorific or (surname and (title_after or title_before or in_list))
            if not accepted:
                previous = None
                group = []
                continue
            if in_list:
                group.append(len(found))
            else:
                group = [len(found)] if _GROUP_BEFORE.search(before) else []
            if title_after:
                covered = text.find(title_after, candidate.end) + len(title_after)
            title = title_after or title_before
            if (
                title
                or (in_list and cached_match_key(previous.name) in supported)
                or _COMRADE_BEFORE.search(before)
            ):
                supported.add(cached_match_key(candidate.name))
            found.append((candidate.name, title))
            if title_after and len(group) > 1 and separator in ("-", "–"):
                for index in group:
                    if found[index][1] is None:
                        found[index] = (found[index][0], title_after)
            previous = candidate
    if len(supported) < len(found):
        found = [mention for mention in found if cached_match_key(mention[0]) in supported]
    return found


def build_officials(
    mentions: list[tuple[str, str | None]], ctx: LocalityContext | None
) -> list[Official]:
    """Deduplicate mentions by name; keep the longest title; link positions to organizations."""
    officials: dict[str, Official] = {}
    for name, title in mentions:
        key = cached_match_key(name)
        official = officials.get(key)
        normalized = normalize_title(title) if title else None
        if official is None:
            officials[key] = Official(name=name, title=title, title_normalized=normalized)
            continue
        official.mentions += 1
        if normalized and len(normalized) > len(official.title_normalized or ""):
            official.title, official.title_normalized = title, normalized
    for official in officials.values():
        if official.title_normalized:
            official.positions = _positions(official.title_normalized, ctx)
    return list(officials.values())


def _positions(title: str, ctx: LocalityContext | None) -> list[Position]:
    positions = []
    for part in re.split(r",\s*|\s+kiêm\s+", title):
        part = part.strip()
        if not part:
            continue
        organization = None
        role = part
        if ctx is not None:
            matches = find_organizations(part, ctx)
            if matches:
                organization = matches[0].organization.name
                role = part[: matches[0].start].strip() or part
        positions.append(Position(title=part, role=role, organization=organization))
    return positions
