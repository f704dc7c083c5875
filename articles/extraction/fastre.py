"""Faster compiled regexes with the same matches.

Python's regex engine scans quickly for a pattern that opens with a literal or a character
class, but tries every branch at every position of one that opens with a look-behind, a
group or a case-insensitive alternation ("(?<!\\w)(?:chủ tịch|bí thư|...)\\s*$"). ``gated``
puts a look-ahead in front of such a pattern that accepts only the characters a match can
start with, so that most positions are turned away before any branch is tried.

The set of first characters is read from the parsed pattern; whatever the reader does not
understand gives no gate (the pattern is compiled as it is). A match always starts with one
of the characters found, so the gate never turns a match away: matches, groups and spans
are the same.
"""

from __future__ import annotations

import re

try:  # the parser is internal; without it patterns are compiled as they are
    from re import _compiler as _k
    from re import _parser as _p
except ImportError:  # pragma: no cover - other Python versions
    _p = _k = None

_ZERO_WIDTH = ("AT", "ASSERT", "ASSERT_NOT")
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


class _Unknown(Exception):
    """A construct whose first characters are not read: no gate."""


def _class_items(items) -> list[str]:
    parts = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            parts.append(re.escape(chr(av)))
        elif name == "RANGE":
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        else:  # NEGATE, CATEGORY (\w, \d, \s ...): give up
            raise _Unknown(name)
    return parts


def _first(items) -> tuple[list[str], bool]:
    """(class items a match of the sequence can start with, whether it can match empty)."""
    parts: list[str] = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            return [*parts, re.escape(chr(av))], False
        if name == "IN":
            return [*parts, *_class_items(av)], False
        if name in _ZERO_WIDTH:
            continue  # a look-around or an anchor consumes nothing: the next item starts
        if name == "SUBPATTERN":
            if av[1] or av[2]:  # scoped flags, "(?i:...)": the gate would not share them
                raise _Unknown(name)
            sub, nullable = _first(av[-1])
        elif name == "ATOMIC_GROUP":
            sub, nullable = _first(av)
        elif name == "BRANCH":
            sub, nullable = [], False
            for alternative in av[1]:
                alt, alt_nullable = _first(alternative)
                sub += alt
                nullable = nullable or alt_nullable
        elif name in _REPEATS:
            low, _high, body = av
            sub, nullable = _first(body)
            nullable = nullable or low == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, CATEGORY ...: give up
            raise _Unknown(name)
        parts += sub
        if not nullable:
            return parts, False
    return parts, True


def first_class(pattern: str, flags: int = 0) -> str | None:
    """A character class ("[...]") that every match of pattern starts with, or None (also
    when the engine already scans for a literal or class prefix of its own)."""
    if _p is None:
        return None
    try:
        parsed = _p.parse(pattern, flags)
        if _k._get_literal_prefix(parsed, flags)[0] or _k._get_charset_prefix(parsed, flags):
            return None  # the engine scans for that prefix already
        parts, nullable = _first(parsed)
    except (_Unknown, TypeError, ValueError, AttributeError, IndexError):
        return None
    if nullable or not parts:
        return None
    return "[" + "".join(dict.fromkeys(parts)) + "]"


def gated(pattern: str, flags: int = 0) -> re.Pattern:
    """re.compile(pattern, flags), with a first-character look-ahead in front when possible."""
    gate = first_class(pattern, flags)
    if gate is not None:
        try:
            return re.compile(f"(?={gate})(?:{pattern})", flags)
        except re.error:  # "(?i)" and other global flags must open the pattern
            pass
    return re.compile(pattern, flags)
