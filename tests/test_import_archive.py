"""Hostile zips: nothing escapes the folder, nothing special is written, no bomb goes off."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.importing import archive
from articles.importing.archive import ArchiveError, TooManyFiles, ZipLimits, unpack
from articles.models import Report

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SEED = sorted(SEEDS.glob("*.txt"))[0]
LIMITS = ZipLimits(max_files=50, max_entries=200, max_unpacked_bytes=5 * 1024 * 1024)
ARTICLE = b"Tieu de bai viet\n\nNoi dung bai viet."


def build(*entries) -> bytes:
    """A zip of (ZipInfo or name, data) pairs, written as given."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in entries:
            zf.writestr(info, data)
    return buffer.getvalue()


def symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = 0o120777 << 16
    return info, target.encode()


def rename(data: bytes, old: bytes, new: bytes) -> bytes:
    """Rewrite an entry's name in place (local header and central directory)."""
    assert len(old) == len(new) and data.count(old) == 2
    return data.replace(old, new)


@pytest.fixture
def dest(tmp_path):
    folder = tmp_path / "box" / "dest"
    folder.mkdir(parents=True)
    return folder


def everything_under(root: Path) -> set[str]:
    return {str(path.relative_to(root)) for path in root.rglob("*")}


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../thoat.txt", archive.REFUSE_PARENT),
        ("a/../../thoat.txt", archive.REFUSE_PARENT),
        ("/var/thoat.txt", archive.REFUSE_ABSOLUTE),
        ("C:/thoat.txt", archive.REFUSE_DRIVE),
        ("C:thoat.txt", archive.REFUSE_DRIVE),
        ("..\\..\\thoat.txt", archive.REFUSE_BACKSLASH),
        ("a\\b.txt", archive.REFUSE_BACKSLASH),
        ("bai\x01.txt", archive.REFUSE_CONTROL),
    ],
)
def test_escaping_names_are_refused_and_the_rest_unpacked(dest, name, reason):
    data = build((name, ARTICLE), ("tot/bai.txt", ARTICLE))
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert (name[:400], reason) in result.refused
    assert [entry for _, entry in result.files] == ["tot/bai.txt"]
    # Nothing beside the one good file, inside or outside the folder.
    assert everything_under(dest.parent.parent) == {"box", "box/dest", "box/dest/tot",
                                                    "box/dest/tot/bai.txt"}  # fmt: skip


def test_symlink_entries_are_refused_not_followed(dest):
    data = build(symlink("lienket.txt", "/etc/passwd"), symlink("thu-muc", "/etc"))
    data = build(
        symlink("lienket.txt", "/etc/passwd"),
        symlink("thu-muc", "/etc"),
        ("thu-muc/passwd.txt", ARTICLE),
    )
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert ("lienket.txt", archive.REFUSE_SYMLINK) in result.refused
    assert ("thu-muc", archive.REFUSE_SYMLINK) in result.refused
    assert not any(path.is_symlink() for path in dest.rglob("*"))
    assert [entry for _, entry in result.files] == ["thu-muc/passwd.txt"]
    assert (dest / "thu-muc" / "passwd.txt").read_bytes() == ARTICLE


def test_special_files_are_refused(dest):
    fifo = zipfile.ZipInfo("ong.txt")
    fifo.external_attr = 0o010644 << 16
    result = unpack(io.BytesIO(build((fifo, b""))), dest, LIMITS)
    assert result.refused == [("ong.txt", archive.REFUSE_SPECIAL)]
    assert not result.files


def encrypt_flag(data: bytes, name: bytes) -> bytes:
    """Set the "encrypted" bit of one entry, as a password-protected zip has it (zipfile can
    read such zips but not write them)."""
    data = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            name_at = start + (30 if offset == 6 else 46)
            if data[name_at : name_at + len(name)] == name:
                data[start + offset] |= 0x1
            start += 4
    return bytes(data)


def test_encrypted_entries_are_refused(dest):
    data = encrypt_flag(build(("mat.txt", ARTICLE), ("mo.txt", ARTICLE)), b"mat.txt")
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert ("mat.txt", archive.REFUSE_ENCRYPTED) in result.refused
    assert [entry for _, entry in result.files] == ["mo.txt"]


def test_declared_bomb_is_refused_before_writing(dest):
    limits = ZipLimits(max_files=50, max_entries=200, max_unpacked_bytes=1024 * 1024)
    data = build(("bom.txt", b"0" * (3 * 1024 * 1024)))
    with pytest.raises(ArchiveError, match="bom zip"):
        unpack(io.BytesIO(data), dest, limits)
    assert not any(dest.iterdir())


def test_absurd_ratio_is_refused_even_under_the_total(dest):
    data = build(("nen.txt", b"\0" * (4 * 1024 * 1024)))
    with pytest.raises(ArchiveError, match="bom zip"):
        unpack(io.BytesIO(data), dest, LIMITS)


def test_lying_sizes_stop_at_the_limit(dest):
    """A zip that declares less than it holds is caught while unpacking, not after."""
    data = bytearray(build(("noi-doi.txt", b"x" * 200_000)))
    # Patch the declared uncompressed size (local header and central directory) to 1,000.
    size = (200_000).to_bytes(4, "little")
    assert data.count(size) == 2
    data = bytes(data).replace(size, (1000).to_bytes(4, "little"))
    result = unpack(io.BytesIO(data), dest, LIMITS)
    # Either the bomb check or the broken-data check refuses it; never 200,000 bytes on disk.
    assert not result.files or (dest / "noi-doi.txt").stat().st_size <= 1000
    written = sum(path.stat().st_size for path in dest.rglob("*") if path.is_file())
    assert written <= 1000


def test_too_many_entries_and_articles_are_refused(dest):
    many = build(*((f"thu-muc-{n}/", b"") for n in range(201)))
    with pytest.raises(ArchiveError, match="quá giới hạn 200 mục"):
        unpack(io.BytesIO(many), dest, LIMITS)
    articles = build(*((f"bai-{n}.txt", ARTICLE) for n in range(51)))
    with pytest.raises(TooManyFiles):
        unpack(io.BytesIO(articles), dest, LIMITS)
    assert not any(dest.iterdir())


def test_corrupt_and_fake_zips_are_clear_errors(dest):
    good = build(("bai.txt", ARTICLE))
    for data in (good[: len(good) // 2], b"khong phai zip", b""):
        with pytest.raises(ArchiveError, match="không phải tệp .zip"):
            unpack(io.BytesIO(data), dest, LIMITS)


def test_corrupt_entry_data_is_refused_and_removed(dest):
    data = bytearray(build(("hong.txt", ARTICLE * 50), ("tot.txt", ARTICLE)))
    start = data.index(b"hong.txt") + len("hong.txt") + 5
    data[start : start + 20] = b"\xff" * 20
    result = unpack(io.BytesIO(bytes(data)), dest, LIMITS)
    assert ("hong.txt", archive.REFUSE_BROKEN) in result.refused
    assert not (dest / "hong.txt").exists()
    assert [entry for _, entry in result.files] == ["tot.txt"]


def test_nested_zips_and_other_files_are_ignored_and_said_so(dest):
    inner = build(("trong.txt", ARTICLE))
    data = build(("long.zip", inner), ("anh.png", b"\x89PNG"), ("__MACOSX/._bai.txt", b"x"))
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert ("long.zip", archive.IGNORE_NESTED) in result.ignored
    assert ("anh.png", archive.IGNORE_OTHER) in result.ignored
    assert ("__MACOSX/._bai.txt", archive.IGNORE_MACOS) in result.ignored
    assert not result.files and not any(dest.iterdir())


def test_names_utf8_without_the_flag_are_read_and_others_refused(dest):
    data = build(("Hab.txt", ARTICLE), ("cafX.txt", ARTICLE))
    data = rename(data, b"Hab.txt", "Hà.txt".encode())  # UTF-8, unflagged
    data = rename(data, b"cafX.txt", b"caf\xe9.txt")  # Latin-1: not UTF-8
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert [entry for _, entry in result.files] == ["Hà.txt"]
    assert [reason for _, reason in result.refused] == [archive.REFUSE_ENCODING]


def test_duplicate_entries_keep_the_first(dest):
    with pytest.warns(UserWarning):  # zipfile warns of the duplicate name it writes
        data = build(("bai.txt", ARTICLE), ("bai.txt", b"thay the"), ("bai.txt/x.txt", b"y"))
    result = unpack(io.BytesIO(data), dest, LIMITS)
    assert (dest / "bai.txt").read_bytes() == ARTICLE
    assert [reason for _, reason in result.refused] == [archive.REFUSE_DUPLICATE] * 2


# -- through the admin ----------------------------------------------------------


@pytest.fixture
def staging(settings, tmp_path):
    settings.IMPORT_STAGING_DIR = tmp_path / "staging"
    return settings.IMPORT_STAGING_DIR


@pytest.mark.django_db
def test_hostile_zip_upload_shows_what_was_refused_and_imports_the_rest(
    editor_client, staging, tmp_path
):
    data = build(
        ("../../thoat.txt", ARTICLE),
        ("/etc/cron.d/thoat.txt", ARTICLE),
        symlink("lienket.txt", "/etc/passwd"),
        (f"bai/{SEED.name}", SEED.read_bytes()),
    )
    response = editor_client.post(
        reverse("admin:articles_report_import"),
        {"files": [SimpleUploadedFile("nguy-hiem.zip", data)]},
    )
    assert response.status_code == 302
    html = editor_client.get(response["Location"]).content.decode()
    assert archive.REFUSE_PARENT in html
    assert archive.REFUSE_ABSOLUTE in html
    assert archive.REFUSE_SYMLINK in html
    assert f"nguy-hiem.zip/bai/{SEED.name}" in html
    assert not list(tmp_path.rglob("thoat.txt"))
    editor_client.post(response["Location"], {"confirm": "1"})
    assert Report.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04 hong", "không phải tệp .zip"),
        (b"<html>khong phai zip</html>", "không phải tệp .zip"),
        (build(("bom.txt", b"\0" * (8 * 1024 * 1024))), "bom zip"),
    ],
)
def test_bad_zip_upload_is_a_message_not_a_500(editor_client, staging, data, message):
    response = editor_client.post(
        reverse("admin:articles_report_import"),
        {"files": [SimpleUploadedFile("lo.zip", data)]},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not staging.exists() or not any(staging.iterdir())
    assert Report.objects.count() == 0
