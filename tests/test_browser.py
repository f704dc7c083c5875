"""A reader's journey in headless Chromium against a live server.

Uses Debian's /usr/bin/chromium through Playwright (nothing downloads a browser). Screenshots
go to var/screenshots/.
"""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from articles.models import Locality

# Playwright's sync API keeps an event loop in this thread; the ORM calls here are synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENSHOTS = Path(settings.BASE_DIR) / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = pytest.mark.browser


def _missing(reason: str):
    # CI installs Chromium and Playwright; there a missing browser is a failure, not a skip.
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright is not installed (pip install -e '.[dev]')")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        _missing(f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}") if response.status >= 400 else None
        ),
    )
    page.problems = problems
    yield page
    context.close()


@pytest.fixture(scope="session")
def live_server_settings():
    """Settings the live server's middleware reads once, when it starts: plain HTTP, and
    static files from the app folders (tests do not run collectstatic)."""
    with override_settings(
        SECURE_SSL_REDIRECT=False,
        WHITENOISE_USE_FINDERS=True,
        WHITENOISE_AUTOREFRESH=True,
        STORAGES={
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield


@pytest.fixture
def gazetteer_survives_flush(django_db_blocker):
    """Live-server tests end with a flush; reload the gazetteer for every test after this one.

    Requested first, so its teardown runs after the flush of ``transactional_db``.
    """
    with django_db_blocker.unblock():
        call_command("load_localities", stdout=StringIO())
    yield
    with django_db_blocker.unblock():
        call_command("load_localities", stdout=StringIO())


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_reader_finds_a_province_year_report_official_and_searches(
    live_server_settings, gazetteer_survives_flush, transactional_db, live_server, public_site, page
):
    site = public_site
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.get_by_role("heading", name="Bài viết mới").is_visible()
    assert page.get_by_role("link", name="Hà Tĩnh").first.is_visible()
    shot(page, "01-trang-chu")

    # The list, filtered by province and year; the districts follow the province (script).
    page.get_by_role("navigation", name="Chuyên mục").get_by_role("link", name="Bài viết").click()
    page.wait_for_url("**/bai-viet/")
    page.get_by_label("Tỉnh, thành phố", exact=True).select_option("ha-tinh")
    district = page.get_by_label("Quận, huyện (trước 01/7/2025)", exact=True)
    district.locator("option[value='huong-khe']").wait_for(state="attached")
    assert district.is_enabled()
    # The communes follow too: today's province lists today's communes, a former district
    # its own, each with its count.
    commune = page.get_by_label("Xã, phường", exact=True)
    commune.locator("option[value='xa-huong-khe']").wait_for(state="attached")
    assert commune.is_enabled()
    district.select_option("huong-khe")
    former = Locality.objects.communes().filter(parent__slug="huong-khe").order_by("code").first()
    commune.locator(f"option[value='{former.slug}']").wait_for(state="attached")
    assert commune.locator("option[value='xa-huong-khe']").count() == 0
    assert commune.locator(f"option[value='{former.slug}']").inner_text().endswith("(0)")
    page.get_by_label("Năm", exact=True).select_option("2023")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/bai-viet/?*province=ha-tinh*")
    assert "year=2023" in page.url
    cards = page.locator(".report-card__title")
    assert cards.count() == 1
    assert "Dân vận khéo" in cards.first.inner_text()
    shot(page, "02-danh-sach-ha-tinh-2023")

    # The report, then an official named in it.
    cards.first.get_by_role("link").click()
    page.wait_for_url(f"**{site.kheo.get_absolute_url()}")
    assert "Dân vận khéo" in page.get_by_role("heading", level=1).inner_text()
    assert page.get_by_text("Trưởng Ban Dân vận Tỉnh ủy Hà Tĩnh").is_visible()
    shot(page, "03-bai-viet")
    page.get_by_role("link", name="Nguyễn Thị Hoà").click()
    page.wait_for_url(f"**{site.official.get_absolute_url()}")
    assert page.get_by_role("heading", level=1).inner_text() == "Nguyễn Thị Hoà"
    assert page.get_by_role("link", name=site.event.title).is_visible()
    shot(page, "04-can-bo")

    # Search typed without diacritics.
    page.get_by_label("Tìm bài viết").fill("dan van kheo")
    page.get_by_label("Tìm bài viết").press("Enter")
    page.wait_for_url("**/tim-kiem/?q=dan+van+kheo")
    results = page.locator(".report-card__title")
    assert results.count() == 2  # Hà Tĩnh's report and Minh Long's
    assert page.locator("mark").first.inner_text().lower() == "dân"
    shot(page, "05-tim-kiem")

    # A 360 px phone: nothing overflows sideways.
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ["/", "/bai-viet/?province=ha-tinh", site.kheo.get_absolute_url()]:
        page.goto(live_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, (path, width)
    shot(page, "06-dien-thoai-bai-viet")

    # On the phone the results come first: the filters fold into a one-line summary with
    # their chips, the facets follow the results. The first result shows on the first screen.
    page.goto(live_server.url + "/bai-viet/?province=ha-tinh")
    first = page.locator(".report-card").first
    top = page.evaluate(
        "document.querySelector('.report-card').getBoundingClientRect().top + window.scrollY"
    )
    assert top + 60 < 740, top
    summary = page.locator(".filter-box summary")
    assert "Hà Tĩnh" in summary.inner_text()
    assert summary.bounding_box()["height"] < 60
    assert not page.get_by_label("Năm", exact=True).is_visible()
    facets = page.locator("#facet-nam").bounding_box()
    assert facets["y"] > first.bounding_box()["y"]
    summary.click()
    assert page.get_by_label("Năm", exact=True).is_visible()
    shot(page, "06b-dien-thoai-danh-sach")

    # Today's Đồng Nai covers former Bình Phước; events by month; a report as printed.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/dia-phuong/dong-nai/")
    assert page.get_by_role("link", name=site.binh_phuoc.title).is_visible()
    shot(page, "07-dia-phuong-dong-nai")
    page.goto(live_server.url + "/su-kien/?year=2023")
    assert page.get_by_role("heading", name="Tháng 11/2023").is_visible()
    shot(page, "08-su-kien-2023")
    page.goto(live_server.url + site.kheo.get_absolute_url())
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    shot(page, "09-bai-viet-ban-in")
    page.emulate_media(media="screen")

    # Keyboard users get the skip link first.
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Bỏ qua, đến nội dung chính"

    assert not page.problems, page.problems


@pytest.fixture
def roles(transactional_db):
    """The two groups, rebuilt: a live-server test's database may just have been flushed."""
    from articles.roles import setup_roles

    setup_roles()


def log_in(page, base_url, user):
    page.goto(base_url + "/quan-tri/")
    page.wait_for_url("**/quan-tri/login/**")
    page.locator("#id_username").fill(user.username)
    page.locator("#id_password").fill("mat-khau-thu-nghiem-42")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/quan-tri/")


def test_an_editor_submits_a_report_and_an_approver_publishes_it(
    live_server_settings,
    gazetteer_survives_flush,
    transactional_db,
    roles,
    live_server,
    editor,
    approver,
    make_report,
    locality,
    page,
):
    from articles.models import Report

    draft = make_report(
        title="Xã Tân Hiệp ra mắt mô hình “Dân vận khéo” về chuyển đổi số",
        summary="Mô hình giúp người dân làm thủ tục trực tuyến.",
        body="Sáng nay, xã Tân Hiệp ra mắt mô hình.\n\nĐoàn viên hướng dẫn bà con.",
        locality=locality("minh-long"),
        status=Report.Status.DRAFT,
        published_at=None,
    )
    base = live_server.url

    # The editor opens the draft from the list and submits it; only "Gửi duyệt" is offered.
    log_in(page, base, editor)
    page.goto(base + "/quan-tri/articles/report/?state=draft")
    page.get_by_role("link", name=draft.title).click()
    page.wait_for_url(f"**/quan-tri/articles/report/{draft.pk}/change/**")
    panel = page.locator(".workflow-panel")
    assert "Trạng thái: Bản nháp" in panel.inner_text()
    assert panel.get_by_role("button").all_inner_texts() == ["Gửi duyệt"]
    shot(page, "10-bien-tap-vien-ban-nhap")
    panel.get_by_label("Ghi chú (không bắt buộc)").fill("Nhờ anh chị duyệt giúp.")
    panel.get_by_role("button", name="Gửi duyệt").click()
    page.wait_for_url(f"**/quan-tri/articles/report/{draft.pk}/change/**")
    assert "Trạng thái mới: Chờ duyệt" in page.locator(".messagelist").inner_text()
    assert page.locator(".workflow-panel").get_by_role("button").count() == 0
    shot(page, "11-bien-tap-vien-da-gui-duyet")
    page.get_by_role("button", name="Thoát").click()
    page.wait_for_url("**/quan-tri/logout/")

    # The approver finds it among the submitted reports and publishes it.
    log_in(page, base, approver)
    page.goto(base + "/quan-tri/articles/report/?state=submitted")
    assert page.locator("#result_list").get_by_text("Chờ duyệt").is_visible()
    page.get_by_role("link", name=draft.title).click()
    # all_inner_texts() does not wait: let the change page load first.
    page.wait_for_url(f"**/quan-tri/articles/report/{draft.pk}/change/**")
    panel = page.locator(".workflow-panel")
    panel.get_by_role("button").first.wait_for()
    assert panel.get_by_role("button").all_inner_texts() == [
        "Duyệt và xuất bản",
        "Lên lịch",
        "Trả lại",
    ]
    shot(page, "12-duyet-bai-cho-duyet")
    panel.locator("form", has=page.get_by_role("button", name="Duyệt và xuất bản")).get_by_role(
        "button"
    ).click()
    page.wait_for_url(f"**/quan-tri/articles/report/{draft.pk}/change/**")
    assert "Trạng thái mới: Đã xuất bản" in page.locator(".messagelist").inner_text()
    shot(page, "13-duyet-bai-da-xuat-ban")
    page.goto(base + f"/quan-tri/articles/report/{draft.pk}/history/")
    transitions = page.locator("#report-transitions")
    assert "Nhờ anh chị duyệt giúp." in transitions.inner_text()
    assert "Chờ duyệt → Đã xuất bản" in transitions.inner_text()
    shot(page, "14-lich-su-chuyen-trang-thai")

    # Readers see it.
    draft.refresh_from_db()
    page.get_by_role("button", name="Thoát").click()
    page.goto(base + draft.get_absolute_url())
    assert page.get_by_role("heading", level=1).inner_text() == draft.title
    shot(page, "15-bai-da-xuat-ban")
    assert list(draft.transitions.values_list("action", "user__username")) == [
        ("submit", editor.username),
        ("publish", approver.username),
    ]
    assert not page.problems, page.problems
