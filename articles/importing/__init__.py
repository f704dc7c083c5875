"""Saving extracted articles: matching, idempotence, editors' changes, places, lineage.

Imports point one way: extraction ← importing ← views/admin/commands.
"""

from .importer import FileResult, Importer, Outcome, fingerprint, import_file, source_key
from .places import Places, in_force

__all__ = [
    "FileResult",
    "Importer",
    "Outcome",
    "Places",
    "fingerprint",
    "import_file",
    "in_force",
    "source_key",
]
