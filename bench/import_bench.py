"""Import benchmark: files per second for extraction alone and for extraction plus database.

Synthesizes N article files (default 10,000), then:

1. extracts every file (no Django, no database) and prints files/s and memory;
2. imports every file into a fresh SQLite database (one transaction per file, as the command
   does) and prints files/s and memory.

The files come from the whole corpus of sample articles (--data corpus, the default): the seeds
and every text and HTML page under tests/extraction (samples*, samples_r2/*, gold/), recombined
with a fixed random seed: new dates, the body's paragraphs in another order, one or two
paragraphs taken from other articles, a numbered headline. --data seeds is the old set: the
five seeds only, with new dates and one extra sentence each.

Run from the repository root:
    .venv/bin/python bench/import_bench.py [--files N] [--skip-db] [--data corpus|seeds]
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


def synthesize_seeds(target: Path, count: int, seed: int = 2022) -> list[Path]:
    """The five seeds, each copy with new dates and one sentence of its own."""
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


CORPUS_DIRS = ("seeds", "tests/extraction")
# A body paragraph: a long line that ends a sentence (no menu, date line, caption or byline).
BODY_MIN = 160
HTML_PARAGRAPH = re.compile(r"<p>(?:(?!</?p>).){" + str(BODY_MIN) + r",}?</p>", re.S)


def corpus_files() -> list[Path]:
    """Every article page of the corpus, in a fixed order."""
    files = []
    for folder in CORPUS_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in {".txt", ".html"} and path.is_file():
                files.append(path)
    return files


def _is_body(block: str) -> bool:
    return len(block) >= BODY_MIN and "\n" not in block.strip() and block.rstrip()[-1:] in '.”"'


def synthesize_corpus(target: Path, count: int, seed: int = 2022) -> list[Path]:
    """Recombined copies of every corpus page: each a distinct, realistic report."""
    from articles import extraction

    rng = random.Random(seed)
    templates = []  # (text or raw bytes, headline, is_html)
    spare: list[str] = []  # body paragraphs to lend to other articles
    for path in corpus_files():
        raw = path.read_bytes()
        try:
            template = raw.decode("utf-8")
        except UnicodeDecodeError:
            templates.append((raw, "", False))  # another encoding: copied as it is
            continue
        try:
            title = extraction.extract(template, source=str(path)).title or ""
        except extraction.ExtractionError:
            continue
        html = path.suffix == ".html"
        templates.append((template, title.rstrip("…"), html))
        if html:
            spare += [m.group(0)[3:-4] for m in HTML_PARAGRAPH.finditer(template)]
        else:
            spare += [b for b in template.replace("\r\n", "\n").split("\n\n") if _is_body(b)]
    paths = []
    for index in range(count):
        text, title, html = templates[index % len(templates)]
        path = target / f"bai_{index:06d}.{'html' if html else 'txt'}"
        if isinstance(text, bytes):
            path.write_bytes(text)
            paths.append(path)
            continue
        if title and len(title) > 20:
            text = text.replace(title, f"{title} (kỳ {index + 1})", 1)
        year = rng.randint(2015, 2026)

        def new_date(match, year=year):
            return f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year}"

        text = DATE.sub(new_date, text)
        extra = [rng.choice(spare) for _ in range(rng.randint(1, 2))]
        text = _recombine_html(text, extra, rng) if html else _recombine_text(text, extra, rng)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _recombine_text(text: str, extra: list[str], rng: random.Random) -> str:
    """The body paragraphs after the lead in another order, the extra ones among them."""
    blocks = text.split("\n\n")
    body = [i for i, block in enumerate(blocks) if _is_body(block)]
    if len(body) < 2:
        return text
    movable = body[1:]  # the lead stays where the headline and date line expect it
    contents = [blocks[i] for i in movable] + extra
    rng.shuffle(contents)
    for slot, i in enumerate(movable):
        blocks[i] = contents[slot]
    blocks[movable[-1]] = "\n\n".join(contents[len(movable) - 1 :])
    return "\n\n".join(blocks)


def _recombine_html(text: str, extra: list[str], rng: random.Random) -> str:
    matches = list(HTML_PARAGRAPH.finditer(text))
    if len(matches) < 2:
        return text
    movable = matches[1:]
    contents = [m.group(0) for m in movable] + [f"<p>{p}</p>" for p in extra]
    rng.shuffle(contents)
    contents[len(movable) - 1] = "\n".join(contents[len(movable) - 1 :])
    pieces, last = [], 0
    for slot, match in enumerate(movable):
        pieces += [text[last : match.start()], contents[slot]]
        last = match.end()
    return "".join(pieces) + text[last:]


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
    parser.add_argument(
        "--data", choices=("corpus", "seeds"), default="corpus", help="what the files are made of"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="dancongtac-bench-") as tmp:
        workdir = Path(tmp)
        (workdir / "files").mkdir()
        started = time.perf_counter()
        synthesize = synthesize_corpus if args.data == "corpus" else synthesize_seeds
        paths = synthesize(workdir / "files", args.files)
        print(f"synthesized     : {len(paths)} files ({args.data}) in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        bench_extraction(paths)
        if not args.skip_db:
            bench_database(paths, workdir)


if __name__ == "__main__":
    main()
