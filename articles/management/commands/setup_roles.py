from django.core.management.base import BaseCommand

from articles.roles import setup_roles


class Command(BaseCommand):
    help = (
        "Tạo hoặc cập nhật nhóm “Biên tập viên” và nhóm “Duyệt bài” với đúng các quyền cần thiết."
    )

    def handle(self, *args, **options):
        for group in setup_roles().values():
            self.stdout.write(
                self.style.SUCCESS(
                    f"Nhóm “{group.name}” có {group.permissions.count()} quyền; "
                    "không có quyền quản lý người dùng hay nhóm."
                )
            )
