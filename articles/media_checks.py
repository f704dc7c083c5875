"""What an uploaded photo or attachment may be, judged by its content, never by its name.

Attachments are told apart by their first bytes and, for the zip-based formats, by the zip's
own listing: a PDF starts with ``%PDF-``; Word 97 and Excel 97 files are OLE2 compound files
(``D0 CF 11 E0 A1 B1 1A E1``); docx and xlsx are zips holding ``[Content_Types].xml`` and a
``word/`` or ``xl/`` folder; an odt is a zip whose first entry ``mimetype`` says
``application/vnd.oasis.opendocument.text``; JPEG starts ``FF D8 FF`` and PNG ``89 50 4E 47``.
The extension must name the same kind as the content, so an HTML page renamed ``.pdf`` is
refused, and so is a real PDF named ``.docx``.

Six signatures and a zip listing need no library: the sniffing libraries (filetype, puremagic)
match leading bytes only and would still need the zip check for OOXML and ODF.
"""

from __future__ import annotations

import os
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from PIL import Image, UnidentifiedImageError

MEGABYTE = 1024 * 1024
SNIFF_BYTES = 2048
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class Kind:
    """One accepted kind of file: what readers are told it is and how it is served."""

    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


ATTACHMENT_KINDS = {
    kind.key: kind
    for kind in (
        Kind("pdf", "PDF", "application/pdf", ("pdf",)),
        Kind("doc", "Word 97–2003", "application/msword", ("doc",)),
        Kind("xls", "Excel 97–2003", "application/vnd.ms-excel", ("xls",)),
        Kind(
            "docx",
            "Word",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        Kind(
            "xlsx",
            "Excel",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        Kind("odt", "OpenDocument", "application/vnd.oasis.opendocument.text", ("odt",)),
        Kind("jpg", "ảnh JPG", "image/jpeg", ("jpg", "jpeg")),
        Kind("png", "ảnh PNG", "image/png", ("png",)),
    )
}
KIND_BY_EXTENSION = {ext: kind for kind in ATTACHMENT_KINDS.values() for ext in kind.extensions}
ALLOWED_ATTACHMENTS_TEXT = (
    "PDF, Word (.doc, .docx), Excel (.xls, .xlsx), OpenDocument (.odt) hoặc ảnh .jpg, .png"
)

# Photo formats Pillow names, with the extensions each may carry.
PHOTO_FORMATS = {"JPEG": ("jpg", "jpeg"), "PNG": ("png",), "WEBP": ("webp",)}
PHOTO_CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
ALLOWED_PHOTOS_TEXT = ".jpg, .png hoặc .webp"
# A photo wider or taller than this is no news photo, and decoding it would cost seconds.
PHOTO_MAX_PIXELS = 50_000_000


def extension(name: str) -> str:
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _read_head(file, size: int = SNIFF_BYTES) -> bytes:
    """The first bytes of an uploaded or stored file, leaving its position at the start."""
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head if isinstance(head, bytes) else head.encode()


def _zip_kind(file) -> str | None:
    """docx, xlsx or odt from a zip's own listing; None for any other zip."""
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            first = entries[0] if entries else None
            if (
                first
                and first.filename == "mimetype"
                and first.file_size <= 100
                and archive.read(first).strip() == ODT_MIMETYPE
            ):
                return "odt"
            if "[Content_Types].xml" in names:
                if any(name.startswith("word/") for name in names):
                    return "docx"
                if any(name.startswith("xl/") for name in names):
                    return "xlsx"
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        return None
    finally:
        file.seek(0)
    return None


def sniff(file) -> str | None:
    """The attachment kind the content shows (a key of ATTACHMENT_KINDS), or None."""
    head = _read_head(file)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(OLE2_SIGNATURE):
        return "ole2"  # doc or xls: the same container
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(file)
    return None


def looks_like_html(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return text.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script"))


def _already_stored(value) -> bool:
    """A FieldFile already in storage was checked when it came (or predates the checks):
    editing the row's other fields must not reopen it, nor fail on a lost file."""
    return getattr(value, "_committed", False) is True


def _size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, os.SEEK_END)
        size = file.tell()
        file.seek(0)
    return size


class _UploadValidator:
    """A new upload's extension, size and content; a file already in storage is not read
    again (editing a row whose old file is gone or predates the checks must still save)."""

    noun = "Tệp"  # "Tệp quá lớn", "Ảnh quá lớn"
    code = "file"

    def __init__(self, max_megabytes: int = 20):
        self.max_megabytes = max_megabytes

    def __call__(self, value):
        if _already_stored(value):
            return
        ext = extension(value.name)
        self.check_extension(ext)
        if _size(value) > self.max_megabytes * MEGABYTE:
            raise ValidationError(
                f"{self.noun} quá lớn: tối đa %(limit)s MB.",
                code=f"{self.code}_size",
                params={"limit": self.max_megabytes},
            )
        self.check_content(value, ext)

    def check_extension(self, ext: str) -> None:
        raise NotImplementedError

    def check_content(self, value, ext: str) -> None:
        raise NotImplementedError

    def __eq__(self, other):
        return type(other) is type(self) and other.max_megabytes == self.max_megabytes


@deconstructible
class AttachmentValidator(_UploadValidator):
    """Only the document and image kinds above, the content agreeing with the extension."""

    code = "attachment"

    def check_extension(self, ext: str) -> None:
        if ext not in KIND_BY_EXTENSION:
            raise ValidationError(
                "Không nhận tệp “.%(ext)s”: chỉ nhận tệp %(allowed)s.",
                code="attachment_extension",
                params={"ext": ext or "không đuôi", "allowed": ALLOWED_ATTACHMENTS_TEXT},
            )

    def check_content(self, value, ext: str) -> None:
        kind = KIND_BY_EXTENSION[ext]
        found = sniff(value)
        if found == "ole2" and kind.key in ("doc", "xls"):
            found = kind.key
        if found == kind.key and kind.key in ("jpg", "png") and not _is_image(value):
            found = None
        if found != kind.key:
            if looks_like_html(_read_head(value)):
                message = (
                    "Tệp “%(name)s” là một trang HTML, không phải %(label)s: không nhận tệp "
                    "HTML, kể cả khi đã đổi đuôi. Hãy tải lên tệp gốc."
                )
            else:
                message = (
                    "Nội dung tệp “%(name)s” không phải %(label)s như đuôi “.%(ext)s” cho biết "
                    "(tệp hỏng hoặc đã đổi đuôi). Chỉ nhận tệp %(allowed)s."
                )
            raise ValidationError(
                message,
                code="attachment_content",
                params={
                    "name": os.path.basename(value.name),
                    "label": kind.label,
                    "ext": ext,
                    "allowed": ALLOWED_ATTACHMENTS_TEXT,
                },
            )


def _is_image(file) -> bool:
    try:
        file.seek(0)
        with Image.open(file) as image:
            image.verify()
        return True
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return False
    finally:
        file.seek(0)


def photo_format(file) -> str | None:
    """The Pillow format name of a real, readable image, or None."""
    try:
        file.seek(0)
        with Image.open(file) as image:
            found = image.format
            width, height = image.size
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None
    finally:
        file.seek(0)
    if width * height > PHOTO_MAX_PIXELS:
        return None
    return found


@deconstructible
class PhotoValidator(_UploadValidator):
    """A real JPEG, PNG or WebP image (Pillow reads and verifies it), named as what it is."""

    noun = "Ảnh"
    code = "photo"

    def check_extension(self, ext: str) -> None:
        if ext not in {e for exts in PHOTO_FORMATS.values() for e in exts}:
            raise ValidationError(
                "Ảnh phải là tệp %(allowed)s, không nhận “.%(ext)s”.",
                code="photo_extension",
                params={"allowed": ALLOWED_PHOTOS_TEXT, "ext": ext or "không đuôi"},
            )

    def check_content(self, value, ext: str) -> None:
        found = photo_format(value)
        if found not in PHOTO_FORMATS or ext not in PHOTO_FORMATS[found]:
            raise ValidationError(
                "Tệp “%(name)s” không phải ảnh %(allowed)s đọc được (tệp hỏng, quá lớn hoặc "
                "đã đổi đuôi).",
                code="photo_content",
                params={"name": os.path.basename(value.name), "allowed": ALLOWED_PHOTOS_TEXT},
            )


validate_attachment = AttachmentValidator()
validate_photo = PhotoValidator()
