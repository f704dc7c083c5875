import datetime as dt

import pytest

from articles.importing.lineage import link_lineage
from articles.models import Locality, Organization

pytestmark = pytest.mark.django_db


def org(name, locality=None, kind=Organization.Kind.OTHER):
    return Organization.objects.create(name=name, kind=kind, locality=locality)


def test_a_district_body_ends_with_its_district(locality):
    huyen_uy = org("Huyện ủy Minh Long", locality("minh-long"))
    nam_dong = org("Huyện ủy Nam Đông", Locality.objects.districts().get(name="Nam Đông"))
    assert link_lineage([huyen_uy, nam_dong]) == 2
    huyen_uy.refresh_from_db()
    nam_dong.refresh_from_db()
    assert huyen_uy.active_to == dt.date(2025, 7, 1)
    assert nam_dong.active_to == dt.date(2025, 1, 1)


def test_the_mass_mobilization_board_became_the_merged_board(locality):
    old = org("Ban Dân vận Tỉnh ủy Hà Tĩnh", locality("ha-tinh-cu"))
    new = org("Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh", locality("ha-tinh"))
    # Either one arriving later links them.
    link_lineage([new])
    old.refresh_from_db()
    assert old.successor == new
    assert old.active_to is None  # provincial merger dates vary: left to an editor
    assert list(new.predecessors.all()) == [old]


def test_the_central_board_ended_on_3_february_2025():
    old = org("Ban Dân vận Trung ương")
    new = org("Ban Tuyên giáo và Dân vận Trung ương")
    link_lineage([old])
    old.refresh_from_db()
    assert old.successor == new
    assert old.active_to == dt.date(2025, 2, 3)


def test_a_merged_provinces_body_leads_to_the_new_provinces(locality):
    old = org("Tỉnh ủy Bình Phước", locality("binh-phuoc"))
    new = org("Tỉnh ủy Đồng Nai", locality("dong-nai"))
    unchanged = org("Tỉnh ủy Hà Tĩnh", locality("ha-tinh-cu"))
    link_lineage([old, unchanged])
    old.refresh_from_db()
    unchanged.refresh_from_db()
    assert old.successor == new
    assert old.active_to == dt.date(2025, 7, 1)
    assert unchanged.successor is None and unchanged.active_to is None


def test_the_new_provinces_body_finds_the_former_ones(locality):
    old = org("Ban Dân vận Tỉnh ủy Bình Phước", locality("binh-phuoc"))
    new = org("Ban Dân vận Tỉnh ủy Đồng Nai", locality("dong-nai"))
    link_lineage([new])
    old.refresh_from_db()
    assert old.successor == new


def test_an_editors_successor_and_dates_are_kept(locality):
    chosen = org("Văn phòng Tỉnh ủy Đồng Nai", locality("dong-nai"))
    old = org("Tỉnh ủy Bình Phước", locality("binh-phuoc"))
    old.successor = chosen
    old.active_to = dt.date(2025, 6, 30)
    old.save()
    org("Tỉnh ủy Đồng Nai", locality("dong-nai"))
    link_lineage([old])
    old.refresh_from_db()
    assert old.successor == chosen
    assert old.active_to == dt.date(2025, 6, 30)
