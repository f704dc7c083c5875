"""Which places a report names in passing, and which are its subject.

A unit qualified by its parents ("xã Thạnh Mỹ (H. Tân Phước)") is how a report introduces a
place to its reader. One such unit is likely the report's subject; several are places it names
in passing (mentions): the report's own unit is then the organizer's or the portal's. A unit
stays a subject when the site name, the headline or the organizer names it, or when the report
names it again.
"""

from __future__ import annotations

import re
from collections import defaultdict

from articles.text import fold_key

from ..gazetteer import CURRENT
from .scan import PlaceHit

# The organizer's words count as much as a headline; sources at least this strong (the site
# name, the headline, the organizer) name the report's subject.
ORGANIZER_WEIGHT = 4.0
SUBJECT_WEIGHT = 4.0
_CLAUSE_TAIL = re.compile(r"[^,.;:\n]+$")  # the words of a clause before a point
_CUT_ABBREVIATION = re.compile(r"(?<![\w.])(?:TT|Tt|tt|TX|Tx|tx|TP|Tp|tp|[PpXxHhQq])\.[ \u00a0]?$")


def with_abbreviation(organizer: str, body_text: str) -> str:
    """The organizer with the words its clause lost at an abbreviation's dot: "Sáng 5/3, UBND
    P. Tân Định tổ chức" gives the organizer "Tân Định"; its words are "UBND P. Tân Định"."""
    start = body_text.find(organizer)
    if start <= 0:
        return organizer
    cut = _CUT_ABBREVIATION.search(body_text, max(0, start - 6), start)
    if cut is None:
        return organizer
    clause = _CLAUSE_TAIL.search(body_text, max(0, cut.start() - 160), cut.start())
    return body_text[clause.start() if clause else cut.start() : start].lstrip() + organizer


def mark_mentions(scanned: list[tuple[list[PlaceHit], float]]) -> None:
    """Several units qualified by their parents are mentions: mark them and their parents
    below the province level mention_only, unless the unit is a subject: named by the site
    name, the headline or the organizer, or named again (a parent: named twice on its own)."""
    parents = {id(parent) for hits, _ in scanned for hit in hits for parent in hit.parents}
    heads = [
        hit
        for hits, _ in scanned
        for hit in hits
        if hit.parents and hit.level in ("commune", "district", "city") and id(hit) not in parents
    ]
    if len({(_key(hit), _province_of(hit)) for hit in heads}) < 2:
        return
    strong: set[tuple[str, str]] = set()
    plain: dict[tuple[str, str], int] = defaultdict(int)  # named neither qualified nor as parent
    qualified: dict[tuple, int] = defaultdict(int)
    for hits, weight in scanned:
        for hit in hits:
            if weight >= SUBJECT_WEIGHT:
                strong.add(_key(hit))
            if hit.parents and id(hit) not in parents:
                qualified[(_key(hit), _province_of(hit))] += 1
            elif id(hit) not in parents:
                plain[_key(hit)] += 1
    passing = []
    for hit in heads:
        key = _key(hit)
        if key in strong or plain[key] or qualified[(key, _province_of(hit))] > 1:
            continue  # the subject, qualified for the reader: its parents are its own
        passing.append(hit)
        for unit in (hit, *hit.parents):
            if unit is hit or (_key(unit) not in strong and plain[_key(unit)] < 2):
                unit.mention_only = unit.level != "province"
                unit.passing = True
    # Units of one province: that province is the report's. Of several: named in passing.
    if len({_province_of(hit) for hit in heads} - {None}) < 2:
        for hit in passing:
            for unit in (hit, *hit.parents):
                unit.passing = False


def _key(hit: PlaceHit) -> tuple[str, str]:
    return hit.level, fold_key(hit.text)


def _province_of(hit: PlaceHit) -> str | None:
    """The province (its code since 2025) a qualified unit's parents point to, if one."""
    for parent in reversed(hit.parents):
        if parent.level in ("province", "city") and parent.provinces:
            codes = {p.code if p.generation == CURRENT else p.successor for p in parent.provinces}
        else:
            codes = {d.successor for d in parent.districts}
        if len(codes) == 1:
            return codes.pop()
    return None
