"""PostgreSQL only: what search ranking and snippets need (see ``articles.search``).

- ``dct_unaccent``, the ``simple`` text search configuration with ``unaccent`` first, so that
  ``ts_headline`` marks the words of the original text that the folded query matches;
- a GIN index on the folded title's vector, over published reports, so the reports whose
  titles the query covers best are found whatever their age.

Nothing here runs on SQLite.
"""

from django.db import migrations

from articles.migration_operations import PostgresOnlySQL

FORWARDS = [
    "CREATE TEXT SEARCH CONFIGURATION dct_unaccent (COPY = pg_catalog.simple)",
    "ALTER TEXT SEARCH CONFIGURATION dct_unaccent"
    " ALTER MAPPING FOR word, hword, hword_part, numword, numhword"
    " WITH public.unaccent, pg_catalog.simple",
    "CREATE INDEX report_title_vector_idx ON articles_report"
    " USING gin (to_tsvector('simple'::regconfig, dct_immutable_unaccent(title::text)))"
    " WHERE status = 'published'",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS report_title_vector_idx",
    "DROP TEXT SEARCH CONFIGURATION IF EXISTS dct_unaccent",
]


class Migration(migrations.Migration):
    dependencies = [("articles", "0012_slug_redirects")]

    operations = [PostgresOnlySQL(sql=FORWARDS, reverse_sql=BACKWARDS)]
