"""What the import command reads from a folder, and the messages for files it cannot use."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.models import Report

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed_text(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def run_import(*paths):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_seeds", *map(str, paths), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_links_leading_outside_the_folder_and_special_files_are_skipped_and_named(tmp_path):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(seed_text("001"), encoding="utf-8")
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "good.txt").write_text(seed_text("004"), encoding="utf-8")
    (crawl / "leak.txt").symlink_to(outside / "secret.txt")
    (crawl / "passwd.txt").symlink_to("/etc/passwd")
    (crawl / "linked").symlink_to(outside, target_is_directory=True)
    (crawl / "same.txt").symlink_to(crawl / "good.txt")  # inside: the same file, once
    os.mkfifo(crawl / "pipe.txt")

    out, err, error = run_import(crawl)

    assert error is None, err
    assert Report.objects.count() == 1
    assert Report.objects.get().source_file.endswith("good.txt")
    skipped = {line.split(": ")[1] for line in err.splitlines() if line.startswith("Bỏ qua")}
    assert skipped == {
        str(crawl / "leak.txt"),
        str(crawl / "passwd.txt"),
        str(crawl / "linked"),
        str(crawl / "pipe.txt"),
    }
    assert "ngoài thư mục" in err and "không phải tệp thường" in err
    assert "Bỏ qua 4" in out


def test_a_special_file_given_by_name_is_skipped_not_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    _, err, error = run_import(tmp_path / "pipe.txt")
    assert error is None
    assert "không phải tệp thường" in err


def test_a_file_without_article_text_gets_a_plain_message(tmp_path):
    (tmp_path / "menu.txt").write_text("Chia sẻ\nIn bài viết\nĐóng\n", encoding="utf-8")
    _, err, error = run_import(tmp_path / "menu.txt")
    assert error is not None
    line = next(line for line in err.splitlines() if "menu.txt" in line)
    assert "Không tìm thấy nội dung bài viết" in line
    assert "IntegrityError" not in err and "constraint" not in err
    assert Report.objects.count() == 0


def test_a_nul_past_the_first_block_is_refused_on_every_database(tmp_path):
    padding = "\n".join(["Công tác dân vận ở cơ sở được quan tâm."] * 2000)
    text = seed_text("004") + "\n" + padding + "\x00\n"
    (tmp_path / "nul.txt").write_bytes(text.encode("utf-8"))
    _, err, error = run_import(tmp_path / "nul.txt")
    assert error is not None
    line = next(line for line in err.splitlines() if "nul.txt" in line)
    assert "NUL" in line and "nhị phân" in line
    assert Report.objects.count() == 0


def test_utf16_without_a_bom_imports_like_utf8(tmp_path):
    (tmp_path / "a.txt").write_text(seed_text("004"), encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(seed_text("004").encode("utf-16-le"))
    run_import(tmp_path / "a.txt")
    out, err, error = run_import(tmp_path / "b.txt")
    assert error is None, err
    # Read as the very same article (nothing to write), not refused as binary.
    assert "không đổi 1" in out
    assert Report.objects.count() == 1
