import json
import sys
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import Importer, Outcome
from articles.importing.manifest import ManifestError, read_manifest

SUFFIXES = {".txt", ".html", ".htm"}
PROGRESS_THRESHOLD = 20


def collect_files(paths: list[str]) -> tuple[list[tuple[Path, str]], list[str]]:
    """Files to import, as (path, label as given), and the paths that do not exist."""
    files, missing = [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUFFIXES:
                    files.append((child, str(child)))
        elif path.is_file():
            files.append((path, given))
        else:
            missing.append(given)
    return files, missing


class Command(BaseCommand):
    help = (
        "Nhập các tệp bài viết thu thập từ cổng thông tin (tệp .txt/.html hoặc thư mục; "
        "mặc định: seeds/)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "paths",
            nargs="*",
            help="Tệp hoặc thư mục (mặc định: các tệp trong manifest, hoặc thư mục seeds/).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Chỉ trích xuất, không ghi vào cơ sở dữ liệu."
        )
        parser.add_argument(
            "--manifest",
            type=Path,
            help=(
                "Tệp CSV có dòng đầu «file,url»: địa chỉ trang gốc của từng tệp (đường dẫn "
                "tương đối tính từ thư mục của manifest). Không nêu tệp nào thì nhập các tệp "
                "trong manifest."
            ),
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="In kết quả trích xuất dạng mảng JSON ra stdout; thông báo ra stderr.",
        )

    def handle(self, *args, paths, dry_run, as_json, manifest, verbosity, **options):
        messages = self.stderr if as_json else self.stdout
        urls = None
        if manifest is not None:
            try:
                urls = read_manifest(manifest)
            except ManifestError as error:
                raise CommandError(str(error)) from error
            for problem in urls.problems:
                self.stderr.write(self.style.WARNING(f"Manifest {manifest}: {problem}"))
            if not paths:
                paths = [str(path) for path in urls.urls]
        files, missing = collect_files(paths or [str(settings.BASE_DIR / "seeds")])
        for given in missing:
            self.stderr.write(f"Không tìm thấy tệp hoặc thư mục: {given}")
        if not files and not missing:
            raise CommandError("Không có tệp nào để nhập (.txt, .html).")

        importer = Importer()
        counts = Counter()
        records = []
        show_progress = len(files) >= PROGRESS_THRESHOLD and verbosity >= 1 and sys.stderr.isatty()
        for index, (path, label) in enumerate(files, start=1):
            url = urls.url_for(path) if urls is not None else None
            result = importer.import_file(path, dry_run=dry_run, label=label, source_url=url)
            counts[result.outcome] += 1
            if result.outcome != Outcome.FAILED and result.needs_review:
                counts["needs_review"] += 1
            if result.outcome == Outcome.FAILED:
                self.stderr.write(self.style.ERROR(f"Lỗi: {label}: {result.error}"))
            elif verbosity >= 2:
                messages.write(f"{label}: {result.outcome}")
                for warning in result.warnings:
                    messages.write(f"  – {warning}")
            if as_json and result.extracted is not None and result.outcome != Outcome.FAILED:
                records.append(result.extracted.to_contract())
            if show_progress:
                done = index * 30 // len(files)
                sys.stderr.write(f"\r[{'#' * done}{'.' * (30 - done)}] {index}/{len(files)}")
                if index == len(files):
                    sys.stderr.write("\n")

        if as_json:
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
        counts[Outcome.FAILED] += len(missing)
        if verbosity >= 1:
            verb = "Trích xuất thử (không ghi)" if dry_run else "Nhập"
            summary = (
                f"{verb} {len(files)} tệp: tạo mới {counts[Outcome.CREATED]}, "
                f"cập nhật {counts[Outcome.UPDATED]}, không đổi {counts[Outcome.UNCHANGED]}, "
                f"cần rà soát {counts['needs_review']}, lỗi {counts[Outcome.FAILED]}."
            )
            style = self.style.WARNING if counts[Outcome.FAILED] else self.style.SUCCESS
            messages.write(style(summary))
        if counts[Outcome.FAILED]:
            raise CommandError(
                f"{counts[Outcome.FAILED]} tệp không nhập được (xem thông báo ở trên)."
            )
