from django.core.management.base import BaseCommand
from django.db import transaction

from articles.models import Document, Event, Official, Organization
from articles.models.visibility import refresh_visibility


class Command(BaseCommand):
    help = (
        "Tính lại, cho mọi cán bộ, tổ chức, văn bản và sự kiện, thời điểm bạn đọc được thấy "
        "(theo các bài đã xuất bản). Dùng sau khi sửa dữ liệu trực tiếp trong cơ sở dữ liệu."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            refresh_visibility()
        for model in (Official, Organization, Document, Event):
            self.stdout.write(
                f"{model._meta.verbose_name_plural.capitalize()}: "
                f"{model.objects.public().count()} / {model.objects.count()} hiện với bạn đọc."
            )
        self.stdout.write(self.style.SUCCESS("Đã cập nhật."))
