"""Which titles belong to the national level: the one test the importer's namesake rule uses.

Full names repeat a lot: "Nguyễn Văn Hùng" heads a board in one province and a commune in
another. A title at the Party's centre, the National Assembly, the Government or a ministry is
different: its holder travels and is written about in every province, so such a name is one
person wherever it appears. The test reads the title's own words, never a list of people.
"""

from __future__ import annotations

import re

from articles import text
from articles.extraction.lexicon import expand_abbreviations

# Phrases of a national body or rank, compared case-insensitively with their diacritics:
# "thứ trưởng" (deputy minister) is national, "thủ trưởng" (head of any unit) is not.
NATIONAL_PHRASES = (
    "trung ương",
    "bộ chính trị",
    "ban bí thư",
    "tổng bí thư",
    "quốc hội",
    "chính phủ",
    "thủ tướng",
    "chủ tịch nước",
    "bộ trưởng",
    "thứ trưởng",
)
# Abbreviations the lexicon leaves alone: Bộ Chính trị, Ban Bí thư, Ủy ban Thường vụ Quốc hội.
NATIONAL_ABBREVIATIONS = ("bct", "bbt", "ubtvqh", "đbqh")

_NATIONAL = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(p) for p in (*NATIONAL_PHRASES, *NATIONAL_ABBREVIATIONS))
    + r")(?!\w)"
)


def is_national_title(title: str | None) -> bool:
    """Whether ``title`` names a national-level office ("Ủy viên Trung ương Đảng, Bí thư Tỉnh
    ủy", "Phó Chủ tịch Quốc hội", "Thứ trưởng Bộ Nội vụ"), not a provincial or local one."""
    if not title:
        return False
    return bool(_NATIONAL.search(text.match_key(expand_abbreviations(title))))
