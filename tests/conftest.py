from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Locality, Report
from articles.roles import APPROVERS_GROUP, EDITORS_GROUP

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database carries the real gazetteer, loaded once per session."""
    with django_db_blocker.unblock():
        call_command("load_localities", stdout=StringIO())


@pytest.fixture(autouse=True)
def _test_server_settings(settings):
    # Tests do not run collectstatic: serve static files from the app folders as in development.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_AUTOREFRESH = True
    settings.WHITENOISE_USE_FINDERS = True
    # The test client speaks plain HTTP; production keeps the redirect (see test_settings).
    settings.SECURE_SSL_REDIRECT = False


@pytest.fixture
def locality():
    def get(slug):
        return Locality.objects.get(slug=slug)

    return get


@pytest.fixture
def make_report(db):
    counter = iter(range(1, 10_000))

    def make(**fields):
        fields.setdefault("title", f"Hội nghị công tác dân vận số {next(counter)}")
        fields.setdefault("status", Report.Status.PUBLISHED)
        fields.setdefault("published_at", datetime(2022, 4, 13, 9, 30, tzinfo=VN))
        return Report.objects.create(**fields)

    return make


@pytest.fixture
def editor(db):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username="bientapvien", password="mat-khau-thu-nghiem-42", is_staff=True
    )
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    return user


@pytest.fixture
def approver(db):
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(
        username="duyetbai", password="mat-khau-thu-nghiem-42", is_staff=True
    )
    user.groups.add(Group.objects.get(name=APPROVERS_GROUP))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Facet counts and the province table are cached; each test starts from an empty cache.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def public_site(db, make_report, locality):
    """A small published site: provinces before and after 2025, years, people and documents."""
    from datetime import date
    from types import SimpleNamespace

    from articles.models import (
        Caption,
        Citation,
        Document,
        Event,
        EventParticipant,
        Official,
        Organization,
        Position,
        ReportOfficial,
    )

    ban_dan_van = Organization.objects.create(
        name="Ban Dân vận Tỉnh ủy Hà Tĩnh",
        kind=Organization.Kind.MASS_MOBILIZATION,
        locality=locality("ha-tinh-cu"),
    )
    official = Official.objects.create(full_name="Nguyễn Thị Hoà")
    Position.objects.create(
        official=official, title="Trưởng Ban Dân vận Tỉnh ủy", organization=ban_dan_van
    )
    resolution = Document.objects.create(
        code="25-NQ/TW",
        kind=Document.Kind.RESOLUTION,
        issuing_level="TW",
        subject="Về tăng cường và đổi mới sự lãnh đạo của Đảng đối với công tác dân vận",
    )
    conference = Event.objects.create(
        title="Hội nghị tổng kết phong trào Dân vận khéo",
        kind=Event.Kind.REVIEW,
        date=date(2023, 11, 20),
        date_precision="day",
        locality=locality("ha-tinh-cu"),
        organizer=ban_dan_van,
    )
    EventParticipant.objects.create(
        event=conference, official=official, role="chu-tri", title="Trưởng Ban Dân vận Tỉnh ủy"
    )
    schedule = Event.objects.create(
        title="Lịch công tác: giao ban khối dân vận",
        kind=Event.Kind.SCHEDULE,
        date=date(2099, 1, 5),
        date_precision="day",
    )
    kheo = make_report(
        title="Hà Tĩnh tổng kết phong trào “Dân vận khéo” năm 2023",
        summary="Nhiều mô hình hay được nhân rộng ở cơ sở.",
        body="Hội nghị đánh giá cao mô hình hòa giải ở cơ sở.\n\nCác xã thi đua sôi nổi.",
        author="Minh Anh",
        locality=locality("huong-khe"),
        published_at=datetime(2023, 11, 21, 8, 0, tzinfo=VN),
        published_precision="exact",
        event=conference,
        featured=True,
    )
    kheo.organizations.add(ban_dan_van)
    schedule.source_report = kheo  # read from that page's "Lịch công tác" ticker
    schedule.save()
    ReportOfficial.objects.create(
        report=kheo, official=official, title="Trưởng Ban Dân vận Tỉnh ủy Hà Tĩnh"
    )
    Citation.objects.create(report=kheo, document=resolution, context="Nghị quyết số 25-NQ/TW")
    Caption.objects.create(report=kheo, text="Quang cảnh hội nghị tổng kết.")
    ha_tinh_2022 = make_report(
        title="Giao ban công tác dân vận quý II tại Hà Tĩnh",
        body="Hoà giải thành nhiều vụ việc.",
        locality=locality("ha-tinh-cu"),
        published_at=datetime(2022, 6, 30, 9, 0, tzinfo=VN),
    )
    Citation.objects.create(report=ha_tinh_2022, document=resolution)
    binh_phuoc = make_report(
        title="Bình Phước ra quân dân vận ở vùng đồng bào dân tộc thiểu số",
        body="Đoàn công tác đến thăm bà con.",
        locality=locality("binh-phuoc"),
        published_at=datetime(2023, 3, 2, 9, 0, tzinfo=VN),
    )
    dong_nai_2025 = make_report(
        title="Đồng Nai triển khai công tác dân vận sau hợp nhất",
        body="Tỉnh Đồng Nai mới họp bàn.",
        locality=locality("dong-nai"),
        published_at=datetime(2025, 8, 1, 9, 0, tzinfo=VN),
    )
    minh_long = make_report(
        title="Minh Long xây dựng mô hình dân vận khéo",
        body="Huyện miền núi Minh Long.",
        locality=locality("minh-long"),
        published_at=datetime(2021, 5, 5, 9, 0, tzinfo=VN),
    )
    draft = make_report(
        title="Bản nháp về Hà Tĩnh chưa duyệt",
        locality=locality("ha-tinh-cu"),
        status="draft",
    )
    return SimpleNamespace(
        organization=ban_dan_van,
        official=official,
        document=resolution,
        event=conference,
        schedule=schedule,
        kheo=kheo,
        ha_tinh_2022=ha_tinh_2022,
        binh_phuoc=binh_phuoc,
        dong_nai_2025=dong_nai_2025,
        minh_long=minh_long,
        draft=draft,
    )
