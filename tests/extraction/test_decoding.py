"""Decoding: encodings, BOMs, newlines, odd spaces, HTML, and rejected inputs."""

import codecs
import unicodedata

import pytest

from articles.extraction import (
    MAX_INPUT_BYTES,
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    InputTooLargeError,
    extract,
    read_text,
)

SAMPLE = "Hội nghị tổng kết công tác dân vận của Huyện ủy Minh Long\nĐồng chí Lê Thanh Bình"


def test_utf8_plain_and_with_bom():
    assert read_text(SAMPLE.encode("utf-8")) == SAMPLE
    assert read_text(codecs.BOM_UTF8 + SAMPLE.encode("utf-8")) == SAMPLE


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom(encoding):
    data = SAMPLE.encode(encoding)
    if encoding != "utf-16":
        bom = codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert read_text(data) == SAMPLE


def test_nfd_input_is_composed():
    decomposed = unicodedata.normalize("NFD", SAMPLE)
    assert decomposed != SAMPLE
    assert read_text(decomposed.encode("utf-8")) == SAMPLE


TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def windows_1258_form(text: str) -> str:
    """How Windows-1258 spells Vietnamese: base letters composed, tone marks combining."""
    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        tones = "".join(c for c in decomposed if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out)


def test_cp1258_bytes_fall_back_and_compose():
    # Windows-1258 stores tone marks as combining characters: "ệ" = "ê" + dot below.
    data = windows_1258_form(SAMPLE).encode("cp1258")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_text(data) == SAMPLE


def test_cp1252_bytes():
    text = "Café – “Résumé” 2022 ½ Ð"
    data = text.encode("cp1252") + b" \x81"  # 0x81 is undefined in cp1258 and cp1252 ...
    with pytest.raises(ExtractionError):
        read_text(data)
    assert read_text(text.encode("cp1252")) in (text, text.replace("Ð", "Đ"))


def test_crlf_nbsp_and_zero_width():
    raw = "Dòng\u00a0một\u200b\r\nDòng\u2009hai\rDòng ba"
    assert read_text(raw.encode("utf-8")) == "Dòng một\nDòng hai\nDòng ba"


def test_html_is_stripped():
    page = (
        "<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>"
        "<nav>Trang chủ | Giới thiệu</nav><script>var a = 1;</script>"
        "<h1>Hội nghị giao ban công tác dân vận</h1><p>Sáng 7-1, Ban Dân vận &amp; "
        "Mặt trận&nbsp;tỉnh họp.</p><br><p>Dòng&nbsp;hai</p></body></html>"
    )
    text = read_text(page.encode("utf-8"))
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    assert lines == [
        "Hội nghị giao ban công tác dân vận",
        "Sáng 7-1, Ban Dân vận & Mặt trận tỉnh họp.",
        "Dòng hai",
    ]
    assert "var a" not in text and "Giới thiệu" not in text


def test_binary_rejected():
    with pytest.raises(BinaryInputError, match="NUL"):
        read_text(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(BinaryInputError, match="control"):
        read_text(bytes(range(1, 9)) * 200)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n  ", "\u00a0\u3000".encode()])
def test_empty_rejected(data):
    with pytest.raises(EmptyInputError, match="rỗng|nội dung"):
        read_text(data)


def test_oversized_rejected(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (MAX_INPUT_BYTES + 1))
    with pytest.raises(InputTooLargeError, match="quá lớn"):
        read_text(path)
    with pytest.raises(InputTooLargeError):
        read_text(b"a" * (MAX_INPUT_BYTES + 1))


def test_errors_share_a_base_class():
    assert issubclass(BinaryInputError, ExtractionError)
    assert issubclass(ExtractionError, ValueError)


def test_extract_rejects_empty_text(small_gazetteer):
    with pytest.raises(EmptyInputError):
        extract(" \n ", source="x", gazetteer=small_gazetteer)


def test_read_text_from_path_keeps_content(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(codecs.BOM_UTF8 + SAMPLE.replace("\n", "\r\n").encode("utf-8"))
    assert read_text(path) == SAMPLE
    assert read_text(str(path)) == SAMPLE


def test_broken_utf16_with_bom_is_rejected_clearly():
    from articles.extraction import UndecodableInputError, read_text

    with pytest.raises(UndecodableInputError, match="UTF-16"):
        read_text(b"\xff\xfe" + b"\x00\xd8A\x00" * 40)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_decoded_not_called_binary(encoding):
    text = f"{SAMPLE}\nĐảng ủy xã Long Hiệp, ông Phạm Ngọc Ửng phát biểu."
    assert read_text(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data",
    [
        # Past the first 64 KiB, where only the start used to be checked.
        ("Công tác dân vận khéo.\n" * 4000 + "\x00 cuối tệp").encode("utf-8"),
        # A NUL character decoded from UTF-16 with a BOM.
        codecs.BOM_UTF16_LE + f"{SAMPLE}\x00{SAMPLE}".encode("utf-16-le"),
    ],
)
def test_nul_anywhere_is_refused_as_binary(data):
    with pytest.raises(BinaryInputError, match="NUL"):
        read_text(data)


def test_plain_text_quoting_a_few_tags_is_not_parsed_as_html():
    lines = [
        "Chuyển đổi số trong công tác dân vận ở xã Long Hiệp",
        "Cán bộ được hướng dẫn soạn tin: đoạn văn đặt trong thẻ <p>, xuống dòng bằng <br>,",
        "khung tin dùng thẻ <div> như mẫu của Ban Dân vận Huyện ủy.",
        *(
            f"Đoạn {n}: người dân tham gia xây dựng nông thôn mới & giữ gìn an ninh."
            for n in range(12)
        ),
    ]
    text = "\n".join(lines)
    assert read_text(text.encode("utf-8")) == text


def test_an_html_fragment_without_a_leading_tag_is_still_html():
    fragment = "Tin dân vận\n<div><p>Hội nghị tổng kết</p><p>Đồng chí Lê Thanh Bình</p></div>"
    assert (
        read_text(fragment.encode("utf-8")) == "Tin dân vận\n\nHội nghị tổng kết\n\n"
        "Đồng chí Lê Thanh Bình"
    )


def test_tags_an_html_page_spells_out_as_text_are_kept_as_text(tmp_path):
    # A page about markup writes its tags as entities; stripped once, they are the article's
    # words. Normalizing a second time used to strip them again as if they were markup.
    page = tmp_path / "bai.html"
    page.write_text(
        "<html><body><h1>Hướng dẫn đăng tin lên cổng thông tin điện tử xã Tân Lập</h1>"
        "<p>Ngày 05/3/2026</p>"
        "<p>Gõ &lt;p&gt; để mở đoạn, &lt;br&gt; để xuống dòng và &lt;b&gt; cho chữ đậm.</p>"
        "<p>Cán bộ văn phòng UBND xã &lt;i&gt;Tân Lập&lt;/i&gt; hướng dẫn từng bước.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    from articles.extraction import extract_file

    body = extract_file(page).body
    assert "Gõ <p> để mở đoạn, <br> để xuống dòng và <b> cho chữ đậm." in body
    assert "<i>Tân Lập</i>" in body
