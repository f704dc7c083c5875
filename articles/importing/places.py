"""The extraction's place codes as Locality rows, held in memory for one import run."""

from __future__ import annotations

import datetime as dt

from articles import text
from articles.extraction.model import Extracted
from articles.models import Locality

REFORM_DATE = Locality.REFORM_DAY
_LEVEL_KINDS = {
    "tinh": Locality.PROVINCE_KINDS,
    "huyen": Locality.DISTRICT_KINDS,
    "xa": Locality.COMMUNE_KINDS,
}


def article_day(extracted: Extracted) -> dt.date | None:
    return extracted.published_date or extracted.event_date


def in_force(unit: Locality, day: dt.date | None) -> Locality:
    """The province an article of ``day`` means by a name: after 1 July 2025, "tỉnh Đồng Tháp"
    is the merged province of today, not the former one it shares its name with."""
    successor = unit.successor
    if (
        day is not None
        and day >= REFORM_DATE
        and unit.is_province
        and not unit.is_current
        and successor is not None
        and successor.name_key == unit.name_key
    ):
        return successor
    return unit


class Places:
    """Every administrative unit by (era, code) and by name key, parents linked in memory,
    so that resolving a file's places and deriving a report's levels costs no query."""

    def __init__(self) -> None:
        units = list(Locality.objects.all())
        by_pk = {unit.pk: unit for unit in units}
        for unit in units:
            # Linking the cached parents lets Report.save() walk the ancestry for free.
            unit.parent = by_pk.get(unit.parent_id)
            unit.successor = by_pk.get(unit.successor_id)
        self._by_code = {(unit.era, unit.code): unit for unit in units}
        self._by_key: dict[str, list[Locality]] = {}
        for unit in units:
            self._by_key.setdefault(unit.name_key, []).append(unit)

    def unit(self, era: str | None, code: str | None) -> Locality | None:
        if not code:
            return None
        return self._by_code.get((era or Locality.Era.LEGACY, code))

    def for_article(self, extracted: Extracted) -> Locality | None:
        """The report's primary locality: its commune, else district, else province."""
        era = extracted.locality_era or Locality.Era.LEGACY
        for code in (extracted.commune_code, extracted.district_code, extracted.province_code):
            unit = self.unit(era, code)
            if unit is not None:
                return in_force(unit, article_day(extracted))
        return None

    def mentioned(self, extracted: Extracted) -> set[int]:
        """Primary keys of the places the article names, in the era each mention gives."""
        found = set()
        for mention in extracted.locality_mentions:
            unit = self.unit(mention.era, mention.code)
            if unit is not None:
                found.add(unit.pk)
        return found

    def place_in_name(
        self,
        name: str,
        level: str | None,
        day: dt.date | None = None,
        around: Locality | None = None,
    ) -> Locality | None:
        """The unit an organization's own name ends with: "Huyện ủy Minh Long" -> Minh Long.

        A commune's name repeats across the country, so a commune is taken only inside the
        report's own province (``around``).
        """
        wanted = _LEVEL_KINDS.get(level or "")
        if wanted is None:
            return None
        province = around.ancestry().get("province") if around is not None else None
        if level == "xa" and province is None:
            return None
        words = text.fold_key(name).split()
        for size in (4, 3, 2, 1):
            if len(words) <= size:
                continue
            key = " ".join(words[-size:])
            matches = [unit for unit in self._by_key.get(key, []) if unit.kind in wanted]
            if level == "xa":
                matches = [unit for unit in matches if unit.ancestry().get("province") == province]
            if level != "xa" or len(matches) > 1:
                matches = _of_the_time(matches, day)
            if len(matches) == 1:
                return in_force(matches[0], day)
        return None


def _of_the_time(units: list[Locality], day: dt.date | None) -> list[Locality]:
    """Units that existed on ``day`` (all of them when the day is unknown)."""
    if day is None:
        legacy = [unit for unit in units if not unit.is_current]
        return legacy if legacy and len(legacy) < len(units) else units
    alive = [unit for unit in units if unit.exists_on(day)]
    return alive or units
