import re
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
    passwords = dict(re.findall(r"Tên đăng nhập: (\S+)  Mật khẩu: (\S+)", stored))
    assert set(passwords) == {"bientap", "duyetbai"}
    assert oct((tmp_path / "demo-editor.txt").stat().st_mode & 0o777) == "0o600"

    for username, group in (("bientap", "Biên tập viên"), ("duyetbai", "Duyệt bài")):
        assert passwords[username] in out.getvalue()
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert client.login(username=username, password=passwords[username])
    assert not get_user_model().objects.get(username="bientap").has_perm("articles.publish_report")
    assert get_user_model().objects.get(username="duyetbai").has_perm("articles.publish_report")

    again = StringIO()
    call_command("create_demo_editor", stdout=again)
    assert not any(password in again.getvalue() for password in passwords.values())
    assert "đã có" in again.getvalue()


def test_demo_editor_is_refused_outside_debug(settings, tmp_path):
    settings.DEBUG = False
    settings.VAR_DIR = tmp_path
    with pytest.raises(CommandError, match="DJANGO_DEBUG=1"):
        call_command("create_demo_editor", stdout=StringIO())
    assert not get_user_model().objects.filter(username="bientap").exists()
