"""Which province, district and commune a report is about, from weighted place mentions.

The units are read in the era of the article's day: before 1 July 2025 the legacy units
(63 provinces, districts, communes under districts; a district dissolved earlier counts only
until its valid_to), from that day the current ones (34 provinces, communes under them, no
districts). A unit of the other era named in the text ("huyện Tân Hồng (cũ)") is a mention
of that era and evidence for the province it lies in today. An undated article is read in
both eras and resolved only as far as the two readings agree.

Parents written after a unit ("xã Thạnh Mỹ (H. Tân Phước, tỉnh Tiền Giang)") settle an
ambiguous name (scan.py links them). Several units so qualified are places named in passing
(subjects.py): the report's own unit is then the organizer's, the headline's or the portal's.
"""

from .hosts import HostHint, host_hint
from .resolve import LocalityResult, resolve_localities
from .scan import DISTRICT_SELF, PROVINCE_SELF, PlaceHit, is_higher_level, scan_places

__all__ = [
    "DISTRICT_SELF",
    "PROVINCE_SELF",
    "HostHint",
    "LocalityResult",
    "PlaceHit",
    "host_hint",
    "is_higher_level",
    "resolve_localities",
    "scan_places",
]
