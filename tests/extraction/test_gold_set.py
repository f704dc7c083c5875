"""The annotated gold set (tests/extraction/gold/) is well-formed, and the eval runs on it.

These tests check the annotations against the articles and the gazetteer, never against the
extraction: the figures bench/extraction_eval.py prints are a benchmark, not a threshold.
"""

import datetime as dt
import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent / "gold"
EVAL = ROOT / "bench" / "extraction_eval.py"
LOCALITIES = ROOT / "articles" / "data" / "localities.json"
REFORM_DAY = dt.date(2025, 7, 1)

SCALAR_KEYS = {
    "title",
    "title_inferred",
    "published_date",
    "event_date",
    "year",
    "province",
    "district",
    "commune",
    "author",
    "authors",
    "source_url",
}
SET_KEYS = {"officials", "organizations", "documents"}
META_KEYS = {"_genre", "_era", "_classes", "_notes"}
EVENT_KEYS = {"date", "end_date", "time", "kind"}
EVENT_KINDS = {
    "hoi-nghi",
    "giao-ban",
    "truc-bao",
    "tong-ket",
    "so-ket",
    "hoi-thi",
    "lam-viec",
    "lich-cong-tac",
    "khac",
}
ROLES = {"organizer", "host", "co-signer", "attendee", "issuer", "mentioned"}
# Every class of issue 10 has at least one article (the _classes of its annotation).
REQUIRED_CLASSES = {
    "headline-widget-chrome",
    "two-line-headline",
    "lead-only",
    "date-range",
    "date-range-year-at-end",
    "announcement-time",
    "bare-date-line",
    "date-line-weekday-time-under-headline",
    "lead-date-event",
    "date-in-headline",
    "party-codes",
    "state-codes",
    "compound-issuer",
    "joint-programme-code",
    "joint-regulation-code",
    "lookalike-letters",
    "spaces-in-codes",
    "dates-not-codes",
    "bare-number-year-not-code",
    "false-officials-title-then-organization",
    "false-officials-title-then-place",
    "historical-people",
    "archive-caption",
    "anniversary",
    "list-opener-semicolons",
    "list-opener-dashes",
    "abbreviations",
    "byline-several-authors",
    "byline-caps",
    "byline-initials",
    "byline-tin-anh",
    "byline-then-photo-credit",
    "photo-credit-only",
    "locality-parentheses",
    "several-locality-mentions",
    "abbreviated-prefixes",
    "headline-fragment-not-organization",
    "organization-organizer",
    "organization-host",
    "organization-co-signer",
    "organization-attendee",
    "organization-issuer",
    "nfd",
    "nbsp",
    "eth-for-d",
    "old-tone-placement",
}
# Further classes an annotation may name, beyond those the brief requires.
KNOWN_CLASSES = REQUIRED_CLASSES | {
    "page-header-date",
    "dates-not-event",
    "byline-bai-anh",
    "ranks",
    "menu-items",
    "title-then-organization-then-name",
}
# Portal genres the brief asks for, as words of the _genre notes.
REQUIRED_GENRES = (
    "commune portal",
    "ward portal",
    "police site",
    "army site",
    "Party newspaper",
    "Mặt trận Tổ quốc site",
    "Tỉnh ủy portal",
)
# Letters that look Latin but are Cyrillic, and "Ð" (U+00D0, Icelandic eth) for "Đ" (U+0110).
LOOKALIKES = str.maketrans(
    {
        "\u00d0": "Đ",
        "\u0410": "A",
        "\u0412": "B",
        "\u0421": "C",
        "\u0415": "E",
        "\u041d": "H",
        "\u041a": "K",
        "\u041c": "M",
        "\u041e": "O",
        "\u0420": "P",
        "\u0422": "T",
        "\u0425": "X",
    }
)
PARTY_CODE = re.compile(r"\d+-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-ZĐ0-9]*")
STATE_CODE = re.compile(
    r"\d+(?:/(?:19|20)\d\d)?/[A-ZĐ][A-Za-zĐ]*(?:-[A-ZĐ][A-ZĐ0-9]*)*|\d+/\d{4}/QH\d+"
)
OLD_TONES = re.compile(r"(?:o[àáảãạ]|u[ỳýỷỹỵ]|o[èéẻẽẹ])(?!\w)", re.I)


def _spec_module():
    spec = importlib.util.spec_from_file_location("extraction_eval", EVAL)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


extraction_eval = _spec_module()
PAIRS = extraction_eval.gold_pairs(GOLD)


def _plain(text: str) -> str:
    """The article as a reader sees it: tags dropped, NFC, comparable spellings, one space."""
    text = re.sub(r"<[^>]+>", " ", text)
    return extraction_eval.norm(text)


def _date(value):
    return dt.date.fromisoformat(value) if value else None


@pytest.fixture(scope="module")
def localities():
    return json.loads(LOCALITIES.read_text(encoding="utf-8"))


def test_the_gold_set_has_thirty_articles_each_with_its_annotation():
    articles = {
        p.name
        for p in GOLD.iterdir()
        if p.suffix in extraction_eval.ARTICLE_SUFFIXES and p.is_file()
    }
    annotations = {p.name.removesuffix(".gold.json") for p in GOLD.glob("*.gold.json")}
    assert {Path(name).stem for name in articles} == annotations
    assert len(PAIRS) == len(articles) >= 30
    assert sum(p.suffix == ".html" for p, _ in PAIRS) >= 5


@pytest.mark.parametrize(("article", "annotation"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_an_annotation_is_well_formed_and_agrees_with_its_article(article, annotation):
    gold = json.loads(annotation.read_text(encoding="utf-8"))
    raw = article.read_text(encoding="utf-8")
    text = _plain(raw)
    assert set(gold) <= SCALAR_KEYS | SET_KEYS | META_KEYS | {"event"}
    assert gold["_genre"] and gold["_classes"] and gold["_era"] in ("legacy", "2025")
    assert set(gold["_classes"]) <= KNOWN_CLASSES

    # Dates and the event
    published, event_date = _date(gold.get("published_date")), _date(gold.get("event_date"))
    event = gold.get("event")
    if event is not None:
        assert set(event) <= EVENT_KEYS and "date" in event
        start, end = _date(event["date"]), _date(event.get("end_date"))
        assert start == event_date or "event_date" not in gold
        assert end is None or end > start
        assert event.get("time") is None or re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", event["time"])
        assert event.get("kind", "khac") in EVENT_KINDS
    day = published or event_date
    assert day is not None and gold["year"] == day.year
    assert gold["_era"] == ("legacy" if day < REFORM_DAY else "2025")

    # Headline, author, source
    assert isinstance(gold["title_inferred"], bool)
    if not gold["title_inferred"]:
        assert extraction_eval.norm(gold["title"]) in text
    if gold.get("author") is None:
        assert gold.get("authors", []) == []
    else:
        assert gold["author"] == ", ".join(gold["authors"])
        for name in gold["authors"]:
            assert extraction_eval.norm(name).casefold() in text.casefold()
    if gold.get("source_url") is not None:
        assert gold["source_url"].startswith("https://") and gold["source_url"] in raw
    elif "source_url" in gold:
        assert "canonical" not in raw and "og:url" not in raw

    # Sets: every name is in the text, every code is the canonical form of what is written
    for official in gold.get("officials", []):
        assert set(official) == {"name", "title"}
        assert extraction_eval.norm(official["name"]) in text
    names = [extraction_eval.norm(o["name"], case=False) for o in gold.get("organizations", [])]
    assert len(names) == len(set(names)), "one entry (one role) per body"
    for organization in gold.get("organizations", []):
        assert set(organization) == {"as_written", "name", "role"}
        assert organization["role"] in ROLES
        assert extraction_eval.norm(organization["as_written"]) in text
    nfc_raw = unicodedata.normalize("NFC", raw)
    for document in gold.get("documents", []):
        assert set(document) == {"code", "as_written", "kind"}
        assert document["as_written"] in nfc_raw
        folded = re.sub(r"\s+", "", document["as_written"].translate(LOOKALIKES))
        assert document["code"] == folded
        assert PARTY_CODE.fullmatch(document["code"]) or STATE_CODE.fullmatch(document["code"])


@pytest.mark.parametrize(("article", "annotation"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_the_places_exist_in_the_gazetteer_of_the_articles_era(article, annotation, localities):
    gold = json.loads(annotation.read_text(encoding="utf-8"))
    era = gold["_era"]
    provinces = localities["provinces_2025" if era == "2025" else "provinces_legacy"]
    (province,) = [p for p in provinces if p["name"] == gold["province"]]
    if era == "2025":
        assert gold.get("district") is None  # no districts after 1 July 2025
        communes = [c for c in localities["communes_2025"] if c["province"] == province["code"]]
    else:
        districts = [d for d in localities["districts_legacy"] if d["province"] == province["code"]]
        if gold.get("district") is not None:
            (district,) = [d for d in districts if d["name"] == gold["district"]]
            districts = [district]
        codes = {d["code"] for d in districts}
        communes = [c for c in localities["communes_legacy"] if c["district"] in codes]
    if gold.get("commune") is not None:
        assert gold["commune"] in {c["name"] for c in communes}


def test_every_class_genre_era_and_spelling_the_brief_asks_for_is_in_the_set():
    golds = [json.loads(a.read_text(encoding="utf-8")) for _, a in PAIRS]
    classes = {c for gold in golds for c in gold["_classes"]}
    assert classes >= REQUIRED_CLASSES, REQUIRED_CLASSES - classes
    genres = " ".join(gold["_genre"] for gold in golds)
    assert all(genre in genres for genre in REQUIRED_GENRES)
    assert {gold["_era"] for gold in golds} == {"legacy", "2025"}


@pytest.mark.parametrize(("article", "annotation"), PAIRS, ids=[p.name for p, _ in PAIRS])
def test_an_articles_spelling_classes_are_true_of_its_bytes(article, annotation):
    classes = set(json.loads(annotation.read_text(encoding="utf-8"))["_classes"])
    raw = article.read_text(encoding="utf-8")
    assert ("nfd" in classes) == (raw != unicodedata.normalize("NFC", raw))
    assert ("nbsp" in classes) == ("\u00a0" in raw)
    assert ("eth-for-d" in classes) <= ("\u00d0" in raw)
    if "lookalike-letters" in classes:
        assert raw.translate(LOOKALIKES) != raw
    if "old-tone-placement" in classes:
        assert OLD_TONES.search(unicodedata.normalize("NFC", raw))


def test_a_contract_without_the_new_keys_scores_as_wrong_answers_not_a_crash():
    gold = json.loads(PAIRS[0][1].read_text(encoding="utf-8"))
    scores = {
        label: extraction_eval.Score()
        for label in (*extraction_eval.SCALARS, *extraction_eval.SETS)
    }
    result = extraction_eval.FileResult("old")
    contract = {"title": gold.get("title"), "event": {"title": "x", "kind": "khac", "date": None}}
    extraction_eval.score_file(gold, contract, scores, result)
    assert scores["event.end_date"].absent == scores["event.end_date"].scored == 1
    assert scores["event.end_date"].correct == 0
    assert scores["organizations.as_written"].absent == 1
    assert scores["organizations.as_written"].tp == 0
    if gold["organizations"]:
        assert scores["organizations.as_written"].fn == len(gold["organizations"])


def test_the_eval_prints_its_figures_and_exits_zero():
    run = subprocess.run(
        [sys.executable, str(EVAL), "-v"], capture_output=True, text=True, cwd=ROOT, timeout=300
    )
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert f"Gold set: {len(PAIRS)} files" in out
    for label in extraction_eval.SCALARS:
        assert re.search(rf"^{re.escape(label)}\s+(\d+\.\d%|n/a)\s+\d+/\d+", out, re.M), label
    for label in extraction_eval.SETS:
        assert re.search(
            rf"^{re.escape(label)}\s+(\s*(\d+\.\d%|n/a)){{3}}\s+\d+/\d+/\d+", out, re.M
        ), label
