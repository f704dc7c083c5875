import json
import os
import stat
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.importing import Outcome
from articles.importing.batch import SourceFile, import_files
from articles.importing.manifest import ManifestError, read_manifest

SUFFIXES = {".txt", ".html", ".htm"}
PROGRESS_THRESHOLD = 20


def collect_files(
    paths: list[str],
) -> tuple[list[tuple[Path, str]], list[str], list[tuple[str, str]]]:
    """Files to import, as (path, label as given); the paths that do not exist; and what was
    skipped, as (label, reason).

    Inside a folder, a symbolic link is followed only to a regular file in that same folder
    (a crawl's folder must not pull in /etc/passwd), links to folders are never followed, and
    special files (pipes, sockets, devices) are skipped: reading a pipe would hang the run.
    """
    files, missing, skipped = [], [], []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            root = path.resolve()
            for folder, dirnames, filenames in os.walk(path):
                dirnames.sort()
                for name in sorted(dirnames):
                    if (Path(folder) / name).is_symlink():
                        skipped.append((str(Path(folder) / name), SKIP_LINKED_FOLDER))
                for name in sorted(filenames):
                    child = Path(folder) / name
                    if child.suffix.lower() not in SUFFIXES:
                        continue
                    reason = _skip_reason(child, root)
                    if reason:
                        skipped.append((str(child), reason))
                    else:
                        files.append((child, str(child)))
        elif path.is_file():
            files.append((path, given))
        elif path.exists():
            skipped.append((given, SKIP_SPECIAL))
        else:
            missing.append(given)
    return files, missing, skipped


SKIP_OUTSIDE = "liên kết tượng trưng trỏ ra ngoài thư mục / symlink leads outside the folder"
SKIP_LINKED_FOLDER = "liên kết tượng trưng tới thư mục, không đi theo / symlinked folder"
SKIP_SPECIAL = "không phải tệp thường (ống, socket, thiết bị) / not a regular file"
SKIP_BROKEN = "liên kết tượng trưng hỏng / broken symlink"


def _skip_reason(child: Path, root: Path) -> str | None:
    try:
        mode = child.lstat().st_mode
        if stat.S_ISLNK(mode):
            target = child.resolve(strict=True)
            if not target.is_relative_to(root):
                return SKIP_OUTSIDE
            mode = target.stat().st_mode
    except (OSError, RuntimeError):  # a dangling link, or a loop of links
        return SKIP_BROKEN
    return None if stat.S_ISREG(mode) else SKIP_SPECIAL


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
        files, missing, skipped = collect_files(paths or [str(settings.BASE_DIR / "seeds")])
        for given in missing:
            self.stderr.write(f"Không tìm thấy tệp hoặc thư mục: {given}")
        for label, reason in skipped:
            self.stderr.write(self.style.WARNING(f"Bỏ qua: {label}: {reason}"))
        if not files and not missing and not skipped:
            raise CommandError("Không có tệp nào để nhập (.txt, .html).")

        files = [SourceFile(path, label) for path, label in files]
        show_progress = len(files) >= PROGRESS_THRESHOLD and verbosity >= 1 and sys.stderr.isatty()
        records = []

        def report(source: SourceFile, result, done: int) -> None:
            if result.outcome == Outcome.FAILED:
                self.stderr.write(self.style.ERROR(f"Lỗi: {source.label}: {result.error}"))
            elif verbosity >= 2:
                messages.write(f"{source.label}: {result.outcome}")
                for warning in result.warnings:
                    messages.write(f"  – {warning}")
            if as_json and result.extracted is not None and result.outcome != Outcome.FAILED:
                records.append(result.extracted.to_contract())
            if show_progress:
                bar = done * 30 // len(files)
                sys.stderr.write(f"\r[{'#' * bar}{'.' * (30 - bar)}] {done}/{len(files)}")
                if done == len(files):
                    sys.stderr.write("\n")

        batch = import_files(files, dry_run=dry_run, urls=urls, on_result=report)
        batch.missing, batch.skipped = len(missing), len(skipped)

        if as_json:
            self.stdout.write(json.dumps(records, ensure_ascii=False, indent=2))
        if verbosity >= 1:
            style = self.style.WARNING if batch.failed else self.style.SUCCESS
            messages.write(style(batch.summary()))
        if batch.failed:
            raise CommandError(f"{batch.failed} tệp không nhập được (xem thông báo ở trên).")
