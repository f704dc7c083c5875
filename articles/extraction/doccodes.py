"""The grammar of Vietnamese document numbers ("số và ký hiệu"), both schemes.

Party documents (Quy định 66-QĐ/TW, Hướng dẫn 36-HD/VPTW): ``số-KH/CQ``, the kind's
abbreviation after a hyphen and the issuer after a slash: "25-NQ/TW", "847-NQ/ĐUQSTW",
"21-HD/BTGDVTU"; joint documents name every issuer: "02-QCPH/BDVTU-CAT".

State documents (Nghị định 30/2020/NĐ-CP; Luật ban hành văn bản QPPL): ``số/năm/KH-CQ``
for legal documents ("59/2023/NĐ-CP", "57/2025/NQ-HĐND"), ``số/KH-CQ`` for the others
("1234/QĐ-UBND", "05/KH-BCĐ"), the issuer compound with hyphens ("01/CTrPH-BDVTU-CAT",
"08/CTrPH-CAT-MTTQ-HND"); a law or ordinance carries its legislature: "80/2015/QH13".

A code is recognized by its shape (digits, separators, letter tokens), then its kind token is
checked against the scheme's vocabulary and its issuer tokens against the shape of an
abbreviation. Look-alike letters (Icelandic "Ð", Cyrillic and Greek capitals) are folded and
spaces around "/" and "-" dropped in the canonical code.
"""

from __future__ import annotations

import re

# Party kinds (Hướng dẫn 36-HD/VPTW, annex on abbreviations of Party document kinds).
PARTY_KINDS = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "QyC": "Quy chế",
    "QĐi": "Quy định",
    "TT": "Thông tri",
    "HD": "Hướng dẫn",
    "QH": "Quy hoạch",
    "KH": "Kế hoạch",
    "CTr": "Chương trình",
    "TB": "Thông báo",
    "TC": "Thông cáo",
    "BC": "Báo cáo",
    "TTr": "Tờ trình",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BB": "Biên bản",
    "CV": "Công văn",
    "CĐ": "Công điện",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GCN": "Giấy chứng nhận",
    "GUQ": "Giấy ủy quyền",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
}
# State kinds (Nghị định 30/2020/NĐ-CP, Phụ lục III; legal documents of the Luật ban hành).
STATE_KINDS = {
    "NQ": "Nghị quyết",
    "QĐ": "Quyết định",
    "CT": "Chỉ thị",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "QyĐ": "Quy định",
    "TC": "Thông cáo",
    "TB": "Thông báo",
    "HD": "Hướng dẫn",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "PA": "Phương án",
    "ĐA": "Đề án",
    "DA": "Dự án",
    "BC": "Báo cáo",
    "BB": "Biên bản",
    "TTr": "Tờ trình",
    "HĐ": "Hợp đồng",
    "CĐ": "Công điện",
    "CV": "Công văn",
    "BGN": "Bản ghi nhớ",
    "BTT": "Bản thỏa thuận",
    "GUQ": "Giấy ủy quyền",
    "GM": "Giấy mời",
    "GGT": "Giấy giới thiệu",
    "GNP": "Giấy nghỉ phép",
    "PG": "Phiếu gửi",
    "PC": "Phiếu chuyển",
    "PB": "Phiếu báo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch",
}
# Joint documents: the kind's abbreviation with "PH" (phối hợp) or "LT" (liên tịch).
_JOINT_SUFFIXES = {"PH": "phối hợp", "LT": "liên tịch"}
LEGISLATURE_KINDS = {"QH": "Luật", "UBTVQH": "Pháp lệnh"}

# Look-alikes of the letters codes are written in: Icelandic eth, African D, Cyrillic, Greek.
_LOOKALIKES = str.maketrans(
    {
        "Ð": "Đ",
        "Ɖ": "Đ",
        "ð": "đ",
        **dict(zip("АВЕІЈКМНОРСТУХЅ", "ABEIJKMHOPCTYXS", strict=True)),
        **dict(zip("аеіјорсухѕ", "aeijopcyxs", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX", strict=True)),
    }
)
LOOKALIKE_UPPER = "ÐƉАВЕІЈКМНОРСТУХЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧ"
LOOKALIKE_LOWER = "ðаеіјорсухѕ"

# Spellings without the stroke of "Đ", or in other letter cases, of the kind abbreviations.
_KIND_VARIANTS = {"QD": "QĐ", "ND": "NĐ", "QDI": "QĐi", "QYD": "QyĐ", "CD": "CĐ"}
_PARTY_ONLY_VARIANTS = {"HĐ": "HD"}  # the Party scheme has no "HĐ": a typo for "HD"
_ISSUER_VARIANTS = {
    "TƯ": "TW",
    "Tư": "TW",
    "Tw": "TW",
    "DU": "ĐU",
    "Du": "ĐU",
    "HDND": "HĐND",
    "BCD": "BCĐ",
}
_LEGISLATURE = re.compile(r"(UBTVQH|QH)(\d{1,2})")
_SPACES = re.compile(r"\s+")
_CHAIN_TOKEN = re.compile(r"(?:\s*[-‐‑–]\s*)?([^\s\-‐‑–]+)")
_LOWER_RUN = re.compile(r"[a-zđư]{3}")
_UPPER = re.compile(r"[A-ZĐƯ]")
# Issuer abbreviations of one capital: "Tw" is written for "TW"; others need two capitals.
_ONE_CAPITAL_ISSUERS = {"TW", "ĐU"}


def fold(text: str) -> str:
    """The text with look-alike letters replaced by the Vietnamese/Latin ones."""
    return text.translate(_LOOKALIKES)


def _by_upper(kinds: dict[str, str]) -> dict[str, str]:
    table = {code.upper(): code for code in kinds}
    table.update({k: v for k, v in _KIND_VARIANTS.items() if v in kinds})
    return table


_PARTY_BY_UPPER = _by_upper(PARTY_KINDS)
_STATE_BY_UPPER = _by_upper(STATE_KINDS)


def kind_of(token: str, party: bool) -> tuple[str, str] | None:
    """(canonical abbreviation, Vietnamese name) of a kind token, or None if it is no kind."""
    token = fold(token)
    kinds, by_upper = (PARTY_KINDS, _PARTY_BY_UPPER) if party else (STATE_KINDS, _STATE_BY_UPPER)
    if party and token in _PARTY_ONLY_VARIANTS:
        token = _PARTY_ONLY_VARIANTS[token]
    canonical = by_upper.get(token.upper())
    if canonical is not None:
        return canonical, kinds[canonical]
    for suffix, words in _JOINT_SUFFIXES.items():
        if len(token) > 2 and token.upper().endswith(suffix):
            base = by_upper.get(token[:-2].upper())
            if base is not None:
                return base + suffix, f"{kinds[base]} {words}"
    return None


def issuer_token(token: str) -> str | None:
    """The canonical issuer abbreviation ("ĐUQSTW", "BCĐ", "UBND", "TTg"), or None."""
    token = fold(token)
    token = _ISSUER_VARIANTS.get(token, token)
    if _LOWER_RUN.search(token):
        return None  # a word, not an abbreviation
    capitals = len(_UPPER.findall(token))
    if capitals >= 2 or token in _ONE_CAPITAL_ISSUERS or (capitals == 1 and token[1:].isdigit()):
        return token
    return None


def issuers(chain: str) -> tuple[list[str], int]:
    """The issuer tokens of "BDVTU - CAT-MTTQ", up to the first that is no abbreviation, and
    the length of the chain they take."""
    found: list[str] = []
    used = 0
    for match in _CHAIN_TOKEN.finditer(chain):
        canonical = issuer_token(match.group(1))
        if canonical is None:
            break
        found.append(canonical)
        used = match.end()
    return found, used


def legislature(token: str) -> tuple[str, str] | None:
    """("QH13", "Luật") for the legislature part of a law's number "80/2015/QH13"."""
    match = _LEGISLATURE.fullmatch(fold(token))
    if match is None:
        return None
    return match.group(0), LEGISLATURE_KINDS[match.group(1)]


def as_written(text: str) -> str:
    """The code as the text writes it, on one line."""
    return _SPACES.sub(" ", text.strip())
