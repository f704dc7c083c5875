"""Run by test_report_organization_roles on a database of its own (DATABASE_URL): migrate to
just before the organization roles, link a report to two bodies the old way, migrate forwards
and backwards, and print what the join table holds at each step as key=value lines."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dancongtac.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import IntegrityError, connection, transaction  # noqa: E402
from django.db.migrations.executor import MigrationExecutor  # noqa: E402

APP = "articles"


def main() -> None:
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    name = next(
        n for app, n in graph.nodes if app == APP and n.endswith("_report_organization_roles")
    )
    before = next(p.key for p in graph.node_map[(APP, name)].parents if p.key[0] == APP)
    call_command("migrate", APP, before[1], verbosity=0)

    old = MigrationExecutor(connection).loader.project_state(before).apps
    report = old.get_model(APP, "Report").objects.create(title="Hội nghị", slug="hoi-nghi")
    bodies = [
        old.get_model(APP, "Organization").objects.create(
            name=label, slug=f"co-quan-{index}", name_key=label.lower()
        )
        for index, label in enumerate(["Ủy ban nhân dân xã Tân Lập", "Công an xã Tân Lập"])
    ]
    report.organizations.add(*bodies)

    call_command("migrate", APP, name, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT role FROM articles_report_organizations ORDER BY id")
        print("forwards=" + ",".join(role for (role,) in cursor.fetchall()))
        refused = "no"
        try:
            with transaction.atomic():
                cursor.execute(
                    "INSERT INTO articles_report_organizations (report_id, organization_id, role)"
                    " VALUES (%s, %s, %s)",
                    [report.pk, bodies[0].pk, "host"],
                )
        except IntegrityError:
            refused = "yes"
        print(f"duplicate_refused={refused}")

    call_command("migrate", APP, before[1], verbosity=0)
    print("backwards=" + str(old.get_model(APP, "Report").objects.get().organizations.count()))


if __name__ == "__main__":
    main()
