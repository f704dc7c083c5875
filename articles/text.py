"""Vietnamese text helpers shared by the models, the importer and search.

Pure Python: importable without Django settings.

Vietnamese text reaches us composed (NFC) or decomposed (NFD), with the tone
mark on either vowel of "oa", "oe" and "uy" ("hoà"/"hòa", "uỷ"/"ủy"), and with
non-breaking or zero-width spaces. ``match_key`` folds all of that so the same
name always compares equal; ``fold`` also drops the diacritics for searches
typed without them; ``slugify`` transliterates "đ" to "d", which Django's own
``slugify`` silently drops.
"""

import functools
import re
import unicodedata

TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # huyền, sắc, ngã, hỏi, nặng
VOWELS = frozenset("aăâeêioôơuưy")
MODIFIED_VOWELS = frozenset("ăâêôơư")

# Spaces that scraped pages carry besides the ASCII one.
_ODD_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\f\v"
)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_MULTI_SPACE = re.compile(" {2,}")
_WORD = re.compile(r"\w+")
_NON_SLUG = re.compile(r"[^a-z0-9]+")


def clean_spaces(text: str) -> str:
    """Turn odd spaces into plain ones, drop invisible ones, and collapse runs."""
    # Substring tests first: much faster than a regex scan that finds nothing (most texts).
    if any(char in text for char in _ODD_SPACE_CHARS):
        text = _ODD_SPACES.sub(" ", text)
    if any(char in text for char in _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    return _MULTI_SPACE.sub(" ", text) if "  " in text else text


def nfc(text: str) -> str:
    """Compose to NFC with clean spaces; the spelling itself is left as written."""
    return clean_spaces(unicodedata.normalize("NFC", text))


_LINE_BREAKS = re.compile(r"\r\n?")


def same_text(first: str, second: str) -> bool:
    """Equal but for line endings (a browser's textarea sends CRLF), composition (NFC/NFD)
    and whitespace around the whole: an editor who saved such a field did not change it."""

    def normal(value: str) -> str:
        return unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value)).strip()

    return normal(first) == normal(second)


def _place_tone(letters: list[str]) -> int | None:
    """Index of the letter that carries the tone in one syllable, or None."""
    lower = [unicodedata.normalize("NFC", letter).lower() for letter in letters]
    start = 0
    # "qu" and "gi" (before another vowel) are consonants, not part of the nucleus.
    starts_with_qu = lower[:2] == ["q", "u"]
    starts_with_gi = lower[:2] == ["g", "i"] and len(lower) >= 3 and lower[2] in VOWELS
    if starts_with_qu or starts_with_gi:
        start = 2
    while start < len(lower) and lower[start] not in VOWELS:
        start += 1
    end = start
    while end < len(lower) and lower[end] in VOWELS:
        end += 1
    nucleus = range(start, end)
    if not nucleus:
        return None
    modified = [i for i in nucleus if lower[i] in MODIFIED_VOWELS]
    if modified:
        return modified[-1]
    if len(nucleus) == 1:
        return start
    if end < len(lower):  # closed syllable: tone on the last vowel ("hoàng")
        return end - 1
    if len(nucleus) == 2:  # open syllable: traditional placement ("hòa", "thủy")
        return start
    return start + 1  # three vowels: the middle one ("ngoài", "khuỷu")


@functools.lru_cache(maxsize=32768)
def _normalize_word(word: str) -> str:
    if word.isascii():
        return word
    decomposed = unicodedata.normalize("NFD", word)
    letters: list[str] = []
    tone = None
    for char in decomposed:
        if char in TONE_MARKS:
            tone = char
        elif unicodedata.combining(char) and letters:
            letters[-1] += char
        else:
            letters.append(char)
    if tone is None:
        return word
    index = _place_tone(letters)
    if index is None:
        return word
    letters[index] += tone
    return unicodedata.normalize("NFC", "".join(letters))


def normalize_tones(text: str) -> str:
    """Put every tone mark where the traditional spelling does: "hoà" -> "hòa"."""
    return _WORD.sub(lambda match: _normalize_word(match.group()), text)


def _build_fold_table() -> dict[int, str]:
    table = {ord("đ"): "d", ord("Đ"): "D"}
    for start, end in ((0x00C0, 0x024F), (0x1E00, 0x1EFF)):
        for code in range(start, end + 1):
            decomposed = unicodedata.normalize("NFD", chr(code))
            base = "".join(char for char in decomposed if not unicodedata.combining(char))
            if base != chr(code) and base.isascii():
                table[code] = base
    return table


_FOLD_TABLE = _build_fold_table()
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text: str) -> str:
    """Strip every diacritic, "đ" included: "Đảng ủy" -> "Dang uy"."""
    # A table lookup handles composed text fast; the regex strips marks left by NFD input.
    return _COMBINING.sub("", text.translate(_FOLD_TABLE))


def match_key(text: str) -> str:
    """Key under which two spellings of one name are equal (case, NFD, tone placement, spaces)."""
    return " ".join(normalize_tones(nfc(text)).casefold().split())


def fold_key(text: str) -> str:
    """Key that also ignores diacritics, for lookups typed without them."""
    return " ".join(fold(text).casefold().split())


def slugify(text: str, max_length: int = 0) -> str:
    """ASCII slug that transliterates Vietnamese correctly: "Đảng ủy" -> "dang-uy"."""
    slug = _NON_SLUG.sub("-", fold_key(text)).strip("-")
    if max_length and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug
