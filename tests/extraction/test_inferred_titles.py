"""A page without a headline gets no guessed one: the title is marked inferred, never cut."""

from pathlib import Path

import pytest

from articles.extraction import extract, extract_file
from articles.extraction.pipeline import MAX_INFERRED_TITLE, infer_title

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PAGES = sorted(
    path
    for folder in (
        ROOT / "seeds",
        HERE / "samples",
        HERE / "samples_2025",
        HERE / "samples_heldout",
    )
    for path in folder.iterdir()
    if path.suffix in (".txt", ".html")
)
SENTENCE_ENDS = (".", "!", "?", "…")


def headless(path: Path):
    """The page as a portal that prints no headline would give it: its paragraphs only."""
    page = extract_file(path)
    if page.title_inferred or not page.body_paragraphs:
        return None
    return extract("\n\n".join(page.body_paragraphs), source=path.name)


def test_every_sample_page_is_read():
    assert len(PAGES) >= 60


@pytest.mark.parametrize("path", PAGES, ids=lambda path: path.name)
def test_a_page_without_its_headline_gets_an_inferred_title_not_a_guessed_one(path):
    result = headless(path)
    if result is None:
        pytest.skip("the page itself has no headline")
    assert result.title_inferred, result.title
    assert "title_inferred" in result.review_reasons
    # The lead's first sentence, whole: no "…", no word cut, the sentence ends right after.
    assert not result.title.endswith("…")
    lead = result.summary
    assert lead.startswith(result.title)
    rest = lead[len(result.title) :]
    assert rest == "" or rest.startswith(SENTENCE_ENDS), rest[:20]


def test_a_long_lead_sentence_is_kept_whole():
    sentence = (
        "Bí thư Huyện ủy yêu cầu thời gian tới các địa phương, đơn vị, người đứng đầu cấp ủy, "
        "chính quyền các cấp cần tiếp tục tập trung đổi mới phương thức lãnh đạo, chỉ đạo công "
        "tác dân vận; cụ thể hóa kịp thời các chủ trương của Đảng về công tác dân vận"
    )
    assert len(sentence) > 150
    assert infer_title(sentence + ". Câu thứ hai của đoạn mở đầu.") == sentence


def test_a_sentence_longer_than_the_column_ends_at_a_clause_break_without_an_ellipsis():
    clause = "các hộ dân trong thôn đã hiến đất, góp công làm đường giao thông nông thôn"
    sentence = "; ".join([clause] * 12)
    title = infer_title(sentence + ".")
    assert len(title) <= MAX_INFERRED_TITLE
    assert title.endswith(clause) and not title.endswith("…")
    assert sentence.startswith(title)


def test_a_word_is_never_cut_even_without_clause_breaks():
    sentence = " ".join(["vận động"] * 300)
    title = infer_title(sentence)
    assert len(title) <= MAX_INFERRED_TITLE and sentence.startswith(title)
    assert sentence[len(title)] == " "


def test_a_short_headline_that_ends_in_a_full_stop_stays_the_headline():
    headline = "Hội nghị trực báo công tác dân vận quý I năm 2022."
    lead = (
        "Sáng ngày 6/4/2022, Thường trực Huyện ủy Minh Long tổ chức hội nghị trực báo công tác "
        "dân vận quý I năm 2022. Dự hội nghị có lãnh đạo các ban, ngành, đoàn thể huyện."
    )
    result = extract(f"{headline}\n\n{lead}\n", source="x.txt")
    assert (result.title, result.title_inferred) == (headline, False)
