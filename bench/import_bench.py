"""Import benchmark: files per second for extraction alone and for extraction plus database.

Synthesizes N seed-like files (default 10,000) from the files in seeds/, each with its own dates,
numbers and a sentence of its own so that every file is a distinct report, then:

1. extracts every file (no Django, no database) and prints files/s and memory;
2. imports every file into a fresh SQLite database (one transaction per file, as the command
   does) and prints files/s and memory.

Run from the repository root:  .venv/bin/python bench/import_bench.py [--files N] [--skip-db]
Targets on a 2-core machine: >= 300 files/s extraction, >= 100 files/s end to end, flat memory.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(20\d\d)\b")
SENTENCES = [
    "Hội nghị đã thảo luận các giải pháp nâng cao hiệu quả công tác dân vận ở cơ sở.",
    "Các đại biểu thống nhất cao với dự thảo báo cáo và phương hướng nhiệm vụ thời gian tới.",
    "Nhiều mô hình “Dân vận khéo” được nhân rộng, góp phần xây dựng nông thôn mới.",
    "Đại diện Mặt trận Tổ quốc và các đoàn thể đã trao đổi kinh nghiệm thực tiễn.",
]


def rss_mib() -> float:
    """Peak resident set size of this process so far, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def synthesize(target: Path, count: int, seed: int = 2022) -> list[Path]:
    from articles import extraction

    rng = random.Random(seed)
    templates = []
    for path in sorted((ROOT / "seeds").glob("*")):
        template = path.read_text(encoding="utf-8")
        # Real archives rarely repeat a headline: number each copy's headline (or lead).
        title = extraction.extract(template, source=str(path)).title or ""
        templates.append((template, title.rstrip("…")))
    paths = []
    for index in range(count):
        text, title = templates[index % len(templates)]
        if title:
            text = text.replace(title, f"{title} (kỳ {index + 1})", 1)
        year = rng.randint(2015, 2025)

        def new_date(match, year=year):
            return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"

        text = DATE.sub(new_date, text)
        paragraphs = text.split("\n\n")
        insert_at = max(1, len(paragraphs) // 2)
        extra = f"{rng.choice(SENTENCES)} Đây là bản tin số {index + 1} trong năm {year}."
        paragraphs.insert(insert_at, extra)
        path = target / f"bai_{index:06d}.txt"
        path.write_text("\n\n".join(paragraphs), encoding="utf-8")
        paths.append(path)
    return paths


def bench_extraction(paths: list[Path]) -> None:
    from articles import extraction

    extraction.extract_file(paths[0])  # warm caches (gazetteer, regexes)
    checkpoints = {len(paths) // 10, len(paths) // 2, len(paths) - 1}
    memory = []
    started = time.perf_counter()
    cpu_started = time.process_time()
    for index, path in enumerate(paths):
        extraction.extract_file(path)
        if index in checkpoints:
            memory.append(f"{rss_mib():.0f}")
    elapsed = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # CPU time too: on a shared machine the wall clock also counts other processes' turns.
    print(f"extraction only : {len(paths)} files in {elapsed:.1f} s = "
          f"{len(paths) / elapsed:.0f} files/s ({len(paths) / cpu:.0f} files per CPU second); "
          f"peak RSS at 10%/50%/100%: {' / '.join(memory)} MiB")  # fmt: skip


def bench_database(paths: list[Path], workdir: Path) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancongtac.settings")
    import django

    django.setup()
    from io import StringIO

    from django.core.management import call_command

    from articles.importing import Importer, Outcome
    from articles.models import Report

    call_command("migrate", verbosity=0)
    call_command("load_localities", stdout=StringIO())
    importer = Importer()
    checkpoints = {len(paths) // 10, len(paths) // 2, len(paths) - 1}
    tenth = max(1, len(paths) // 10)
    memory, rates, failed = [], [], 0
    started = mark = time.perf_counter()
    for index, path in enumerate(paths):
        failed += importer.import_file(path).outcome == Outcome.FAILED
        if index in checkpoints:
            memory.append(f"{rss_mib():.0f}")
        if (index + 1) % tenth == 0:
            now = time.perf_counter()
            rates.append(f"{tenth / (now - mark):.0f}")
            mark = now
    elapsed = time.perf_counter() - started
    print(f"extraction + DB : {len(paths)} files in {elapsed:.1f} s = "
          f"{len(paths) / elapsed:.0f} files/s on SQLite ({Report.objects.count()} reports, "
          f"{failed} failed); peak RSS at 10%/50%/100%: {' / '.join(memory)} MiB")  # fmt: skip
    print(f"                  files/s in each tenth of the run: {' '.join(rates)}")

    started = time.perf_counter()
    unchanged = sum(importer.import_file(path).outcome == Outcome.UNCHANGED for path in paths)
    elapsed = time.perf_counter() - started
    print(f"re-import       : {len(paths)} files in {elapsed:.1f} s = "
          f"{len(paths) / elapsed:.0f} files/s, {unchanged} unchanged")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--skip-db", action="store_true", help="measure extraction only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dancongtac-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "files").mkdir()
        started = time.perf_counter()
        paths = synthesize(workdir / "files", args.files)
        print(f"synthesized     : {len(paths)} files in {time.perf_counter() - started:.1f} s")
        bench_extraction(paths)
        if not args.skip_db:
            bench_database(paths, workdir)


if __name__ == "__main__":
    main()
