"""Extraction accuracy on the annotated gold set (tests/extraction/gold/).

Runs ``articles.extraction.extract_file`` over every article that has a ``<stem>.gold.json``
beside it, compares ``to_contract()`` with the annotation and prints:

- accuracy per scalar field (title, dates, event end date and time, places, author ...);
- precision, recall and F1 for officials (on name), organizations (on as_written, on name,
  on name with role), documents (on code, and on as_written) and authors.

A key the annotation leaves out is not scored for that file; a key the contract does not (yet)
produce counts as a wrong answer (scalars) or an empty one (sets). Comparisons ignore what a
reader would not see: composition (NFC/NFD), odd spaces, "Ð" (U+00D0) for "Đ", tone placement
("hoà"/"hòa"), typographic apostrophes; organization strings also ignore case. Document codes
are compared as given (NFC, trimmed): folding look-alike letters is the extraction's job.
See tests/extraction/gold/README.md for the annotation conventions.

Run from the repository root:  .venv/bin/python bench/extraction_eval.py [-v] [--gold DIR]
It is a benchmark, not a test: it always exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from articles.text import nfc, normalize_tones  # noqa: E402

GOLD = ROOT / "tests" / "extraction" / "gold"
ARTICLE_SUFFIXES = (".txt", ".html", ".htm")

# Scalar fields: (label, path in the contract). A path is a key or "event.<key>".
SCALARS = (
    "title",
    "title_inferred",
    "published_date",
    "event_date",
    "event.date",
    "event.end_date",
    "event.time",
    "event.kind",
    "year",
    "province",
    "district",
    "commune",
    "author",
    "source_url",
)
# Set fields: label -> (gold/contract list key, function(item) -> comparable key or None).
SETS = (
    "officials",
    "organizations.as_written",
    "organizations.name",
    "organizations.name+role",
    "documents.code",
    "documents.as_written",
    "authors",
)
ABSENT = object()  # a key the contract does not produce
_SPACES = re.compile(r"\s+")
_LOOKALIKE = str.maketrans({"\u00d0": "Đ", "\u2019": "'", "\u02bc": "'", "\u2018": "'"})


def norm(text: object, *, case: bool = True) -> object:
    """The comparable form of a string (see the module docstring); other values unchanged."""
    if not isinstance(text, str):
        return text
    text = normalize_tones(nfc(text).translate(_LOOKALIKE))
    text = _SPACES.sub(" ", text).strip().rstrip(".")
    return text if case else text.casefold()


def norm_code(code: object) -> object:
    return nfc(code).strip() if isinstance(code, str) else code


def lookup(contract: dict, path: str) -> object:
    """contract[path] or contract["event"][key]; ABSENT when the key does not exist."""
    if path.startswith("event."):
        event = contract.get("event", ABSENT)
        if event is ABSENT:
            return ABSENT
        if event is None:
            return None  # no event found: every event field is empty
        return event.get(path.removeprefix("event."), ABSENT)
    return contract.get(path, ABSENT)


def set_keys(record: dict, label: str) -> set | None:
    """The comparable set for label from a gold annotation or a contract; None if absent."""

    def items(key: str, part: str | None = None) -> list:
        value = record.get(key, ABSENT)
        if value is ABSENT or (part and any(part not in item for item in value or [])):
            raise KeyError(key)  # the contract lacks the list, or its items lack the key
        return value or []

    try:
        if label == "officials":
            return {norm(o["name"]) for o in items("officials", "name")}
        if label == "authors":
            return {norm(a) for a in items("authors")}
        if label.startswith("organizations."):
            part = label.removeprefix("organizations.")
            if part == "name+role":
                orgs = items("organizations", "role")
                return {(norm(o["name"], case=False), o["role"]) for o in orgs}
            return {norm(o[part], case=False) for o in items("organizations", part)}
        if label.startswith("documents."):
            part = label.removeprefix("documents.")
            return {norm_code(d[part]) for d in items("documents", part)}
    except KeyError:
        return None
    raise ValueError(label)


@dataclass
class Score:
    """Counts of one field over the gold set."""

    scored: int = 0
    correct: int = 0
    absent: int = 0  # files whose contract lacks the key
    tp: int = 0
    fp: int = 0
    fn: int = 0


@dataclass
class FileResult:
    name: str
    misses: list[str] = field(default_factory=list)
    error: str | None = None


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(article, annotation) for every annotation in gold_dir, sorted by name."""
    pairs = []
    for annotation in sorted(gold_dir.glob("*.gold.json")):
        stem = annotation.name.removesuffix(".gold.json")
        articles = [gold_dir / f"{stem}{suffix}" for suffix in ARTICLE_SUFFIXES]
        article = next((path for path in articles if path.exists()), None)
        if article is not None:
            pairs.append((article, annotation))
    return pairs


def score_file(gold: dict, contract: dict, scores: dict[str, Score], result: FileResult) -> None:
    """Add one file's comparison to scores and its misses to result."""
    for label in SCALARS:
        expected = lookup(gold, label)
        if expected is ABSENT:
            continue  # not annotated: not scored
        got = lookup(contract, label)
        score = scores[label]
        score.scored += 1
        if got is ABSENT:
            score.absent += 1
            result.misses.append(f"{label}: key absent from the contract (gold {expected!r})")
            continue
        if norm(got) == norm(expected):
            score.correct += 1
        else:
            result.misses.append(f"{label}: gold {expected!r}, got {got!r}")
    for label in SETS:
        expected = set_keys(gold, label)
        if expected is None:
            continue
        got = set_keys(contract, label)
        score = scores[label]
        score.scored += 1
        if got is None:
            score.absent += 1
            got = set()
        score.tp += len(expected & got)
        score.fp += len(got - expected)
        score.fn += len(expected - got)
        if missing := expected - got:
            result.misses.append(f"{label}: missed {sorted(map(str, missing))}")
        if extra := got - expected:
            result.misses.append(f"{label}: extra {sorted(map(str, extra))}")


def evaluate(gold_dir: Path = GOLD) -> tuple[dict[str, Score], list[FileResult], float]:
    """Scores per field, per-file results and the seconds the extraction took."""
    from articles.extraction import extract_file, load_gazetteer

    gazetteer = load_gazetteer()
    scores = {label: Score() for label in (*SCALARS, *SETS)}
    results = []
    elapsed = 0.0
    for article, annotation in gold_pairs(gold_dir):
        result = FileResult(article.name)
        results.append(result)
        gold = json.loads(annotation.read_text(encoding="utf-8"))
        started = time.perf_counter()
        try:
            contract = extract_file(article, gazetteer=gazetteer).to_contract()
        except Exception as error:  # a benchmark reports a crash and goes on
            result.error = f"{type(error).__name__}: {error}"
            contract = {}
        elapsed += time.perf_counter() - started
        score_file(gold, contract, scores, result)
    return scores, results, elapsed


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _pct(value: float | None) -> str:
    return "   n/a" if value is None else f"{100 * value:5.1f}%"


def report(scores: dict[str, Score], results: list[FileResult], elapsed: float) -> str:
    lines = [f"Gold set: {len(results)} files, extracted in {elapsed:.2f} s", ""]
    lines.append(f"{'scalar field':<20} {'accuracy':>8}  {'correct':>7}/{'scored':<6} absent")
    for label in SCALARS:
        s = scores[label]
        lines.append(
            f"{label:<20} {_pct(_ratio(s.correct, s.scored)):>8}  {s.correct:>7}/{s.scored:<6}"
            f" {s.absent or ''}"
        )
    lines.append("")
    lines.append(f"{'set field':<26} {'precision':>9} {'recall':>7} {'F1':>7}   tp/fp/fn   absent")
    for label in SETS:
        s = scores[label]
        precision = _ratio(s.tp, s.tp + s.fp)
        recall = _ratio(s.tp, s.tp + s.fn)
        f1 = None
        if precision is not None and recall is not None and precision + recall:
            f1 = 2 * precision * recall / (precision + recall)
        elif precision is not None and recall is not None:
            f1 = 0.0
        lines.append(
            f"{label:<26} {_pct(precision):>9} {_pct(recall):>7} {_pct(f1):>7}"
            f"   {s.tp}/{s.fp}/{s.fn}   {s.absent or ''}"
        )
    crashed = [r for r in results if r.error]
    if crashed:
        lines += ["", f"{len(crashed)} file(s) failed to extract:"]
        lines += [f"  {r.name}: {r.error}" for r in crashed]
    return "\n".join(lines)


def misses_listing(results: list[FileResult]) -> str:
    lines = []
    for result in results:
        if result.misses or result.error:
            lines.append(f"== {result.name}")
            if result.error:
                lines.append(f"   error: {result.error}")
            lines += [f"   {miss}" for miss in result.misses]
    return "\n".join(lines) if lines else "No misses."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list the misses per file")
    parser.add_argument("--gold", type=Path, default=GOLD, help="the gold folder")
    args = parser.parse_args(argv)
    scores, results, elapsed = evaluate(args.gold)
    print(report(scores, results, elapsed))
    if args.verbose:
        print()
        print(misses_listing(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
