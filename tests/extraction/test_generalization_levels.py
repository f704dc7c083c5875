"""Reports from other provinces: venues, short names and less common organizations."""

from pathlib import Path

import pytest

from articles.extraction import extract
from articles.extraction.organizations import LocalityContext, find_organizations

SAMPLES = Path(__file__).resolve().parent / "samples"

DAK_LAK_VENUE = """Cổng thông tin điện tử tỉnh Đắk Lắk
Hội nghị sơ kết công tác dân vận 6 tháng đầu năm 2024
Thứ Sáu, 12/07/2024 09:15

Sáng 11/7, tại thành phố Buôn Ma Thuột, Ban Dân vận Tỉnh ủy Đắk Lắk tổ chức hội nghị sơ kết \
công tác dân vận 6 tháng đầu năm 2024. Đồng chí Y Biêr Niê, Phó Bí thư Thường trực Tỉnh ủy \
dự và chỉ đạo hội nghị.

Theo báo cáo, 6 tháng đầu năm, các cấp ủy, chính quyền trong tỉnh đã quan tâm lãnh đạo công tác \
dân vận, phát huy vai trò của Mặt trận và các đoàn thể trong vận động Nhân dân.

Minh Thuận
"""

CAM_XUYEN_VENUE = """Trang thông tin điện tử Ban Dân vận Tỉnh ủy Hà Tĩnh
Huyện Cẩm Xuyên sơ kết phong trào thi đua “Dân vận khéo” năm 2023
Ngày đăng: 22/09/2023

Sáng 20/9, tại xã Cẩm Lộc, huyện Cẩm Xuyên, Huyện ủy Cẩm Xuyên tổ chức hội nghị sơ kết phong \
trào thi đua “Dân vận khéo” năm 2023. Đồng chí Lê Văn Hoa, Bí thư Huyện ủy chủ trì hội nghị.

Các đại biểu đã trao đổi nhiều cách làm hay trong công tác dân vận ở cơ sở, góp phần xây dựng \
nông thôn mới nâng cao trên địa bàn huyện.

Thu Hà
"""

QUANG_NGAI_SHORT_NAMES = """Hội nghị tổng kết công tác dân vận năm 2023 tỉnh Quảng Ngãi
Ngày đăng: 06/03/2024

Chiều 5/3, Ban Dân vận Tỉnh ủy Quảng Ngãi tổ chức hội nghị tổng kết công tác dân vận năm 2023. \
Dự hội nghị có đồng chí Bùi Thị Quỳnh Vân, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy. \
Đồng chí Đặng Ngọc Dũng, Phó Bí thư Tỉnh ủy chủ trì hội nghị.

Phát biểu chỉ đạo, đồng chí Vân nhấn mạnh công tác dân vận phải sát dân, hiểu dân, trọng dân. \
Các cấp ủy cần tiếp tục nhân rộng các mô hình “Dân vận khéo” trong năm 2024.

Công Hoan
"""

TWO_HUNGS = """Hội nghị giao ban công tác dân vận quý I năm 2024
Ngày đăng: 10/04/2024

Sáng 9/4, Ban Dân vận Tỉnh ủy Nghệ An tổ chức hội nghị giao ban công tác dân vận quý I năm \
2024. Đồng chí Nguyễn Văn Hùng, Trưởng Ban Dân vận Tỉnh ủy và đồng chí Trần Quốc Hùng, \
Phó Trưởng Ban Dân vận Tỉnh ủy đồng chủ trì hội nghị.

Kết luận hội nghị, đồng chí Hùng đề nghị các cấp ủy tiếp tục đổi mới công tác dân vận ở cơ sở \
trong những tháng còn lại của năm.

Thành Duy
"""


@pytest.fixture(scope="module")
def run(gazetteer):
    def _run(text):
        return extract(text, source="sample.txt", gazetteer=gazetteer)

    return _run


def test_venue_district_does_not_make_a_province_report_district_level(run):
    result = run(DAK_LAK_VENUE)
    assert (result.province, result.district) == ("Đắk Lắk", None)
    assert result.event.organizer == "Ban Dân vận Tỉnh ủy Đắk Lắk"
    mentions = {m.name for m in result.locality_mentions}
    assert "Buôn Ma Thuột" in mentions  # still recorded as a place named in the text


def test_venue_in_a_district_report_keeps_the_district(run):
    result = run(CAM_XUYEN_VENUE)
    assert (result.province, result.district) == ("Hà Tĩnh", "Cẩm Xuyên")


def test_nghe_an_venue_city_is_not_the_district(run):
    result = run((SAMPLES / "nghe_an_portal.txt").read_text(encoding="utf-8"))
    assert (result.province, result.district) == ("Nghệ An", None)


def test_short_name_is_the_same_person_and_gets_the_roles(run):
    result = run(QUANG_NGAI_SHORT_NAMES)
    assert [o.name for o in result.officials] == ["Bùi Thị Quỳnh Vân", "Đặng Ngọc Dũng"]
    roles = {p.name: p.roles for p in result.event.participants}
    assert {"du", "chi-dao", "phat-bieu"} <= set(roles["Bùi Thị Quỳnh Vân"])
    assert roles["Đặng Ngọc Dũng"] == ["chu-tri"]


def test_short_name_shared_by_two_officials_is_not_assigned(run):
    result = run(TWO_HUNGS)
    assert [o.name for o in result.officials] == ["Nguyễn Văn Hùng", "Trần Quốc Hùng"]
    roles = {p.name: p.roles for p in result.event.participants}
    assert roles["Nguyễn Văn Hùng"] == ["chu-tri"]
    assert roles["Trần Quốc Hùng"] == ["chu-tri"]


def _found(text, ctx):
    """Organizations found, without the committees that a board's name also names."""
    found = [(m.organization.name, m.organization.kind) for m in find_organizations(text, ctx)]
    parents = {m.organization.parent for m in find_organizations(text, ctx)}
    return [(name, kind) for name, kind in found if name not in parents]


@pytest.fixture()
def nghe_an(gazetteer):
    province = gazetteer.find_province("Nghệ An", generation="legacy")
    return LocalityContext(gazetteer, province)


def test_party_committee_boards(nghe_an):
    text = (
        "Dự hội nghị có lãnh đạo Ban Tuyên giáo Tỉnh ủy, Ban Tổ chức Tỉnh ủy, "
        "Ủy ban Kiểm tra Tỉnh ủy và Ban Tổ chức Huyện ủy Nghi Lộc."
    )
    assert _found(text, nghe_an) == [
        ("Ban Tuyên giáo Tỉnh ủy Nghệ An", "cap-uy"),
        ("Ban Tổ chức Tỉnh ủy Nghệ An", "cap-uy"),
        ("Ủy ban Kiểm tra Tỉnh ủy Nghệ An", "cap-uy"),
        ("Ban Tổ chức Huyện ủy Nghi Lộc", "cap-uy"),
    ]


def test_event_organizing_committee_is_not_a_party_board(nghe_an):
    assert _found("Ban Tổ chức hội thi đã trao giải cho các đội.", nghe_an) == []


def test_steering_committee_and_national_assembly_delegation(nghe_an):
    text = (
        "Ban Chỉ đạo tỉnh về thực hiện Quy chế dân chủ ở cơ sở phối hợp với Đoàn đại biểu "
        "Quốc hội tỉnh và Ban Chỉ đạo Tỉnh ủy tổ chức giám sát."
    )
    assert _found(text, nghe_an) == [
        ("Ban Chỉ đạo tỉnh Nghệ An", "khac"),
        ("Đoàn đại biểu Quốc hội tỉnh Nghệ An", "khac"),
        ("Ban Chỉ đạo Tỉnh ủy Nghệ An", "khac"),
    ]
    assert _found("Đoàn ĐBQH tỉnh tiếp xúc cử tri.", nghe_an) == [
        ("Đoàn đại biểu Quốc hội tỉnh Nghệ An", "khac")
    ]


def test_bare_council_after_a_title_is_the_reports_own(nghe_an, gazetteer):
    assert _found("Phó Bí thư Tỉnh ủy, CT HĐND", nghe_an) == [
        ("Tỉnh ủy Nghệ An", "cap-uy"),
        ("Hội đồng nhân dân tỉnh Nghệ An", "hdnd"),
    ]
    district = gazetteer.find_districts("Nghi Lộc", "Nghệ An")[0]
    ctx = LocalityContext(gazetteer, nghe_an.province, district)
    assert _found("Chủ tịch HĐND", ctx) == [("Hội đồng nhân dân huyện Nghi Lộc", "hdnd")]
    assert _found("Chủ tịch HĐND", LocalityContext(gazetteer)) == []
    assert _found("Nghị quyết của HĐND về ngân sách", nghe_an) == []  # no title before it


def test_new_bodies_in_an_official_title(run):
    text = (
        "Hội nghị triển khai công tác dân vận năm 2024 tại Hà Tĩnh\n"
        "Ngày đăng: 15/01/2024\n\n"
        "Sáng 14/1, Ban Dân vận Tỉnh ủy Hà Tĩnh tổ chức hội nghị triển khai công tác dân vận "
        "năm 2024. Đồng chí Nguyễn Hồng Lĩnh, Phó Bí thư Tỉnh ủy, CT HĐND tỉnh dự hội nghị. "
        "Đồng chí Hồ Thị Minh Trang, Ủy viên Ban Thường vụ, Trưởng Ban Tuyên giáo Tỉnh ủy "
        "phát biểu.\n\n"
        "Thu Hà\n"
    )
    result = run(text)
    kinds = {o.name: o.kind for o in result.organizations}
    assert kinds["Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"] == "cap-uy"
    assert kinds["Hội đồng nhân dân tỉnh Hà Tĩnh"] == "hdnd"
    trang = next(o for o in result.officials if o.name == "Hồ Thị Minh Trang")
    assert {p.organization for p in trang.positions} >= {"Ban Tuyên giáo Tỉnh ủy Hà Tĩnh"}
