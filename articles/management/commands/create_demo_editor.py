import os
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.roles import APPROVERS_GROUP, EDITORS_GROUP, setup_roles

# (username, display name, group): one demo account per role.
ACCOUNTS = (
    ("bientap", "Biên tập viên mẫu", EDITORS_GROUP),
    ("duyetbai", "Người duyệt bài mẫu", APPROVERS_GROUP),
)
CREDENTIALS_FILE = "demo-editor.txt"


class Command(BaseCommand):
    help = (
        "Chỉ dùng cho máy cục bộ (DEBUG bật): tạo một tài khoản biên tập viên và một tài khoản "
        "duyệt bài mẫu với mật khẩu ngẫu nhiên, in ra một lần và lưu trong thư mục var/."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Chỉ tạo tài khoản mẫu khi DJANGO_DEBUG=1. Trên máy chủ thật, hãy dùng "
                "`python manage.py createsuperuser` và thêm người dùng vào nhóm Biên tập viên "
                "hoặc Duyệt bài."
            )
        credentials = settings.VAR_DIR / CREDENTIALS_FILE
        user_model = get_user_model()
        usernames = [username for username, _, _ in ACCOUNTS]
        if credentials.exists() and user_model.objects.filter(
            username__in=usernames
        ).count() == len(ACCOUNTS):
            self.stdout.write(
                f"Tài khoản mẫu {', '.join(usernames)} đã có; mật khẩu lưu trong {credentials}."
            )
            return
        lines = []
        with transaction.atomic():
            groups = setup_roles()
            for username, display_name, group_name in ACCOUNTS:
                password = secrets.token_urlsafe(12)
                user, _ = user_model.objects.get_or_create(username=username)
                user.is_staff = True
                user.is_superuser = False
                user.first_name = display_name
                user.set_password(password)
                user.save()
                user.groups.set([groups[group_name]])
                lines.append(f"{group_name} – Tên đăng nhập: {username}  Mật khẩu: {password}")
        credentials.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(credentials, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
        self.stdout.write(
            self.style.SUCCESS(
                "Đã tạo tài khoản mẫu.\n"
                + "\n".join(lines)
                + f"\n(Mật khẩu chỉ in ra lần này; bản lưu ở {credentials}.)"
            )
        )
