"""Follow-ups: citizens are not officials, more event nouns, datelines kept out of the summary.

The articles are written here as strings: other provinces' wording, not the samples' sentences.
"""

from pathlib import Path

import pytest

from articles.extraction import extract, read_text

SAMPLES = Path(__file__).resolve().parent / "samples"


@pytest.fixture(scope="module")
def run(gazetteer):
    def _run(text):
        return extract(text, source="followup", gazetteer=gazetteer)

    return _run


def officials(result):
    return [(o.name, o.title) for o in result.officials]


CITIZENS = """Người có uy tín góp sức xây dựng nông thôn mới
Sáng 5/3, tại xã Tam Tiến, Ban Dân vận Huyện ủy Yên Thế tổ chức hội nghị biểu dương người có \
uy tín năm 2024. Dự có đồng chí Hoàng Văn Thạch, Phó Bí thư Thường trực Huyện ủy; bà Trịnh \
Thị Mai, Phó Chủ tịch Ủy ban MTTQ tỉnh.

Ông Lục Văn Pắng, người có uy tín ở bản Mỏ Trạng, chia sẻ kinh nghiệm vận động bà con. Còn bà \
Nguyễn Thị Lan, người dân thôn 3, cho biết gia đình đã hiến 300 m2 đất làm đường. Ông Nguyễn \
Văn An, Bí thư Chi bộ thôn Đồng Tâm, cho biết thôn đã về đích nông thôn mới. Anh Trần Văn \
Bình, cựu chiến binh thôn 2, và chị Hà Thị Hoa, nông dân xã Tam Tiến, cũng tham gia. Ông Lục \
Văn Pắng còn vận động 12 hộ cùng làm.
"""


def test_citizens_with_only_a_courtesy_word_are_not_officials(run):
    result = run(CITIZENS)
    assert officials(result) == [
        ("Hoàng Văn Thạch", "Phó Bí thư Thường trực Huyện ủy"),
        ("Trịnh Thị Mai", "Phó Chủ tịch Ủy ban MTTQ tỉnh"),
        # "thôn Đồng Tâm" is the village in his title, not a person
        ("Nguyễn Văn An", "Bí thư Chi bộ thôn Đồng Tâm"),
    ]


def test_a_courtesy_mention_counts_when_the_person_has_a_title_elsewhere(run):
    text = (
        "Giao ban công tác dân vận quý I\n"
        "Chiều 8/4, Ban Dân vận Thị ủy tổ chức hội nghị giao ban công tác dân vận quý đầu năm. "
        "Chủ trì hội nghị có bà Lê Thị Hương, Trưởng Ban Dân vận Thị ủy.\n\n"
        "Phát biểu kết luận, bà Lê Thị Hương đề nghị các cơ sở phát huy vai trò Nhân dân. "
        "Ông Phạm Văn Tùng, hộ nghèo ở xóm Trại, chia sẻ về cách thoát nghèo của gia đình.\n"
    )
    result = run(text)
    assert [(o.name, o.mentions) for o in result.officials] == [("Lê Thị Hương", 2)]


def test_the_bac_giang_citizen_is_left_out(gazetteer):
    name = "portal_bao_bac_giang.txt"
    result = extract(read_text(SAMPLES / name), source=name, gazetteer=gazetteer)
    assert [o.name for o in result.officials] == ["Hoàng Văn Thạch", "Ngô Thị Lan Anh"]


def _lead(sentence):
    return (
        "Tin tức - Sự kiện\n"
        f"{sentence} Dự có đồng chí Đinh Văn Sơn, Phó Chủ tịch UBND huyện, cùng đông đảo "
        "cán bộ, hội viên và Nhân dân trên địa bàn.\n"
    )


@pytest.mark.parametrize(
    ("sentence", "title", "kind", "organizer"),
    [
        (
            "Chiều 3/10, Ban Dân vận Huyện ủy Ba Bể tổ chức gặp mặt người có uy tín năm 2024.",
            "Gặp mặt người có uy tín năm 2024",
            "khac",
            "Ban Dân vận Huyện ủy Ba Bể",
        ),
        (
            "Ngày 12/8, Hội Liên hiệp Phụ nữ xã Phú Lộc tổ chức ra mắt mô hình “Dân vận khéo” "
            "trong bảo vệ môi trường.",
            "Ra mắt mô hình “Dân vận khéo” trong bảo vệ môi trường",
            "khac",
            "Hội Liên hiệp Phụ nữ xã Phú Lộc",
        ),
        (
            "Sáng 2/6, Đoàn Thanh niên xã Quỳnh Lâm tổ chức ra mắt câu lạc bộ thanh niên "
            "tình nguyện.",
            "Ra mắt câu lạc bộ thanh niên tình nguyện",
            "khac",
            "Đoàn Thanh niên xã Quỳnh Lâm",
        ),
        (
            "Chiều 9/9, Ban Dân vận Thành ủy tổ chức toạ đàm về dân vận chính quyền.",
            "Toạ đàm về dân vận chính quyền",
            "khac",
            "Ban Dân vận Thành ủy",
        ),
        (
            "Sáng 6/11, Huyện đoàn Krông Pắc tổ chức lễ ra quân chiến dịch Mùa hè xanh.",
            "Lễ ra quân chiến dịch Mùa hè xanh",
            "khac",
            "Huyện đoàn Krông Pắc",
        ),
        (
            "Sáng 5/3, Ủy ban MTTQ Việt Nam huyện Mê Linh tổ chức hội nghị hiệp thương cử bổ "
            "sung Ủy viên Ủy ban.",
            "Hội nghị hiệp thương cử bổ sung Ủy viên Ủy ban",
            "hoi-nghi",
            "Ủy ban MTTQ Việt Nam huyện Mê Linh",
        ),
        (
            "Sáng 5/3, Ủy ban MTTQ Việt Nam phường Tân Định tổ chức hiệp thương cử Phó Chủ tịch.",
            "Hiệp thương cử Phó Chủ tịch",
            "khac",
            "Ủy ban MTTQ Việt Nam phường Tân Định",
        ),
        (
            "Sáng 20/12, Hội Nông dân huyện tổ chức gặp mặt tổng kết phong trào thi đua năm 2023.",
            "Gặp mặt tổng kết phong trào thi đua năm 2023",
            "tong-ket",
            "Hội Nông dân huyện",
        ),
    ],
)
def test_more_event_nouns_after_to_chuc(run, sentence, title, kind, organizer):
    event = run(_lead(sentence)).event
    assert (event.title, event.kind, event.organizer_as_written) == (title, kind, organizer)


def test_gap_mat_as_a_plain_verb_is_no_event(run):
    result = run(_lead("Sáng 6/11, lãnh đạo huyện đã gặp mặt người dân để nghe ý kiến."))
    assert result.event is None


def test_bac_giang_sample_event_is_the_gap_mat(gazetteer):
    name = "portal_bao_bac_giang.txt"
    result = extract(read_text(SAMPLES / name), source=name, gazetteer=gazetteer)
    assert result.event.title.startswith("Gặp mặt người có uy tín")
    assert result.event.kind == "khac"
    assert result.event.organizer_as_written == "Ban Dân vận Huyện ủy Yên Thế"


LEAD_REST = (
    "Sáng 12/9, Ban Dân vận Tỉnh ủy tổ chức tọa đàm về công tác dân vận trong xây dựng nông "
    "thôn mới. Dự tọa đàm có đồng chí Nguyễn Văn Hùng, Trưởng Ban Dân vận Tỉnh ủy. Các đại "
    "biểu đã thảo luận nhiều giải pháp để phát huy vai trò của Nhân dân trong phong trào."
)
SECOND = (
    "Theo báo cáo, các cấp đã vận động Nhân dân hiến đất, góp công làm đường, xây dựng nhà văn "
    "hóa thôn. Nhiều mô hình hay được nhân rộng trên địa bàn toàn tỉnh trong năm qua."
)


@pytest.mark.parametrize(
    "dateline", ["(BẮC GIANG) - ", "(LĐ online) - ", "HÀ TĨNH – ", "(Baohatinh.vn) - "]
)
def test_dateline_stays_in_the_body_but_not_in_summary_or_inferred_title(run, dateline):
    result = run(f"{dateline}{LEAD_REST}\n\n{SECOND}\n")
    assert result.body_paragraphs[0] == dateline + LEAD_REST
    assert result.summary == LEAD_REST
    assert result.title_inferred
    assert result.title == LEAD_REST.split(". ", 1)[0]
    assert result.to_contract()["summary"] == LEAD_REST


def test_dateline_with_a_headline(gazetteer):
    name = "portal_bao_lam_dong.txt"
    result = extract(read_text(SAMPLES / name), source=name, gazetteer=gazetteer)
    assert result.body_paragraphs[0].startswith("(LĐ online) - Ngày 6/11")
    assert result.summary.startswith("Ngày 6/11, Ban Dân vận Huyện ủy Đơn Dương")


def test_a_lead_without_dateline_is_unchanged(run):
    result = run(f"Tin tức\n{LEAD_REST}\n\n{SECOND}\n")
    assert result.summary == LEAD_REST
