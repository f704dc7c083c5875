"""An official's page: each published report once, with every role it gave the person, and
sightings on a single day said as one day."""

import re
from datetime import date, datetime

import pytest

from articles.models import Official, Position, ReportOfficial
from tests.conftest import VN

pytestmark = pytest.mark.django_db


def official_page(client, official) -> str:
    response = client.get(official.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def cards(html: str) -> list[tuple[str, str]]:
    """(title, roles) of each report card."""
    found = re.findall(
        r'class="report-card__title"><a href="[^"]+">([^<]+)</a>.*?<p class="meta">(.*?)</p>',
        html,
        re.S,
    )
    return [(title, re.sub(r"\s+", " ", meta)) for title, meta in found]


def test_each_report_shows_once_with_all_the_officials_roles_in_it(client, make_report):
    official = Official.objects.create(full_name="Hoàng Trung Dũng")
    report = make_report(title="Hội nghị tổng kết công tác dân vận năm 2023")
    other = make_report(
        title="Giao ban khối dân vận quý II",
        published_at=datetime(2023, 6, 30, 9, 0, tzinfo=VN),
    )
    draft = make_report(title="Bản nháp chưa duyệt", status="draft")
    chair = Position.objects.create(official=official, title="Chủ tịch HĐND tỉnh")
    ReportOfficial.objects.create(
        report=report, official=official, title="Bí thư Tỉnh ủy", position=chair
    )
    same = Position.objects.create(official=official, title="Bí thư tỉnh ủy")
    ReportOfficial.objects.create(
        report=other, official=official, title="Bí thư Tỉnh ủy", position=same
    )
    ReportOfficial.objects.create(report=draft, official=official, title="Bí thư Tỉnh ủy")

    found = cards(official_page(client, official))
    assert [title for title, _ in found] == [
        "Giao ban khối dân vận quý II",
        "Hội nghị tổng kết công tác dân vận năm 2023",
    ]
    roles = found[1][1]
    for role in ["Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]:
        assert roles.count(role) == 1, roles
    assert found[0][1].lower().count("bí thư tỉnh ủy") == 1 and "Chủ tịch" not in found[0][1]


def test_a_position_seen_on_one_day_is_not_from_that_day_to_that_day(client, make_report):
    official = Official.objects.create(full_name="Võ Trọng Hải")
    positions = [
        Position.objects.create(
            official=official,
            title="Chủ tịch UBND tỉnh",
            first_seen=date(2023, 8, 25),
            last_seen=date(2023, 8, 25),
        ),
        Position.objects.create(
            official=official,
            title="Phó Bí thư Tỉnh ủy",
            first_seen=date(2022, 1, 13),
            last_seen=date(2023, 8, 25),
        ),
    ]
    for position in positions:  # readers see titles that published reports gave
        ReportOfficial.objects.create(
            report=make_report(), official=official, title=position.title, position=position
        )
    html = official_page(client, official)
    assert "từ 25/08/2023 đến 25/08/2023" not in html
    assert "(ghi nhận ngày 25/08/2023)" in html
    assert "(ghi nhận từ 13/01/2022 đến 25/08/2023)" in html


def test_the_official_page_queries_stay_bounded(client, make_report, django_assert_max_num_queries):
    official = Official.objects.create(full_name="Nguyễn Thị Hoà")
    for number in range(15):
        report = make_report()
        position = Position.objects.create(official=official, title=f"Chức vụ {number}")
        ReportOfficial.objects.create(
            report=report, official=official, title="Trưởng Ban Dân vận", position=position
        )
    # + one for the cards' photo captions (thumbnails)
    with django_assert_max_num_queries(6):
        official_page(client, official)
