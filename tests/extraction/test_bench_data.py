"""bench/import_bench.py --data corpus: realistic, varied and reproducible benchmark files."""

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("import_bench", ROOT / "bench/import_bench.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_corpus_files_are_every_sample_page_and_the_seeds():
    files = _bench().corpus_files()
    folders = {path.parent.name for path in files}
    assert {"seeds", "samples", "samples_2025", "samples_heldout", "gold"} <= folders
    assert {"dates", "officials", "organizations"} <= folders  # samples_r2/*
    assert any(path.suffix == ".html" for path in files)
    assert len(files) > 100


def test_corpus_data_is_recombined_and_reproducible(tmp_path):
    bench = _bench()
    count = len(bench.corpus_files()) + 10
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    paths = bench.synthesize_corpus(first, count)
    again = bench.synthesize_corpus(second, count)
    assert [p.read_bytes() for p in paths] == [p.read_bytes() for p in again]
    texts = [p.read_bytes() for p in paths]
    assert len(set(texts)) == count  # every file a distinct report
    assert any(p.suffix == ".html" for p in paths)
    # Not the page with other dates only: its paragraphs in another order, or others lent.
    changed = 0
    for path, template in zip(paths, bench.corpus_files(), strict=False):
        if path.suffix != ".txt" or template.suffix != ".txt":
            continue
        try:
            original = template.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        made = re.sub(r" \(kỳ \d+\)", "", path.read_text(encoding="utf-8"))
        changed += bench.DATE.sub("D", made) != bench.DATE.sub("D", original)
    assert changed >= 50
