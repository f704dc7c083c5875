"""import_seeds --manifest on a copy of a few samples of tests/extraction/samples_2025/.

The files get their URLs from the manifest (or, for an HTML page, from its canonical link);
the reports get their province and commune as Locality rows of the right era, and the 2026
commune-portal article, whose province only its URL gives, is published.
"""

import csv
import shutil
from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import call_command

from articles.models import Locality, Report

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parent / "extraction" / "samples_2025"

COMMUNE_PORTAL = "xa_tan_an_2026_commune_portal.txt"
NAM_DONG = "nam_dong_2023_former_district.txt"
HOST_ONLY = "url_host_only_2025.txt"
WARD_HEADER = "phuong_tan_an_site_header_dak_lak.txt"
CANONICAL = "canonical_phuong_giang_vo.html"
CANONICAL_URL = (
    "https://giangvo.hanoi.gov.vn/tin-tuc-su-kien/"
    "phuong-giang-vo-tiep-xuc-cu-tri-truoc-ky-hop-thu-muoi-quoc-hoi-khoa-xv-t4512.html"
)


def sample_urls() -> dict[str, str]:
    with (SAMPLES / "manifest.csv").open(encoding="utf-8", newline="") as handle:
        return {row["file"]: row["url"] for row in csv.DictReader(handle)}


@pytest.fixture
def imported(tmp_path):
    """Copy five samples and a manifest of four of them into a folder, then import it."""
    folder = tmp_path / "crawl"
    folder.mkdir()
    urls = sample_urls()
    with_urls = [COMMUNE_PORTAL, NAM_DONG, HOST_ONLY, WARD_HEADER]
    for name in [*with_urls, CANONICAL]:
        shutil.copy(SAMPLES / name, folder / name)
    manifest = folder / "manifest.csv"
    with manifest.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["file", "url"])
        for name in with_urls:
            writer.writerow([name, urls[name]])
    out = StringIO()
    call_command("import_seeds", str(folder), "--manifest", str(manifest), stdout=out)

    def report(name) -> Report:
        return Report.objects.select_related("province", "district", "commune").get(
            source_file__endswith=name
        )

    return SimpleNamespace(report=report, urls=urls, output=out.getvalue())


def place(unit: Locality | None):
    return None if unit is None else (unit.name, unit.era, unit.code)


def test_every_file_is_imported_once(imported):
    assert Report.objects.count() == 5, imported.output


def test_commune_portal_gets_its_province_from_the_url_and_is_published(imported):
    report = imported.report(COMMUNE_PORTAL)
    assert report.source_url == imported.urls[COMMUNE_PORTAL]
    assert place(report.commune) == ("Tân An", Locality.Era.CURRENT, "17305")
    assert place(report.province) == ("Nghệ An", Locality.Era.CURRENT, "40")
    assert report.district is None
    assert report.status == Report.Status.PUBLISHED
    assert report.commune.parent_id == report.province.pk


def test_former_district_of_2023_is_kept(imported):
    report = imported.report(NAM_DONG)
    assert report.source_url == imported.urls[NAM_DONG]
    assert place(report.province) == ("Thừa Thiên Huế", Locality.Era.LEGACY, "46")
    assert place(report.district) == ("Nam Đông", Locality.Era.LEGACY, "h-482")
    assert report.commune is None


def test_url_host_alone_places_the_report(imported):
    report = imported.report(HOST_ONLY)
    assert report.source_url == imported.urls[HOST_ONLY]
    assert place(report.commune) == ("Cẩm Xuyên", Locality.Era.CURRENT, "18673")
    assert place(report.province) == ("Hà Tĩnh", Locality.Era.CURRENT, "42")


def test_ward_disambiguated_by_the_site_name(imported):
    report = imported.report(WARD_HEADER)
    assert place(report.commune) == ("Tân An", Locality.Era.CURRENT, "24163")
    assert place(report.province) == ("Đắk Lắk", Locality.Era.CURRENT, "66")


def test_html_page_without_a_manifest_row_keeps_its_canonical_url(imported):
    report = imported.report(CANONICAL)
    assert report.source_url == CANONICAL_URL
    assert place(report.commune) == ("Giảng Võ", Locality.Era.CURRENT, "00025")
    assert place(report.province) == ("Hà Nội", Locality.Era.CURRENT, "01")
    assert report.status == Report.Status.PUBLISHED
