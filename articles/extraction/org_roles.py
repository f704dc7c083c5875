"""What a body does in a report: organizer, host, co-signer, issuer, attendee or mentioned.

A role is read from the words around each mention, never from a list of names: the verb the
body is the subject of ("Đảng bộ xã X tổ chức Đại hội", "X chủ trì, phối hợp với Y tổ chức",
"X và Y ký kết Chương trình phối hợp"), or the phrase that opens a list of bodies ("đại diện
Hội Nông dân, Hội LHPN xã", "Quy chế phối hợp giữa X và Y", "Kế hoạch số ... của X"). A body
right after a rank ("Trưởng Ban Dân vận Tỉnh ủy", "Chủ tịch UBND xã") is part of a person's
title: it acts through that person and is linked through the person's position, not listed.
"""

from __future__ import annotations

import re

from .fastre import gated
from .model import ORGANIZATION_ROLES

_I = re.IGNORECASE

# Contract roles, strongest first: a body gets the first of these it has.
ROLE_ORDER = ORGANIZATION_ROLES
# Internal marks that are no role in the report: inside a title, the parent named inside
# another body's name, the author's unit and the site's owner.
POSITION, PARENT, BYLINE = "position", "parent", "byline"

_RANK = (
    r"(?:phó\s+)?(?:tổng\s+bí\s+thư|bí\s+thư|chủ\s+tịch|chủ\s+nhiệm|trưởng|giám\s+đốc|"
    r"chỉ\s+huy\s+trưởng|chỉ\s+huy\s+phó|chính\s+ủy|chính\s+uỷ|chính\s+trị\s+viên|tư\s+lệnh|"
    r"thủ\s+trưởng|chánh\s+văn\s+phòng|chánh|tổng\s+thư\s+ký|thư\s+ký|hiệu\s+trưởng)"
    r"(?:\s+thường\s+trực)?"
    r"|phó|ủy\s+viên|uỷ\s+viên|uv|tuv|huv|ct|pct|pbt|bt|uvbtv|đại\s+biểu"
)
# A rank right before the body, maybe abbreviated with a dot ("UV. BCH", "PCT. UBND").
_RANK_BEFORE = gated(rf"(?<!\w)(?:{_RANK})\.?\s*$", _I)

# "Thường trực Ban Bí thư" is one person's office; "Thường trực Huyện ủy" is a body.
_STANDING_BEFORE = gated(r"(?<!\w)thường\s+trực\s*$", _I)

_VERBS = (
    ("organizer", r"tổ\s+chức|phát\s+động"),
    ("host", r"chủ\s+trì|đăng\s+cai"),
    (
        "co-signer",
        r"ký\s+kết|ký(?=\s+(?:quy\s+chế|chương\s+trình|thỏa\s+thuận|thoả\s+thuận|giao\s+ước|"
        r"kế\s+hoạch|biên\s+bản))",
    ),
    ("issuer", r"ban\s+hành"),
    ("attendee", r"(?:đến\s+)?(?:tham\s+)?dự(?!\s+(?:án|báo|kiến|thảo|toán|trữ|định))"),
)
_VERB = re.compile(
    r"\s*(?:" + "|".join(f"(?P<v{i}>{p})" for i, (_, p) in enumerate(_VERBS)) + r")(?!\w)", _I
)
# Verbs after which the object follows: the walk over the subject ends there.
_FINAL = {"organizer", "co-signer", "issuer", "attendee"}
# Words that join the subjects of one verb: "X phối hợp với Y", "X và Y", "X, Y".
_CONNECTOR = re.compile(
    r"\s*(?:,|;|–|-|và|với|cùng|phối\s+hợp|đã|vừa|mới|đồng\s+thời|long\s+trọng|trang\s+trọng|"
    r"chính\s+thức|đồng|\([^()]{0,60}\))(?!\w)",
    _I,
)
_WALK_LIMIT = 240

# Phrases that open a list of bodies with one role.
_ATTEND_BEFORE = gated(
    r"(?<!\w)(?:đại\s+diện(?:\s+lãnh\s+đạo)?|lãnh\s+đạo|tham\s+(?:dự|gia)\s+(?:của|có)|"
    r"dự\s+có|đoàn\s+công\s+tác(?:\s+của)?|cán\s+bộ,?\s+chiến\s+sĩ)\s*(?:các\s+)?:?\s*$",
    _I,
)
_BETWEEN_BEFORE = gated(r"(?<!\w)giữa\s*$", _I)
_SIGNING = re.compile(
    r"(?<!\w)(?:ký|quy\s+chế|chương\s+trình\s+phối\s+hợp|thỏa\s+thuận|thoả\s+thuận|giao\s+ước)"
    r"(?!\w)",
    _I,
)
_OF_BEFORE = gated(r"(?<!\w)(?:của|do)\s*$", _I)
_DOCUMENT_BEFORE = re.compile(
    r"\d\s*[-/]\s*[A-ZĐÐ][A-Za-zĐđÐ]*\s*[-/]\s*[A-ZĐÐ]|(?<!\w)(?:nghị\s+quyết|chỉ\s+thị|"
    r"kết\s+luận|kế\s+hoạch|quyết\s+định|quy\s+định|hướng\s+dẫn|chương\s+trình|công\s+văn|"
    r"thông\s+báo|đề\s+án)(?:\s+số)?(?!\w)",
    _I,
)
_LIST_GAP = re.compile(r"\s*(?:,|;|và|cùng|–|-)\s*(?:đại\s+diện\s+|các\s+)?$", _I)


def mention_roles(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """One role for each (start, end) span of a body in text, spans in text order.

    POSITION for a body inside a person's title, PARENT for one inside another body's name,
    else a contract role read from the words around it.
    """
    roles: list[str] = []
    outer_end = -1
    starts = {start: end for start, end in spans}
    previous: tuple[int, str] | None = None  # (end, role) of the last listed body
    for start, end in spans:
        if start < outer_end:
            roles.append(PARENT)
            continue
        outer_end = max(outer_end, end)
        before = text[max(0, start - 60) : start]
        if _RANK_BEFORE.search(before) or (
            _STANDING_BEFORE.search(before) and text.startswith("Ban Bí thư", start)
        ):
            roles.append(POSITION)
            previous = None
            continue
        role = _role_before(text, start, before)
        if (
            role is None
            and previous is not None
            and previous[1] != "mentioned"
            and _LIST_GAP.fullmatch(text[previous[0] : start])
        ):
            role = previous[1]
        forward = _role_after(text, end, starts)
        if forward is not None and (role is None or _stronger(forward, role)):
            role = forward
        role = role or "mentioned"
        roles.append(role)
        previous = (end, role)
    return roles


def _stronger(role: str, other: str) -> bool:
    return ROLE_ORDER.index(role) < ROLE_ORDER.index(other)


def _role_before(text: str, start: int, before: str) -> str | None:
    if _ATTEND_BEFORE.search(before):
        return "attendee"
    if _BETWEEN_BEFORE.search(before) and _SIGNING.search(text[max(0, start - 160) : start]):
        return "co-signer"
    if _OF_BEFORE.search(before) and _DOCUMENT_BEFORE.search(text[max(0, start - 90) : start]):
        return "issuer"
    return None


def _role_after(text: str, end: int, starts: dict[int, int]) -> str | None:
    """The strongest role of the verbs this body is a subject of, over joined subjects."""
    position, limit = end, min(len(text), end + _WALK_LIMIT)
    best: str | None = None
    while position < limit:
        stripped = position + len(text[position:limit]) - len(text[position:limit].lstrip())
        if stripped in starts and stripped > end - 1:
            position = starts[stripped]  # another subject of the same verb
            continue
        verb = _VERB.match(text, position)
        if verb is not None:
            role = _VERBS[verb.lastindex - 1][0]
            if best is None or _stronger(role, best):
                best = role
            position = verb.end()
            if role in _FINAL:
                break
            continue
        connector = _CONNECTOR.match(text, position)
        if connector is None or connector.end() == position:
            break
        position = connector.end()
    return best
