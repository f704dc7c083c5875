"""Two imports of one folder at once, on PostgreSQL: one row per file, and no failures."""

import os
import subprocess
import sys
import time
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count

from articles.models import Document, Event, Official, Organization, Report

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
COPIES_PER_SEED = 8  # 40 files: enough for the runs to overlap on every kind of row


@pytest.fixture
def gazetteer_survives_flush(django_db_blocker):
    """A transactional test ends with a flush; reload the gazetteer for the tests after it.

    Requested before ``transactional_db``, so its teardown runs after the flush.
    """
    yield
    with django_db_blocker.unblock():
        call_command("load_localities", stdout=StringIO())


def write_folder(folder: Path) -> list[Path]:
    """Copies of every seed, each with one paragraph reworded: distinct articles that name the
    same officials, bodies, documents and events, and share titles (hence slugs)."""
    folder.mkdir()
    files = []
    for source in sorted(SEEDS.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        paragraph = max(text.split("\n"), key=len)
        for copy in range(COPIES_PER_SEED):
            path = folder / f"{source.stem}_{copy:02d}.txt"
            path.write_text(text.replace(paragraph, f"{paragraph} (Bản tin {copy}.)"), "utf-8")
            files.append(path)
    return files


def database_url() -> str:
    settings = connection.settings_dict
    user, host, port = settings["USER"], settings["HOST"], settings["PORT"]
    password = f":{settings['PASSWORD']}" if settings["PASSWORD"] else ""
    return f"postgres://{user}{password}@{host}:{port}/{settings['NAME']}"


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL: SQLite lets one transaction write at a time, so imports never race",
)
def test_two_imports_of_one_folder_at_once_make_one_row_per_file(
    tmp_path, gazetteer_survives_flush, transactional_db
):
    files = write_folder(tmp_path / "crawl")
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "test-only-not-a-secret"),
        "DJANGO_CONN_MAX_AGE": "0",
    }
    command = [sys.executable, str(ROOT / "manage.py"), "import_seeds", str(tmp_path / "crawl")]
    started = time.monotonic()
    runs = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]  # fmt: skip
    outputs = [run.communicate(timeout=240) for run in runs]
    elapsed = time.monotonic() - started

    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Lỗi" not in err, err
        assert "lỗi 0" in out
    created = sum(int(out.split("tạo mới ")[1].split(",")[0]) for out, _ in outputs)
    assert created == len(files)  # each file created once, by one run or the other
    sources = sorted(Report.objects.values_list("source_file", flat=True))
    assert sources == sorted(str(path.resolve()) for path in files)

    def duplicated(queryset, *fields):
        return list(queryset.values(*fields).annotate(n=Count("pk")).filter(n__gt=1))

    assert not duplicated(Official.objects, "name_key")
    assert not duplicated(Organization.objects, "name_key")
    assert not duplicated(Document.objects, "code")
    # Events are matched by day and place (without either, each report has its own).
    matched = Event.objects.exclude(kind=Event.Kind.SCHEDULE).filter(
        date__isnull=False, locality__isnull=False
    )
    assert not duplicated(matched, "date", "locality", "kind", "organizer")
    assert not duplicated(Event.objects.filter(kind=Event.Kind.SCHEDULE), "date", "title")
    print(f"two concurrent imports of {len(files)} files: {elapsed:.1f} s")
