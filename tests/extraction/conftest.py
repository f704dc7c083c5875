"""Fixtures for the extraction tests: seed files and gazetteers (real file or a small one)."""

from pathlib import Path

import pytest

from articles.extraction import Gazetteer, extract_file
from articles.extraction.gazetteer import DEFAULT_PATH

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

SMALL_LOCALITIES = {
    "source": "test fixture",
    "provinces_2025": [
        {"code": "01", "name": "Hà Nội", "kind": "thanh-pho-tw"},
        {"code": "40", "name": "Nghệ An", "kind": "tinh"},
        {"code": "42", "name": "Hà Tĩnh", "kind": "tinh"},
        {"code": "46", "name": "Huế", "kind": "thanh-pho-tw"},
        {"code": "51", "name": "Quảng Ngãi", "kind": "tinh"},
        {"code": "66", "name": "Đắk Lắk", "kind": "tinh"},
        {"code": "75", "name": "Đồng Nai", "kind": "tinh"},
        {"code": "79", "name": "Hồ Chí Minh", "kind": "thanh-pho-tw"},
        {"code": "82", "name": "Đồng Tháp", "kind": "tinh"},
    ],
    "provinces_legacy": [
        {"code": "01", "name": "Hà Nội", "kind": "thanh-pho-tw", "successor": "01"},
        {"code": "40", "name": "Nghệ An", "kind": "tinh", "successor": "40"},
        {"code": "42", "name": "Hà Tĩnh", "kind": "tinh", "successor": "42"},
        {"code": "46", "name": "Thừa Thiên Huế", "kind": "tinh", "successor": "46"},
        {"code": "51", "name": "Quảng Ngãi", "kind": "tinh", "successor": "51"},
        {"code": "66", "name": "Đắk Lắk", "kind": "tinh", "successor": "66"},
        {"code": "70", "name": "Bình Phước", "kind": "tinh", "successor": "75"},
        {"code": "75", "name": "Đồng Nai", "kind": "tinh", "successor": "75"},
        {"code": "79", "name": "Hồ Chí Minh", "kind": "thanh-pho-tw", "successor": "79"},
        {"code": "82", "name": "Tiền Giang", "kind": "tinh", "successor": "82"},
        {"code": "83", "name": "Bến Tre", "kind": "tinh", "successor": "86"},
        {"code": "87", "name": "Đồng Tháp", "kind": "tinh", "successor": "82"},
    ],
    "districts_legacy": [
        {
            "code": "412",
            "name": "Vinh",
            "kind": "thanh-pho-thuoc-tinh",
            "province": "40",
            "successor": "40",
        },
        {"code": "427", "name": "Nghi Lộc", "kind": "huyen", "province": "40", "successor": "40"},
        {"code": "446", "name": "Cẩm Xuyên", "kind": "huyen", "province": "42", "successor": "42"},
        {"code": "477", "name": "Quảng Điền", "kind": "huyen", "province": "46", "successor": "46"},
        {
            "code": "479",
            "name": "Hương Thủy",
            "kind": "thi-xa",
            "province": "46",
            "successor": "46",
        },
        {"code": "531", "name": "Minh Long", "kind": "huyen", "province": "51", "successor": "51"},
        {
            "code": "643",
            "name": "Buôn Ma Thuột",
            "kind": "thanh-pho-thuoc-tinh",
            "province": "66",
            "successor": "66",
        },
        {"code": "653", "name": "Krông Búk", "kind": "huyen", "province": "66", "successor": "66"},
        {
            "code": "689",
            "name": "Đồng Xoài",
            "kind": "thanh-pho-thuoc-tinh",
            "province": "70",
            "successor": "75",
        },
        {"code": "760", "name": "Quận 1", "kind": "quan", "province": "79", "successor": "79"},
        {"code": "821", "name": "Châu Thành", "kind": "huyen", "province": "82", "successor": "82"},
        {"code": "831", "name": "Châu Thành", "kind": "huyen", "province": "83", "successor": "86"},
        {"code": "869", "name": "Tân Hồng", "kind": "huyen", "province": "87", "successor": "82"},
        {"code": "876", "name": "Châu Thành", "kind": "huyen", "province": "87", "successor": "82"},
    ],
    "aliases": {
        "legacy:79": ["Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Sài Gòn"],
        "2025:79": ["Thành phố Hồ Chí Minh", "TP. Hồ Chí Minh", "TP.HCM", "TPHCM", "Sài Gòn"],
        "legacy:46": ["Thừa Thiên - Huế", "TT-Huế"],
    },
}


@pytest.fixture(scope="session")
def small_gazetteer() -> Gazetteer:
    """A handful of provinces and districts, same shape as localities.json."""
    return Gazetteer(SMALL_LOCALITIES)


@pytest.fixture(scope="session")
def gazetteer(small_gazetteer) -> Gazetteer:
    """The real gazetteer when articles/data/localities.json exists, else the small one."""
    if DEFAULT_PATH.exists():
        return Gazetteer.from_file(DEFAULT_PATH)
    return small_gazetteer


@pytest.fixture(scope="session")
def seeds(gazetteer):
    """Extracted seed files, keyed by their number ("000" ...)."""
    return {
        path.name[:3]: extract_file(path, gazetteer=gazetteer)
        for path in sorted(SEEDS.glob("*.txt"))
    }
