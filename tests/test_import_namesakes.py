"""Namesakes at import: one name in two provinces is two people, unless a title is national."""

from io import StringIO

import pytest
from django.core.management import call_command

from articles.extraction.ranks import is_national_title
from articles.models import Official, Report

pytestmark = pytest.mark.django_db

NAME = "Nguyễn Văn Hùng"


def article(province: str, day: int, title: str, topic: str, name: str = NAME) -> str:
    """A short provincial report in the genre, naming ``name`` with ``title``."""
    return (
        f"{province}: {topic}\n"
        f"Thứ Năm, {day:02d}/09/2023 08:15\n"
        f"Sáng {day - 1}/9, Ban Dân vận Tỉnh ủy {province} tổ chức hội nghị {topic.lower()}. "
        f"{title} {name} chủ trì hội nghị.\n"
        f"Các đại biểu thảo luận cách vận động bà con ở {province} tham gia xây dựng nông thôn "
        "mới, hiến đất mở rộng đường liên thôn và giữ gìn an ninh trật tự ở khu dân cư.\n"
        f"Kết luận hội nghị, {title} {name} đề nghị các cấp ủy quan tâm hơn nữa đến công tác dân "
        "vận chính quyền trong thời gian tới.\n"
    )


def run_import(*paths):
    out = StringIO()
    call_command("import_seeds", *map(str, paths), stdout=out, stderr=StringIO())
    return out.getvalue()


def write(folder, name, content):
    path = folder / name
    path.write_text(content, encoding="utf-8")
    return path


def officials_named(name=NAME):
    return Official.objects.filter(full_name=name)


def mentioned(report_path_part: str) -> Official:
    report = Report.objects.get(source_file__endswith=report_path_part)
    return report.mentions.get().official


LOCAL = "Trưởng ban Dân vận Tỉnh ủy"
NATIONAL = "Phó Trưởng Ban Dân vận Trung ương"


def test_one_name_in_two_provinces_with_local_titles_is_two_officials(tmp_path):
    write(tmp_path, "ca_mau.txt", article("Cà Mau", 14, LOCAL, "Giao ban công tác dân vận quý III"))
    write(
        tmp_path, "ha_giang.txt", article("Hà Giang", 21, LOCAL, "Sơ kết phong trào dân vận khéo")
    )
    run_import(tmp_path)

    assert officials_named().count() == 2
    assert mentioned("ca_mau.txt") != mentioned("ha_giang.txt")
    ca_mau, ha_giang = mentioned("ca_mau.txt"), mentioned("ha_giang.txt")
    assert {p.organization.name for p in ca_mau.positions.all()} == {"Ban Dân vận Tỉnh ủy Cà Mau"}
    assert {p.organization.name for p in ha_giang.positions.all()} == {
        "Ban Dân vận Tỉnh ủy Hà Giang"
    }


def test_one_name_twice_in_one_province_stays_one_official(tmp_path):
    write(tmp_path, "a.txt", article("Cà Mau", 14, LOCAL, "Giao ban công tác dân vận quý III"))
    write(tmp_path, "b.txt", article("Cà Mau", 27, LOCAL, "Tập huấn nghiệp vụ dân vận cơ sở"))
    run_import(tmp_path)

    assert officials_named().count() == 1
    assert Official.objects.get().mentions.count() == 2


def test_a_national_title_matches_the_name_across_provinces(tmp_path):
    write(tmp_path, "a.txt", article("Cà Mau", 14, NATIONAL, "Giao ban công tác dân vận quý III"))
    write(tmp_path, "b.txt", article("Hà Giang", 21, NATIONAL, "Sơ kết phong trào dân vận khéo"))
    run_import(tmp_path)

    assert officials_named().count() == 1


def test_an_existing_national_official_is_matched_from_another_province(tmp_path):
    run_import(
        write(tmp_path, "a.txt", article("Cà Mau", 14, NATIONAL, "Giao ban dân vận quý III"))
    )
    run_import(write(tmp_path, "b.txt", article("Hà Giang", 21, "Ông", "Sơ kết dân vận khéo")))

    assert officials_named().count() == 1


def test_reimports_of_namesakes_create_no_duplicates_and_keep_each_report_s_person(tmp_path):
    ca_mau = write(tmp_path, "ca_mau.txt", article("Cà Mau", 14, LOCAL, "Giao ban dân vận quý III"))
    ha_giang = write(
        tmp_path, "ha_giang.txt", article("Hà Giang", 21, LOCAL, "Sơ kết dân vận khéo")
    )
    run_import(tmp_path)
    before = {path: mentioned(path) for path in ("ca_mau.txt", "ha_giang.txt")}

    run_import(tmp_path)  # unchanged files
    for path in (ca_mau, ha_giang):  # changed files: both re-matched
        path.write_text(path.read_text("utf-8") + "Tin: Ban Dân vận Tỉnh ủy.\n", "utf-8")
    assert "cập nhật 2" in run_import(tmp_path)

    assert officials_named().count() == 2
    assert {path: mentioned(path) for path in before} == before


@pytest.mark.parametrize(
    "title, national",
    [
        ("Ủy viên Trung ương Đảng, Bí thư Tỉnh ủy", True),
        ("UVTW, Bí thư Tỉnh ủy", True),
        ("Phó Chủ tịch Quốc hội", True),
        ("Thứ trưởng Bộ Nội vụ", True),
        ("Ủy viên BCT, Trưởng Ban Tổ chức Trung ương", True),
        ("Phó Chủ tịch nước", True),
        ("Thủ trưởng cơ quan quân sự huyện", False),
        ("Trưởng ban Dân vận Tỉnh ủy", False),
        ("Chủ tịch UBND tỉnh", False),
        ("Bí thư Đảng ủy xã", False),
        ("", False),
    ],
)
def test_national_titles_are_told_from_their_words(title, national):
    assert is_national_title(title) is national
