"""The report's units from weighted place mentions, read in the era of its day."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from ..gazetteer import CURRENT, LEGACY, Commune, District, Gazetteer, Province
from ..model import LocalityMention
from .hosts import HostHint
from .scan import (
    _DISTRICT_SELF_FAST,
    _PROVINCE_SELF_FAST,
    COMMUNE_TO_PARENT,
    HOST_WEIGHT,
    MIN_SCORE,
    PlaceHit,
    _count_self,
    scan_places,
)
from .subjects import ORGANIZER_WEIGHT, mark_mentions, with_abbreviation


@dataclass(slots=True)
class LocalityResult:
    """The report's units (all of one era), the other places named, and review signals."""

    province: Province | None = None
    district: District | None = None
    commune: Commune | None = None
    era: str | None = None  # "legacy" or "2025": the era of province, district, commune
    mentions: list[LocalityMention] = field(default_factory=list)
    district_unnamed: bool = False  # the report speaks of "huyện" but never names it
    era_unknown: bool = False  # undated, and the two eras' readings disagree
    commune_evidence: bool = False  # some commune name was read in this era
    province_evidence: bool = False


def resolve_localities(
    sources: list[tuple[str, float]],
    gazetteer: Gazetteer,
    body_text: str = "",
    *,
    higher_organizer: bool = False,
    day: dt.date | None = None,
    host: HostHint | None = None,
    people: frozenset[str] = frozenset(),
    organizer: str | None = None,
) -> LocalityResult:
    """Score place mentions by where they occur and pick the report's units in its era.

    day is the article's day (None: undated, read in both eras). With higher_organizer (the
    report's organizer is a province or central body), a district or commune named only as
    the venue ("tại thành phố Vinh") counts for its province, not as the report's own unit.
    host (from the source URL) is evidence weaker than the text; alone it may decide.
    organizer is who organized the report's event, as written ("Đảng ủy xã Tân Thạnh"): its
    units are the report's own. When the report qualifies several units with their parents
    ("xã A (huyện B), xã C (huyện D)"), those are places it mentions, not its own, unless the
    site name, the headline or the organizer names them too, or the report names them again.
    """
    if organizer:
        sources = [*sources, (with_abbreviation(organizer, body_text), ORGANIZER_WEIGHT)]
    scanned = [(scan_places(text, gazetteer, people), weight) for text, weight in sources if text]
    mark_mentions(scanned)
    if day is not None:
        era = LEGACY if day < gazetteer.reform_day else CURRENT
        result = _Reading(gazetteer, era, day, higher_organizer).read(scanned, host)
    else:
        legacy = _Reading(gazetteer, LEGACY, None, higher_organizer).read(scanned, host)
        current = _Reading(gazetteer, CURRENT, None, higher_organizer).read(scanned, host)
        result = _agree(legacy, current, gazetteer)
    if result.district is None and result.era != CURRENT and not result.era_unknown:
        lowered = body_text.lower()
        own_district = _count_self(_DISTRICT_SELF_FAST, lowered, "huyện")
        own_province = _count_self(_PROVINCE_SELF_FAST, lowered, "tỉnh")
        result.district_unnamed = own_district >= 2 and own_district > own_province
    return result


def _agree(legacy: LocalityResult, current: LocalityResult, gazetteer: Gazetteer) -> LocalityResult:
    """An undated article's units, when its legacy and current readings agree; else none.

    They agree when each unit one reading finds became the unit the other finds (a legacy
    province its successor, a legacy commune one of its successors), or when a level found
    in one reading has no evidence at all in the other.
    """
    unresolved = LocalityResult(mentions=legacy.mentions, era_unknown=True)
    if legacy.province is not None and current.province is not None:
        if legacy.province.successor != current.province.code:
            return unresolved
    elif (legacy.province is not None and current.province_evidence) or (
        current.province is not None and legacy.province_evidence
    ):
        return unresolved
    if legacy.commune is not None and current.commune is not None:
        if current.commune.code not in legacy.commune.successors:
            return unresolved
    elif legacy.commune is not None and current.commune_evidence:
        return unresolved
    elif current.commune is not None:
        if legacy.district is not None and gazetteer.commune_in_district(
            current.commune, legacy.district
        ):
            return legacy  # today's commune lies in the district the legacy reading found
        if legacy.commune_evidence:
            return unresolved
        return current  # a commune only today's units have: the article is of today
    return legacy if legacy.province is not None or current.province is None else current


class _Reading:
    """The evidence of one article's places read in one era, and the units it points to."""

    def __init__(
        self, gazetteer: Gazetteer, era: str, day: dt.date | None, higher_organizer: bool
    ) -> None:
        self.g = gazetteer
        self.era = era
        self.day = day
        self.higher = higher_organizer
        self.provinces: dict[str, float] = defaultdict(float)
        self.districts: dict[str, float] = defaultdict(float)
        self.communes: dict[str, float] = defaultdict(float)
        self.ambiguous_districts: list[tuple[list[District], float]] = []
        self.ambiguous_communes: list[tuple[list[Commune], float, LocalityMention]] = []
        self.mentions: dict[tuple[str, str, str | None], LocalityMention] = {}
        self.commune_evidence = False

    # -- evidence ----------------------------------------------------------

    def read(self, scanned: list[tuple[list[PlaceHit], float]], host: HostHint | None):
        for hits, weight in scanned:
            for hit in hits:
                if hit.passing:
                    self._count_passing(hit, weight + hit.bonus)
                else:
                    self._count(hit, weight + hit.bonus)
        result = LocalityResult(era=self.era, commune_evidence=self.commune_evidence)
        result.province_evidence = bool(self.provinces)
        result.province = self._pick_province(host)
        province = result.province
        if province is not None and self.era == LEGACY:
            for districts, score in self.ambiguous_districts:
                inside = [d for d in districts if d.province == province.code]
                if len(inside) == 1:
                    self.districts[inside[0].code] += score
        unit = self._host_unit(host, province)
        if isinstance(unit, District) and self._no_other(self.districts, unit.code, province):
            self.districts[unit.code] += MIN_SCORE
        if self.era == LEGACY:
            result.district = self._pick_district(province)
        for communes, score, mention in self.ambiguous_communes:
            inside = [c for c in communes if self._inside(c, province, result.district)]
            if len(inside) == 1:
                self.communes[inside[0].code] += score
                mention.code = inside[0].code
                mention.province = mention.province or self._province_name(inside[0])
        if isinstance(unit, Commune) and self._no_other(self.communes, unit.code, province):
            self.communes[unit.code] += MIN_SCORE
        result.commune = self._pick_commune(province, result.district)
        self._complete(result)
        result.mentions = sorted(_merged(self.mentions.values()), key=lambda m: -m.score)
        return result

    def _count(self, hit: PlaceHit, score: float) -> None:
        counted = not (self.higher and hit.venue) and not hit.mention_only
        if hit.level == "commune":
            self._count_commune(hit, score, counted)
            return
        provinces = self._era_provinces(hit.provinces)
        if hit.districts and (hit.level == "district" or self._names_city(hit, provinces)):
            self._count_district(hit, score, counted)
        elif hit.provinces:
            if provinces:
                self.provinces[provinces[0].code] += score
            if self.era == LEGACY:
                named = provinces[0] if provinces else hit.provinces[0]
            else:
                current = [p for p in hit.provinces if p.generation == CURRENT]
                named = current[0] if current else hit.provinces[0]
            self._note(named.name, "province", None, named.code, score, named.generation)

    def _count_passing(self, hit: PlaceHit, score: float) -> None:
        """A place named in passing: its mention, and no evidence for the report's units."""
        kept = self.provinces, self.districts, self.communes, self.ambiguous_districts
        self.provinces, self.districts, self.communes = (defaultdict(float) for _ in range(3))
        self.ambiguous_districts = []
        first = len(self.ambiguous_communes)
        try:
            self._count(hit, score)
        finally:
            self.provinces, self.districts, self.communes, self.ambiguous_districts = kept
            # an ambiguous name may still get its code inside the report's province
            self.ambiguous_communes[first:] = [
                (communes, 0.0, mention) for communes, _, mention in self.ambiguous_communes[first:]
            ]

    def _count_district(self, hit: PlaceHit, score: float, counted: bool) -> None:
        g = self.g
        named = hit.districts
        parents = self._parent_provinces(hit)
        if parents is not None:
            key = (lambda d: d.province) if self.era == LEGACY else (lambda d: d.successor)
            named = [d for d in named if key(d) in parents] or named
        if self.era == CURRENT:  # no districts today: evidence for today's province
            successors = {d.successor for d in named}
            if len(successors) == 1 and g.province_2025(code := successors.pop()):
                self.provinces[code] += score * 0.8
            self._district_mention(named, score)
            return
        units = [d for d in named if d.in_force(self.day)]
        if hit.level == "city":
            units = [d for d in units if d.kind == "thanh-pho-thuoc-tinh"] or units
        if not units:  # dissolved by then: its territory belongs to the districts it joined
            units = list({g.district(d.merged_into[0]) for d in named if d.merged_into} - {None})
        else:
            named = units
        if len(units) == 1:
            district = units[0]
            if counted:
                self.districts[district.code] += score
            self.provinces[district.province] += score * 0.8
        elif units and counted:
            self.ambiguous_districts.append((units, score))
        self._district_mention(named, score)

    def _district_mention(self, named: list[District], score: float) -> None:
        district = named[0]
        if len(named) == 1:
            parent = self.g.legacy_province(district.province)
            name = parent.name if parent else None
            self._note(district.name, "district", name, district.code, score, LEGACY)
        else:
            self._note(district.name, "district", None, None, score, LEGACY)

    def _count_commune(self, hit: PlaceHit, score: float, counted: bool) -> None:
        g = self.g
        named = _by_kind([c for c in hit.communes if c.era == self.era], hit)
        own = self._within_parents(named, hit)
        if own:
            self.commune_evidence = True
            commune = own[0]
            unique = len(own) == 1
            mention = self._note(
                commune.name,
                "commune",
                self._province_name(commune) if unique else None,
                commune.code if unique else None,
                score,
                self.era,
            )
            if unique:
                if counted:
                    self.communes[commune.code] += score
                self._credit_parents(commune, score, counted)
            else:
                self.ambiguous_communes.append((own, score if counted else 0.0, mention))
                codes = {g.province_code_of(c) for c in own}
                if len(codes) == 1:
                    self.provinces[codes.pop()] += score * COMMUNE_TO_PARENT
            return
        # A unit of the other era, or one merged away before 2025: evidence for its parents.
        if self.era == CURRENT:
            legacy = [c for c in hit.communes if c.era == LEGACY]
            others = self._within_parents(_by_kind(legacy, hit), hit, LEGACY)
            targets = [g.commune(c.successors[0], CURRENT) for c in others if c.successors]
        else:
            others = self._within_parents(hit.former, hit)
            targets = others
        if not others:
            if named:  # units of that name exist, none in the units written after it
                self.commune_evidence = True
                self._note(hit.text, "commune", self._parents_name(hit), None, score, self.era)
            return
        codes = {g.province_code_of(c) for c in targets if c is not None}
        if len(codes) == 1:
            self.provinces[codes.pop()] += score * COMMUNE_TO_PARENT
        if self.era == LEGACY and len(others) == 1 and counted:
            self._credit_district(others[0], score)
        first = others[0]
        unique = len(others) == 1 and first.name == hit.text
        self._note(
            hit.text,
            "commune",
            self._province_name(first) if len(others) == 1 else None,
            first.code if unique else None,
            score,
            LEGACY,
        )

    def _credit_parents(self, commune: Commune, score: float, counted: bool) -> None:
        code = self.g.province_code_of(commune)
        if code is not None:
            self.provinces[code] += score * COMMUNE_TO_PARENT
        if commune.era == LEGACY and counted:
            self._credit_district(commune, score)

    def _credit_district(self, commune: Commune, score: float) -> None:
        if not self.g.absorbed_before(commune.parent, self.day):
            self.districts[commune.parent] += score * COMMUNE_TO_PARENT

    # -- candidates ----------------------------------------------------------

    def _era_provinces(self, provinces: list[Province]) -> list[Province]:
        return _provinces_in(self.g, provinces, self.era)

    def _names_city(self, hit: PlaceHit, provinces: list[Province]) -> bool:
        """ "Thành phố Huế" of 2023 is the city in the province, not a centrally-run city."""
        if hit.level != "city" or self.era != LEGACY:
            return False
        if any(p.kind == "thanh-pho-tw" for p in provinces):
            return False
        return any(d.kind == "thanh-pho-thuoc-tinh" and d.in_force(self.day) for d in hit.districts)

    def _parent_provinces(self, hit: PlaceHit, era: str | None = None) -> set[str] | None:
        era = era or self.era
        codes: set[str] = set()
        for parent in hit.parents:
            if parent.level in ("province", "city") and parent.provinces:
                codes.update(p.code for p in _provinces_in(self.g, parent.provinces, era))
            elif parent.districts:
                attribute = "province" if era == LEGACY else "successor"
                found = {getattr(d, attribute) for d in parent.districts}
                if len(found) == 1:
                    codes.update(found)
        return codes or None

    def _parents_name(self, hit: PlaceHit) -> str | None:
        """The province the units written after a name point to, when they agree."""
        codes = self._parent_provinces(hit)
        province = self._province(next(iter(codes))) if codes and len(codes) == 1 else None
        return province.name if province else None

    def _parent_districts(self, hit: PlaceHit) -> list[District] | None:
        for parent in hit.parents:
            if parent.level in ("district", "city") and parent.districts:
                provinces = self._parent_provinces(parent, LEGACY)
                districts = parent.districts
                if provinces:
                    districts = [d for d in districts if d.province in provinces] or districts
                return districts
        return None

    def _within_parents(
        self, communes: list[Commune], hit: PlaceHit, era: str | None = None
    ) -> list[Commune]:
        """Communes inside the district and province written after the name, if any."""
        if not communes or not hit.parents:
            return communes
        g = self.g
        provinces = self._parent_provinces(hit, era or communes[0].era)
        districts = self._parent_districts(hit)
        if provinces:
            communes = [c for c in communes if g.province_code_of(c) in provinces]
        if districts:
            communes = [c for c in communes if any(g.commune_in_district(c, d) for d in districts)]
        return communes

    def _inside(
        self, commune: Commune, province: Province | None, district: District | None
    ) -> bool:
        g = self.g
        if province is not None and g.province_code_of(commune) != province.code:
            return False
        return district is None or g.commune_in_district(commune, district)

    def _province_name(self, commune: Commune) -> str | None:
        code = self.g.province_code_of(commune)
        province = self._province(code, commune.era) if code else None
        return province.name if province else None

    def _province(self, code: str, era: str | None = None) -> Province | None:
        if (era or self.era) == LEGACY:
            return self.g.legacy_province(code)
        return self.g.province_2025(code)

    # -- choices -------------------------------------------------------------

    def _pick_province(self, host: HostHint | None) -> Province | None:
        host_provinces = self._era_provinces(host.provinces) if host else []
        if len(host_provinces) == 1:
            if not self.provinces:  # the host name is the only evidence: it decides
                return host_provinces[0]
            self.provinces[host_provinces[0].code] += HOST_WEIGHT
        code = _best(self.provinces)
        return self._province(code) if code else None

    def _host_unit(
        self, host: HostHint | None, province: Province | None
    ) -> District | Commune | None:
        """The district or commune a host's unit label names inside the report's province."""
        if host is None or province is None or not host.units:
            return None
        g = self.g
        inside: list[District | Commune] = []
        for unit in host.units:
            if isinstance(unit, District):
                if (
                    self.era == LEGACY
                    and unit.province == province.code
                    and unit.in_force(self.day)
                ):
                    inside.append(unit)
            elif unit.era == self.era and g.province_code_of(unit) == province.code:
                inside.append(unit)
        districts = [u for u in inside if isinstance(u, District)]
        if len(districts) == 1:
            return districts[0]
        return inside[0] if len(inside) == 1 else None

    def _no_other(self, scores: dict[str, float], code: str, province: Province | None) -> bool:
        """True when the text names no other unit of this level in the province."""
        if scores is self.communes:
            others = {c for c, score in scores.items() if c != code and score > 0}
            for communes, score, _ in self.ambiguous_communes:
                if score > 0:  # a place named in passing does not compete with the portal's
                    others.update(c.code for c in communes if self._inside(c, province, None))
            others.discard(code)
            if province is not None:
                others = {
                    c
                    for c in others
                    if (unit := self.g.commune(c, self.era)) and self._inside(unit, province, None)
                }
            return not others
        others = {c for c in scores if c != code}
        if province is not None:
            others = {
                c for c in others if (d := self.g.district(c)) and d.province == province.code
            }
        return not others

    def _pick_district(self, province: Province | None) -> District | None:
        ranked = []
        for code, score in self.districts.items():
            district = self.g.district(code)
            if district is None or score < MIN_SCORE:
                continue
            if province is not None and district.province != province.code:
                continue
            ranked.append((district, score))
        return _first_clear(ranked)

    def _pick_commune(self, province: Province | None, district: District | None) -> Commune | None:
        ranked = []
        for code, score in self.communes.items():
            commune = self.g.commune(code, self.era)
            if commune is None or score < MIN_SCORE:
                continue
            if self._inside(commune, province, district):
                ranked.append((commune, score))
        return _first_clear(ranked)

    def _complete(self, result: LocalityResult) -> None:
        """Fill the levels above the chosen unit."""
        g = self.g
        commune = result.commune
        if (
            commune is not None
            and commune.era == LEGACY
            and result.district is None
            and not g.absorbed_before(commune.parent, self.day)
        ):
            result.district = g.district(commune.parent)
        if result.province is None:
            if commune is not None:
                code = g.province_code_of(commune)
                result.province = self._province(code) if code else None
            elif result.district is not None:
                result.province = g.legacy_province(result.district.province)

    def _note(self, name, kind, province, code, score, era) -> LocalityMention:
        # Two communes of one name in two provinces ("xã Tân Thạnh (Tây Ninh) và xã Tân Thạnh
        # (Đồng Tháp)") are two mentions: a known code is part of the key.
        key = (name, kind, code)
        mention = self.mentions.get(key)
        if mention is None:
            mention = LocalityMention(name, kind, province, code, era=era)
            self.mentions[key] = mention
        mention.score += score
        mention.count += 1
        return mention


def _merged(mentions) -> list[LocalityMention]:
    """One mention per unit: an ambiguous name resolved later joins the same unit's mention."""
    merged: dict[tuple, LocalityMention] = {}
    for mention in mentions:
        key = (mention.name, mention.kind, mention.code or id(mention), mention.era)
        first = merged.get(key)
        if first is None:
            merged[key] = mention
        else:
            first.score += mention.score
            first.count += mention.count
            first.province = first.province or mention.province
    return list(merged.values())


def _provinces_in(gazetteer: Gazetteer, provinces: list[Province], era: str) -> list[Province]:
    """The provinces of an era a name stands for (a former one: the province it became)."""
    if era == LEGACY:
        found = [gazetteer.legacy_for(p) for p in provinces]
    else:
        found = [p for p in provinces if p.generation == CURRENT] or [
            gazetteer.province_2025(p.successor) for p in provinces if p.successor
        ]
    unique: list[Province] = []
    for province in found:
        if province is not None and province not in unique:
            unique.append(province)
    return unique


def _by_kind(communes: list[Commune], hit: PlaceHit) -> list[Commune]:
    """The communes of the kind the prefix names ("phường 3"), else all of them."""
    return [c for c in communes if c.kind == hit.kind] or communes


def _best(scores: dict[str, float]) -> str | None:
    ranked = sorted(scores.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < MIN_SCORE:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]


def _first_clear(ranked: list[tuple]) -> object | None:
    ranked.sort(key=lambda item: -item[1])
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] < 1.5 * ranked[1][1]:
        return None
    return ranked[0][0]
