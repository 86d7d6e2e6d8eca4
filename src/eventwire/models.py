"""Typed records passed between stages, and the public event record of SCHEMA.md.

``Document`` → ``CleanDocument`` are plain dataclasses (internal); ``Event`` and its parts are pydantic
models because they are the contract other programs read: ``Event.to_dict()`` is exactly one JSONL line, and
``event_json_schema()`` generates the JSON Schema kept in ``data/schema/event.schema.json``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = 1

EVENT_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: PLOVER quad class of each event type.
QUAD_CODES: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]  # fmt: skip
AuxMode = Literal["future", "hypothetical", "negation", "historical"]
DatePrecision = Literal["day", "week", "month", "season", "year", "publication"]


# --------------------------------------------------------------------------- documents (internal)


@dataclass
class Document:
    """One input document as read, before cleaning."""

    doc_id: str
    source_path: str
    raw_hash: str
    text: str | None = None
    html: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published: dt.date | None = None
    language: str | None = None
    #: (start, end, reason) of blocks of ``text`` already judged not to be the article (trafilatura's choice)
    page_removed: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class RemovedSpan:
    """A piece of the input text removed by cleaning, kept with its reason (offsets into the raw text)."""

    start: int
    end: int
    reason: str
    text: str
    #: where it stood in the cleaned text (the start of the paragraph that follows it), for showing it there
    clean_at: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out = {"start": self.start, "end": self.end, "reason": self.reason, "text": self.text}
        if self.clean_at is not None:
            out["clean_at"] = self.clean_at
        return out


@dataclass
class CleanDocument:
    """A document's cleaned text (what events point into) and what was removed from it."""

    document: Document
    text: str
    raw_text: str
    removed_spans: list[RemovedSpan] = field(default_factory=list)
    dateline: str | None = None
    #: (clean start, raw start, length) of each kept piece, to map offsets back to the input
    segments: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def doc_id(self) -> str:
        return self.document.doc_id

    def raw_offset(self, offset: int) -> int:
        """The raw-text offset of a cleaned-text offset (the same when nothing was removed)."""
        for clean_start, raw_start, length in reversed(self.segments):
            if offset >= clean_start:
                return raw_start + min(offset - clean_start, length)
        return offset


# --------------------------------------------------------------------------- the event record (public)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Actor(_Record):
    """An actor or recipient: the text, and its PLOVER country/organisation code and sector."""

    entity_text: str
    code: str | None = None
    sector: str | None = None
    identifier_text: str | None = None


class EventLocation(_Record):
    """Where the event happened, resolved against the gazetteer."""

    extracted_place: str
    resolved_place: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    city: str | None = None
    district: str | None = None
    province: str | None = None
    country: str | None = None
    country_code: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: int | None = Field(default=None, ge=1, le=5)


class Size(_Record):
    """Counts stated in the text for this event; null when not stated."""

    dead: int | None = Field(default=None, ge=0)
    injured: int | None = Field(default=None, ge=0)
    arrested: int | None = Field(default=None, ge=0)


class TextInfo(_Record):
    """Character offsets of the evidence in the document's cleaned text."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Event(_Record):
    """One event record exactly as SCHEMA.md (v1) describes it."""

    schema_version: Literal[1] = SCHEMA_VERSION
    id: str
    doc_id: str
    date: str | None
    date_precision: DatePrecision | None
    event: EventType
    mode: str | None = None
    context: list[str] = Field(default_factory=list)
    aux_mode: AuxMode | None = None
    actor: list[Actor] = Field(default_factory=list)
    recipient: list[Actor] = Field(default_factory=list)
    event_loc: EventLocation | None = None
    size: Size = Field(default_factory=Size)
    quad_code: Literal[1, 2, 3, 4]
    cameo: str | None = None
    event_text: str
    text: str
    text_info: TextInfo
    attribution: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)

    def to_dict(self) -> dict[str, Any]:
        """The JSONL record (plain JSON types, field order as in SCHEMA.md)."""
        return self.model_dump(mode="json")


def event_json_schema() -> dict[str, Any]:
    """The JSON Schema of one event record, generated from the model."""
    schema = Event.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://eventwire.invalid/schema/event-v1.json"
    return schema
