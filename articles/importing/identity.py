"""What the importer matches rows by, and the locks that make two imports at once safe.

Keys: an official or organization by its folded name, a document by its number, a report's
event by day, place, kind and organizer, a schedule item by day, province and text. Rows keep
the keys they were imported under (``articles.models.aliases``), so an editor's correction of
the name, number or date does not make the next import create a second row.

Races: each file is one transaction that first takes a PostgreSQL advisory lock on every key it
may create a row for (its source file and content, its officials, organizations, event, documents
and schedule), all at once and in one sorted order, so two transactions never wait on each other
in a cycle. A second import of the same article waits for the first to commit, then finds its
rows. The unique constraints (a report's source file; organizations', documents' and events'
keys) are the last line: a race the locks did not cover fails with an IntegrityError, and the
importer runs that file again. SQLite writes one transaction at a time and needs no locks.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from django.db import connection

from articles import text
from articles.extraction.documents import canonical_code

# Namespaces of the lock keys, so that a document number never shares a lock with a name.
REPORT, OFFICIAL, ORGANIZATION, EVENT, DOCUMENT, SCHEDULE = (
    "report",
    "official",
    "organization",
    "event",
    "document",
    "schedule",
)


def official_key(name: str) -> str:
    return text.match_key(name)[:255]


def organization_key(name: str) -> str:
    return text.match_key(name)[:255]


def document_key(code: str) -> str:
    """The canonical number: look-alike letters and spellings of one code are one key."""
    return canonical_code(code)[:255]


def event_key(date: dt.date, locality_id: int, kind: str, organizer_id: int | None) -> str:
    """The same meeting, as two reports of it describe it."""
    return f"{date.isoformat()}|{locality_id}|{kind}|{organizer_id or '-'}"


def event_lock_key(date: dt.date, locality_id: int, kind: str) -> str:
    """Coarser than ``event_key`` (known before the organizer's row exists): it covers it."""
    return f"{date.isoformat()}|{locality_id}|{kind}"


def schedule_key(date: dt.date, province_id: int | None, title: str) -> str:
    return f"{date.isoformat()}|{province_id or '-'}|{text.match_key(title[:500])}"[:255]


def _lock_id(namespace: str, key: str) -> int:
    digest = hashlib.blake2b(f"{namespace}\x1f{key}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def lock(keys: Iterable[tuple[str, str]]) -> None:
    """Take a transaction-scoped advisory lock on each (namespace, key), in one sorted order.

    Call once per transaction, before reading what the keys match: locks taken in two calls
    could be taken in opposite orders by two imports and deadlock.
    """
    if connection.vendor != "postgresql":
        return
    ids = sorted({_lock_id(namespace, key) for namespace, key in keys if key})
    if not ids:
        return
    with connection.cursor() as cursor:
        for lock_id in ids:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])
