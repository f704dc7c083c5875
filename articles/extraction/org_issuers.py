"""The bodies that issued the documents a report cites, read from the codes' issuer parts.

An issuer part is built from pieces (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW, Nghị định
30/2020/NĐ-CP): a body ("BDV", "BTGDV", "UBKT", "ĐUQS", "CA") and the committee or level it
belongs to ("TW", "TU", "HU"), or a body whole by itself ("BCT", "CP", "UBND"). Joint
programmes join several issuers with "-" ("01/CTrPH-BDVTU-CAT"): each is a co-signer. The
parts are parsed, not looked up whole, so that a compound not seen before ("BTGDVHU") is read.
A body whose level the code does not give ("UBND", "MTTQ") is the one the report names, when
it names exactly one such body.
"""

from __future__ import annotations

import re
import unicodedata

from .gazetteer import cached_match_key
from .model import Document, Organization
from .organizations import LocalityContext

# Bodies that are whole by themselves: name, kind, level ("own" = the level the report names).
_WHOLE: dict[str, tuple[str, str, str]] = {
    "TW": ("Ban Chấp hành Trung ương Đảng", "cap-uy", "trung-uong"),
    "BCHTW": ("Ban Chấp hành Trung ương Đảng", "cap-uy", "trung-uong"),
    "BCT": ("Bộ Chính trị", "cap-uy", "trung-uong"),
    "BBT": ("Ban Bí thư", "cap-uy", "trung-uong"),
    "QUTW": ("Quân ủy Trung ương", "luc-luong-vu-trang", "trung-uong"),
    "CP": ("Chính phủ", "chinh-quyen", "trung-uong"),
    "TTG": ("Thủ tướng Chính phủ", "chinh-quyen", "trung-uong"),
    "QH": ("Quốc hội", "khac", "trung-uong"),
    "UBTVQH": ("Ủy ban Thường vụ Quốc hội", "khac", "trung-uong"),
    "BCA": ("Bộ Công an", "luc-luong-vu-trang", "trung-uong"),
    "BQP": ("Bộ Quốc phòng", "luc-luong-vu-trang", "trung-uong"),
    "MTTW": ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "mat-tran", "trung-uong"),
    "UBTWMTTQVN": ("Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "mat-tran", "trung-uong"),
    "ĐUCA": ("Đảng ủy Công an Trung ương", "luc-luong-vu-trang", "trung-uong"),
    "TU": ("Tỉnh ủy", "cap-uy", "committee"),
    "HU": ("Huyện ủy", "cap-uy", "committee"),
    "THU": ("Thành ủy", "cap-uy", "committee"),
    "QU": ("Quận ủy", "cap-uy", "committee"),
    "TXU": ("Thị ủy", "cap-uy", "committee"),
    "CAT": ("Công an tỉnh", "luc-luong-vu-trang", "tinh"),
    "CAH": ("Công an huyện", "luc-luong-vu-trang", "huyen"),
    "BCHQS": ("Bộ Chỉ huy Quân sự tỉnh", "luc-luong-vu-trang", "tinh"),
    "BĐBP": ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "luc-luong-vu-trang", "tinh"),
    "UBND": ("Ủy ban nhân dân", "chinh-quyen", "own"),
    "HĐND": ("Hội đồng nhân dân", "hdnd", "own"),
    "MTTQ": ("Ủy ban Mặt trận Tổ quốc Việt Nam", "mat-tran", "own"),
    "UBMTTQ": ("Ủy ban Mặt trận Tổ quốc Việt Nam", "mat-tran", "own"),
    "HND": ("Hội Nông dân", "doan-the", "own"),
    "HLHPN": ("Hội Liên hiệp Phụ nữ", "doan-the", "own"),
    "HPN": ("Hội Liên hiệp Phụ nữ", "doan-the", "own"),
    "HCCB": ("Hội Cựu chiến binh", "doan-the", "own"),
    "ĐTN": ("Đoàn Thanh niên Cộng sản Hồ Chí Minh", "doan-the", "own"),
    "LĐLĐ": ("Liên đoàn Lao động", "doan-the", "own"),
    "ĐU": ("Đảng ủy", "cap-uy", "own"),
}
# Bodies of a committee: the piece before "TW", "TU", "HU" ...
_BODIES: dict[str, tuple[str, str]] = {
    "BDV": ("Ban Dân vận", "ban-dan-van"),
    "BTGDV": ("Ban Tuyên giáo và Dân vận", "ban-dan-van"),
    "BTG": ("Ban Tuyên giáo", "cap-uy"),
    "BTC": ("Ban Tổ chức", "cap-uy"),
    "BNC": ("Ban Nội chính", "cap-uy"),
    "BTV": ("Ban Thường vụ", "cap-uy"),
    "UBKT": ("Ủy ban Kiểm tra", "cap-uy"),
    "VP": ("Văn phòng", "cap-uy"),
    "BCĐ": ("Ban Chỉ đạo", "khac"),
    "ĐUQS": ("Đảng ủy Quân sự", "luc-luong-vu-trang"),
    "ĐUCA": ("Đảng ủy Công an", "luc-luong-vu-trang"),
    "ĐUK": ("Đảng ủy Khối", "cap-uy"),
}
_COMMITTEE_LEVEL = {"Tỉnh ủy": "tinh", "Thành ủy": "tinh", "Huyện ủy": "huyen"}
_COMMITTEE_LEVEL.update({"Quận ủy": "huyen", "Thị ủy": "huyen"})
_CENTRAL = ("TW", "TƯ")
# Cyrillic capitals that look like Latin ones, as some pages type them inside codes.
_LOOK_ALIKES = str.maketrans("АВЕКМНОРСТХУÐ", "ABEKMHOPCTXYĐ")
_SPLIT = re.compile(r"\s*-\s*")


def _fold(part: str) -> str:
    return unicodedata.normalize("NFC", part).translate(_LOOK_ALIKES).upper()


def issuer_parts(issuer: str | None) -> list[str]:
    """The issuers of one code's issuer part: "BDVTU-CAT" -> ["BDVTU", "CAT"]."""
    return [_fold(part) for part in _SPLIT.split(issuer or "") if part.strip()]


def _committee(word: str, ctx: LocalityContext) -> tuple[str, str] | None:
    """("Tỉnh ủy Hà Tĩnh", "tinh") for the report's committee of a level word, if known."""
    level = _COMMITTEE_LEVEL.get(word)
    if level == "tinh" and ctx.province is not None:
        return f"{word} {ctx.province.name}", level
    if level == "huyen" and ctx.district is not None:
        return f"{word} {ctx.district.name}", level
    return None


def _own(head: str, named: list[Organization]) -> Organization | None:
    """The one body the report names whose name starts with head, if there is only one."""
    key = cached_match_key(head)
    matching = {o.name: o for o in named if cached_match_key(o.name).startswith(key + " ")}
    return next(iter(matching.values())) if len(matching) == 1 else None


def resolve_issuer(part: str, ctx: LocalityContext, named: list[Organization]):
    """The Organization one issuer piece names, or None when the code does not say which."""
    whole = _WHOLE.get("TW" if part in _CENTRAL else part)
    if whole is not None:
        name, kind, level = whole
        if level == "trung-uong":
            return Organization(name, kind, level)
        if level == "committee":
            committee = _committee(name, ctx)
            return Organization(committee[0], kind, committee[1]) if committee else None
        if level == "own":
            return _own(name, named)
        place = ctx.province if level == "tinh" else ctx.district
        return Organization(f"{name} {place.name}", kind, level) if place else None
    for size in range(min(len(part) - 2, 5), 1, -1):
        body = _BODIES.get(part[:size])
        rest = part[size:]
        if body is None:
            continue
        name, kind = body
        if rest in _CENTRAL:
            return Organization(f"{name} Trung ương", kind, "trung-uong")
        committee_word = _WHOLE.get(rest)
        if committee_word is None or committee_word[2] != "committee":
            continue
        committee = _committee(committee_word[0], ctx)
        if committee is None:
            return None
        parent, level = committee
        return Organization(f"{name} {parent}", kind, level, parent=parent)
    return None


def add_issuers(
    organizations: list[Organization], documents: list[Document], ctx: LocalityContext
) -> None:
    """Mark (or add) the issuers of the cited documents: co-signers when several sign one."""
    by_key = {cached_match_key(o.name): o for o in organizations}
    named = list(organizations)
    for document in documents:
        parts = issuer_parts(document.issuer_level)
        role = "co-signer" if len(parts) > 1 else "issuer"
        for part in parts:
            found = resolve_issuer(part, ctx, named)
            if found is None:
                continue
            key = cached_match_key(found.name)
            organization = by_key.get(key)
            if organization is None:
                found.as_written = part
                organization = by_key[key] = found
                organizations.append(found)
            if role not in organization.roles:
                organization.roles.append(role)
