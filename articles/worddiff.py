"""Word-level differences between two texts, as escaped HTML with <ins> and <del>.

Pure Python (no Django): the compare view and the stale-save conflict render long fields with
it. Texts are compared in NFC, so a text re-encoded as NFD is no change, and a word is a run of
letters with their combining marks, so a diacritic never splits a word: "Hưng" against "Hùng"
is one word replaced, not a letter.
"""

from __future__ import annotations

import difflib
import html
import re
import unicodedata

# A word (letters, digits and any combining marks left after NFC), a run of whitespace, or
# one other character (punctuation).
_TOKEN = re.compile(r"[^\W_][\w\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff]*|\s+|.", re.DOTALL)
_LINE_BREAKS = re.compile(r"\r\n?")


def normalize(value: str) -> str:
    """The text as compared: NFC, with a browser's CRLF line endings as LF."""
    return unicodedata.normalize("NFC", _LINE_BREAKS.sub("\n", value or ""))


def tokens(value: str) -> list[str]:
    return _TOKEN.findall(normalize(value))


def _key(token: str) -> str:
    # Whitespace compares by kind only: a paragraph break is not a space.
    if token.isspace():
        return "\n\n" if token.count("\n") > 1 else ("\n" if "\n" in token else " ")
    return token


def same(old: str, new: str) -> bool:
    return [_key(t) for t in tokens(old)] == [_key(t) for t in tokens(new)]


def _wrap(tag: str, words: list[str]) -> str:
    text = "".join(words)
    if not text.strip():
        return html.escape(text)
    # Keep the whitespace around a change outside the mark.
    stripped = text.strip()
    start = text.index(stripped)
    before, after = text[:start], text[start + len(stripped) :]
    return f"{html.escape(before)}<{tag}>{html.escape(stripped)}</{tag}>{html.escape(after)}"


def _opcodes(before: list[str], after: list[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes, with a change, a run of spaces and a change joined into one change:
    a rewritten sentence reads as one deletion and one insertion, not word by word."""
    matcher = difflib.SequenceMatcher(
        None, [_key(t) for t in before], [_key(t) for t in after], autojunk=False
    )
    merged: list[list] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if merged and op != "equal" and len(merged) >= 2:
            gap, last = merged[-1], merged[-2]
            spaces = all(t.isspace() for t in after[gap[3] : gap[4]])
            if gap[0] == "equal" and last[0] != "equal" and spaces:
                merged.pop()
                last[0], last[2], last[4] = "replace", i2, j2
                continue
        merged.append([op, i1, i2, j1, j2])
    return [tuple(item) for item in merged]


def diff_html(old: str, new: str) -> str:
    """``new`` as escaped HTML, the words removed from ``old`` in <del>, those added in <ins>."""
    before, after = tokens(old), tokens(new)
    parts = []
    for op, i1, i2, j1, j2 in _opcodes(before, after):
        if op == "equal":
            parts.append(html.escape("".join(after[j1:j2])))
            continue
        if i2 > i1:
            parts.append(_wrap("del", before[i1:i2]))
        if j2 > j1:
            parts.append(_wrap("ins", after[j1:j2]))
    return "".join(parts)


def changed_words(old: str, new: str) -> tuple[list[str], list[str]]:
    """The words removed and the words added, in order (for tests and short summaries)."""
    before, after = tokens(old), tokens(new)
    removed, added = [], []
    for op, i1, i2, j1, j2 in _opcodes(before, after):
        if op != "equal":
            removed += [t for t in before[i1:i2] if not t.isspace()]
            added += [t for t in after[j1:j2] if not t.isspace()]
    return removed, added
