"""Document numbers in the Vietnamese scheme: "25-NQ/TW", "59/2023/NĐ-CP", "961-CTr/TU"."""

from __future__ import annotations

import re

from .dates import make_date
from .model import Document

_TYPES = r"NQ|KL|QĐ|QD|QĐi|QDi|CT|CTr|CTR|Ctr|KH|HD|HĐ|TB|NĐ|ND|TT|QC|BC|CV|TTr|TTg|Qđ"
_ISSUER = r"[A-ZĐ][A-Za-zĐđƯư]{0,11}"
_CODE_START = r"(?<![\w/-])"
# "\d\d{0,4}" is "\d{1,5}" spelled so that the regex engine can skip ahead to a digit.
_PARTY_BODY = rf"(\d\d{{0,4}})\s*-\s*({_TYPES})\s*/\s*({_ISSUER}(?:\s*-\s*{_ISSUER})?)(?![\w])"
_STATE_BODY = rf"(\d\d{{0,4}})\s*/\s*(?:(\d{{4}})\s*/\s*)?({_TYPES})\s*-\s*({_ISSUER})(?![\w])"
PARTY_CODE = re.compile(_CODE_START + _PARTY_BODY)
STATE_CODE = re.compile(_CODE_START + _STATE_BODY)
# The same without the look-behind, which is checked separately (see _code_matches): the
# regex engine then skips quickly to the digits instead of trying every position.
_PARTY_FAST = re.compile(_PARTY_BODY)
_STATE_FAST = re.compile(_STATE_BODY)
_CODE_START_RE = re.compile(_CODE_START)
CANONICAL_TYPE = {
    "QD": "QĐ",
    "Qđ": "QĐ",
    "ND": "NĐ",
    "CTR": "CTr",
    "Ctr": "CTr",
    "QDi": "QĐi",
    "HĐ": "HD",
}
ISSUER_CANONICAL = {"TƯ": "TW", "Tw": "TW", "DU": "ĐU", "Du": "ĐU"}
KIND_BY_TYPE = {
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "QĐ": "Quyết định",
    "QĐi": "Quy định",
    "CT": "Chỉ thị",
    "CTr": "Chương trình",
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "TB": "Thông báo",
    "NĐ": "Nghị định",
    "TT": "Thông tư",
    "QC": "Quy chế",
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TTr": "Tờ trình",
}
_KIND_BEFORE = re.compile(
    r"(chương trình hành động|chương trình|nghị quyết|kết luận|quyết định|quy định|chỉ thị|"
    r"kế hoạch|hướng dẫn|thông báo|nghị định|thông tư|quy chế|báo cáo|công văn|tờ trình)"
    r"(?:\s+số)?\s*$",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})"
    r"\s*[/.-]\s*"
    r"(\d{4})|^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
_SUBJECT_AFTER = re.compile(r"^[^“\";.]{0,160}?\bvề\s*(?:việc\s+)?[“\"]([^”\"]{3,250})[”\"]")


def _canonical(match: re.Match, state: bool) -> tuple[str, str, str]:
    if state:
        number, year, doc_type, issuer = match.groups()
    else:
        number, doc_type, issuer = match.groups()
        year = None
    doc_type = CANONICAL_TYPE.get(doc_type, doc_type)
    issuer = re.sub(r"\s+", "", issuer)
    issuer = ISSUER_CANONICAL.get(issuer, issuer)
    if state:
        code = f"{number}/{year}/{doc_type}-{issuer}" if year else f"{number}/{doc_type}-{issuer}"
    else:
        code = f"{number}-{doc_type}/{issuer}"
    return code, doc_type, issuer


def _code_matches(fast: re.Pattern, text: str) -> list[re.Match]:
    """The matches of _CODE_START + fast.pattern, i.e. PARTY_CODE/STATE_CODE.finditer(text)."""
    found = []
    position = 0
    while (match := fast.search(text, position)) is not None:
        if _CODE_START_RE.match(text, match.start()):
            found.append(match)
            position = match.end()
        else:
            position = match.start() + 1
    return found


def find_documents(text: str) -> list[Document]:
    """Documents cited in the text, deduplicated by canonical code, first citation first."""
    found: dict[str, Document] = {}
    matches = [(m, False) for m in _code_matches(_PARTY_FAST, text)]
    matches += [(m, True) for m in _code_matches(_STATE_FAST, text)]
    matches.sort(key=lambda pair: pair[0].start())
    for match, state in matches:
        code, doc_type, issuer = _canonical(match, state)
        if doc_type == "TTg":  # "QĐ-TTg" parsed the wrong way round
            continue
        document = found.get(code)
        if document is None:
            document = Document(code=code, doc_type=doc_type, issuer_level=issuer)
            found[code] = document
        before = _KIND_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
        if before:
            kind = before.group(1)
            kind = kind[0].upper() + kind[1:].lower()
            if document.kind is None or len(kind) > len(document.kind):
                document.kind = kind
        after = text[match.end() : match.end() + 260]
        if document.date is None:
            date_match = _DATE_AFTER.match(after)
            if date_match:
                groups = [g for g in date_match.groups() if g]
                document.date = make_date(int(groups[2]), int(groups[1]), int(groups[0]))
        if document.subject is None:
            subject = _SUBJECT_AFTER.match(after)
            if subject and not (PARTY_CODE.search(subject.group(0))):
                document.subject = subject.group(1).strip()
    for document in found.values():
        if document.kind is None:
            document.kind = KIND_BY_TYPE.get(document.doc_type)
    return list(found.values())
