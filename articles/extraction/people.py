"""Officials named in a report and their titles, in the forms Vietnamese reports use."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text import normalize_tones

from .commemorated import (
    is_archive_caption,
    is_commemorated,
    is_historical_leader,
    is_present_local_title,
)
from .fastre import gated
from .gazetteer import Gazetteer, cached_match_key
from .lexicon import (
    CAPITALIZED_RUN,
    LETTER,
    NAME_STOP_WORDS,
    NON_NAME_WORDS,
    NOT_PEOPLE,
    SURNAMES,
    UPPER,
    canonical_case,
    expand_title_abbreviations,
    words,
)
from .model import Official, Position
from .organizations import ORG_HEAD, LocalityContext, find_organizations

_I = re.IGNORECASE
TITLE_HEAD = re.compile(
    r"(?:phó\s+)?(?:tổng\s+bí\s+thư|bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|trưởng\s+ban|trưởng\s+phòng|"
    r"trưởng\s+đoàn|tổng\s+giám\s+đốc|giám\s+đốc|thủ\s+trưởng|ủy\s+viên|uỷ\s+viên|vụ\s+trưởng|"
    r"vụ\s+phó|thứ\s+trưởng|bộ\s+trưởng|thủ\s+tướng|chánh|tư\s+lệnh|chính\s+ủy|"
    r"chỉ\s+huy\s+trưởng|hiệu\s+trưởng|tổng\s+thư\s+ký|đại\s+biểu\s+quốc\s+hội|thường\s+trực|"
    r"(?:đại|thượng|trung|thiếu)\s+(?:tướng|tá|úy)|trưởng|pbt|pct|ct|uvbtv|uv\s*btv|uvtw|tuv|"
    r"huv|tỉnh\s+ủy\s+viên|huyện\s+ủy\s+viên|chi\s+hội\s+trưởng|tổ\s+trưởng|già\s+làng|uv|bt|"
    r"chính\s+trị\s+viên|"
    # "TT. HĐND", "TT Huyện ủy": Thường trực (but "TT. Chợ Chùa" is a town)
    r"tt(?=\.?\s*(?:hđnd|ubmttq|mttq|huyện|tỉnh|thành|thị\s+ủy|đảng|hội\s+đồng|ủy|uỷ)))(?![\w])",
    _I,
)
TITLE_WORDS = words(
    """viên thư tịch trưởng phó trực vụ ủy uỷ vận hành chấp chính trị ương trung đảng dân nhân
    tỉnh huyện xã phường thị trấn thành phố quận ban đồng mặt trận tổ quốc việt nam quan
    nước khối đạo huy lượng vũ trang an sự biên phòng bộ đội sở liên hiệp phụ nữ nông đoàn
    thanh niên cựu chiến binh lao động tra giáo chức nội khóa khoá nhiệm kỳ cấp học viện
    trường giám đốc tổng thứ kiêm ký tướng tá úy thiếu thượng hội tộc tôn doanh nghiệp tế
    chi thôn bản ấp xóm buôn làng khóm khu phố tổ mưu dựng cảnh sát hậu cần kỹ thuật ninh"""
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
_HONORIFIC_BEFORE = gated(r"(?:đồng\s+chí|đ/c|ông|bà)\s*:?\s*$", _I)
# "ông"/"bà" alone is courtesy, not rank: a citizen ("người có uy tín", "người dân") unless a
# title goes with the name somewhere in the report.
_COMRADE_BEFORE = gated(r"(?:đồng\s+chí|đ/c)\s*:?\s*$", _I)
_GROUP_BEFORE = re.compile(r"các\s+đồng\s+chí\s*:?\s*$", _I)
_SEPARATOR_AFTER = re.compile(r"\s*(?:,|[-–]|\()\s*")
# Inside a title, a capitalized run after a village word names a place ("thôn Đồng Tâm"),
# which the gazetteer does not know. ("UBND tỉnh Võ Trọng Hải" is a title and a person.)
_PLACE_WORD_BEFORE = gated(r"(?<!\w)(?:thôn|bản|ấp|xóm|buôn|làng|khóm)\s+$", _I)
_DASH_BEFORE = re.compile(r"\s*[-–]\s*$")
_LIST_GAP = re.compile(r"^\s*(?:,|và)\s*$")
MAX_TITLE_TOKENS = 40
_HONORIFIC_WORDS = frozenset({"Ông", "Bà"})
_NOT_PEOPLE_PREFIXES = tuple(phrase + " " for phrase in sorted(NOT_PEOPLE))
# Bodies whose first word is also a surname or reads like a name: "Đoàn Thanh niên" is no
# "Đoàn Thanh", "Đoàn Đại biểu Quốc hội" no "Đoàn Đại".
_ORGANIZATION_START = re.compile(
    r"(?:Đoàn\s+(?:Thanh\s+niên|TN|Đại\s+biểu|ĐBQH|công\s+tác|Kiểm\s+tra|Giám\s+sát|Thanh\s+tra"
    r"|viên|thể)"
    r"|Hồ\s+Chí\s+Minh|Lâm\s+nghiệp|Lâm\s+trường|Kim\s+Đồng\s+(?:đội|Đội))(?![\w])",
    _I,
)
# A place right after its level ("xã Tân Lập", "phường Trần Phú", "TP. Vinh", "H. Đức Thọ").
_LEVEL_BEFORE = gated(
    r"(?<![\w])(?:xã|phường|thị\s+trấn|huyện|quận|thị\s+xã|thành\s+phố|tỉnh|đặc\s+khu"
    r"|TP\.?|Tp\.?|TX\.?|TT\.|H\.|P\.|Q\.|X\.)\s*$",
    _I,
)
_MAX_PLACE_WORDS = 4
# A committee or body whose place may follow before its head's name: "Bí thư Huyện ủy Cẩm
# Xuyên Nguyễn Quốc Hoà" (but "Bí thư Tỉnh ủy Hoàng Trung Dũng" names no place).
_COMMITTEE_BEFORE = gated(
    r"(?<![\w])(?:(?:tỉnh|huyện|thành|thị|quận)\s+[ủu]y|đảng\s+[ủu]y|ubnd|hđnd|ubmttq(?:vn)?)\s+$",
    _I,
)
# A village the gazetteer does not know: "trưởng thôn Đồng Tâm" (two words) is the village,
# "trưởng thôn Lò Văn Sơn" (three) a man.
# So is a unit named after its place: "Đồn Biên phòng Trà Lĩnh", "Trạm Y tế Nà Hang".
_VILLAGE_BEFORE = gated(
    r"(?<![\w])(?:thôn|bản|ấp|xóm|buôn|làng|khóm|tổ\s+dân\s+phố|khu\s+phố|đồn|biên\s+phòng|trạm"
    r"|y\s+tế|cửa\s+khẩu|hợp\s+tác\s+xã|htx|đại\s+đội|tiểu\s+đoàn|trung\s+đoàn|lữ\s+đoàn"
    r"|sư\s+đoàn)\s+$",
    _I,
)


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
        # "Chủ tịch UBND xã Tân Lập Nguyễn Văn Bình": the run begins with the place.
        offset = run.start() + sum(len(word) + 1 for word in words[:first])
        place = _place_words(text, offset, words[first:], gazetteer)
        if place:
            first += place
            if len(words) - first < 2 or words[first] not in SURNAMES:
                continue
        last = first + 1
        while last < len(words) and words[last] not in NAME_STOP_WORDS and last - first < 5:
            last += 1
        if last - first < 2:
            continue
        name = " ".join(words[first:last])
        if not _is_person_name(name, gazetteer):
            continue
        start = run.start() + sum(len(word) + 1 for word in words[:first])
        if _is_organization_at(text, start):
            continue
        names.append(_Name(name, start, start + len(name)))
    return names


def _is_organization_at(text: str, position: int) -> bool:
    """Whether a body's name starts here ("Đoàn Thanh niên xã", "Công an huyện")."""
    if _ORGANIZATION_START.match(text, position):
        return True
    head = ORG_HEAD.match(text, position)
    return head is not None and " " in head.group()


def _place_words(text: str, position: int, words: list[str], gazetteer: Gazetteer | None) -> int:
    """How many of the capitalized words at ``position`` name a place of the gazetteer right
    after its level word ("xã Tân Lập", "phường Trần Phú"); 0 when they do not."""
    lead = text[max(0, position - 14) : position]
    if len(words) == 2 and _VILLAGE_BEFORE.search(lead):
        return 2
    if gazetteer is None:
        return 0
    most = min(_MAX_PLACE_WORDS, len(words))
    if not _LEVEL_BEFORE.search(lead):
        # after a committee, only a place followed by a full name of its own
        if len(words) < 4 or not _COMMITTEE_BEFORE.search(text[max(0, position - 16) : position]):
            return 0
        most = min(most, len(words) - 2)
    for count in range(most, 1, -1):
        place = " ".join(words[:count])
        if (
            gazetteer.communes_named(place)
            or gazetteer.districts_named(place)
            or gazetteer.provinces_named(place)
        ):
            return count
    return 0


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
    if _is_organization_at(text, position) or _place_words(text, position, words, gazetteer):
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
        if token == "." and _is_title_dot(tokens, index, following, text):  # noqa: S105
            stop = position + 1
            index += 1
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


_ABBREVIATION_TOKEN = re.compile(rf"[{UPPER}]{{2,7}}")


def _is_title_dot(tokens: list[tuple[str, int]], index: int, following: str, text: str) -> bool:
    """Whether a dot is an abbreviation's, inside a title: "UV. BCH", "TUV., Bí thư", not
    the end of a sentence ("... UBND. Sau đó")."""
    if index == 0 or not following:
        return False
    previous, previous_at = tokens[index - 1]
    if previous_at + len(previous) != tokens[index][1] or not _ABBREVIATION_TOKEN.fullmatch(
        previous
    ):
        return False
    if following in (",", ";"):
        return True
    return bool(
        _ABBREVIATION_TOKEN.fullmatch(following) or TITLE_HEAD.match(text, tokens[index + 1][1])
    )


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
            title = _trim_title(window[position:].strip())
            if _ends_with_other_person(title):
                return None  # "Di chúc của Chủ tịch Hồ Chí Minh, đồng chí X ..."
            return title or None
        if index > 12:
            break
    return None


def _ends_with_other_person(title: str) -> bool:
    """Whether a title read before a name ends with someone else's name ("Chủ tịch Hồ Chí
    Minh"): it is that person's title, not the next name's."""
    last = None
    for last in CAPITALIZED_RUN.finditer(title):  # noqa: B007 - the last run is wanted
        pass
    if last is None or last.end() != len(title) or " " not in last.group():
        return False
    name = last.group()
    return name.casefold() in NOT_PEOPLE or is_historical_leader(name)


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
    expanded = canonical_case(expand_title_abbreviations(normalize_tones(title)))
    expanded = re.sub(r"\s*([-–])\s*", r" \1 ", expanded) if " - " in title else expanded
    return " ".join(expanded.split())


def find_officials(texts: list[str], gazetteer: Gazetteer | None) -> list[tuple[str, str | None]]:
    """(name, title as written or None) for each mention of an official, in text order."""
    found: list[tuple[str, str | None]] = []
    # Names given a title, listed with officials or called "đồng chí" at least once.
    supported: set[str] = set()
    for text in texts:
        names = _name_candidates(text, gazetteer)
        archive = bool(names) and is_archive_caption(text)
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
            if accepted and (
                archive or _not_of_the_report(text, candidate, title_after, title_before, in_list)
            ):
                accepted = False
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


def _not_of_the_report(
    text: str, candidate: _Name, title_after: str | None, title_before: str | None, in_list: bool
) -> bool:
    """Whether the name is a commemorated or historical person's, not an official's."""
    title_start = text.rfind(title_before, 0, candidate.start) if title_before else None
    if is_commemorated(text, candidate.start, candidate.end, title_start):
        return True
    if not is_historical_leader(candidate.name):
        return False
    # A leader's name: a living namesake only with a present local title.
    return not (is_present_local_title(title_after or title_before) or in_list)


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
