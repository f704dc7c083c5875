"""Places a source URL's host names ("tanhiep.kiengiang.gov.vn")."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ..gazetteer import Commune, District, Gazetteer, Province, squash
from ..lexicon import words


@dataclass(slots=True)
class HostHint:
    """Places a source URL's host name points to ("tanhiep.kiengiang.gov.vn")."""

    host: str
    provinces: list[Province] = field(default_factory=list)
    units: list[District | Commune] = field(default_factory=list)


# Host-name labels that never name a place: the portal's kind, a body, a service.
_HOST_WORDS = words(
    """www gov vn dcs org com net edu info portal dangbo mattran bandanvan dvtu tinhuy ubnd
    congan baodientu bao tintuc news cms"""
)
# Prefixes of a unit label: "xatanhiep", "huyennamdong", "ubndtanhiep".
_HOST_PREFIXES = ("ubnd", "thanhpho", "thixa", "thitran", "huyen", "quan", "phuong", "xa", "tp")


def host_hint(url: str | None, gazetteer: Gazetteer) -> HostHint | None:
    """Places a source URL's host names: "<unit>.<province>.gov.vn", "<province>.dcs.vn"..."""
    if not url:
        return None
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return None
    labels = [label for label in host.split(".") if label and label not in _HOST_WORDS]
    if not labels:
        return None
    hint = HostHint(host)
    index = None
    for position in range(len(labels) - 1, -1, -1):
        provinces, _ = gazetteer.hosts(squash(labels[position]))
        if not provinces and labels[position].startswith("bao"):
            provinces, _ = gazetteer.hosts(labels[position][3:])
        if provinces:
            hint.provinces, index = provinces, position
            break
    if index is None:
        return None
    for label in labels[:index]:
        label = squash(label)
        _, units = gazetteer.hosts(label)
        for prefix in _HOST_PREFIXES:
            if units:
                break
            if label.startswith(prefix) and len(label) > len(prefix) + 2:
                _, units = gazetteer.hosts(label[len(prefix) :])
        hint.units.extend(units)
    return hint
