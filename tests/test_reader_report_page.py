"""What a reader sees on a report's page: the lead once, doubt in plain words, captions,
attachments, the source link, and the page's metadata."""

import io
import json
import re
from datetime import date, datetime

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from articles.models import Attachment, Caption, Organization, Report
from tests.conftest import VN

pytestmark = pytest.mark.django_db

CRAWLER = "Mozilla/5.0 (compatible; Googlebot/2.1)"


def page(report, client=None, **headers) -> str:
    response = (client or Client()).get(report.get_absolute_url(), **headers)
    assert response.status_code == 200
    return response.content.decode()


def article(html: str) -> str:
    return html.split('<article class="report">', 1)[1].split("</article>", 1)[0]


def json_ld(html: str) -> dict:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(found) == 1, found
    return json.loads(found[0])


def test_the_lead_repeated_as_the_first_paragraph_is_printed_once(make_report):
    lead = "Sáng ngày 6/4/2022, Thường trực Huyện ủy tổ chức hội nghị trực báo công tác dân vận."
    report = make_report(
        summary=lead,
        body=f"{lead}\n\nHội nghị đánh giá kết quả quý I.\n\nCác đại biểu thảo luận sôi nổi.",
    )
    html = article(page(report))
    assert html.count("Thường trực Huyện ủy tổ chức hội nghị") == 1
    assert '<p class="lead">' in html
    assert "Hội nghị đánh giá kết quả quý I." in html
    assert "Các đại biểu thảo luận sôi nổi." in html


def test_a_lead_that_differs_from_the_first_paragraph_keeps_both(make_report):
    report = make_report(
        summary="Tóm tắt do biên tập viên viết.", body="Đoạn mở đầu khác hẳn.\n\nĐoạn hai."
    )
    html = article(page(report))
    assert "Tóm tắt do biên tập viên viết." in html
    assert "Đoạn mở đầu khác hẳn." in html


def test_an_unknown_publication_date_is_left_out(make_report):
    report = make_report(published_at=None, year=None, summary="Không có ngày.")
    html = article(page(report))
    assert "Ngày đăng" not in html
    assert "Không rõ" not in html
    assert "không rõ" not in html


def test_an_inferred_year_reads_as_an_estimate_for_readers(make_report):
    report = make_report(published_at=None, year=2023, year_precision="year-inferred")
    html = article(page(report))
    assert "chưa chắc chắn" not in html
    assert "suy ra" not in html
    assert re.search(r"<dd>2023 <span[^>]*>\(ước tính\)</span></dd>", html)


def test_a_date_with_an_inferred_year_says_the_year_is_an_estimate(make_report):
    report = make_report(
        published_at=datetime(2022, 5, 23, 8, 0, tzinfo=VN), published_precision="year-inferred"
    )
    html = article(page(report))
    assert "23/05/2022" in html
    assert "(năm ước tính)" in html
    assert "chưa chắc chắn" not in html


def test_editors_keep_the_precise_wording_in_the_admin(editor_client, make_report):
    report = make_report(published_at=None, year=2023, year_precision="year-inferred")
    response = editor_client.get(reverse("admin:articles_report_change", args=[report.pk]))
    assert response.status_code == 200
    assert "Năm được suy ra" in response.content.decode()


def test_the_card_of_a_report_with_an_inferred_year_says_about(client, make_report):
    make_report(
        title="Bài không ngày", published_at=None, year=2021, year_precision="year-inferred"
    )
    make_report(title="Bài không năm", published_at=None, year=None)
    html = client.get(reverse("articles:report-list")).content.decode()
    assert "Khoảng năm 2021" in html
    assert "Không rõ ngày" not in html


def test_captions_without_photos_are_not_an_empty_gallery(make_report):
    report = make_report()
    Caption.objects.create(report=report, text="Quang cảnh hội nghị tổng kết.")
    Caption.objects.create(report=report, text="Đại biểu phát biểu ý kiến.", order=1)
    html = article(page(report))
    assert "<figure" not in html
    assert ">Ảnh</h2>" not in html
    assert "Chú thích ảnh" in html
    assert "<li>Quang cảnh hội nghị tổng kết.</li>" in html
    assert "<li>Đại biểu phát biểu ý kiến.</li>" in html


def test_a_caption_with_its_photo_is_a_figure_and_the_page_image(make_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    caption = Caption(report=report, text="Quang cảnh hội nghị.")
    image = io.BytesIO()
    Image.new("RGB", (1600, 900), "navy").save(image, "PNG")
    caption.photo.save("hoi-nghi.png", ContentFile(image.getvalue()), save=True)
    html = page(report)
    assert "<figure><img" in article(html)
    # The page image is the 1200 px rendition, never the original.
    rendition = rf"http://testserver/anh/{caption.pk}/1200/[0-9a-f]+\.jpg"
    assert re.search(rf'<meta property="og:image" content="{rendition}"', html)
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.fullmatch(rendition, json_ld(html)["image"][0])
    assert "/media/" not in html


def test_an_attachment_links_to_its_file_only_when_the_file_exists(make_report, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    uploaded = Attachment(report=report, name="Kế hoạch số 12.pdf")
    uploaded.file.save("ke-hoach-12.pdf", ContentFile(b"%PDF-1.4"), save=True)
    Attachment.objects.create(report=report, name="Danh sách khen thưởng.docx")
    lost = Attachment.objects.create(report=report, name="Báo cáo đã mất.pdf")
    Attachment.objects.filter(pk=lost.pk).update(file="tep/2022/04/khong-con.pdf")
    html = article(page(report))
    assert f'<a href="/tep-dinh-kem/{uploaded.pk}/" download>' in html
    assert "Danh sách khen thưởng.docx <span" in html
    assert html.count("(tệp gốc chưa có)") == 2
    assert "khong-con.pdf" not in html


def test_a_view_count_of_zero_is_not_shown(make_report):
    report = make_report()
    # A crawler's visit is not counted, so the count stays at zero.
    html = article(page(report, HTTP_USER_AGENT=CRAWLER))
    assert "Lượt xem" not in html
    Report.objects.filter(pk=report.pk).update(view_count=41)
    assert "<dt>Lượt xem</dt><dd>41</dd>" in article(page(report, HTTP_USER_AGENT=CRAWLER))


def test_the_source_link_is_the_reports_source_url(make_report):
    report = make_report(
        source_site="Cổng thông tin điện tử huyện Minh Long",
        source_url="https://minhlong.quangngai.gov.vn/tin-tuc/hoi-nghi-truc-bao.html",
    )
    html = article(page(report))
    assert (
        'Nguồn: <a href="https://minhlong.quangngai.gov.vn/tin-tuc/hoi-nghi-truc-bao.html"' in html
    )
    assert ">Cổng thông tin điện tử huyện Minh Long</a>" in html


def test_a_source_url_that_is_not_a_web_address_is_not_a_link(make_report):
    report = make_report(source_site="Trang nguồn", source_url="javascript:alert(1)")
    html = article(page(report))
    assert "javascript:" not in html
    assert "Nguồn: Trang nguồn" in html


def test_a_report_page_has_news_article_structured_data(make_report):
    organization = Organization.objects.create(name="Ban Dân vận Huyện ủy Minh Long")
    report = make_report(
        title="Hội nghị trực báo công tác dân vận quý I năm 2022",
        summary="Thường trực Huyện ủy tổ chức hội nghị.",
        author="Minh Anh",
        author_organization=organization,
        published_at=datetime(2022, 4, 13, 9, 30, tzinfo=VN),
    )
    html = page(report)
    data = json_ld(html)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == report.title
    assert data["datePublished"].startswith("2022-04-13T")
    assert data["dateModified"]
    assert data["author"] == {"@type": "Person", "name": "Minh Anh"}
    assert data["publisher"]["name"] == "Dân Công Tác"
    assert data["mainEntityOfPage"] == "http://testserver" + report.get_absolute_url()
    assert "image" not in data
    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html


def test_an_undated_report_takes_the_event_day_as_its_publication(make_report):
    report = make_report(
        published_at=None, event_date=date(2023, 8, 25), event_date_precision="day"
    )
    assert json_ld(page(report))["datePublished"] == "2023-08-25"


def test_structured_data_cannot_break_out_of_its_script(make_report):
    hostile = '</script><script>alert("x")</script><!-- & "quoted"'
    report = make_report(title=f"Tiêu đề {hostile}", summary=hostile, author=hostile)
    html = page(report)
    script = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(script) == 1
    assert "<" not in script[0] and ">" not in script[0]
    data = json_ld(html)
    assert data["description"] == hostile
    assert data["author"]["name"] == hostile
    assert "<script>alert" not in html


def test_every_page_links_a_favicon_that_is_served(client, make_report):
    html = client.get(reverse("articles:home")).content.decode()
    icons = re.findall(r'<link rel="icon" href="([^"]+)"', html)
    assert icons
    for href in icons:
        response = client.get(href)
        assert response.status_code == 200, href
        assert b"".join(response.streaming_content if response.streaming else [response.content])


def test_favicon_ico_at_the_root_answers(client):
    response = client.get("/favicon.ico", follow=True)
    assert response.status_code == 200
    assert response.redirect_chain
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
