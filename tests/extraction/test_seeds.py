"""The five seed articles come out as the issue specifies."""

import datetime as dt
import json
import unicodedata

import pytest

BOILERPLATE = (
    "Truy cập nội dung luôn",
    "Tin tức - Sự kiện",
    "Sự kiện nổi bật",
    "Số lượt xem",
    "Tin bài liên quan",
    "Tin liên quan",
    "Gửi cho bạn bè",
    "Các tin khác",
    "Xem nhiều nhất",
    "Hôm nay",
    "Đã truy cập",
    "Tổng số lượt xem",
    "Website liên kết",
    "Thống kê truy cập",
    "Tìm kiếm",
    "Tài liệu đính kèm",
    "Lịch công tác trống",
    "Tin Nóng",
    "Tin tiêu điểm",
    "ỦY BAN NHÂN DÂN HUYỆN",
    "Cập nhật lúc",
    "Thứ sáu, 27/05/2022",
    "Chủ Nhật, 14/4/2024",
)
CONTRACT_KEYS = {
    "source",
    "title",
    "title_inferred",
    "summary",
    "published_date",
    "published_at",
    "event_date",
    "page_date",
    "year",
    "year_inferred",
    "province",
    "district",
    "commune",
    "author",
    "authors",
    "view_count",
    "officials",
    "organizations",
    "documents",
    "event",
    "schedule",
    "captions",
    "attachments",
    "body",
    "warnings",
    "source_url",
}


def names(result):
    return [official.name for official in result.officials]


def title_of(result, name):
    return next(o.title for o in result.officials if o.name == name)


def codes(result):
    return [document.code for document in result.documents]


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_contract_has_exactly_the_keys_and_is_json(seeds, number):
    contract = seeds[number].to_contract()
    assert set(contract) == CONTRACT_KEYS
    assert json.loads(json.dumps(contract, ensure_ascii=False)) == contract
    assert contract["source"].endswith(".txt")


@pytest.mark.parametrize("number", ["000", "001", "002", "003", "004"])
def test_no_boilerplate_line_in_body(seeds, number):
    body = seeds[number].body
    for line in body.split("\n"):
        for chrome in BOILERPLATE:
            assert chrome not in line, (chrome, line)
    assert body == unicodedata.normalize("NFC", body)
    assert seeds[number].author not in body.split("\n\n")


def test_seed_000(seeds):
    result = seeds["000"]
    assert result.title == (
        "Hội nghị toàn quốc tổng kết công tác dân vận và đánh giá kết quả thực hiện năm "
        "“Đẩy mạnh thực hiện quy chế dân chủ ở cơ sở”"
    )
    assert not result.title_inferred
    contract = result.to_contract()
    assert contract["published_at"] == "2022-01-13T16:44:00+07:00"
    assert contract["published_date"] == "2022-01-13"
    assert contract["page_date"] == "2022-05-27"
    assert contract["event_date"] == "2022-01-13"
    assert (result.year, result.year_inferred) == (2022, False)
    assert (result.province, result.district) == ("Thừa Thiên Huế", None)
    assert result.author == "Nguyên Phương"
    assert result.view_count == 199
    assert names(result)[:4] == [
        "Võ Văn Thưởng",
        "Phan Ngọc Thọ",
        "Nguyễn Chí Tài",
        "Bùi Thị Minh Hoài",
    ]
    assert title_of(result, "Võ Văn Thưởng") == (
        "Ủy viên Bộ Chính trị, Thường trực Ban Bí thư Trung ương Đảng"
    )
    assert title_of(result, "Nguyễn Chí Tài") == (
        "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy"
    )
    assert codes(result) == ["23-NQ/TW", "21-KL/TW"]
    assert result.documents[0].date == dt.date(2021, 7, 30)
    assert result.documents[1].date == dt.date(2021, 10, 25)
    assert result.event.kind == "tong-ket"
    assert result.event.organizer == "Ban Dân vận Trung ương"
    assert result.warnings == []


def test_seed_000_schedule_has_nine_items_with_inferred_year(seeds):
    schedule = seeds["000"].schedule
    assert len(schedule) == 9
    assert [item.date.isoformat() for item in schedule] == [
        "2022-05-23",
        "2022-05-23",
        "2022-05-24",
        "2022-05-24",
        "2022-05-25",
        "2022-05-26",
        "2022-05-26",
        "2022-05-27",
        "2022-05-27",
    ]
    assert schedule[0].text == "Bí thư Tỉnh ủy họp Quốc hội tại Hà Nội."
    assert schedule[6].text.startswith("Lãnh đạo tỉnh dự Hội nghị ký kết")
    assert schedule[6].text.endswith("Doanh nghiệp tỉnh.")
    assert all(item.year_inferred for item in schedule)


def test_seed_000_participants_have_roles(seeds):
    roles = {p.name: p.roles for p in seeds["000"].event.participants}
    assert {"du", "chi-dao"} <= set(roles["Võ Văn Thưởng"])
    assert "chu-tri" in roles["Phan Ngọc Thọ"]
    assert "chu-tri" in roles["Nguyễn Chí Tài"]


def test_seed_000_positions_link_to_qualified_organizations(seeds):
    official = next(o for o in seeds["000"].officials if o.name == "Nguyễn Chí Tài")
    linked = {p.role: p.organization for p in official.positions}
    assert linked["Trưởng"] == "Ban Dân vận Tỉnh ủy Thừa Thiên Huế"
    organizations = {o.name: o for o in seeds["000"].organizations}
    assert organizations["Ban Dân vận Tỉnh ủy Thừa Thiên Huế"].parent == ("Tỉnh ủy Thừa Thiên Huế")
    assert organizations["Ban Dân vận Trung ương"].level == "trung-uong"
    assert "organizer" in organizations["Ban Dân vận Trung ương"].roles


def test_seed_001_title_inferred_and_event_year_from_anchor(seeds):
    result = seeds["001"]
    assert result.title_inferred
    assert result.title.startswith("Bí thư Tỉnh ủy Hoàng Trung Dũng yêu cầu")
    # The lead's whole first sentence, never cut mid-word with "…".
    assert result.summary.startswith(result.title) and not result.title.endswith("…")
    assert result.summary[len(result.title)] == "."
    assert "title_inferred" in result.review_reasons
    assert any(w.startswith("Không tìm thấy tiêu đề") for w in result.warnings)
    assert result.published_date is None
    assert "no_date" in result.review_reasons
    assert result.event_date == dt.date(2023, 8, 25)
    assert result.event_year_inferred
    assert (result.year, result.year_inferred) == (2023, True)
    assert "year_inferred" in result.review_reasons
    assert (result.province, result.district) == ("Hà Tĩnh", None)
    assert result.author == "Thu Hà"
    assert result.view_count is None


def test_seed_001_officials_documents_captions(seeds):
    result = seeds["001"]
    assert set(names(result)) >= {
        "Hoàng Trung Dũng",
        "Võ Trọng Hải",
        "Nguyễn Minh Đức",
        "Trần Thế Dũng",
        "Trương Thanh Huyền",
        "Võ Mai",
    }
    assert title_of(result, "Nguyễn Minh Đức").startswith("Vụ phó Vụ Dân vận")
    assert title_of(result, "Võ Trọng Hải") == "Chủ tịch UBND tỉnh"
    assert codes(result) == ["25-NQ/TW", "43-KL/TW", "657-QĐ/TU", "961-CTr/TU"]
    by_code = {d.code: d for d in result.documents}
    assert by_code["25-NQ/TW"].date == dt.date(2013, 6, 3)
    assert by_code["25-NQ/TW"].subject.startswith("Tăng cường và đổi mới")
    assert by_code["961-CTr/TU"].kind == "Chương trình hành động"
    assert by_code["657-QĐ/TU"].kind == "Quyết định"
    assert result.captions == [
        "Bí thư Tỉnh ủy Hoàng Trung Dũng và các đại biểu dự hội nghị.",
        "Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng và Trưởng ban Dân vận Tỉnh ủy "
        "Trương Thanh Huyền chủ trì hội nghị.",
        "Trưởng ban Dân vận Tỉnh ủy Trương Thanh Huyền báo cáo kết quả thực hiện nghị quyết "
        "của Trung ương về công tác dân vận.",
        "Đồng chí Võ Mai – Bí thư Đảng ủy xã Cẩm Lộc (Cẩm Xuyên) chia sẻ về phát huy dân chủ "
        "trong Nhân dân.",
        "Phó Bí thư Thường trực Tỉnh ủy Trần Thế Dũng chia sẻ một số cách làm, giải pháp trong "
        "công tác dân vận, công tác đối thoại trong tình hình mới.",
        "Bí thư Tỉnh ủy Hoàng Trung Dũng phát biểu tại hội nghị.",
    ]
    assert "Công tác dân vận góp phần tăng cường khối đại đoàn kết toàn dân" in (
        result.body_paragraphs
    )
    assert result.event.kind == "tong-ket"
    assert result.event.organizer == "Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh"


def test_seed_002_district_unknown_and_site_counter_ignored(seeds):
    result = seeds["002"]
    assert result.title == (
        "Hội nghị tổng kết việc thực hiện Quy chế dân chủ và phong trào thi đua “Dân vận khéo” "
        "năm 2019, phương hướng, nhiệm vụ năm 2020"
    )
    assert result.to_contract()["published_at"] == "2020-01-03T15:45:00+07:00"
    assert result.event_date == dt.date(2020, 1, 3)
    assert result.view_count is None
    assert result.author == "Đỗ Đạt"
    assert (result.province, result.district) == (None, None)
    assert "district_unknown" in result.review_reasons
    assert "Không xác định được huyện: bài chỉ ghi «huyện» mà không nêu tên." in result.warnings
    assert names(result) == ["Tô Văn Hải"]
    assert title_of(result, "Tô Văn Hải").startswith("Phó Bí thư Thường trực Huyện ủy")
    assert result.documents == []
    assert result.captions[0] == "Đại biểu phát biểu ý kiến tại Hội nghị"
    assert len(result.captions) == 3


def test_seed_003_page_date_is_not_publication(seeds):
    result = seeds["003"]
    assert result.title == (
        "Bình Phước: Cần tiếp tục tập trung lãnh đạo, chỉ đạo thực hiện tốt nghị quyết của "
        "Đảng về công tác dân vận"
    )
    assert result.page_date == dt.date(2024, 4, 14)
    assert result.published_date is None
    assert result.event_date is None
    assert result.year is None
    assert {"no_date", "no_year"} <= set(result.review_reasons)
    assert (result.province, result.district) == ("Bình Phước", None)
    assert result.author == "Lê Dũng Toàn"
    assert result.byline.organization == "Ban Dân vận Tỉnh ủy Bình Phước"
    assert result.view_count is None
    assert codes(result) == ["25-NQ/TW", "43-KL/TW"]


def test_seed_003_officials_lists_and_abbreviations(seeds):
    result = seeds["003"]
    assert names(result) == [
        "Phạm Tất Thắng",
        "Vũ Anh Tuấn",
        "Nguyễn Mạnh Cường",
        "Huỳnh Thị Hằng",
        "Trần Tuệ Hiền",
        "Lê Thị Xuân Trang",
    ]
    trang = next(o for o in result.officials if o.name == "Lê Thị Xuân Trang")
    assert trang.title == "UVBTV, Trưởng Ban Dân vận Tỉnh ủy, Chủ tịch UBMTTQVN tỉnh"
    assert trang.title_normalized == (
        "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Tỉnh ủy, "
        "Chủ tịch Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    )
    organizations = {p.organization for p in trang.positions}
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Bình Phước" in organizations
    assert title_of(result, "Nguyễn Mạnh Cường") == (
        "Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bình Phước"
    )
    assert result.captions == [
        "Quang cảnh Hội nghị",
        "Đồng chí Phạm Tất Thắng, Ủy viên Trung ương Đảng, Phó Trưởng Ban Thường trực Ban Dân "
        "vận Trung ương phát biểu chỉ đạo tại Hội nghị",
        "Đồng chí Nguyễn Mạnh Cường, Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy Bình Phước "
        "phát biểu kết luận Hội nghị",
    ]
    mentions = {m.name: m for m in result.locality_mentions}
    assert "Hồ Chí Minh" in mentions  # a passing mention, not the report's locality


def test_seed_004(seeds):
    result = seeds["004"]
    assert result.title == (
        "Hội nghị trực báo công tác dân vận, mặt trận, các tổ chức chính trị- xã hội ,lực lượng "
        "vũ trang quý I năm 2022."
    )
    assert result.site_name == "ỦY BAN NHÂN DÂN HUYỆN MINH LONG"
    assert result.published_date == dt.date(2022, 4, 13)
    assert result.event_date == dt.date(2022, 4, 6)
    assert (result.province, result.district) == ("Quảng Ngãi", "Minh Long")
    assert result.author == "Công Hoan"
    assert result.view_count == 131
    assert names(result) == ["Lê Thanh Bình"]
    bình = result.officials[0]
    assert bình.title == "phó bí thư TT Huyện ủy"
    assert bình.title_normalized == "Phó Bí thư Thường trực Huyện ủy"
    assert bình.positions[0].organization == "Huyện ủy Minh Long"
    assert result.attachments == ["Công tác dân vận năm 2022.jpg"]
    assert result.documents == []
    assert result.event.kind == "truc-bao"
    assert result.event.organizer == "Huyện ủy Minh Long"
    assert [p.roles for p in result.event.participants] == [["chu-tri", "phat-bieu"]]
    kinds = {o.name: o.kind for o in result.organizations}
    assert kinds["Công an huyện Minh Long"] == "luc-luong-vu-trang"
    assert kinds["Ủy ban Mặt trận Tổ quốc Việt Nam huyện Minh Long"] == "mat-tran"
    assert kinds["Ủy ban nhân dân huyện Minh Long"] == "chinh-quyen"
    assert result.warnings == []


def test_content_hash_is_stable_and_distinct(seeds):
    hashes = {result.content_hash for result in seeds.values()}
    assert len(hashes) == 5
    assert all(len(h) == 64 for h in hashes)
