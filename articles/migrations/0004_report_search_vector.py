"""PostgreSQL only: full-text search on an unaccented, weighted tsvector, and the indexes
of the public pages.

``unaccent()`` is only STABLE (its dictionary could change), so neither an index nor a
generated column may call it. The usual remedy is an IMMUTABLE wrapper that names the
dictionary explicitly. The vector is a stored generated column, so ranking reads it instead
of re-parsing every matching body. The ORM does not know the column (SQLite has no
equivalent); ``articles.search`` refers to it by name. Nothing here runs on SQLite.
"""

from django.db import migrations

from articles.migration_operations import PostgresOnlySQL

UNACCENT_FUNCTION = "dct_immutable_unaccent"

FORWARDS = [
    f"""
    CREATE OR REPLACE FUNCTION {UNACCENT_FUNCTION}(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$
    """,
    # Long bodies are cut so a single report can never exceed the 1 MB tsvector limit.
    f"""
    ALTER TABLE articles_report ADD COLUMN search_vector tsvector
    GENERATED ALWAYS AS (
        setweight(to_tsvector('simple'::regconfig,
            {UNACCENT_FUNCTION}(coalesce(title, ''))), 'A')
        || setweight(to_tsvector('simple'::regconfig,
            {UNACCENT_FUNCTION}(coalesce(summary, ''))), 'B')
        || setweight(to_tsvector('simple'::regconfig,
            {UNACCENT_FUNCTION}(coalesce(author, '') || ' ' || left(coalesce(body, ''), 200000))),
            'C')
    ) STORED
    """,
    "CREATE INDEX report_search_vector_idx ON articles_report USING gin (search_vector)",
    # Newest first with undated reports last (the public order), over published reports only:
    # the unfiltered list, the home page, feeds and the search window walk it and stop early.
    "CREATE INDEX report_public_order_idx ON articles_report"
    " (published_at DESC NULLS LAST, id DESC) WHERE status = 'published'",
    # Facet counts (GROUP BY province, year) answered from the index alone.
    "CREATE INDEX report_public_facets_idx ON articles_report"
    " (province_id, year) INCLUDE (published_at, locality_id) WHERE status = 'published'",
    # Name lookups on the list pages of officials, organizations and documents.
    "CREATE INDEX official_search_trgm_idx ON articles_official"
    " USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX organization_search_trgm_idx ON articles_organization"
    " USING gin (search_text gin_trgm_ops)",
    "CREATE INDEX document_search_trgm_idx ON articles_document"
    " USING gin (search_text gin_trgm_ops)",
]

BACKWARDS = [
    "DROP INDEX IF EXISTS document_search_trgm_idx",
    "DROP INDEX IF EXISTS organization_search_trgm_idx",
    "DROP INDEX IF EXISTS official_search_trgm_idx",
    "DROP INDEX IF EXISTS report_public_facets_idx",
    "DROP INDEX IF EXISTS report_public_order_idx",
    "DROP INDEX IF EXISTS report_search_vector_idx",
    "ALTER TABLE articles_report DROP COLUMN IF EXISTS search_vector",
    f"DROP FUNCTION IF EXISTS {UNACCENT_FUNCTION}(text)",
]


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_report_import_fingerprint")]

    operations = [PostgresOnlySQL(sql=FORWARDS, reverse_sql=BACKWARDS)]
