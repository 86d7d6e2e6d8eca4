"""The exceptions eventwire raises.

EventwireError                 base: a problem the user can fix, shown as one line by the CLI
 ├── InputError                an input file/stream that cannot be read or parsed
 ├── ConfigError               a bad option value (e.g. a date that is not YYYY-MM-DD)
 ├── ModelError                the spaCy pipeline package is missing or broken
 └── StoreError                the DuckDB store cannot be opened or written
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error meant for the user; ``str(err)`` is a complete one-line message."""


class InputError(EventwireError):
    """An input that cannot be read; carries the offending source so the message names it."""

    def __init__(self, source: str, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}")


class ConfigError(EventwireError):
    """A bad option or setting value."""


class ModelError(EventwireError):
    """The spaCy pipeline cannot be loaded."""


class StoreError(EventwireError):
    """The DuckDB store cannot be opened, read or written."""
