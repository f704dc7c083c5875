"""Document numbers, the whole scheme (issue 10): Party "số-KH/CQ", State "số/năm/KH-CQ".

The grammar tests write codes the way the rules build them (Quy định 66-QĐ/TW, Hướng dẫn
36-HD/VPTW, Nghị định 30/2020/NĐ-CP): every kind abbreviation of both schemes, compound and
joint issuers, look-alike letters, noisy spaces; and the numbers that are never codes (dates,
ranges, phone and street numbers, scores, a number with a year and no kind). The samples in
samples_r2/documents/ imitate the portals that cite them; the expectations are what a careful
editor would list.
"""

import datetime as dt
import unicodedata
from pathlib import Path

import pytest

from articles.extraction import extract_file
from articles.extraction.documents import canonical_code, find_documents

SAMPLES = Path(__file__).resolve().parent / "samples_r2" / "documents"


def codes(text):
    return [d.code for d in find_documents(text)]


def only(text):
    found = find_documents(text)
    assert len(found) == 1, [d.code for d in found]
    return found[0]


# --- Party documents: số-KH/CQ -------------------------------------------------------------

PARTY_KINDS = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("KL", "Kết luận"),
    ("QC", "Quy chế"),
    ("QyC", "Quy chế"),
    ("QĐi", "Quy định"),
    ("TT", "Thông tri"),
    ("HD", "Hướng dẫn"),
    ("QH", "Quy hoạch"),
    ("KH", "Kế hoạch"),
    ("CTr", "Chương trình"),
    ("TB", "Thông báo"),
    ("BC", "Báo cáo"),
    ("TTr", "Tờ trình"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BB", "Biên bản"),
    ("CV", "Công văn"),
    ("CĐ", "Công điện"),
    ("GM", "Giấy mời"),
]


@pytest.mark.parametrize(("abbreviation", "kind"), PARTY_KINDS)
def test_every_party_kind(abbreviation, kind):
    document = only(f"Các chi bộ thực hiện văn bản số 17-{abbreviation}/HU của Huyện ủy.")
    assert (document.code, document.kind, document.doc_type) == (
        f"17-{abbreviation}/HU",
        kind,
        abbreviation,
    )


PARTY_ISSUERS = ["TW", "BCT", "BBT", "TU", "HU", "ĐU", "ĐUK", "ĐUQSTW", "ĐUCA", "BTGDVTW",
                 "BDVTU", "BTGDVTU", "MTTW", "QUTW", "VPTU", "BCSĐ", "ThU", "UBKTTU"]  # fmt: skip


@pytest.mark.parametrize("issuer", PARTY_ISSUERS)
def test_compound_party_issuers_are_never_cut(issuer):
    document = only(f"Triển khai Kế hoạch số 305-KH/{issuer} ngày 02/5/2025 về dân vận.")
    assert (document.code, document.issuer_level) == (f"305-KH/{issuer}", issuer)
    assert document.date == dt.date(2025, 5, 2)


def test_party_joint_documents_name_every_issuer():
    text = (
        "Ban Dân vận và Công an tỉnh ký Quy chế phối hợp số 02-QCPH/BDVTU-CAT; "
        "ba bên thực hiện Chương trình phối hợp số 11-CTrPH/BDVTU-MTTQ-CAT và "
        "Nghị quyết liên tịch số 04-NQLT/BTGTU-BDVTU."
    )
    found = {d.code: d.kind for d in find_documents(text)}
    assert found == {
        "02-QCPH/BDVTU-CAT": "Quy chế phối hợp",
        "11-CTrPH/BDVTU-MTTQ-CAT": "Chương trình phối hợp",
        "04-NQLT/BTGTU-BDVTU": "Nghị quyết liên tịch",
    }


def test_the_issue_examples_of_party_codes():
    text = "Đề án 05-ĐA/TU, Nghị quyết 847-NQ/ĐUQSTW và Hướng dẫn 21-HD/BTGDVTU."
    assert codes(text) == ["05-ĐA/TU", "847-NQ/ĐUQSTW", "21-HD/BTGDVTU"]


def test_a_party_rule_numbered_with_qd_is_a_rule():
    """Before Hướng dẫn 36 brought "QĐi", Party rules were numbered "QĐ": the kind word says."""
    assert only("Thực hiện Quy định số 66-QĐ/TW ngày 06/02/2017.").kind == "Quy định"
    assert only("Thực hiện Quyết định số 66-QĐ/TW ngày 06/02/2017.").kind == "Quyết định"
    assert only("Thực hiện văn bản 08-QĐi/TW.").kind == "Quy định"


def test_words_before_a_number_refine_its_kind_but_do_not_override_it():
    assert only("Chương trình hành động số 961-CTr/TU").kind == "Chương trình hành động"
    assert only("Thông báo kết luận số 160-TB/TW").kind == "Thông báo kết luận"
    assert only("Nghị quyết số 27/2022/QH15 của Quốc hội").kind == "Nghị quyết"
    assert only("Kế hoạch phổ biến pháp luật số 05/KH-UBND").kind == "Kế hoạch"
    assert only("Quyết định ban hành Quy chế số 12/QĐ-UBND").kind == "Quyết định"


# --- State documents: số/năm/KH-CQ and số/KH-CQ --------------------------------------------

STATE_KINDS = [
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TC", "Thông cáo"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("DA", "Dự án"),
    ("BC", "Báo cáo"),
    ("BB", "Biên bản"),
    ("TTr", "Tờ trình"),
    ("HĐ", "Hợp đồng"),
    ("CĐ", "Công điện"),
    ("BGN", "Bản ghi nhớ"),
    ("GM", "Giấy mời"),
    ("TT", "Thông tư"),
]


@pytest.mark.parametrize(("abbreviation", "kind"), STATE_KINDS)
def test_every_state_kind(abbreviation, kind):
    document = only(f"Căn cứ văn bản số 1234/{abbreviation}-UBND ngày 20/12/2025 của UBND tỉnh.")
    assert (document.code, document.kind) == (f"1234/{abbreviation}-UBND", kind)
    assert document.date == dt.date(2025, 12, 20)


@pytest.mark.parametrize(
    ("written", "code", "kind"),
    [
        ("Nghị định số 59/2023/NĐ-CP", "59/2023/NĐ-CP", "Nghị định"),
        ("Nghị quyết số 57/2025/NQ-HĐND", "57/2025/NQ-HĐND", "Nghị quyết"),
        ("Thông tư 15/2025/TT-BCA", "15/2025/TT-BCA", "Thông tư"),
        ("Quyết định 15/2020/QĐ-TTg", "15/2020/QĐ-TTg", "Quyết định"),
        ("Kế hoạch số 05/KH-BCĐ", "05/KH-BCĐ", "Kế hoạch"),
        ("Kế hoạch 12/KH-CAT-PV01", "12/KH-CAT-PV01", "Kế hoạch"),
        (
            "Thông tư liên tịch số 02/2016/TTLT-BCA-BQP",
            "02/2016/TTLT-BCA-BQP",
            "Thông tư liên tịch",
        ),
        ("Luật số 75/2015/QH13", "75/2015/QH13", "Luật"),
        ("Pháp lệnh số 02/2022/UBTVQH15", "02/2022/UBTVQH15", "Pháp lệnh"),
        ("Công văn số 215/UBND-VP", "215/UBND-VP", "Công văn"),
    ],
)
def test_state_forms(written, code, kind):
    document = only(f"Xã thực hiện {written} ngày 03/01/2026 của cấp trên.")
    assert (document.code, document.kind) == (code, kind)


def test_state_joint_programmes_name_every_issuer():
    text = (
        "Ký Chương trình phối hợp số 01/CTrPH-BDVTU-CAT, Chương trình phối hợp số "
        "08/CTrPH-CAT-MTTQ-HND và thực hiện Chương trình số 03/CTr-BCA-MTTW; Quy chế phối "
        "hợp 04/QCPH-UBND-UBMTTQ."
    )
    found = find_documents(text)
    assert [(d.code, d.kind) for d in found] == [
        ("01/CTrPH-BDVTU-CAT", "Chương trình phối hợp"),
        ("08/CTrPH-CAT-MTTQ-HND", "Chương trình phối hợp"),
        ("03/CTr-BCA-MTTW", "Chương trình"),
        ("04/QCPH-UBND-UBMTTQ", "Quy chế phối hợp"),
    ]
    assert found[1].issuer_level == "CAT-MTTQ-HND"


def test_an_issuer_chain_stops_at_a_word():
    document = only("Kế hoạch số 05/KH-UBND - Tin tức khác")
    assert (document.code, document.as_written) == ("05/KH-UBND", "05/KH-UBND")


def test_a_letter_number_without_kind_needs_the_word_cong_van():
    assert codes("Công văn số 1234/UBND-VP ngày 08/01/2026") == ["1234/UBND-VP"]
    assert codes("Văn bản số 1234/UBND-VP ngày 08/01/2026") == ["1234/UBND-VP"]
    assert codes("Tổ số 1234/UBND-VP ngày 08/01/2026") == []
    assert codes("Lớp 12/A1-B, khu phố 3/KP-TDP") == []


def test_a_decree_cited_by_number_and_year_is_the_governments():
    document = only("Theo Nghị định 13/2023 về bảo vệ dữ liệu cá nhân")
    assert (document.code, document.kind, document.as_written) == (
        "13/2023/NĐ-CP",
        "Nghị định",
        "13/2023",
    )
    assert codes("Nghị định 13/2023/NĐ-CP và Nghị định số 13/2023") == ["13/2023/NĐ-CP"]


# --- Look-alike letters and noisy spaces -----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("59/2023/N\u00d0-CP", "59/2023/NĐ-CP"),  # Icelandic eth
        ("1234/Q\u00d0-UBND", "1234/QĐ-UBND"),
        ("25-NQ/\u0422W", "25-NQ/TW"),  # Cyrillic Te
        ("43-KL/TƯ", "43-KL/TW"),
        ("12-\u041dD/TU", "12-HD/TU"),  # Cyrillic En
        ("05/\u041a\u041d-UBND", "05/KH-UBND"),  # Cyrillic Ka, En
        ("07/\u039a\u0397-\u0392CĐ", "07/KH-BCĐ"),  # Greek
        ("59 / 2023 / NĐ - CP", "59/2023/NĐ-CP"),
        ("114 - KL/TW", "114-KL/TW"),
        ("08/CTrPH - CAT - MTTQ - HND", "08/CTrPH-CAT-MTTQ-HND"),
        ("59/2023/NĐ\u2013CP", "59/2023/NĐ-CP"),  # en dash
        ("15\u00a0-\u00a0KH/TU", "15-KH/TU"),  # non-breaking spaces
        ("59/2023/ND-CP", "59/2023/NĐ-CP"),  # typed without the stroke
        ("12/QD-UBND", "12/QĐ-UBND"),
        ("40/2024/NQ-HDND", "40/2024/NQ-HĐND"),
    ],
)
def test_look_alikes_and_spaces_are_folded_and_the_writing_kept(written, code):
    document = only(f"Thực hiện văn bản số {written} của cấp trên.")
    assert document.code == code
    assert document.as_written == written.replace("\u00a0", " ")


def test_look_alike_spellings_are_one_document():
    text = "Nghị định 59/2023/N\u00d0-CP ... Nghị định số 59/2023/NĐ-CP ... 59 / 2023 / NĐ - CP"
    document = only(text)
    assert (document.code, document.as_written) == ("59/2023/NĐ-CP", "59/2023/N\u00d0-CP")


def test_canonical_code_for_stored_codes():
    assert canonical_code("59/2023/N\u00d0 - CP") == "59/2023/NĐ-CP"
    assert canonical_code("25-NQ/\u0422W") == "25-NQ/TW"
    assert canonical_code("Ban Dân vận") == "Ban Dân vận"  # not a number: left as it is
    assert canonical_code(" 01/CTrPH - BDVTU - CAT ") == "01/CTrPH-BDVTU-CAT"
    assert canonical_code("1234/UBND - VP") == "1234/UBND-VP"


# --- Numbers that are never codes -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Sáng ngày 12/01/2026, hội nghị khai mạc.",
        "Ngày 12-01-2026 và 12.01.2026",
        "Trong 2 ngày 24-25/8/2023, đoàn làm việc tại xã.",
        "Từ ngày 3 đến 9/12/2025 và từ 28/6 – 2/7",
        "Kỷ niệm ngày thành lập Đảng 3/2 và Quốc khánh 2/9",
        "Gọi đường dây nóng 0275-3822-115 hoặc 0913.456.789",
        "Đội Công an thắng 3-2, tỷ số 12/25, điểm 8,5/10, đạt 95/100",
        "Nhà văn hóa ở số 12/5 đường 30/4, số 12/2 Nguyễn Huệ",
        "Hồ sơ số 57/2025 và số 12/2025 đã được tiếp nhận.",
        "Kế hoạch số 57/2025 được giao cho tổ công tác.",  # no kind part: no key to file it by
        "Giai đoạn 2025-2030, năm 2024/2025, COVID-19, Quốc lộ 1A",
        "Biển số 61A-123.45, xe 51F-678.90",
        "Phòng 3/A, lớp 12/A1, tổ 5/KP3",
        "Giấy phép số 85/GP-BTTTT ngày 02/7/2025",  # the site's licence, not a cited document
        "Ban Chỉ đạo 35/TU, Tổ 12-KP/3",
    ],
)
def test_numbers_that_are_never_codes(text):
    assert find_documents(text) == []


def test_codes_next_to_dates_and_numbers():
    text = (
        "Ngày 12/01/2026, xã triển khai Kế hoạch số 05/KH-UBND ngày 06/01/2026; 3/5 cầu, "
        "thắng 3-2, Nghị quyết số 57/2025/NQ-HĐND ngày 18 tháng 12 năm 2025."
    )
    found = find_documents(text)
    assert [(d.code, d.date) for d in found] == [
        ("05/KH-UBND", dt.date(2026, 1, 6)),
        ("57/2025/NQ-HĐND", dt.date(2025, 12, 18)),
    ]


# --- The samples ------------------------------------------------------------------------------

EXPECTED = {
    "xa_commune_portal_2026_state_codes.txt": [
        ("05/KH-UBND", "Kế hoạch", "2026-01-06"),
        ("57/2025/NQ-HĐND", "Nghị quyết", "2025-12-18"),
        ("1234/QĐ-UBND", "Quyết định", "2025-12-20"),
        ("59/2023/NĐ-CP", "Nghị định", None),
        ("215/UBND-VP", "Công văn", "2026-01-08"),
    ],
    "cong_an_tinh_joint_programmes.txt": [
        ("01/CTrPH-BDVTU-CAT", "Chương trình phối hợp", None),
        ("08/CTrPH-CAT-MTTQ-HND", "Chương trình phối hợp", None),
        ("03/CTr-BCA-MTTW", "Chương trình", "2025-01-10"),
        ("15/2025/TT-BCA", "Thông tư", None),
        ("59/2023/NĐ-CP", "Nghị định", None),
        ("02-QCPH/BDVTU-CAT", "Quy chế phối hợp", "2020-06-05"),
        ("12/KH-CAT-PV01", "Kế hoạch", None),
    ],
    "bo_chqs_army_party_codes.txt": [
        ("847-NQ/QUTW", "Nghị quyết", "2021-12-28"),
        ("49-NQ/ĐUQSTW", "Nghị quyết", None),
        ("05-CT/ĐUQS", "Chỉ thị", None),
        ("08-QĐi/TW", "Quy định", "2018-10-25"),
        ("05-ĐA/ĐUQS", "Đề án", None),
        ("21-HD/BTGDVTU", "Hướng dẫn", None),
    ],
    "bao_dang_tinh_nfd_lookalikes.txt": [
        ("66-QĐ/TW", "Quy định", "2017-02-06"),
        ("36-HD/VPTW", "Hướng dẫn", "2018-04-03"),
        ("43-KL/TW", "Kết luận", "2019-01-07"),
        ("25-NQ/TW", "Nghị quyết", None),
        ("114-KL/TW", "Kết luận", "2024-07-11"),
        ("160-TB/TW", "Thông báo kết luận", None),
        ("961-CTr/TU", "Chương trình hành động", None),
        ("356-CV/TU", "Công văn", "2025-03-20"),
    ],
    "mat_tran_tinh_coordination.txt": [
        ("217-QĐ/TW", "Quyết định", None),
        ("218-QĐ/TW", "Quyết định", None),
        ("02-QCPH/BDVTU-MTTQ-CĐ", "Quy chế phối hợp", "2020-05-12"),
        ("07/KHLT-MTTQ-HND-HLHPN", "Kế hoạch liên tịch", None),
        ("403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "Nghị quyết liên tịch", None),
        ("75/2015/QH13", "Luật", None),
        ("12-HD/MTTW-BTT", "Hướng dẫn", None),
    ],
    "tinh_uy_portal_party_kinds.txt": [
        ("05-ĐA/TU", "Đề án", "2019-03-15"),
        ("312-BC/TU", "Báo cáo", None),
        ("45-TTr/BDVTU", "Tờ trình", None),
        ("112-KH/HU", "Kế hoạch", None),
        ("03-TT/TU", "Thông tri", None),
        ("09-QyC/ĐUK", "Quy chế", None),
        ("1552-QĐ/ĐUCA", "Quyết định", None),
        ("21-HD/BDVTU", "Hướng dẫn", None),
        ("987-TB/VPTU", "Thông báo", None),
        ("15-CTr/TU", "Chương trình", None),
    ],
}


def test_every_sample_has_expectations():
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sample_documents(name):
    contract = extract_file(SAMPLES / name).to_contract()
    got = [(d["code"], d["kind"], d["date"]) for d in contract["documents"]]
    assert got == EXPECTED[name]
    for document in contract["documents"]:
        assert set(document) == {"code", "as_written", "kind", "date"}
        assert unicodedata.is_normalized("NFC", document["as_written"])


def test_sample_codes_as_written():
    by_code = {
        d["code"]: d["as_written"]
        for name in EXPECTED
        for d in extract_file(SAMPLES / name).to_contract()["documents"]
    }
    assert by_code["43-KL/TW"] == "43-KL/\u0422W"  # the Cyrillic letter is kept for display
    assert by_code["25-NQ/TW"] == "25-NQ/\u0422Ư"
    assert by_code["114-KL/TW"] == "114 - KL/TW"
    assert by_code["21-HD/BDVTU"] == "21-HĐ/BDVTU"
    assert by_code["08/CTrPH-CAT-MTTQ-HND"] == "08/CTrPH - CAT - MTTQ - HND"


def test_site_licences_in_footers_are_not_cited_documents():
    for name in ("xa_commune_portal_2026_state_codes.txt", "cong_an_tinh_joint_programmes.txt"):
        found = [d.code for d in extract_file(SAMPLES / name).documents]
        assert not any("/GP-" in code for code in found)
