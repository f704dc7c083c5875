from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Locality, Report
from articles.roles import EDITORS_GROUP

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
def editor_client(client, editor):
    client.force_login(editor)
    return client
