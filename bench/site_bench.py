"""Public-site benchmark on PostgreSQL: server time of the list, detail and search pages.

Fills a PostgreSQL database with N synthetic published reports (default 100,000) with their
officials, documents, organizations and events (bulk_create), then times, through Django's
test client (the whole request: middleware, view, queries, template), many requests of:

- the report list filtered by province and year (facets cached, and with a cold cache),
- the report list without filters,
- the report list filtered by commune (a current commune reaches the former ones),
- the report detail page,
- search without diacritics, with diacritics, and quoted phrases,

and, beside each, the bare SQL the page runs for the same filter (count + one page of rows).
It prints the median and p95 in milliseconds.

Run from the repository root against a PostgreSQL database you can wipe:

    .venv/bin/python bench/site_bench.py --database-url postgres://postgres@127.0.0.1:55433/dct_bench

The data is kept between runs (pass --rebuild to start again). Targets on a 2-core machine:
p95 under 50 ms for list and detail, under 100 ms for search.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
VN = ZoneInfo("Asia/Ho_Chi_Minh")

ACTIONS = [
    "Hội nghị tổng kết",
    "Hội nghị sơ kết",
    "Giao ban",
    "Trực báo",
    "Tập huấn",
    "Hội thi",
    "Làm việc về",
    "Kiểm tra",
]
TOPICS = [
    "công tác dân vận",
    "phong trào thi đua “Dân vận khéo”",
    "công tác hòa giải ở cơ sở",
    "xây dựng nông thôn mới",
    "công tác dân tộc, tôn giáo",
    "Quy chế dân chủ ở cơ sở",
    "Mặt trận Tổ quốc và các đoàn thể",
    "công tác dân vận chính quyền",
    "Đảng ủy khối cơ quan",
    "phòng, chống thiên tai",
]
SENTENCES = [
    "Hội nghị đã thảo luận các giải pháp nâng cao hiệu quả công tác dân vận ở cơ sở.",
    "Các đại biểu thống nhất cao với dự thảo báo cáo và phương hướng nhiệm vụ thời gian tới.",
    "Nhiều mô hình “Dân vận khéo” được nhân rộng, góp phần xây dựng nông thôn mới.",
    "Đại diện Mặt trận Tổ quốc và các đoàn thể đã trao đổi kinh nghiệm thực tiễn.",
    "Công tác hòa giải ở cơ sở được chú trọng, nhiều vụ việc được hoà giải thành.",
    "Cấp ủy, chính quyền quan tâm lãnh đạo, chỉ đạo, tạo sự đồng thuận trong nhân dân.",
    "Đồng bào dân tộc thiểu số tích cực tham gia hiến đất làm đường giao thông nông thôn.",
    "Ban Dân vận đã phối hợp kiểm tra việc thực hiện Quy chế dân chủ ở cơ sở.",
    "Lực lượng vũ trang giúp dân khắc phục hậu quả thiên tai, ổn định đời sống.",
    "Hội Nông dân, Hội Phụ nữ và Đoàn Thanh niên ra quân giúp dân thu hoạch lúa.",
]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Hữu", "Ngọc", "Quang", "Xuân", "Thu"]
GIVEN = ["Hòa", "Bình", "An", "Dũng", "Hương", "Lan", "Tùng", "Hải", "Sơn", "Thủy", "Khoa"]
SEARCHES = [
    "dan van kheo",
    "hoa giai",
    "nong thon moi",
    "dang uy khoi",
    "quy che dan chu",
    "dong bao dan toc thieu so",
    "thien tai",
    "hoi nong dan",
    "huong khe",
    "mat tran to quoc",
]
# The same searches as readers type them with diacritics, and as quoted phrases.
ACCENTED_SEARCHES = [
    "Dân vận khéo",
    "hòa giải",
    "nông thôn mới",
    "Đảng ủy khối",
    "quy chế dân chủ",
    "đồng bào dân tộc thiểu số",
    "thiên tai",
    "Hội Nông dân",
    "Hương Khê",
    "Mặt trận Tổ quốc",
]
PHRASE_SEARCHES = [f'"{query}"' for query in SEARCHES]


def ensure_database(database_url: str) -> None:
    """Create the bench database if the server does not have it yet."""
    from urllib.parse import urlsplit, urlunsplit

    import psycopg
    import psycopg.sql

    parts = urlsplit(database_url)
    name = parts.path.lstrip("/")
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if exists.fetchone() is None:
            connection.execute(
                psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(name))
            )


def setup_django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancongtac.settings")
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["DJANGO_SECURE_SSL_REDIRECT"] = "0"
    import django

    django.setup()
    from django.conf import settings

    # The bench does not run collectstatic: serve static paths unhashed, as tests do.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def build(count: int, seed: int) -> None:
    """Bulk-create ``count`` reports with their officials, documents and events."""
    from django.core.management import call_command
    from django.db import connection, transaction

    from articles import text
    from articles.models import (
        Citation,
        Document,
        Event,
        Locality,
        Official,
        Organization,
        Report,
        ReportOfficial,
    )

    rng = random.Random(seed)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("load_localities", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE articles_report, articles_reportofficial, articles_citation, "
            "articles_report_organizations, articles_report_mentioned_localities, "
            "articles_caption, articles_attachment, articles_official, articles_position, "
            "articles_document, articles_event, articles_eventparticipant, "
            "articles_organization RESTART IDENTITY CASCADE"
        )

    districts = list(Locality.objects.districts().select_related("parent"))
    legacy = list(Locality.objects.provinces().legacy())
    current = list(Locality.objects.provinces().current())
    current_communes = list(Locality.objects.current().communes().select_related("parent"))
    communes_of = {}
    for commune in Locality.objects.legacy().communes().only("pk", "parent_id"):
        communes_of.setdefault(commune.parent_id, []).append(commune)

    with transaction.atomic():
        officials = []
        names = set()
        while len(officials) < max(500, count // 20):
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            name = f"{name} {len(officials)}" if name in names else name
            names.add(name)
            officials.append(
                Official(
                    full_name=name,
                    slug=f"{text.slugify(name)}-{len(officials)}",
                    name_key=text.match_key(name),
                    search_text=text.fold_key(name),
                )
            )
        officials = Official.objects.bulk_create(officials, batch_size=2000)

        documents = []
        for index in range(300):
            code = "25-NQ/TW" if index == 0 else f"{index}-NQ/TU"
            subject = f"Về {rng.choice(TOPICS)}"
            documents.append(
                Document(
                    code=code,
                    slug=text.slugify(code.replace("/", "-")),
                    kind=Document.Kind.RESOLUTION,
                    subject=subject,
                    issued_on=date(2010 + index % 15, 1 + index % 12, 1),
                    search_text=text.fold_key(f"{code} {subject}"),
                )
            )
        documents = Document.objects.bulk_create(documents)

        organizations = []
        for index, unit in enumerate(legacy + districts[: max(0, 1000 - len(legacy))]):
            name = f"Ban Dân vận {unit.full_name} {index}"
            organizations.append(
                Organization(
                    name=name,
                    slug=f"{text.slugify(name)}",
                    kind=Organization.Kind.MASS_MOBILIZATION,
                    locality=unit,
                    name_key=text.match_key(name),
                    search_text=text.fold_key(name),
                )
            )
        organizations = Organization.objects.bulk_create(organizations, batch_size=2000)

        events = []
        for index in range(max(200, count // 20)):
            unit = rng.choice(districts)
            title = f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} {unit.full_name} {index}"
            events.append(
                Event(
                    title=title,
                    slug=f"{text.slugify(title)[:180]}",
                    date=date(2015, 1, 1) + timedelta(days=rng.randint(0, 4000)),
                    date_precision="day",
                    locality=unit,
                    search_text=text.fold_key(title),
                )
            )
        events = Event.objects.bulk_create(events, batch_size=2000)
    print(
        f"reference rows: {len(officials)} officials, {len(documents)} documents, "
        f"{len(organizations)} organizations, {len(events)} events"
    )

    batch = 5000
    for start in range(0, count, batch):
        reports = []
        for index in range(start, min(count, start + batch)):
            roll = rng.random()
            district = commune = None
            if roll < 0.05:
                # Since the reform: a current commune (most local news) or a province.
                published = datetime(2025, 7, 1, 7, tzinfo=VN) + timedelta(
                    minutes=rng.randint(0, 500 * 24 * 60)
                )
                year = published.year
                if rng.random() < 0.8:
                    commune = locality = rng.choice(current_communes)
                    province = locality.parent
                else:
                    locality = province = rng.choice(current)
            else:
                year = rng.randint(2015, 2025)
                published = datetime(year, 1, 1, 7, tzinfo=VN) + timedelta(
                    minutes=rng.randint(0, 180 * 24 * 60 if year == 2025 else 364 * 24 * 60)
                )
                if roll < 0.30:
                    locality = province = rng.choice(legacy)
                else:
                    district = locality = rng.choice(districts)
                    province = locality.parent
                    # A third of district news is about one of its communes.
                    if rng.random() < 0.35 and communes_of.get(district.pk):
                        commune = locality = rng.choice(communes_of[district.pk])
            title = f"{rng.choice(ACTIONS)} {rng.choice(TOPICS)} ở {locality.full_name} năm {year}"
            summary = rng.choice(SENTENCES)
            body = "\n\n".join(rng.choice(SENTENCES) for _ in range(rng.randint(8, 16)))
            author = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            reports.append(
                Report(
                    title=title,
                    slug=f"{text.slugify(title)[:170]}-{index}",
                    summary=summary,
                    body=body,
                    author=author,
                    published_at=published,
                    published_precision="exact",
                    year=year,
                    year_precision="exact",
                    locality=locality,
                    province=province,
                    district=district,
                    commune=commune,
                    event=rng.choice(events) if rng.random() < 0.3 else None,
                    status="published" if rng.random() < 0.97 else "draft",
                    featured=rng.random() < 0.01,
                    search_text=text.fold_key(" ".join([title, summary, author, body])),
                )
            )
        with transaction.atomic():
            reports = Report.objects.bulk_create(reports)
            mentions, citations, links = [], [], []
            through = Report.organizations.through
            for report in reports:
                for order, official in enumerate(rng.sample(officials, 3)):
                    mentions.append(
                        ReportOfficial(
                            report=report, official=official, title="Phó Trưởng Ban", order=order
                        )
                    )
                chosen = {documents[0]} if rng.random() < 0.2 else set()
                chosen.add(rng.choice(documents))
                citations.extend(Citation(report=report, document=doc) for doc in chosen)
                links.append(
                    through(report_id=report.pk, organization_id=rng.choice(organizations).pk)
                )
            ReportOfficial.objects.bulk_create(mentions, batch_size=5000)
            Citation.objects.bulk_create(citations, batch_size=5000)
            through.objects.bulk_create(links, batch_size=5000)
        print(f"  {start + len(reports):>7} reports ({time.perf_counter() - started:.0f} s)")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"built in {time.perf_counter() - started:.0f} s")


def time_requests(client, urls: list[str], *, cold_cache: bool = False) -> list[float]:
    from django.core.cache import cache

    times = []
    for url in urls:
        if cold_cache:
            cache.clear()
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return times


def time_sql(querysets) -> list[float]:
    """Bare SQL: the count and one page of rows, executed on a cursor, for each queryset."""
    from django.db import connection

    times = []
    for queryset, page_size in querysets:
        statements = [
            queryset.order_by().values("pk").query.sql_with_params(),
            queryset[:page_size].query.sql_with_params(),
        ]
        count_sql, count_params = statements[0]
        started = time.perf_counter()
        with connection.cursor() as cursor:
            # count_sql is Django's own compiled SQL; the values stay parameters.
            cursor.execute(f"SELECT COUNT(*) FROM ({count_sql}) AS counted", count_params)  # noqa: S608
            cursor.fetchall()
            cursor.execute(*statements[1])
            cursor.fetchall()
        times.append((time.perf_counter() - started) * 1000)
    return times


def report_line(label: str, times: list[float], target: float | None = None) -> str:
    median, p95 = statistics.median(times), percentile(times, 0.95)
    verdict = "" if target is None else ("  ok" if p95 < target else f"  OVER {target:.0f} ms")
    return f"{label:<44} median {median:7.1f} ms   p95 {p95:7.1f} ms{verdict}"


def commune_cases(rng, requests: int, published):
    """?commune= URLs, half current communes (reaching the former ones merged into them),
    half former communes, each with reports; and the bare SQL of each."""
    from articles.models import Locality

    current = list(
        Locality.objects.current()
        .communes()
        .filter(transitions_in__predecessor__commune_reports__isnull=False)
        .distinct()
        .values_list("pk", flat=True)[:2000]
    )
    legacy = list(
        Locality.objects.legacy()
        .communes()
        .filter(commune_reports__isnull=False)
        .distinct()
        .values_list("pk", flat=True)[:2000]
    )
    picks = [rng.choice(current if index % 2 else legacy) for index in range(requests)]
    units = Locality.objects.in_bulk(picks)
    urls, querysets = [], []
    for pk in picks:
        unit = units[pk]
        urls.append(f"/bai-viet/?commune={unit.slug}")
        queryset = published.for_lists().in_locality(unit).newest_first()
        querysets.append((queryset, 20))
    return urls, querysets


def run(requests: int, seed: int) -> None:
    from django.test import Client

    from articles import filters, search
    from articles.models import Locality, Report

    rng = random.Random(seed + 1)
    client = Client()
    total = Report.objects.count()
    published = Report.objects.published()
    print(f"\n{total} reports ({published.count()} published); {requests} requests per line\n")

    current = list(Locality.objects.provinces().current().values_list("slug", flat=True))
    combos = [(rng.choice(current), rng.randint(2015, 2025)) for _ in range(requests)]
    list_urls = [f"/bai-viet/?province={slug}&year={year}" for slug, year in combos]
    slugs = list(published.order_by("?").values_list("slug", flat=True)[: min(requests, total)])
    detail_urls = [f"/bai-viet/{slug}/" for slug in slugs]
    search_urls = [f"/tim-kiem/?{urlencode({'q': rng.choice(SEARCHES)})}" for _ in range(5)]

    # Warm up connections, templates and the province table.
    time_requests(client, list_urls[:5] + detail_urls[:5] + search_urls[:5])

    lines = []
    lines.append(
        report_line("list ?province&year (facets cached)", time_requests(client, list_urls), 50)
    )
    lines.append(
        report_line(
            "list ?province&year (cold cache)",
            time_requests(client, list_urls, cold_cache=True),
            50,
        )
    )
    filter_querysets = []
    for slug, year in combos:
        province = Locality.objects.get(slug=slug)
        units = filters.covered_provinces(province)
        queryset = published.for_lists().in_provinces(units).filter(year=year).newest_first()
        filter_querysets.append((queryset, 20))
    lines.append(report_line("  bare SQL: count + page", time_sql(filter_querysets)))
    commune_urls, commune_sql = commune_cases(rng, requests, published)
    time_requests(client, commune_urls[:5])  # warm the province table and templates
    lines.append(
        report_line("list ?commune= (facets cached)", time_requests(client, commune_urls), 50)
    )
    lines.append(
        report_line(
            "list ?commune= (cold cache)", time_requests(client, commune_urls, cold_cache=True), 50
        )
    )
    lines.append(report_line("  bare SQL: count + page", time_sql(commune_sql)))
    lines.append(
        report_line(
            "list, no filter (cold cache)",
            time_requests(client, ["/bai-viet/"] * 50, cold_cache=True),
            50,
        )
    )
    lines.append(report_line("detail", time_requests(client, detail_urls), 50))
    detail_sql = [(Report.objects.published().with_cards().filter(slug=slug), 1) for slug in slugs]
    lines.append(report_line("  bare SQL: the report row", time_sql(detail_sql)))
    for label, queries in (
        ("search ?q= (no diacritics)", SEARCHES),
        ("search ?q= (with diacritics)", ACCENTED_SEARCHES),
        ('search ?q="…" (quoted phrase)', PHRASE_SEARCHES),
    ):
        picks = [rng.choice(queries) for _ in range(requests)]
        urls = [f"/tim-kiem/?{urlencode({'q': query})}" for query in picks]
        time_requests(client, urls[:5])
        lines.append(report_line(label, time_requests(client, urls), 100))
        search_sql = [
            (search.search_reports(published.with_cards(), query, ranked=True), 20)
            for query in picks
        ]
        lines.append(report_line("  bare SQL: count + ranked page", time_sql(search_sql)))
    lines.append(
        report_line("home (cold cache)", time_requests(client, ["/"] * 50, cold_cache=True), 50)
    )
    print("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:55433/dct_bench"
        ),
    )
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--rebuild", action="store_true", help="wipe and rebuild the data")
    args = parser.parse_args()
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        parser.error("the bench needs PostgreSQL (--database-url postgres://...)")
    ensure_database(args.database_url)
    setup_django(args.database_url)

    from django.core.management import call_command
    from django.db.utils import ProgrammingError

    from articles.models import Report

    call_command("migrate", verbosity=0)
    try:
        existing = Report.objects.count()
    except ProgrammingError:
        existing = 0
    if args.rebuild or existing != args.reports:
        print(f"building {args.reports} reports (found {existing})")
        build(args.reports, args.seed)
    run(args.requests, args.seed)


if __name__ == "__main__":
    main()
