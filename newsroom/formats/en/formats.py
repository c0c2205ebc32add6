"""The English interface types dates and times as the Indonesian one does (one way to
write a date for everyone; see newsroom/formats/id/formats.py)."""

from ..id.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS, TIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS", "TIME_INPUT_FORMATS"]
