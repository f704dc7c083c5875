"""Errors raised when an input file cannot be turned into article text."""


class ExtractionError(ValueError):
    """Base class: the input cannot be extracted; the message says why."""


class EmptyInputError(ExtractionError):
    """The input is empty or holds only whitespace."""


class BinaryInputError(ExtractionError):
    """The input is binary data (NUL bytes or mostly control characters), not text."""


class InputTooLargeError(ExtractionError):
    """The input is larger than the accepted size limit."""


class UndecodableInputError(ExtractionError):
    """No supported encoding decodes the input."""


class GazetteerError(ExtractionError):
    """The locality reference file is missing or malformed."""
