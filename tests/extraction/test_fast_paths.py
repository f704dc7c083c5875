"""The speed-ups give exactly what the plain regexes they replace give."""

from pathlib import Path

import pytest

from articles.extraction import dates, documents, events, organizations, read_text
from articles.extraction.localities import scan

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = Path(__file__).resolve().parent / "samples"

TRICKY = [
    "",
    "TỈNH ỦY HÀ TĨNH và THÀNH  PHỐ Vinh, Tp. Huế, TX.Hương Thủy, tx  Cửa Lò, Quận 1.",
    "xtỉnh Nghệ An, atp Huế, huyệnhuyện Nghi Lộc, thị xã\tKỳ Anh; Huyện-Ủy",
    "İstanbul tỉnh Nghệ An; İ huyện Nghi Lộc",  # lower() makes "İ" two characters
    "Số 25-NQ/TW, 25 - NQ / TW, 123456-NQ/TW, A25-NQ/TW, /25-NQ/TW, -25-NQ/TW, 7-KH/HU-BDV",
    "Nghị định 59/2023/NĐ-CP; 12/QĐ-TTg; 1/2/3/QĐ-UBND; 2024/2023/NĐ-CP; x12/NQ-CP",
    "các huyện ủy, huyện ủy, toàn huyện, của huyện, thị, công an huyện, cấp huyện , thị",
    "của tỉnh, các tỉnh ủy, tỉnh ủy, toàn tỉnhx, tỉnh nhà, hđnd tỉnh, ubnd tỉnh",
    "Sự kiện nổi bật: 23/05: Việc A. 24/05: Việc B.",
    "01/6: Việc A.   02/6/2023: Việc B.   3/6 : Việc C",
    "Ngày 1/6: chỉ có một mục",
    "Sáng nay, Ban Dân vận Tỉnh ủy tổ chức Hội nghị giao ban; "
    + "x" * 300
    + " Huyện ủy Nghi Lộc đã tổ chức hội thi",
    "Chủ tịch Hà Nội, đồng chí   Nghệ An, điểm cầu  tỉnh Hà Tĩnh, ĐIỂM CẦU Huế, phong cách Vinh",
]


def corpus() -> list[str]:
    texts = [read_text(path) for path in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += [read_text(path) for path in sorted(SAMPLES.glob("*.txt"))]
    lines = [line for text in texts for line in text.split("\n")]
    return [*TRICKY, *texts, *lines, *(text.upper() for text in texts)]


CORPUS = corpus()


@pytest.mark.parametrize("text", CORPUS[: len(TRICKY)] + ["\n".join(CORPUS)])
def test_place_prefixes(text):
    expected = [(m.start(), m.end(), m.group(1)) for m in scan._PREFIX.finditer(text)]
    assert scan._prefixes(text) == expected


def test_self_counts():
    for text in CORPUS:
        lowered = text.lower()
        assert scan._count_self(scan._DISTRICT_SELF_FAST, lowered, "huyện") == len(
            scan.DISTRICT_SELF.findall(lowered)
        )
        assert scan._count_self(scan._PROVINCE_SELF_FAST, lowered, "tỉnh") == len(
            scan.PROVINCE_SELF.findall(lowered)
        )


def test_windows_before_a_place():
    for text in CORPUS:
        for start in range(0, len(text), 7):
            window = text[max(0, start - 20) : start]
            assert scan._not_a_place_before(window) == bool(scan._NOT_A_PLACE_BEFORE.search(window))
            window = text[max(0, start - 25) : start]
            assert scan._bridge_before(window) == bool(scan._BRIDGE.search(window))


def test_document_codes():
    for text in CORPUS:
        for fast, full in (
            (documents._PARTY_FAST, documents.PARTY_CODE),
            (documents._STATE_FAST, documents.STATE_CODE),
        ):
            got = [(m.span(), m.groups()) for m in documents._code_matches(fast, text)]
            assert got == [(m.span(), m.groups()) for m in full.finditer(text)]


def test_ticker_lines():
    for text in CORPUS:
        for line in text.split("\n"):
            expected = bool(dates.TICKER_LABEL.match(line)) or (
                len(dates.TICKER_MARK.findall(line)) >= 2
            )
            assert dates.is_ticker(line) == expected


def test_organizer_search():
    for text in CORPUS:
        match = events._search_organizer(text)
        expected = events._ORGANIZER.search(text)
        assert (match and match.span()) == (expected and expected.span())


def test_one_group_per_organization_head():
    assert organizations.ORG_HEAD.groups == len(organizations._HEADS)
