"""fastre.gated: a first-character gate in front of a regex never changes what it matches."""

import importlib
import pkgutil
import re
from pathlib import Path

import pytest

import articles.extraction
from articles.extraction.decoding import read_text
from articles.extraction.fastre import first_class, gated

HERE = Path(__file__).parent
SAMPLES = sorted(
    path
    for path in [*HERE.rglob("*.txt"), *HERE.rglob("*.html"), *HERE.parent.parent.glob("seeds/*")]
    if path.is_file()
)


def _extraction_patterns() -> list[tuple[str, re.Pattern]]:
    found = {}
    for module_info in pkgutil.walk_packages(
        articles.extraction.__path__, articles.extraction.__name__ + "."
    ):
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                found[(value.pattern, value.flags)] = (f"{module_info.name}.{name}", value)
    return sorted(found.values(), key=lambda item: item[0])


@pytest.fixture(scope="module")
def texts() -> list[str]:
    paragraphs = []
    for path in SAMPLES:
        paragraphs += [p for p in read_text(path).split("\n") if p.strip()]
    return paragraphs


def _windows(texts: list[str]) -> list[str]:
    """The 60 characters before every word start: what the "...$" patterns are given."""
    windows = []
    for text in texts[::40]:
        for match in re.finditer(r"(?<!\w)\w", text):
            windows.append(text[max(0, match.start() - 60) : match.start()])
    return windows


def _matches(pattern: re.Pattern, texts: list[str]) -> list:
    return [
        [(m.span(), m.groups(), m.lastindex, m.lastgroup) for m in pattern.finditer(text)]
        for text in texts
    ]


def test_first_class_reads_literals_classes_branches_and_repeats():
    assert first_class(r"(?<!\w)(?:chủ\s+tịch|bí\s+thư)\s*$") == "[cb]"
    assert first_class(r"(?:phó\s+)?trưởng") == "[pt]"
    assert first_class(r"(?=x)(?:[A-C]\d|đ)") == "[A-Cđ]"


def test_no_gate_where_a_match_may_start_anywhere_or_the_engine_scans_already():
    assert first_class(r"\s*$") is None  # may match empty
    assert first_class(r"\w+ xã") is None  # a category: any letter
    assert first_class(r"[^,]{3}") is None
    assert first_class(r"(?i:a)b") is None  # scoped flags
    assert first_class(r"các\s+đồng\s+chí") is None  # a literal prefix, scanned by the engine
    assert gated(r"(?i)ab").pattern == r"(?i)ab"  # global flags stay in front


def test_gated_patterns_match_exactly_like_the_originals(texts):
    windows = _windows(texts)
    texts = texts[::2]  # half the paragraphs of every sample: enough, and quick
    gated_count = 0
    for name, pattern in _extraction_patterns():
        fast = gated(pattern.pattern, pattern.flags)
        if fast.pattern == pattern.pattern:
            continue
        gated_count += 1
        plain = re.compile(pattern.pattern, pattern.flags)
        assert _matches(fast, texts) == _matches(plain, texts), name
        assert _matches(fast, windows) == _matches(plain, windows), name
    assert gated_count >= 20


def test_the_window_patterns_are_gated():
    from articles.extraction import commemorated, org_roles, people

    for pattern in (org_roles._RANK_BEFORE, commemorated._GOVERNED, people._HONORIFIC_BEFORE):
        assert pattern.pattern.startswith("(?=[")
