"""Documents cited by their numbers: "25-NQ/TW", "59/2023/NĐ-CP", "01/CTrPH-BDVTU-CAT".

The grammar of the numbers (both schemes, their kind vocabularies, look-alike letters) is in
``doccodes``; here the codes are found in a text, with their kind, date and subject.
"""

from __future__ import annotations

import re

from . import doccodes
from .dates import make_date
from .model import Document

_UP = "A-ZĐƯ" + doccodes.LOOKALIKE_UPPER
_LO = "a-zđư" + doccodes.LOOKALIKE_LOWER
_TOKEN = rf"[{_UP}][{_UP}{_LO}0-9]{{0,15}}"
_HYPHEN = r"[-‐‑–]"
_CHAIN = rf"{_TOKEN}(?:\s*{_HYPHEN}\s*{_TOKEN}){{0,5}}"
_CODE_START = r"(?<![\w/-])"
# "\d\d{0,4}" is "\d{1,5}" spelled so that the regex engine can skip ahead to a digit.
# Party: số-KH/CQ. State: số/năm/KH-CQ, số/KH-CQ, and a law's số/năm/QHnn (no issuer chain).
_PARTY_BODY = rf"(\d\d{{0,4}})\s*{_HYPHEN}\s*({_TOKEN})\s*/\s*({_CHAIN})(?![\w])"
_STATE_BODY = (
    rf"(\d\d{{0,4}})\s*/\s*(?:(\d{{4}})\s*/\s*)?({_TOKEN})(?:\s*{_HYPHEN}\s*({_CHAIN}))?(?![\w])"
)
PARTY_CODE = re.compile(_CODE_START + _PARTY_BODY)
STATE_CODE = re.compile(_CODE_START + _STATE_BODY)
# The same without the look-behind, which is checked separately (see _code_matches): the
# regex engine then skips quickly to the digits instead of trying every position.
_PARTY_FAST = re.compile(_PARTY_BODY)
_STATE_FAST = re.compile(_STATE_BODY)
_CODE_START_RE = re.compile(_CODE_START)

# Kind words that stand before a number ("Nghị quyết số ...", "Chương trình phối hợp số ...").
_KIND_WORDS = sorted(
    {
        *(name.lower() for name in doccodes.PARTY_KINDS.values()),
        *(name.lower() for name in doccodes.STATE_KINDS.values()),
        *(name.lower() for name in doccodes.LEGISLATURE_KINDS.values()),
        "chương trình hành động",
        "chương trình phối hợp",
        "quy chế phối hợp",
        "kế hoạch phối hợp",
        "kế hoạch liên tịch",
        "nghị quyết liên tịch",
        "hướng dẫn liên tịch",
        "thông báo kết luận",
        "văn bản",
    },
    key=len,
    reverse=True,
)
# A State official letter's number has no kind part ("Công văn số 1234/UBND-VP").
_LETTER_WORDS = {"công văn", "văn bản"}
# "Nghị định 59/2023": only the Government issues decrees, so the code is complete.
_DECREE_SHORT = re.compile(r"[Nn]ghị định\s+(?:số\s+)?(\d\d{0,4})\s*/\s*(\d{4})(?![\w/-])")
_DATE_AFTER = re.compile(
    r"^\s*(?:\([^)]{0,30}\)\s*)?,?\s*(?:ban hành\s+)?ngày\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})"
    r"\s*[/.-]\s*"
    r"(\d{4})|^\s*,?\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})",
    re.IGNORECASE,
)
_SEPARATOR_SPACES = re.compile(r"\s*([/-])\s*")
_SUBJECT_AFTER = re.compile(r"^[^“\";.]{0,160}?\bvề\s*(?:việc\s+)?[“\"]([^”\"]{3,250})[”\"]")


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


def _kind_before(text: str, start: int) -> str | None:
    """The kind word just before a number ("Nghị quyết số", "Chương trình phối hợp"), lower
    case. A few string comparisons, not a regex of every word tried at every position."""
    window = text[max(0, start - 40) : start].lower().rstrip().rstrip(":").rstrip()
    if window.endswith("số") and (len(window) == 2 or window[-3].isspace()):
        window = window[:-2].rstrip()
    for word in _KIND_WORDS:
        if window.endswith(word):
            cut = len(window) - len(word)
            if cut == 0 or not window[cut - 1].isalpha():
                return word
    return None


def _party(match: re.Match) -> tuple[str, str, str, str, int] | None:
    number, kind_token, chain = match.groups()
    kind = doccodes.kind_of(kind_token, party=True)
    chain_issuers, used = doccodes.issuers(chain)
    if kind is None or not chain_issuers:
        return None
    issuer = "-".join(chain_issuers)
    return f"{number}-{kind[0]}/{issuer}", kind[0], kind[1], issuer, match.start(3) + used


def _state(match: re.Match, text: str) -> tuple[str, str, str, str, int] | None:
    number, year, kind_token, chain = match.groups()
    prefix = f"{number}/{year}/" if year else f"{number}/"
    if chain is None:  # only a law or ordinance has no issuer chain: "80/2015/QH13"
        legislature = doccodes.legislature(kind_token) if year else None
        if legislature is None:
            return None
        return prefix + legislature[0], "", legislature[1], legislature[0], match.end()
    chain_issuers, used = doccodes.issuers(chain)
    end = match.start(4) + used
    if not chain_issuers:
        return None
    kind = doccodes.kind_of(kind_token, party=False)
    if kind is None:
        # "Công văn số 1234/UBND-VP": the issuer and its unit, no kind part.
        first = doccodes.issuer_token(kind_token)
        if first is None or _kind_before(text, match.start()) not in _LETTER_WORDS:
            return None
        issuer = "-".join([first, *chain_issuers])
        return prefix + issuer, "CV", "Công văn", issuer, end
    issuer = "-".join(chain_issuers)
    return f"{prefix}{kind[0]}-{issuer}", kind[0], kind[1], issuer, end


# A word before the number corrects the code's kind only where the codes are ambiguous: Party
# rules numbered "QĐ" before "QĐi" existed, and the Assembly's resolutions numbered like laws.
_CORRECTIONS = {("Quyết định", "quy định"), ("Luật", "nghị quyết"), ("Pháp lệnh", "nghị quyết")}


def _kind(name: str, word: str | None) -> str:
    """The kind's name, refined by the words before the number ("Chương trình hành động" for
    "CTr"). Other words do not override the code: "phổ biến pháp luật số 05/KH-UBND" is a plan."""
    if word and len(word) > len(name) and word.startswith(name.lower()):
        return word[0].upper() + word[1:]
    if (name, word) in _CORRECTIONS:
        return word[0].upper() + word[1:]
    return name


def _candidates(text: str) -> list[tuple[int, tuple[str, str, str, str, int]]]:
    """(start, (code, type, kind name, issuer, end)) of each code in the text."""
    found = []
    for match in _code_matches(_PARTY_FAST, text):
        parsed = _party(match)
        if parsed is not None:
            found.append((match.start(), parsed))
    for match in _code_matches(_STATE_FAST, text):
        parsed = _state(match, text)
        if parsed is not None:
            found.append((match.start(), parsed))
    if "ghị định" in text:
        for match in _DECREE_SHORT.finditer(text):
            number, year = match.groups()
            code = f"{number}/{year}/NĐ-CP"
            found.append((match.start(1), (code, "NĐ", "Nghị định", "CP", match.end())))
    found.sort(key=lambda item: item[0])
    return found


def find_documents(text: str) -> list[Document]:
    """Documents cited in the text, deduplicated by canonical code, first citation first."""
    found: dict[str, Document] = {}
    for start, (code, doc_type, kind_name, issuer, end) in _candidates(text):
        document = found.get(code)
        if document is None:
            document = Document(
                code=code,
                doc_type=doc_type,
                issuer_level=issuer,
                as_written=doccodes.as_written(text[start:end]),
            )
            found[code] = document
        kind = _kind(kind_name, _kind_before(text, start))
        if document.kind is None or len(kind) > len(document.kind):
            document.kind = kind
        after = text[end : end + 260]
        if document.date is None:
            date_match = _DATE_AFTER.match(after)
            if date_match:
                groups = [g for g in date_match.groups() if g]
                document.date = make_date(int(groups[2]), int(groups[1]), int(groups[0]))
        if document.subject is None:
            subject = _SUBJECT_AFTER.match(after)
            if subject and not (PARTY_CODE.search(subject.group(0))):
                document.subject = subject.group(1).strip()
    return list(found.values())


def canonical_code(code: str) -> str:
    """The canonical form of a document number typed or stored anywhere: "59/2023/NÐ - CP"
    -> "59/2023/NĐ-CP". A text that is not one whole number keeps its letters, with
    look-alikes folded and the spaces around "/" and "-" dropped."""
    code = code.strip()
    for start, (canonical, *_, end) in _candidates(code):
        if start == 0 and end == len(code):
            return canonical
    return _SEPARATOR_SPACES.sub(r"\1", doccodes.fold(code))
