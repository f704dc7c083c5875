"""One import run over many files: the service ``import_seeds`` and the admin's upload share.

Each file is still its own transaction (``Importer.import_file``); the run only counts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from articles.importing.importer import FileResult, Importer, Outcome
from articles.importing.manifest import Manifest


@dataclass(frozen=True)
class SourceFile:
    """A file to import: where it is, how to name it in messages, and the report's source key
    when its path is not one (``None``: the path relative to the project, as the command does)."""

    path: Path
    label: str
    key: str | None = None


@dataclass
class Batch:
    """What a run did, file by file, and its counts."""

    dry_run: bool
    results: list[FileResult] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    missing: int = 0
    skipped: int = 0

    @property
    def failed(self) -> int:
        return self.counts[Outcome.FAILED] + self.missing

    def summary(self) -> str:
        """The one-line Vietnamese summary the command prints and the admin shows."""
        counts = self.counts
        verb = "Trích xuất thử (không ghi)" if self.dry_run else "Nhập"
        line = (
            f"{verb} {len(self.results)} tệp: tạo mới {counts[Outcome.CREATED]}, "
            f"cập nhật {counts[Outcome.UPDATED]}, không đổi {counts[Outcome.UNCHANGED]}, "
            f"cần rà soát {counts['needs_review']}, lỗi {self.failed}."
        )
        if self.skipped:
            line += f" Bỏ qua {self.skipped} mục (xem thông báo ở trên)."
        return line


def import_files(
    files: Iterable[SourceFile],
    *,
    dry_run: bool = False,
    urls: Manifest | None = None,
    importer: Importer | None = None,
    on_result: Callable[[SourceFile, FileResult, int], None] | None = None,
) -> Batch:
    """Import (or, with ``dry_run``, only extract) each file in turn with one importer;
    ``on_result`` hears of each file as it is done, with the number done so far."""
    importer = importer or Importer()
    batch = Batch(dry_run=dry_run)
    for source in files:
        url = urls.url_for(source.path) if urls is not None else None
        result = importer.import_file(
            source.path,
            dry_run=dry_run,
            label=source.label,
            source_url=url,
            source_file=source.key,
        )
        batch.results.append(result)
        batch.counts[result.outcome] += 1
        if result.outcome != Outcome.FAILED and result.needs_review:
            batch.counts["needs_review"] += 1
        if on_result is not None:
            on_result(source, result, len(batch.results))
    return batch
