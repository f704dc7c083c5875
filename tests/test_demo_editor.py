from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def test_demo_editor_is_created_once_with_a_stored_password(settings, tmp_path, client):
    settings.DEBUG = True
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("create_demo_editor", stdout=out)
    stored = (tmp_path / "demo-editor.txt").read_text(encoding="utf-8")
    password = stored.split("Mật khẩu: ")[1].strip()
    assert password in out.getvalue()
    assert oct((tmp_path / "demo-editor.txt").stat().st_mode & 0o777) == "0o600"

    user = get_user_model().objects.get(username="bientap")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Biên tập viên").exists()
    assert client.login(username="bientap", password=password)

    again = StringIO()
    call_command("create_demo_editor", stdout=again)
    assert password not in again.getvalue()
    assert "đã có" in again.getvalue()


def test_demo_editor_is_refused_outside_debug(settings, tmp_path):
    settings.DEBUG = False
    settings.VAR_DIR = tmp_path
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_editor", stdout=StringIO())
    assert not get_user_model().objects.filter(username="bientap").exists()
