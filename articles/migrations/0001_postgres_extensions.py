"""Enable the PostgreSQL extensions search relies on; a no-op on SQLite."""

from django.contrib.postgres.operations import TrigramExtension, UnaccentExtension
from django.db import migrations


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    # CreateExtension does nothing on databases other than PostgreSQL.
    operations = [UnaccentExtension(), TrigramExtension()]
