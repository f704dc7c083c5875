"""Organizations as actors (issue 10): who organizes, hosts, signs, issues, attends."""

from __future__ import annotations

from pathlib import Path

import pytest

from articles.extraction import extract_file
from articles.extraction.model import Document
from articles.extraction.org_issuers import add_issuers, issuer_parts
from articles.extraction.organizations import LocalityContext, find_organizations

SAMPLES = Path(__file__).parent / "samples_r2" / "organizations"


@pytest.fixture(scope="module")
def run(gazetteer):
    def extract(name):
        return extract_file(SAMPLES / name, gazetteer=gazetteer)

    return extract


def roles(result):
    return {o["name"]: o["role"] for o in result.to_contract()["organizations"]}


def test_contract_keys(run):
    contract = run("xa_duc_tho_dai_hoi.txt").to_contract()
    assert contract["organizations"]
    assert all(set(o) == {"as_written", "name", "kind", "role"} for o in contract["organizations"])


def test_party_committee_organizes_its_congress_and_bare_bodies_name_the_commune(run):
    result = run("xa_duc_tho_dai_hoi.txt")
    got = roles(result)
    assert got["Đảng bộ xã Đức Thọ"] == "organizer"
    # "đại diện Hội Nông dân, Hội LHPN xã": the list shares the level, the commune is the report's
    assert got["Hội Nông dân xã Đức Thọ"] == "attendee"
    assert got["Hội Liên hiệp Phụ nữ xã Đức Thọ"] == "attendee"
    written = {o["name"]: o["as_written"] for o in result.to_contract()["organizations"]}
    assert written["Hội Liên hiệp Phụ nữ xã Đức Thọ"] == "Hội LHPN xã"
    # bodies named only in titles ("Chủ tịch UBND xã", "Phó Bí thư Thường trực Tỉnh ủy") are
    # linked through the officials' positions, not listed
    assert "Ủy ban nhân dân xã Đức Thọ" not in got
    assert "Tỉnh ủy Hà Tĩnh" not in got
    son = next(o for o in result.officials if o.name == "Lê Văn Sơn")
    assert son.positions[0].organization == "Ủy ban nhân dân xã Đức Thọ"
    assert "Ủy ban nhân dân xã Đức Thọ" in {o.name for o in result.organizations}


def test_signatories_of_a_coordination_programme(run):
    got = roles(run("cong_an_ky_ket.txt"))
    assert got["Ban Dân vận Tỉnh ủy Nghệ An"] == "co-signer"
    assert got["Công an tỉnh Nghệ An"] == "co-signer"
    assert got["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Nghệ An"] == "attendee"
    assert "Tỉnh ủy Nghệ An" not in got  # only the parent inside "Ban Dân vận Tỉnh ủy"


def test_regulation_between_two_bodies_and_its_host(run):
    got = roles(run("quan_su_quy_che.txt"))
    assert got["Ban Dân vận Tỉnh ủy Quảng Trị"] == "co-signer"
    assert got["Bộ Chỉ huy Quân sự tỉnh Quảng Trị"] == "host"  # host > co-signer
    assert got["Ban Chỉ huy Quân sự huyện Hải Lăng"] == "attendee"


def test_host_and_partner_organize_and_attendees_are_listed(run):
    result = run("mttq_lam_dong_phan_bien.txt")
    got = roles(result)
    assert got["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng"] == "organizer"
    assert got["Sở Nội vụ Lâm Đồng"] == "organizer"
    assert got["Hội Nông dân tỉnh Lâm Đồng"] == "attendee"
    assert got["Hội Cựu chiến binh tỉnh Lâm Đồng"] == "attendee"
    assert got["Hội đồng nhân dân tỉnh Lâm Đồng"] == "issuer"  # "Nghị quyết của HĐND tỉnh"
    # the organizer is the subject of "chủ trì, phối hợp với ... tổ chức", not the partner
    assert result.event.organizer == "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Lâm Đồng"
    assert result.event.organizer_as_written == "Ủy ban MTTQ Việt Nam tỉnh"


def test_issuers_of_cited_documents(run):
    got = roles(run("tinh_uy_huong_dan.txt"))
    assert got["Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh"] == "issuer"
    assert got["Ban Thường vụ Tỉnh ủy Hà Tĩnh"] == "issuer"
    assert got["Ban Chấp hành Trung ương Đảng"] == "issuer"
    # the site's owner publishes, it does not act
    assert "Đảng bộ tỉnh Hà Tĩnh" not in got


def test_headline_fragment_is_no_body(run):
    result = run("bao_ha_tinh_headline_fragment.txt")  # NFD, all-caps headline
    names = {o.name for o in result.organizations}
    assert "Ủy ban nhân dân xã Thạch Hà" in names
    for organization in result.organizations:
        for word in ("với", "VỚI", "Nhân dân", "NHÂN DÂN", "cùng", "Các", "CÁC"):
            assert word not in organization.name
            assert word not in organization.as_written


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("UBND XÃ TÂN LẬP VỚI NHÂN DÂN CÁC ẤP", ["Ủy ban nhân dân xã Tân Lập"]),
        ("Hội Nông dân xã Tân Lập Cùng Hội Phụ Nữ", ["Hội Nông dân xã Tân Lập"]),
        ("UBND xã Tân Lập Tại Hội Trường", ["Ủy ban nhân dân xã Tân Lập"]),
        ("UBND xã với Nhân dân các ấp ra quân", []),
        ("Đảng uỷ xã Nhân Hòa", ["Đảng ủy xã Nhân Hòa"]),  # "Nhân" alone may name a place
        ("Đảng bộ xã Tân Lập tổ chức Đại hội", ["Đảng bộ xã Tân Lập"]),
    ],
)
def test_names_end_where_their_grammar_ends(gazetteer, text, expected):
    found = [m.organization.name for m in find_organizations(text, LocalityContext(gazetteer))]
    assert found == expected


def _ha_tinh(gazetteer):
    return LocalityContext(gazetteer, gazetteer.provinces_named("Hà Tĩnh")[0])


@pytest.mark.parametrize(
    ("issuer", "names", "role"),
    [
        ("BDVTU-CAT", ["Ban Dân vận Tỉnh ủy Hà Tĩnh", "Công an tỉnh Hà Tĩnh"], "co-signer"),
        ("ĐUQSTW", ["Đảng ủy Quân sự Trung ương"], "issuer"),
        ("BTGDVTU", ["Ban Tuyên giáo và Dân vận Tỉnh ủy Hà Tĩnh"], "issuer"),
        ("BCA-MTTW", ["Bộ Công an", "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"], "co-signer"),
        ("TƯ", ["Ban Chấp hành Trung ương Đảng"], "issuer"),
        ("TU", ["Tỉnh ủy Hà Tĩnh"], "issuer"),
        ("UBND", [], None),  # which council? the report names none
        ("HU", [], None),  # no district known
    ],
)
def test_issuer_codes_are_parsed_into_bodies(gazetteer, issuer, names, role):
    organizations = []
    add_issuers(organizations, [Document(code="x", issuer_level=issuer)], _ha_tinh(gazetteer))
    assert [o.name for o in organizations] == names
    assert {o.role for o in organizations} == ({role} if role else set())


def test_level_free_issuer_is_the_body_the_report_names(gazetteer):
    ctx = _ha_tinh(gazetteer)
    named = [m.organization for m in find_organizations("UBND xã Thạch Hà họp", ctx)]
    add_issuers(named, [Document(code="05/KH-UBND", issuer_level="UBND")], ctx)
    assert [(o.name, o.role) for o in named] == [("Ủy ban nhân dân xã Thạch Hà", "issuer")]


def test_look_alike_letters_in_issuers():
    assert issuer_parts("ÐUQSTW") == ["ĐUQSTW"]
    assert issuer_parts("ВDVTU - САТ") == ["BDVTU", "CAT"]  # Cyrillic В, С, А, Т


@pytest.mark.parametrize(
    "text",
    [
        "Đồng chí Lê Văn A, Chủ tịch UBND tỉnh Hà Tĩnh phát biểu.",
        "Đồng chí Lê Văn A, Ủy viên Ban Thường vụ Tỉnh ủy phát biểu.",
        "Đồng chí Lê Văn A, Thường trực Ban Bí thư phát biểu.",
        "Đồng chí Lê Văn A, PCT. UBND tỉnh Hà Tĩnh phát biểu.",
    ],
)
def test_bodies_in_titles_have_no_role(gazetteer, text):
    from articles.extraction.organizations import collect_organizations

    found = collect_organizations([text], _ha_tinh(gazetteer))
    assert found and all(o.role is None for o in found)
