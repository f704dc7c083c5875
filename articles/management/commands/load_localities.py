from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.localities import DATA_FILE, LocalityDataError, load_localities


class Command(BaseCommand):
    help = (
        "Nạp danh mục đơn vị hành chính của hai thời kỳ: tỉnh, huyện, xã trước 01/7/2025 "
        "và tỉnh, xã từ 01/7/2025, cùng các liên kết cũ → mới."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="Tệp JSON dữ liệu.")

    def handle(self, *args, file: Path, **options):
        try:
            result = load_localities(file)
        except FileNotFoundError as error:
            raise CommandError(f"Không tìm thấy tệp dữ liệu: {file}") from error
        except IsADirectoryError as error:
            raise CommandError(f"Đường dẫn là một thư mục, không phải tệp: {file}") from error
        except (LocalityDataError, ValueError, KeyError) as error:
            raise CommandError(f"Tệp dữ liệu địa phương không hợp lệ ({file}): {error}") from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã nạp danh mục địa phương: {result.current_provinces} tỉnh, thành phố hiện nay; "
                f"{result.legacy_provinces} tỉnh, thành phố trước 01/7/2025; "
                f"{result.legacy_districts} quận, huyện, thị xã, thành phố thuộc tỉnh "
                f"(và {result.former_districts} đơn vị đã giải thể trước năm 2025); "
                f"{result.legacy_communes} xã, phường, thị trấn trước 01/7/2025; "
                f"{result.current_communes} xã, phường, đặc khu hiện nay; "
                f"{result.transitions} liên kết cũ → mới. "
                f"Tạo mới {result.created}, cập nhật {result.updated}."
            )
        )
