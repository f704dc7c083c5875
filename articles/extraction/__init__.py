"""Turn one noisy scraped article page into structured data (pure Python, no Django).

Public API: ``read_text``, ``extract``, ``extract_file``, ``Extracted.to_contract()``,
``Gazetteer`` / ``load_gazetteer`` and the ``ExtractionError`` family.
"""

from .decoding import MAX_INPUT_BYTES, decode_bytes, normalize_text, read_text
from .errors import (
    BinaryInputError,
    EmptyInputError,
    ExtractionError,
    GazetteerError,
    InputTooLargeError,
    UndecodableInputError,
)
from .gazetteer import District, Gazetteer, Province, load_gazetteer
from .model import (
    Byline,
    Document,
    Event,
    Extracted,
    LocalityMention,
    Official,
    Organization,
    Participant,
    Position,
    ScheduleItem,
)
from .pipeline import extract, extract_file

__all__ = [
    "MAX_INPUT_BYTES",
    "BinaryInputError",
    "Byline",
    "District",
    "Document",
    "EmptyInputError",
    "Event",
    "Extracted",
    "ExtractionError",
    "Gazetteer",
    "GazetteerError",
    "InputTooLargeError",
    "LocalityMention",
    "Official",
    "Organization",
    "Participant",
    "Position",
    "Province",
    "ScheduleItem",
    "UndecodableInputError",
    "decode_bytes",
    "extract",
    "extract_file",
    "load_gazetteer",
    "normalize_text",
    "read_text",
]
