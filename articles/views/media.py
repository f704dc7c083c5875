"""Photos' renditions and attached files, served only when their report is published.

Nothing under MEDIA_ROOT is served by path to readers, in DEBUG or in production: a file of a
draft would then be one guessed address away. Every request names a caption or an attachment
by id; the view checks that its report is published (``Report.objects.published()``) or that
the user is staff who may see drafts, and answers 404 otherwise. Published files may be kept
an hour by browsers and proxies, so one taken down stops being served within the hour; a
draft's file, shown to staff, is never stored (``private, no-store``).

Originals (MEDIA_URL) are for staff only, as the admin links to them; readers get renditions.
"""

from __future__ import annotations

import logging
import os
import re
import unicodedata

from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404

from articles import media_checks, photos
from articles.models import Attachment, Caption, Report

logger = logging.getLogger(__name__)

# A reader's browser may keep a published report's file for an hour; no shared cache may,
# so a report taken down stops reaching new readers at once (its files then answer 404).
PUBLIC_CACHE = "private, max-age=3600"
STAFF_CACHE = "private, no-store"
UNSAFE_NAME_CHARACTERS = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


def may_see_drafts(user) -> bool:
    """The same rule as a report's page: staff who may view reports see drafts too."""
    return user.has_perm("articles.view_report")


def _visibility(request, report_id: int) -> str:
    """The Cache-Control for a file of this report, or 404 when the reader may not see it."""
    if Report.objects.published().filter(pk=report_id).exists():
        return PUBLIC_CACHE
    if may_see_drafts(request.user):
        return STAFF_CACHE
    raise Http404("Không có tệp này.")


def _secure(response, cache_control: str):
    response["Cache-Control"] = cache_control
    response["X-Content-Type-Options"] = "nosniff"
    # A file is never a page: no script runs even if a browser tried to render it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


def photo(request, pk: int, key: str, name: str):
    """One rendition of a caption's photo, made now if it was not made on save."""
    caption = get_object_or_404(Caption.objects.exclude(photo=""), pk=pk)
    cache_control = _visibility(request, caption.report_id)
    rendition = photos.rendition_file(caption, key)
    if rendition is None or os.path.basename(rendition.name) != name:
        raise Http404("Không có ảnh này.")  # an old address of a replaced photo
    try:
        rendition.generate()
        handle = rendition.storage.open(rendition.name, "rb")
    except FileNotFoundError:
        try:  # the cache said it existed, the storage lost it: make it again
            rendition.generate(force=True)
            handle = rendition.storage.open(rendition.name, "rb")
        except Exception as error:
            logger.warning("Rendition %s of caption %s failed: %s", key, pk, error)
            raise Http404("Không có ảnh này.") from error
    except Exception as error:  # the original is missing or unreadable
        logger.warning("Rendition %s of caption %s failed: %s", key, pk, error)
        raise Http404("Không có ảnh này.") from error
    return _secure(FileResponse(handle, content_type="image/jpeg"), cache_control)


def download_name(name: str, extension: str) -> str:
    """A file name a browser saves safely: no path, quotes or control characters, the
    extension that the content has, at most 150 characters."""
    stem = unicodedata.normalize("NFC", name or "")
    root, given = os.path.splitext(stem)
    if given[1:].isalnum() and len(given) <= 6:  # "Báo cáo 1.5 tỷ" keeps its ".5 tỷ"
        stem = root
    stem = UNSAFE_NAME_CHARACTERS.sub(" ", stem)
    stem = " ".join(stem.split()).strip(" .")[:140] or "tep-dinh-kem"
    return f"{stem}.{extension}" if extension else stem


def attachment(request, pk: int):
    """An attached file as a download (Content-Disposition: attachment), typed by its
    content; one whose content is none of the accepted kinds goes out as octet-stream."""
    item = get_object_or_404(Attachment.objects.exclude(file=""), pk=pk)
    cache_control = _visibility(request, item.report_id)
    try:
        handle = item.file.storage.open(item.file.name, "rb")
    except (FileNotFoundError, OSError, ValueError) as error:
        raise Http404("Tệp gốc chưa có.") from error
    found = media_checks.sniff(handle)
    stored_extension = media_checks.extension(item.file.name)
    kind = media_checks.KIND_BY_EXTENSION.get(stored_extension)
    if found == "ole2" and kind and kind.key in ("doc", "xls"):
        found = kind.key
    if kind is not None and found == kind.key:
        content_type, extension = kind.content_type, stored_extension
    else:
        content_type, extension = "application/octet-stream", "bin"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=download_name(item.name, extension),
        content_type=content_type,
    )
    return _secure(response, cache_control)


def original(request, path: str):
    """An original under MEDIA_URL, for staff only (the admin's "currently" links):
    a photo inline, an attachment through its download view; anything else 404."""
    if not may_see_drafts(request.user):
        raise Http404("Không có tệp này.")
    caption = Caption.objects.filter(photo=path).first()
    if caption is not None:
        try:
            handle = caption.photo.storage.open(path, "rb")
        except (FileNotFoundError, OSError, ValueError) as error:
            raise Http404("Không có tệp này.") from error
        found = media_checks.photo_format(handle)
        if found in media_checks.PHOTO_CONTENT_TYPES:
            response = FileResponse(handle, content_type=media_checks.PHOTO_CONTENT_TYPES[found])
        else:
            response = FileResponse(handle, as_attachment=True, filename=os.path.basename(path))
        return _secure(response, STAFF_CACHE)
    item = Attachment.objects.filter(file=path).first()
    if item is not None:
        return HttpResponseRedirect(item.get_download_url())
    raise Http404("Không có tệp này.")
