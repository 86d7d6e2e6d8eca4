"""eventwire: news reports in, a structured, geolocated PLOVER event dataset out.

>>> from eventwire import extract
>>> events = extract("Russian forces shelled Kharkiv on Tuesday, killing three people.", published="2022-09-29")
>>> events[0].to_dict()["event"]
'ASSAULT'
"""

from eventwire.errors import ConfigError, EventwireError, InputError, ModelError, StoreError
from eventwire.models import (
    SCHEMA_VERSION,
    Actor,
    CleanDocument,
    Document,
    Event,
    EventLocation,
    RemovedSpan,
    Size,
    TextInfo,
    event_json_schema,
)
from eventwire.pipeline import DocumentResult, Pipeline, extract
from eventwire.settings import Settings

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Actor",
    "CleanDocument",
    "ConfigError",
    "Document",
    "DocumentResult",
    "Event",
    "EventLocation",
    "EventwireError",
    "InputError",
    "ModelError",
    "Pipeline",
    "RemovedSpan",
    "Settings",
    "Size",
    "StoreError",
    "TextInfo",
    "__version__",
    "event_json_schema",
    "extract",
]
