"""Photos and attachments: renditions, upload checks by content, and serving only what readers
may see. Files live in a temporary MEDIA_ROOT; images are drawn with Pillow, documents built
here byte by byte or with zipfile."""

import io
import re
import zipfile
from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Attachment, Caption, Report

pytestmark = pytest.mark.django_db

ADMIN = "/quan-tri/articles"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def image_bytes(width, height, fmt="JPEG", orientation=None, mode="RGB"):
    image = Image.new(mode, (width, height), (200, 30, 40) if mode == "RGB" else None)
    # A stripe on the left, so a wrong rotation would show in the rendition.
    for x in range(min(10, width)):
        for y in range(height):
            image.putpixel((x, y), (0, 0, 0) if mode == "RGB" else (0, 0, 0, 255))
    buffer = io.BytesIO()
    options = {}
    if orientation:
        exif = Image.Exif()
        exif[0x0112] = orientation
        options["exif"] = exif
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def zip_bytes(entries, first_stored=False):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(entries):
            kind = zipfile.ZIP_STORED if first_stored and index == 0 else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)
    return buffer.getvalue()


CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org"/>'
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
DOCUMENTS = {
    "pdf": b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n",
    "doc": OLE2,
    "xls": OLE2,
    "docx": zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("word/document.xml", b"<w/>")]),
    "xlsx": zip_bytes([("[Content_Types].xml", CONTENT_TYPES), ("xl/workbook.xml", b"<x/>")]),
    "odt": zip_bytes(
        [
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ],
        first_stored=True,
    ),
}
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


def document(ext):
    if ext in DOCUMENTS:
        return DOCUMENTS[ext]
    return image_bytes(40, 30, "JPEG" if ext in ("jpg", "jpeg") else "PNG")


def add_photo(report, width, height, text="Quang cảnh hội nghị.", **kwargs):
    caption = Caption(report=report, text=text)
    caption.photo.save("hoi-nghi.jpg", ContentFile(image_bytes(width, height, **kwargs)))
    return caption


def add_attachment(report, name="Kế hoạch số 12.pdf", filename="ke-hoach.pdf", content=None):
    item = Attachment(report=report, name=name)
    item.file.save(filename, ContentFile(content or DOCUMENTS["pdf"]))
    return item


def size_of(response):
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as image:
        return image.size


def img_tags(html):
    return re.findall(r"<img [^>]*>", html)


def attribute(tag, name):
    found = re.search(rf'\b{name}="([^"]*)"', tag)
    return found.group(1) if found else None


# Renditions


def test_a_3000px_upload_through_the_admin_yields_renditions_of_at_most_1200px(
    editor_client, make_report, media_root
):
    report = make_report()
    upload = SimpleUploadedFile("toan-canh.jpg", image_bytes(3000, 2000), "image/jpeg")
    response = editor_client.post(
        f"{ADMIN}/caption/add/",
        {"report": report.pk, "text": "Toàn cảnh hội nghị.", "order": 0, "photo": upload},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    caption = Caption.objects.get(report=report)
    assert (caption.photo_width, caption.photo_height) == (3000, 2000)
    # Made on save: the files are there before any reader asks.
    made = {path.name for path in (media_root / "CACHE").rglob("*.jpg")}
    assert len(made) == 4
    with Image.open(caption.photo_w1200.storage.path(caption.photo_w1200.name)) as image:
        assert image.size == (1200, 800)
    with Image.open(caption.photo_thumbnail.storage.path(caption.photo_thumbnail.name)) as image:
        assert image.size == (320, 240)


def test_the_report_page_shows_a_srcset_of_renditions_up_to_1200px_with_the_caption_as_alt(
    client, make_report
):
    report = make_report()
    caption = add_photo(report, 3000, 2000, text="Đại biểu “Mặt trận” phát biểu <ý kiến>.")
    html = client.get(report.get_absolute_url()).content.decode()
    article = html[html.index("<article") : html.index("</article>")]
    (tag,) = img_tags(article)
    assert attribute(tag, "alt") == "Đại biểu “Mặt trận” phát biểu &lt;ý kiến&gt;."
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("1200", "800")
    srcset = attribute(tag, "srcset")
    widths = [int(width) for width in re.findall(r" (\d+)w", srcset)]
    assert widths == [480, 800, 1200]
    assert caption.photo.name not in html
    assert "/media/" not in html
    # Every address in the srcset serves an image of the width it claims.
    for url, width in re.findall(r"(\S+) (\d+)w", srcset):
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        assert size_of(response) == (int(width), int(width) * 2 // 3)
    og = re.search(r'<meta property="og:image" content="([^"]+)"', html).group(1)
    assert og == "http://testserver" + attribute(tag, "src")
    assert og.split("/")[-2] == "1200"


def test_a_small_photo_is_never_enlarged(client, make_report):
    report = make_report()
    add_photo(report, 640, 480)
    html = client.get(report.get_absolute_url()).content.decode()
    (tag,) = img_tags(html[html.index("<article") : html.index("</article>")])
    assert re.findall(r" (\d+)w", attribute(tag, "srcset")) == ["480", "640"]
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("640", "480")
    assert size_of(client.get(attribute(tag, "src"))) == (640, 480)


def test_a_phone_photo_turned_by_exif_is_served_upright_with_matching_dimensions(
    client, make_report
):
    report = make_report()
    caption = add_photo(report, 1600, 1200, orientation=6)  # stored landscape, shown portrait
    assert (caption.photo_width, caption.photo_height) == (1200, 1600)
    html = client.get(report.get_absolute_url()).content.decode()
    (tag,) = img_tags(html[html.index("<article") : html.index("</article>")])
    assert (attribute(tag, "width"), attribute(tag, "height")) == ("1200", "1600")
    assert size_of(client.get(attribute(tag, "src"))) == (1200, 1600)


def test_list_cards_show_the_thumbnail_lazily_never_the_original(client, make_report):
    with_photo = make_report(title="Bài có ảnh")
    make_report(title="Bài không ảnh")
    caption = add_photo(with_photo, 2400, 1600, text="Ảnh toàn cảnh buổi lễ.")
    Caption.objects.create(report=with_photo, text="Chú thích không ảnh.", order=5)
    for url in (reverse("articles:report-list"), reverse("articles:home")):
        html = client.get(url).content.decode()
        tags = [tag for tag in img_tags(html) if "/anh/" in tag]
        assert len(tags) == 1, url
        (tag,) = tags
        assert attribute(tag, "src").startswith(f"/anh/{caption.pk}/nho/")
        assert (attribute(tag, "width"), attribute(tag, "height")) == ("320", "240")
        assert attribute(tag, "loading") == "lazy"
        assert attribute(tag, "alt") == "Ảnh toàn cảnh buổi lễ."
        assert caption.photo.name not in html
        assert size_of(client.get(attribute(tag, "src"))) == (320, 240)


def test_the_list_queries_do_not_grow_with_photos(
    client, make_report, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("articles:report-list")).status_code == 200
        return len(context.captured_queries)

    for _ in range(2):
        add_photo(make_report(), 800, 600)
    few = count()
    for _ in range(6):
        add_photo(make_report(), 800, 600)
    from django.core.cache import cache

    cache.clear()
    assert count() == few


def test_a_replaced_photo_gets_a_new_address_and_the_old_one_is_gone(client, make_report):
    report = make_report()
    caption = add_photo(report, 1000, 800)
    old = reverse(
        "articles:photo",
        kwargs={"pk": caption.pk, "key": "800", "name": caption.photo_w800.name.split("/")[-1]},
    )
    assert client.get(old).status_code == 200
    caption = Caption.objects.get(pk=caption.pk)
    caption.photo.save("anh-moi.png", ContentFile(image_bytes(900, 300, "PNG")))
    assert (caption.photo_width, caption.photo_height) == (900, 300)
    assert client.get(old).status_code == 404
    html = client.get(report.get_absolute_url()).content.decode()
    (tag,) = img_tags(html[html.index("<article") : html.index("</article>")])
    assert attribute(tag, "src") != old
    assert size_of(client.get(attribute(tag, "src"))) == (900, 300)


# Photo uploads


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("anh.jpg", b"day khong phai la anh"),
        ("anh.png", HTML),
        ("anh.gif", b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"),
        ("anh.jpg", image_bytes(60, 40, "PNG")),  # a PNG named .jpg
    ],
)
def test_a_photo_that_is_not_a_jpg_png_or_webp_image_is_refused_in_vietnamese(
    editor_client, make_report, filename, content
):
    report = make_report()
    upload = SimpleUploadedFile(filename, content, "image/jpeg")
    response = editor_client.post(
        f"{ADMIN}/caption/add/",
        {"report": report.pk, "text": "Ảnh hỏng.", "order": 0, "photo": upload},
    )
    assert response.status_code == 200
    errors = " ".join(str(error) for error in response.context["adminform"].form.errors["photo"])
    assert "ảnh" in errors.lower()
    assert not Caption.objects.exists()


@pytest.mark.parametrize(
    ("filename", "fmt"), [("a.jpg", "JPEG"), ("a.png", "PNG"), ("a.webp", "WEBP")]
)
def test_jpg_png_and_webp_photos_pass_the_model_check(make_report, filename, fmt):
    caption = Caption(
        report=make_report(),
        text="Ảnh.",
        photo=SimpleUploadedFile(filename, image_bytes(50, 40, fmt)),
    )
    caption.full_clean()


def test_the_model_refuses_a_fake_photo_whatever_the_path(make_report):
    caption = Caption(
        report=make_report(), text="Ảnh.", photo=SimpleUploadedFile("a.jpg", b"<html></html>")
    )
    with pytest.raises(ValidationError) as raised:
        caption.full_clean()
    assert "không phải ảnh" in str(raised.value)


# Attachment uploads


@pytest.mark.parametrize("ext", ["pdf", "doc", "xls", "docx", "xlsx", "odt", "jpg", "png"])
def test_each_allowed_attachment_type_is_accepted(make_report, ext):
    item = Attachment(
        report=make_report(),
        name=f"Tài liệu.{ext}",
        file=SimpleUploadedFile(f"tai-lieu.{ext.upper()}", document(ext)),
    )
    item.full_clean()


@pytest.mark.parametrize(
    ("filename", "content", "expected"),
    [
        ("trang.html", HTML, "Không nhận tệp “.html”"),
        ("trang.htm", HTML, "Không nhận tệp “.htm”"),
        ("ke-hoach.pdf", HTML, "là một trang HTML"),
        ("ke-hoach.docx", b"\xef\xbb\xbf\n  <html><body>x</body></html>", "là một trang HTML"),
        ("ke-hoach.docx", DOCUMENTS["pdf"], "không phải Word"),
        ("bang.xlsx", DOCUMENTS["docx"], "không phải Excel"),
        ("van-ban.odt", zip_bytes([("content.xml", b"<x/>")]), "không phải OpenDocument"),
        ("van-ban.docx", zip_bytes([("word/document.xml", b"<w/>")]), "không phải Word"),
        ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "không phải ảnh PNG"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "Không nhận tệp “.exe”"),
        ("khong-duoi", DOCUMENTS["pdf"], "Không nhận tệp “.không đuôi”"),
    ],
)
def test_html_renamed_files_and_other_types_are_refused_in_vietnamese(
    make_report, filename, content, expected
):
    item = Attachment(report=make_report(), name="Tệp", file=SimpleUploadedFile(filename, content))
    with pytest.raises(ValidationError) as raised:
        item.full_clean()
    assert expected in " ".join(raised.value.message_dict["file"])


def test_the_admin_refuses_an_html_attachment_and_keeps_nothing(
    editor_client, make_report, media_root
):
    report = make_report()
    response = editor_client.post(
        f"{ADMIN}/attachment/add/",
        {
            "report": report.pk,
            "name": "Kế hoạch.pdf",
            "file": SimpleUploadedFile("ke-hoach.pdf", HTML, "application/pdf"),
        },
    )
    assert response.status_code == 200
    assert "là một trang HTML" in response.content.decode()
    assert not Attachment.objects.exists()
    assert not list(media_root.rglob("*.pdf"))


def test_the_admin_accepts_a_docx_attachment(editor_client, make_report):
    report = make_report()
    response = editor_client.post(
        f"{ADMIN}/attachment/add/",
        {
            "report": report.pk,
            "name": "Danh sách.docx",
            "file": SimpleUploadedFile("danh-sach.docx", DOCUMENTS["docx"]),
        },
    )
    assert response.status_code == 302
    assert Attachment.objects.get().file.name.endswith(".docx")


# Serving


def test_an_attachment_downloads_as_an_attachment_typed_by_its_content(client, make_report):
    report = make_report()
    item = add_attachment(report, name="Kế hoạch số 12/KH-UBND.docx", filename="kh.docx",
                          content=DOCUMENTS["docx"])  # fmt: skip
    html = client.get(report.get_absolute_url()).content.decode()
    assert f'href="{item.get_download_url()}" download' in html
    assert "/media/" not in html
    response = client.get(item.get_download_url())
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    saved_as = unquote(response["Content-Disposition"].split("''")[1])
    assert saved_as == "Kế hoạch số 12 KH-UBND.docx"
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, max-age=3600"  # no shared cache
    assert b"".join(response.streaming_content) == DOCUMENTS["docx"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('../../etc/"passwd"\r\nSet-Cookie: x=1.pdf', 'filename="etc passwd Set-Cookie x=1.pdf"'),
        ("Kế hoạch 1.5 tỷ", "filename*=utf-8''K%E1%BA%BF%20ho%E1%BA%A1ch%201.5%20t%E1%BB%B7.pdf"),
        (
            "Báo cáo tổng kết.pdf",
            "filename*=utf-8''B%C3%A1o%20c%C3%A1o%20t%E1%BB%95ng%20k%E1%BA%BFt.pdf",
        ),
        ("trang.html", 'filename="trang.pdf"'),  # the extension follows the content
        ("   ", 'filename="tep-dinh-kem.pdf"'),
    ],
)
def test_download_names_are_made_safe(client, make_report, name, expected):
    item = add_attachment(make_report(), name=name)
    disposition = client.get(item.get_download_url())["Content-Disposition"]
    assert disposition == f"attachment; {expected}"


def test_a_file_stored_before_the_checks_goes_out_as_a_plain_download(client, make_report):
    report = make_report()
    item = Attachment(report=report, name="Cũ.pdf")
    item.file.save("cu.pdf", ContentFile(HTML))  # saved without the form's checks
    response = client.get(item.get_download_url())
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''C%C5%A9.bin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "state",
    [
        {"status": Report.Status.DRAFT},
        {"status": Report.Status.SUBMITTED},
        {"status": Report.Status.UNPUBLISHED},
        {"status": Report.Status.PUBLISHED, "published_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_files_of_a_report_readers_may_not_see_are_404_to_them_but_not_to_staff(
    client, editor, make_report, state
):
    report = make_report(**state)
    caption = add_photo(report, 1000, 700)
    item = add_attachment(report)
    photo_urls = [
        reverse(
            "articles:photo",
            kwargs={"pk": caption.pk, "key": key, "name": spec.name.split("/")[-1]},
        )
        for key, spec in (("nho", caption.photo_thumbnail), ("1200", caption.photo_w1200))
    ]
    urls = [*photo_urls, item.get_download_url(), "/media/" + caption.photo.name]
    for url in urls:
        assert client.get(url).status_code == 404, url
    client.force_login(editor)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store"


def test_originals_are_for_staff_only_even_when_published(client, editor, make_report):
    report = make_report()
    caption = add_photo(report, 1500, 1000)
    item = add_attachment(report)
    assert client.get("/media/" + caption.photo.name).status_code == 404
    assert client.get("/media/" + item.file.name).status_code == 404
    assert client.get("/media/../../etc/passwd").status_code == 404
    client.force_login(editor)
    original = client.get("/media/" + caption.photo.name)
    assert original.status_code == 200
    assert original["Content-Type"] == "image/jpeg"
    assert size_of(original) == (1500, 1000)
    assert client.get("/media/" + item.file.name)["Location"] == item.get_download_url()
    assert client.get("/media/anh/khong-co.jpg").status_code == 404


def test_a_wrong_size_key_or_a_photo_whose_file_is_lost_is_404_not_500(client, make_report):
    report = make_report()
    caption = add_photo(report, 900, 600)
    name = caption.photo_w800.name.split("/")[-1]
    bad = reverse("articles:photo", kwargs={"pk": caption.pk, "key": "5000", "name": name})
    assert client.get(bad).status_code == 404
    caption.photo.storage.delete(caption.photo.name)
    caption.photo_w800.storage.delete(caption.photo_w800.name)
    url = reverse("articles:photo", kwargs={"pk": caption.pk, "key": "800", "name": name})
    assert client.get(url).status_code == 404


def test_an_officials_and_a_documents_report_cards_show_the_thumbnail(client, make_report):
    from articles.models import Citation, Document, Official, ReportOfficial

    report = make_report(title="Hội nghị có ảnh")
    caption = add_photo(report, 1200, 900, text="Chủ tịch phát biểu.")
    official = Official.objects.create(full_name="Hoàng Trung Dũng")
    ReportOfficial.objects.create(report=report, official=official, title="Chủ tịch")
    document = Document.objects.create(code="12/KH-UBND")
    Citation.objects.create(report=report, document=document)
    for url in (official.get_absolute_url(), document.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 200, url
        (tag,) = [tag for tag in img_tags(response.content.decode()) if "/anh/" in tag]
        assert attribute(tag, "src").startswith(f"/anh/{caption.pk}/nho/")
        assert attribute(tag, "alt") == "Chủ tịch phát biểu."


def test_the_report_change_form_previews_thumbnails_without_more_queries_per_photo(
    editor_client, make_report
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    report = make_report(status=Report.Status.DRAFT)
    url = f"{ADMIN}/report/{report.pk}/change/"

    def count():
        with CaptureQueriesContext(connection) as context:
            response = editor_client.get(url)
        assert response.status_code == 200
        return len(context.captured_queries), response.content.decode()

    add_photo(report, 800, 600, text="Ảnh thứ nhất.")
    count()  # warm the per-process caches (content types, permissions)
    one, _ = count()
    captions = [add_photo(report, 800, 600, text=f"Ảnh số {n}.") for n in range(5)]
    six, html = count()
    assert six == one
    for caption in captions:
        (tag,) = re.findall(rf'<img src="/anh/{caption.pk}/nho/[^"]+"[^>]*>', html)
        assert attribute(tag, "alt") == caption.text
        # The draft's thumbnail is there for the editor.
        assert editor_client.get(attribute(tag, "src")).status_code == 200


def test_editing_a_row_whose_stored_file_is_lost_or_old_does_not_recheck_it(make_report):
    report = make_report()
    lost = Attachment.objects.create(report=report, name="Mất.pdf", file="tep/2022/04/mat.pdf")
    old = Attachment(report=report, name="Cũ.pdf")
    old.file.save("cu.pdf", ContentFile(HTML))  # stored before the checks existed
    caption = Caption.objects.create(report=report, text="Ảnh cũ.", photo="anh/2022/mat.jpg")
    for row in (Attachment.objects.get(pk=lost.pk), Attachment.objects.get(pk=old.pk)):
        row.name = row.name.replace(".pdf", " (sửa).pdf")
        row.full_clean()
        row.save()
    caption = Caption.objects.get(pk=caption.pk)
    caption.text = "Ảnh cũ, đã sửa chú thích."
    caption.full_clean()
    caption.save()
    assert caption.picture is None  # its file is lost: listed as a caption, not a broken image


def test_a_transparent_png_gets_an_opaque_jpeg_rendition(client, make_report):
    report = make_report()
    caption = Caption(report=report, text="Logo trong suốt.")
    image = Image.new("RGBA", (900, 600), (0, 0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    caption.photo.save("logo.png", ContentFile(buffer.getvalue()))
    url = caption.picture.src
    response = client.get(url)
    assert response["Content-Type"] == "image/jpeg"
    with Image.open(io.BytesIO(b"".join(response.streaming_content))) as rendition:
        assert rendition.format == "JPEG"
        assert rendition.size == (900, 600)
        assert rendition.getpixel((450, 300)) > (240, 240, 240)  # white, not black
