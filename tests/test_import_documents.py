"""Documents on import: the canonical number is the key, the report keeps the number as written."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from articles.importing.entities import document_kind
from articles.importing.identity import document_key
from articles.models import Citation, Document, DocumentAlias, Report

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent / "extraction" / "samples_r2" / "documents"
POLICE = "cong_an_tinh_joint_programmes.txt"  # cites "Nghị định số 59/2023/NÐ-CP" (U+00D0)
COMMUNE = "xa_commune_portal_2026_state_codes.txt"  # cites "Nghị định 59/2023/NĐ - CP"


def run_import(folder):
    call_command("import_seeds", str(folder), stdout=StringIO(), stderr=StringIO())


@pytest.fixture
def folder(tmp_path):
    for name in (POLICE, COMMUNE):
        shutil.copy(SAMPLES / name, tmp_path / name)
    return tmp_path


def citation(name, code):
    report = Report.objects.get(source_file__endswith=name)
    return report.citations.select_related("document").get(document__code=code)


def test_look_alike_spellings_are_one_document_and_reimport_adds_none(folder):
    run_import(folder)
    decree = Document.objects.get(code="59/2023/NĐ-CP")
    assert decree.reports.count() == 2
    assert decree.kind == Document.Kind.DECREE
    assert citation(COMMUNE, "59/2023/NĐ-CP").as_written == "59/2023/NĐ - CP"
    assert citation(POLICE, "59/2023/NĐ-CP").as_written == "59/2023/NĐ-CP"
    counts = (Document.objects.count(), DocumentAlias.objects.count(), Citation.objects.count())
    run_import(folder)
    assert (
        Document.objects.count(),
        DocumentAlias.objects.count(),
        Citation.objects.count(),
    ) == counts
    assert not Document.objects.filter(code__contains=" ").exists()


def test_joint_programmes_and_new_kinds_are_filed_under_their_kind(folder):
    run_import(folder)
    kinds = dict(Document.objects.values_list("code", "kind"))
    assert kinds["01/CTrPH-BDVTU-CAT"] == Document.Kind.ACTION_PROGRAMME
    assert kinds["08/CTrPH-CAT-MTTQ-HND"] == Document.Kind.ACTION_PROGRAMME
    assert kinds["02-QCPH/BDVTU-CAT"] == Document.Kind.RULES
    assert kinds["15/2025/TT-BCA"] == Document.Kind.CIRCULAR
    assert kinds["215/UBND-VP"] == Document.Kind.OFFICIAL_LETTER
    assert Document.objects.get(code="08/CTrPH-CAT-MTTQ-HND").issuing_level == "CAT-MTTQ-HND"


def test_a_row_typed_with_look_alikes_is_matched(folder):
    typed = Document.objects.create(code="59/2023/N\u00d0 - CP", subject="Dân chủ ở cơ sở")
    assert typed.code == "59/2023/NĐ-CP"
    run_import(folder)
    assert Document.objects.filter(code__startswith="59/2023/").get() == typed
    assert typed.reports.count() == 2


def test_the_unique_check_sees_the_canonical_number():
    Document.objects.create(code="25-NQ/TW")
    with pytest.raises(ValidationError) as error:
        Document(code="25-NQ/\u0422W").full_clean()  # Cyrillic Te
    assert "code" in error.value.message_dict


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Chương trình phối hợp", Document.Kind.ACTION_PROGRAMME),
        ("Chương trình hành động", Document.Kind.ACTION_PROGRAMME),
        ("Thông tư liên tịch", Document.Kind.CIRCULAR),
        ("Thông báo kết luận", Document.Kind.NOTICE),
        ("Nghị quyết liên tịch", Document.Kind.RESOLUTION),
        ("Quy chế phối hợp", Document.Kind.RULES),
        ("Luật", Document.Kind.LAW),
        ("Đề án", Document.Kind.PROJECT),
        ("Giấy mời", Document.Kind.OTHER),
        (None, Document.Kind.OTHER),
    ],
)
def test_document_kinds(name, kind):
    assert document_kind(name) == kind


def test_document_key_is_the_canonical_number():
    assert document_key("59/2023/N\u00d0 - CP") == document_key("59/2023/NĐ-CP") == "59/2023/NĐ-CP"
