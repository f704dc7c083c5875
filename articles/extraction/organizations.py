"""Organizations named in a report, expanded and qualified with the report's locality."""

from __future__ import annotations

import re
from dataclasses import dataclass

from articles.text import normalize_tones

from .fastre import gated
from .gazetteer import Commune, District, Gazetteer, Province, cached_match_key, folded_word
from .lexicon import LOWER, UPPER, expand_abbreviations, words
from .model import Organization
from .org_roles import BYLINE, ROLE_ORDER, mention_roles

_U, _L = UPPER, LOWER
_DEPT = rf"[{_U}][{_L}]+(?:\s+[{_L}]+)?(?:\s+(?:và|-)\s+[{_U}][{_L}]+(?:\s+[{_L}]+)?)?"
_COMMITTEE = r"(?:Tỉnh|Huyện|Thành|Thị|Quận|tỉnh|huyện|thành|thị|quận)\s+(?:ủy|uỷ)"

# (pattern, kind, shape). Shapes: central, board (needs a committee, "Trung ương" or a
# level after it), committee (Tỉnh ủy ...), level (needs tỉnh/huyện/xã ... after it),
# party-unit (Đảng ủy + unit), department (Sở/Phòng), ministry.
_HEADS: list[tuple[str, str, str]] = [
    (r"Ban\s+[Tt]uyên\s+giáo\s+và\s+[Dd]ân\s+vận", "ban-dan-van", "board"),
    (r"Ban\s+[Dd]ân\s+vận|BDV", "ban-dan-van", "board"),
    (r"Ban\s+[Tt]uyên\s+giáo|BTG", "cap-uy", "board"),
    (r"Ban\s+[Tt]ổ\s+chức", "cap-uy", "board"),
    (r"(?:Ủy|Uỷ)\s+ban\s+[Kk]iểm\s+tra|UBKT", "cap-uy", "board"),
    (r"Ban\s+[Cc]hỉ\s+đạo|BCĐ", "khac", "steering"),
    (r"Đoàn\s+(?:[Đđ]ại\s+biểu\s+Quốc\s+hội|ĐBQH)", "khac", "level"),
    (r"(?:Ban\s+[Cc]hấp\s+hành|BCH)\s+Trung\s+ương(?:\s+Đảng)?", "cap-uy", "central"),
    (r"(?:Ban\s+[Cc]hấp\s+hành|BCH)\s+Đảng\s+bộ", "cap-uy", "level"),
    (r"Ban\s+[Tt]hường\s+vụ|BTV", "cap-uy", "board"),
    (r"Ban\s+Bí\s+thư(?:\s+Trung\s+ương(?:\s+Đảng)?)?", "cap-uy", "central"),
    (r"Bộ\s+Chính\s+trị", "cap-uy", "central"),
    (
        r"Ủy\s+ban\s+Trung\s+ương\s+(?:Mặt\s+trận\s+Tổ\s+quốc|MTTQ)(?:\s+Việt\s+Nam)?",
        "mat-tran",
        "central",
    ),
    (_COMMITTEE, "cap-uy", "committee"),
    (r"Đảng\s+(?:ủy|uỷ|Ủy|Uỷ)", "cap-uy", "party-unit"),
    (r"Đảng\s+bộ", "cap-uy", "level"),
    (r"Ủy\s+ban\s+[Nn]hân\s+dân|UBND", "chinh-quyen", "level"),
    (r"Hội\s+đồng\s+[Nn]hân\s+dân|HĐND", "hdnd", "level"),
    (
        r"(?:Ủy\s+ban\s+|UB\s*)?(?:Mặt\s+trận\s+Tổ\s+quốc|MTTQ)(?:\s+Việt\s+Nam|\s*VN)?"
        r"|UBMTTQ(?:VN)?(?:\s+Việt\s+Nam)?",
        "mat-tran",
        "level",
    ),
    (r"Hội\s+[Nn]ông\s+dân", "doan-the", "level"),
    (r"Hội\s+(?:Liên\s+hiệp\s+[Pp]hụ\s+nữ|LHPN)", "doan-the", "level"),
    (
        r"Đoàn\s+(?:Thanh\s+niên|TN)(?:\s+Cộng\s+sản\s+Hồ\s+Chí\s+Minh|\s+CSHCM)?",
        "doan-the",
        "level",
    ),
    (r"Hội\s+(?:Cựu\s+chiến\s+binh|CCB)", "doan-the", "level"),
    (r"Liên\s+đoàn\s+[Ll]ao\s+động|LĐLĐ", "doan-the", "level"),
    (r"Công\s+đoàn", "doan-the", "level"),
    (
        r"Bộ\s+Chỉ\s+huy\s+Bộ\s+đội\s+Biên\s+phòng|Bộ\s+đội\s+Biên\s+phòng",
        "luc-luong-vu-trang",
        "level",
    ),
    (r"(?:Bộ|Ban)\s+Chỉ\s+huy\s+[Qq]uân\s+sự|BCHQS", "luc-luong-vu-trang", "level"),
    (r"Công\s+an|Quân\s+sự", "luc-luong-vu-trang", "level"),
    (r"Bộ\s+(?:Công\s+an|Quốc\s+phòng)", "luc-luong-vu-trang", "central"),
    (r"Chính\s+phủ", "chinh-quyen", "central"),
    (rf"Sở\s+{_DEPT}", "chinh-quyen", "department"),
    (rf"Phòng\s+{_DEPT}", "chinh-quyen", "department"),
    (
        rf"Bộ\s+(?!Chính\s+trị|Chỉ\s+huy|đội|Công\s+an|Quốc\s+phòng){_DEPT}",
        "chinh-quyen",
        "central",
    ),
]
# Group i + 1, empty, closes head i: at the end of its branch, so that the branch still opens
# with its first letter and the regex engine skips it at a glance where that letter is not.
ORG_HEAD = re.compile(
    r"(?=[BĐỦUHMLCQSPTthq])(?<![\w])(?:"
    + "|".join(f"(?:{p})(?P<h{i}>)" for i, (p, _, _) in enumerate(_HEADS))
    + r")(?![\w])"
)
_LEVEL = re.compile(
    r"\s+(tỉnh|huyện|xã|phường|thị\s+trấn|thành\s+phố|TP\.?|quận|thị\s+xã|TX\.?)(?![\w])", re.I
)
_BOARD_TAIL = re.compile(rf"\s+({_COMMITTEE}|Trung\s+ương|TW|TƯ)(?![\w])")
_PLACE_WORD = rf"(?:[{_U}][{_L}'’{_U}]*|\d+)"
_PLACE_WORDS = re.compile(rf"\s+({_PLACE_WORD}(?:\s+{_PLACE_WORD}){{0,3}})")
# Words where a place name's grammar ends, whatever the case of the page ("UBND XÃ TÂN LẬP VỚI
# NHÂN DÂN CÁC ẤP", "Hội Nông dân xã Tân Lập Cùng Hội Phụ nữ"): conjunctions, prepositions,
# quantifiers, and the heads of other bodies.
_PLACE_STOP = words(
    """với và cùng đến tại của về trong cho ở các những năm tổ hội ban ủy uỷ đảng đoàn
    ubnd hđnd mttq sở phòng"""
)
_PLACE_STOP_PAIRS = frozenset({("nhân", "dân")})
_GENERIC_BEFORE = gated(r"(?:các|những|mỗi|từng)\s+$", re.I)
_LEVEL_LIST_BEFORE = gated(r"(?:huyện|thị),\s*$", re.I)
_GENERIC_AFTER = re.compile(r"^\s*(?:,\s*(?:thị|thành|xã|huyện)\b|các\s+cấp|cơ\s+sở\b)", re.I)
_LEVEL_SLUG = {
    "tinh": "tinh",
    "huyen": "huyen",
    "quan": "huyen",
    "thi xa": "huyen",
    "tx": "huyen",
    "xa": "xa",
    "phuong": "xa",
    "thi tran": "xa",
    "thanh pho": None,
    "tp": None,
}
_LEVEL_WORD = {"TP": "thành phố", "TX": "thị xã"}
_COMMUNE_KIND = {"xa": "xa", "phuong": "phuong", "thi tran": "thi-tran"}


@dataclass(slots=True)
class LocalityContext:
    """The report's province and district, used to qualify "Tỉnh ủy", "UBND huyện" ..."""

    gazetteer: Gazetteer
    province: Province | None = None
    district: District | None = None
    commune: Commune | None = None  # the report's own commune: "UBND xã" names its council


@dataclass(slots=True)
class OrgMatch:
    """An organization found at a span of a text."""

    start: int
    end: int
    organization: Organization


def _clean(text: str) -> str:
    return " ".join(normalize_tones(expand_abbreviations(text)).split())


_CLEAN_HEADS: dict[str, str] = {}


def _clean_head(raw: str) -> str:
    """_clean of an organization head as written (memoized: heads are a small vocabulary)."""
    head = _CLEAN_HEADS.get(raw)
    if head is None:
        head = _clean(raw)
        if len(_CLEAN_HEADS) < 5000:
            _CLEAN_HEADS[raw] = head
    return head


def _place_after(text: str, position: int, ctx: LocalityContext, level: str | None):
    """(name, end, is_province) of a place name right after position, validated if possible."""
    match = _PLACE_WORDS.match(text, position)
    if not match:
        return None
    words = _place_words(match.group(1).split())
    if not words:
        return None
    gazetteer = ctx.gazetteer
    for count in range(len(words), 0, -1):
        name = " ".join(words[:count])
        end = position + match.group(0).index(words[0]) + len(name)
        # A validated name is spelled with the standard tone placement ("Khánh Hoà" ->
        # "Khánh Hòa"), so that old-style and new-style texts name the same body.
        if level in (None, "tinh", "thanh pho", "tp") and gazetteer.provinces_named(name):
            return normalize_tones(_unshout(name)), end, True
        if level != "tinh" and count > 1 and gazetteer.districts_named(name):
            return normalize_tones(_unshout(name)), end, False
        if level in ("huyen", "quan", "thi xa") and gazetteer.districts_named(name):
            return normalize_tones(_unshout(name)), end, False
    if level in ("xa", "phuong", "thi tran") or (level and not gazetteer.provinces):
        name = " ".join(words)
        return _unshout(name), position + match.group(0).index(words[0]) + len(name), False
    return None


def _place_words(words: list[str]) -> list[str]:
    """The words of a place name, up to where its grammar ends (a preposition, a new body)."""
    for index, word in enumerate(words):
        folded = word.casefold()
        pair = (folded, words[index + 1].casefold()) if index + 1 < len(words) else None
        if folded in _PLACE_STOP or pair in _PLACE_STOP_PAIRS:
            return words[:index]
    return words


def _unshout(name: str) -> str:
    """ "TÂN LẬP" -> "Tân Lập": an all-caps headline's place in its usual spelling."""
    return name.title() if name.isupper() and len(name) > 2 else name


_COMMITTEES = {
    "tinh uy": ("Tỉnh ủy", "tinh"),
    "huyen uy": ("Huyện ủy", "huyen"),
    "thanh uy": ("Thành ủy", None),
    "thi uy": ("Thị ủy", "huyen"),
    "quan uy": ("Quận ủy", "huyen"),
}


def _committee_parts(word: str) -> tuple[str, str | None]:
    return _COMMITTEES.get(folded_word(word), (word, None))


def _qualify_committee(text: str, end: int, word: str, ctx: LocalityContext):
    """("Tỉnh ủy Hà Tĩnh", level, end) for a committee word at text[...:end]."""
    name, level = _committee_parts(word)
    place = _place_after(text, end, ctx, "tinh" if level == "tinh" else "huyen")
    if name == "Thành ủy":
        place = place or _place_after(text, end, ctx, None)
    if place:
        place_name, end, is_province = place
        if name == "Thành ủy":
            level = "tinh" if is_province else "huyen"
        return f"{name} {place_name}", level, end
    if level == "tinh" and ctx.province:
        return f"{name} {ctx.province.name}", level, end
    if level == "huyen" and ctx.district:
        return f"{name} {ctx.district.name}", level, end
    if name == "Thành ủy" and ctx.province and ctx.province.kind == "thanh-pho-tw":
        return f"{name} {ctx.province.name}", "tinh", end
    if name == "Thành ủy" and ctx.district and ctx.district.kind == "thanh-pho-thuoc-tinh":
        return f"{name} {ctx.district.name}", "huyen", end
    return name, level, end


def _qualify_level(text: str, end: int, ctx: LocalityContext):
    """(" tỉnh Hà Tĩnh", level slug, end) for a level word (+ place) after end, or None."""
    level_match = _LEVEL.match(text, end)
    if not level_match:
        return None
    raw_level = level_match.group(1)
    key = folded_word(raw_level)
    word = _LEVEL_WORD.get(raw_level.rstrip(".").upper(), raw_level.lower())
    level = _LEVEL_SLUG.get(key)
    place = _place_after(text, level_match.end(), ctx, key)
    if place:
        place_name, place_end, is_province = place
        if level is None:
            level = "tinh" if is_province else "huyen"
        return f" {word} {place_name}", level, place_end
    if key == "tinh" and ctx.province:
        return f" {word} {ctx.province.name}", "tinh", level_match.end()
    if key in ("thanh pho", "tp") and ctx.province and ctx.province.kind == "thanh-pho-tw":
        return f" thành phố {ctx.province.name}", "tinh", level_match.end()
    if level == "huyen" and ctx.district:
        return f" {word} {ctx.district.name}", "huyen", level_match.end()
    if level == "xa" and ctx.commune is not None and _COMMUNE_KIND.get(key) == ctx.commune.kind:
        return f" {word} {ctx.commune.name}", "xa", level_match.end()  # the report's commune
    if level == "xa":
        return None  # "Đảng ủy xã" without a name, in no known commune, is generic
    return f" {word}", level or "huyen", level_match.end()


def find_organizations(text: str, ctx: LocalityContext) -> list[OrgMatch]:
    """Organizations named in a text, as qualified names with kind, level and parent."""
    found: list[OrgMatch] = []
    # Heads still waiting for a qualifier that a later body of the list gives them all:
    # "đại diện HĐND, UBND tỉnh", "Hội Nông dân, Hội LHPN xã Tân Lập".
    waiting: list[tuple[int, int, str, str, str, str]] = []
    for match in ORG_HEAD.finditer(text):
        _, kind, shape = _HEADS[match.lastindex - 1]  # group i + 1 is head i; no other groups
        start, end = match.span()
        if _GENERIC_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        if _GENERIC_AFTER.match(text[end : end + 20]) and shape != "central":
            continue
        if shape == "committee" and _LEVEL_LIST_BEFORE.search(text[max(0, start - 8) : start]):
            continue
        raw = match.group(0)
        head = _clean_head(raw)
        organization = _build(text, head, raw, kind, shape, end, ctx, start)
        if organization is None:
            if shape == "level" and (
                not waiting or _LIST_JOIN.fullmatch(text[waiting[-1][1] : start])
            ):
                waiting.append((start, end, head, raw, kind, shape))
            else:
                waiting = [(start, end, head, raw, kind, shape)] if shape == "level" else []
            continue
        head_end = end
        organization, end = organization
        if waiting and shape == "level" and _LIST_JOIN.fullmatch(text[waiting[-1][1] : start]):
            found.extend(_share_qualifier(text, waiting, head_end, ctx))
        waiting = []
        if _GENERIC_AFTER.match(text[end : end + 20]) and shape != "central":
            continue
        organization.as_written = text[start:end]
        found.append(OrgMatch(start, end, organization))
    return sorted(found, key=lambda item: item.start) if len(found) > 1 else found


_LIST_JOIN = re.compile(r"\s*(?:,|và)\s*")


def _share_qualifier(text: str, waiting: list, level_at: int, ctx: LocalityContext):
    """The waiting heads, each qualified by the level and place found after level_at."""
    shared = []
    for start, end, head, raw, kind, shape in waiting:
        built = _build(text, head, raw, kind, shape, level_at, ctx, start)
        if built is not None:
            built[0].as_written = text[start:end]
            shared.append(OrgMatch(start, end, built[0]))
    return shared


def _build(
    text: str,
    head: str,
    raw: str,
    kind: str,
    shape: str,
    end: int,
    ctx: LocalityContext,
    start: int = 0,
):
    if kind == "mat-tran" and shape == "level":
        head = "Ủy ban Mặt trận Tổ quốc Việt Nam"
    elif head.startswith("Đoàn Đại biểu"):  # "Đoàn ĐBQH" expanded
        head = "Đoàn đại biểu" + head.removeprefix("Đoàn Đại biểu")
    if shape == "central":
        if head.startswith("Ban Bí thư"):
            head = "Ban Bí thư"
        if head.startswith("Ban Chấp hành Trung ương"):
            head = "Ban Chấp hành Trung ương Đảng"
        return Organization(head, kind, "trung-uong"), end
    if shape == "committee":
        name, level, end = _qualify_committee(text, end, raw, ctx)
        return Organization(name, kind, level), end
    if shape == "board":
        tail = _BOARD_TAIL.match(text, end)
        if tail:
            word = tail.group(1)
            if folded_word(word) in ("trung uong", "tw"):
                return Organization(f"{head} Trung ương", kind, "trung-uong"), tail.end()
            parent, level, new_end = _qualify_committee(text, tail.end(), word, ctx)
            return Organization(f"{head} {parent}", kind, level, parent=parent), new_end
        qualified = _qualify_level(text, end, ctx)
        if qualified is None:
            return None
        suffix, level, new_end = qualified
        committee = {"tinh": "Tỉnh ủy", "huyen": "Huyện ủy"}.get(level)
        if committee is None:
            return None
        parent_place = suffix.split(maxsplit=1)[1] if len(suffix.split()) > 1 else ""
        for word in ("tỉnh ", "huyện ", "thành phố ", "quận ", "thị xã "):
            parent_place = parent_place.removeprefix(word)
        parent = f"{committee} {parent_place}".strip() if parent_place else committee
        return Organization(f"{head} {parent}", kind, level, parent=parent), new_end
    if shape == "steering":  # "Ban Chỉ đạo Tỉnh ủy ...", "Ban Chỉ đạo huyện ..."
        tail = _BOARD_TAIL.match(text, end)
        if tail and folded_word(tail.group(1)) not in ("trung uong", "tw"):
            parent, level, new_end = _qualify_committee(text, tail.end(), tail.group(1), ctx)
            return Organization(f"{head} {parent}", kind, level, parent=parent), new_end
        qualified = _qualify_level(text, end, ctx)
        if qualified is None:
            return None
        suffix, level, new_end = qualified
        return Organization(f"{head}{suffix}", kind, level), new_end
    if shape == "party-unit":
        qualified = _qualify_level(text, end, ctx)
        if qualified and qualified[1] == "xa":
            suffix, level, new_end = qualified
            return Organization(f"{head}{suffix}", kind, level), new_end
        unit = re.match(rf"\s+(Khối(?:\s+[{_U}][{_L}]+|\s+và|\s+[{_L}]+){{1,6}})", text[end:])
        if unit:
            name = f"{head} {unit.group(1).strip()}"
            return Organization(name, kind, "tinh"), end + unit.end()
        return None
    qualified = _qualify_level(text, end, ctx)
    if shape == "department":
        if qualified:
            suffix, level, new_end = qualified
            return Organization(f"{head}{suffix}", kind, level), new_end
        if head.startswith("Sở") and ctx.province:
            return Organization(f"{head} {ctx.province.name}", kind, "tinh"), end
        return None
    if qualified is None:
        if kind == "hdnd" and _TITLE_BEFORE.search(text[max(0, start - 30) : start]):
            return _own_council(head, kind, end, ctx)  # "Chủ tịch HĐND": the report's own
        return None
    suffix, level, new_end = qualified
    return Organization(f"{head}{suffix}", kind, level), new_end


_TITLE_BEFORE = gated(
    r"(?<!\w)(?:chủ\s+tịch|ct|pct|thường\s+trực|tt|ủy\s+viên|uỷ\s+viên|đại\s+biểu)\s*$", re.I
)
_DISTRICT_WORD = {"quan": "quận", "thi-xa": "thị xã", "thanh-pho-thuoc-tinh": "thành phố"}


def _own_council(head: str, kind: str, end: int, ctx: LocalityContext):
    """The report's own council for a bare "HĐND" after a title, when the locality is known."""
    if ctx.district is not None:
        word = _DISTRICT_WORD.get(ctx.district.kind, "huyện")
        return Organization(f"{head} {word} {ctx.district.name}", kind, "huyen"), end
    if ctx.province is not None:
        word = "thành phố" if ctx.province.kind == "thanh-pho-tw" else "tỉnh"
        return Organization(f"{head} {word} {ctx.province.name}", kind, "tinh"), end
    return None


def collect_organizations(
    texts: list[str], ctx: LocalityContext, publisher_texts: tuple[str, ...] = ()
) -> list[Organization]:
    """All organizations in the texts, deduplicated by name, first mention first, each with
    the roles its mentions give it (see org_roles); the bodies of publisher_texts (the
    byline's unit, the site's owner) are marked BYLINE: they publish, they do not act."""
    seen: dict[str, Organization] = {}
    acting: set[str] = set()  # keys whose as_written is that of a mention with a role
    for text, publisher in [(t, False) for t in texts] + [(t, True) for t in publisher_texts]:
        matches = find_organizations(text, ctx)
        if not matches:
            continue
        spans = [(found.start, found.end) for found in matches]
        roles = [BYLINE] * len(matches) if publisher else mention_roles(text, spans)
        for found, role in zip(matches, roles, strict=True):
            organization = found.organization
            key = cached_match_key(organization.name)
            kept = seen.get(key)
            if kept is None:
                kept = seen[key] = organization
            if role not in kept.roles:
                kept.roles.append(role)
            if role in ROLE_ORDER and key not in acting:
                acting.add(key)
                kept.as_written = organization.as_written
    return list(seen.values())
