import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.roles import setup_roles

USERNAME = "bientap"


class Command(BaseCommand):
    help = (
        "Chỉ dùng cho máy cục bộ (DEBUG bật): tạo tài khoản biên tập viên mẫu với mật khẩu "
        "ngẫu nhiên, in ra một lần và lưu trong thư mục var/."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Chỉ tạo tài khoản mẫu khi DJANGO_DEBUG=1. Trên máy chủ thật, hãy dùng "
                "`python manage.py createsuperuser` và thêm người dùng vào nhóm Biên tập viên."
            )
        credentials = settings.VAR_DIR / "demo-editor.txt"
        user_model = get_user_model()
        if user_model.objects.filter(username=USERNAME).exists() and credentials.exists():
            self.stdout.write(
                f"Tài khoản biên tập mẫu “{USERNAME}” đã có; mật khẩu lưu trong {credentials}."
            )
            return
        password = secrets.token_urlsafe(12)
        with transaction.atomic():
            user, _ = user_model.objects.get_or_create(username=USERNAME)
            user.is_staff = True
            user.is_superuser = False
            user.first_name = "Biên tập viên mẫu"
            user.set_password(password)
            user.save()
            user.groups.add(setup_roles())
        credentials.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(credentials, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(f"Tên đăng nhập: {USERNAME}\nMật khẩu: {password}\n")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo tài khoản biên tập mẫu. Tên đăng nhập: {USERNAME}  Mật khẩu: {password}\n"
                f"(Mật khẩu chỉ in ra lần này; bản lưu ở {credentials}.)"
            )
        )
