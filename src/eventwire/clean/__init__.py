"""Clean: strip bylines, datelines, publisher appeals and site furniture, keeping what was removed."""

from eventwire.clean.appeals import clean_document

__all__ = ["clean_document"]
