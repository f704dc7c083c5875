"""Saving extracted articles: matching, idempotence, editors' changes, places, lineage.

Imports point one way: extraction ← importing ← views/admin/commands.
"""

from .importer import FileResult, Importer, Outcome, fingerprint, import_file, in_force, source_key

__all__ = [
    "FileResult",
    "Importer",
    "Outcome",
    "fingerprint",
    "import_file",
    "in_force",
    "source_key",
]
