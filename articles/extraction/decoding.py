"""Turn raw bytes (or a path) into clean NFC text: encodings, BOMs, HTML, odd spaces."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

from .errors import (
    BinaryInputError,
    EmptyInputError,
    InputTooLargeError,
    UndecodableInputError,
)
from .lexicon import words

MAX_INPUT_BYTES = 5 * 1024 * 1024
FALLBACK_ENCODINGS = ("cp1258", "cp1252")

_ODD_SPACE_CHARS = (
    "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u202f\u205f\u3000\t\f\v\u0085"
)
_INVISIBLE_CHARS = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
_ODD_SPACES = re.compile(f"[{_ODD_SPACE_CHARS}]")
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")
_NEWLINES = re.compile(r"\r\n?|[\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_HTML_HINT = re.compile(
    r"<(?:!doctype|html|body|head|div|p|br|span|article|section|h[1-6]|table|td|li|a|img)\b",
    re.IGNORECASE,
)

_BLOCK_TAGS = words(
    """address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3
    h4 h5 h6 header hr li main ol p pre section table tbody td tfoot th thead title tr ul"""
)
_DROPPED_TAGS = words("""script style nav noscript template svg iframe head select""")


class _TextExtractor(HTMLParser):
    """Collect visible text; block elements become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip_depth = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in _DROPPED_TAGS:
            self._skip_depth += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _DROPPED_TAGS:
            self._skip_depth = max(0, self._skip_depth - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip_depth:
            self.parts.append(data.replace("\n", " "))


# A whole tag, "<p>", "</div>", "<a href=...>": not just "<p" inside a sentence.
_HTML_TAG = re.compile(
    r"</?(?:html|body|head|div|p|br|span|article|section|h[1-6]|table|tr|td|li|ul|ol|a|img"
    r"|meta|link|title|script|style|strong|em|b|i)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def looks_like_html(text: str) -> bool:
    """True when the text is an HTML page or fragment rather than plain text.

    A page starts with a tag. A fragment has markup throughout: at least three whole tags and
    about one for every two lines. Plain text that merely quotes "<br>" or "<p>" a few times
    among its paragraphs stays plain text, every character kept.
    """
    head = text[:4000].lstrip()
    if head[:1] == "<" and _HTML_HINT.match(head):
        return True
    sample = text[:20000]
    tags = len(_HTML_TAG.findall(sample))
    lines = sum(1 for line in sample.splitlines() if line.strip())
    return tags >= 3 and tags * 2 >= lines


def strip_html(text: str) -> str:
    """Visible text of an HTML document, one block per line, entities unescaped."""
    parser = _TextExtractor()
    parser.feed(text)
    parser.close()
    return "".join(parser.parts)


def _has_any(text: str, chars: str) -> bool:
    return any(char in text for char in chars)


def normalize_text(text: str) -> str:
    """NFC, plain newlines and spaces, HTML stripped; runs of spaces are kept for layout."""
    if looks_like_html(text):
        text = strip_html(text)
    text = unicodedata.normalize("NFC", text)
    # A substring test is many times faster than a regex scan that finds nothing (most pages).
    if "\r" in text or "\u2028" in text or "\u2029" in text:
        text = _NEWLINES.sub("\n", text)
    if _has_any(text, _ODD_SPACE_CHARS):
        text = _ODD_SPACES.sub(" ", text)
    if _has_any(text, _INVISIBLE_CHARS):
        text = _INVISIBLE.sub("", text)
    if "Ð" in text or "ð" in text:  # Icelandic eth typed for the Vietnamese Đ
        text = text.replace("Ð", "Đ").replace("ð", "đ")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


_NUL_MESSAGE = "Tệp nhị phân, không phải văn bản (có byte NUL). / Binary file, not text."


def _check_binary(data: bytes) -> None:
    if b"\x00" in data:
        raise BinaryInputError(_NUL_MESSAGE)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text in UTF-16 with no BOM, told apart by its zero bytes: Vietnamese and ASCII letters
    all sit below U+2000, so one byte of nearly every pair is 0x00 (LE: the odd ones) or a
    small value. None when the bytes are not such text."""
    if len(data) < 8 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) * 10 < len(zeros) * 6:  # fewer than 60% zero bytes on that side
            continue
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    return None


def _check_text_plausible(text: str) -> None:
    sample = text[:20000]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 50):
        raise BinaryInputError(
            "Tệp chứa quá nhiều ký tự điều khiển, không phải văn bản. "
            "/ Binary file: too many control characters."
        )


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (BOM or not), UTF-16/32 with BOM, else Windows-1258, else CP1252."""
    for boms, encoding in (
        ((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
        ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16"),
    ):
        if data.startswith(boms):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as error:
                raise UndecodableInputError(
                    f"Tệp có dấu BOM {encoding.upper()} nhưng nội dung không giải mã được. "
                    f"/ The file has a {encoding.upper()} BOM but cannot be decoded."
                ) from error
    if b"\x00" in data:
        text = _utf16_without_bom(data)
        if text is not None:
            return text
    _check_binary(data)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in FALLBACK_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UndecodableInputError(
        "Không giải mã được tệp (không phải UTF-8, UTF-16, Windows-1258 hay CP1252). "
        "/ Cannot decode the file."
    )


def read_decoded(source: str | Path | bytes) -> str:
    """Read a file path (or raw bytes) into decoded text, HTML kept; raise ExtractionError."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
    else:
        path = Path(source)
        size = path.stat().st_size
        if size > MAX_INPUT_BYTES:
            raise InputTooLargeError(_too_large_message(size))
        data = path.read_bytes()
    if len(data) > MAX_INPUT_BYTES:
        raise InputTooLargeError(_too_large_message(len(data)))
    if not data.strip():
        raise EmptyInputError("Tệp rỗng hoặc chỉ có khoảng trắng. / Empty or whitespace-only file.")
    text = decode_bytes(data)
    if "\x00" in text:
        # A NUL decoded from UTF-16/32 (or anywhere in a long file): refused here, on every
        # database alike, rather than stored by SQLite and rejected by PostgreSQL.
        raise BinaryInputError(_NUL_MESSAGE)
    _check_text_plausible(text)
    return text


def read_text(source: str | Path | bytes) -> str:
    """Read a file path (or raw bytes) into normalized article text; raise ExtractionError."""
    return clean_decoded(read_decoded(source))


def clean_decoded(text: str) -> str:
    """normalize_text for a decoded file, with a clear error when nothing is left."""
    text = normalize_text(text)
    if not text.strip():
        raise EmptyInputError("Tệp không có nội dung văn bản. / The file holds no text.")
    return text


_LINK_OR_META = re.compile(r"<(?:link|meta)\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_ABSOLUTE_URL = re.compile(r"https?://[^\s/?#]+[^\s]*", re.IGNORECASE)


def page_url(raw: str) -> str | None:
    """The address an HTML page gives itself: <link rel="canonical" href> first, else
    <meta property="og:url" content>; only absolute http(s) addresses."""
    if not looks_like_html(raw):
        return None
    canonical = og_url = None
    for tag in _LINK_OR_META.finditer(raw[:200_000]):
        attributes = {
            m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
            for m in _ATTRIBUTE.finditer(tag.group())
        }
        if tag.group()[1:5].lower() == "link":
            if "canonical" in attributes.get("rel", "").lower().split() and canonical is None:
                canonical = _absolute(attributes.get("href"))
        elif attributes.get("property", attributes.get("name", "")).lower() == "og:url":
            og_url = og_url or _absolute(attributes.get("content"))
    return canonical or og_url


def _absolute(url: str | None) -> str | None:
    url = (url or "").strip()
    return url if _ABSOLUTE_URL.fullmatch(url) else None


def _too_large_message(size: int) -> str:
    return (
        f"Tệp quá lớn ({size} byte, giới hạn {MAX_INPUT_BYTES} byte). "
        f"/ File too large ({size} bytes, limit {MAX_INPUT_BYTES})."
    )
