"""The rows the store writes: Arrow schemas of its tables, and a document's and an event's row."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pyarrow as pa

from eventwire.ingest.ids import minhash
from eventwire.models import Event
from eventwire.pipeline import DocumentResult

DOC_SCHEMA = pa.schema(
    [
        ("doc_id", pa.string()),
        ("url", pa.string()),
        ("title", pa.string()),
        ("source", pa.string()),
        ("author", pa.string()),
        ("published", pa.date32()),
        ("language", pa.string()),
        ("raw_hash", pa.string()),
        ("source_path", pa.string()),
        ("text", pa.string()),
        ("removed_spans", pa.string()),
        ("dateline", pa.string()),
        ("n_events", pa.int32()),
        ("note", pa.string()),
        ("minhash", pa.list_(pa.int64())),
        ("duplicate_of", pa.string()),
        ("place", pa.string()),
        ("names", pa.list_(pa.string())),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("doc_id", pa.string()),
        ("date", pa.date32()),
        ("date_precision", pa.string()),
        ("event", pa.string()),
        ("mode", pa.string()),
        ("aux_mode", pa.string()),
        ("actor_codes", pa.list_(pa.string())),
        ("recipient_codes", pa.list_(pa.string())),
        ("country_code", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("dead", pa.int32()),
        ("injured", pa.int32()),
        ("arrested", pa.int32()),
        ("quad_code", pa.int8()),
        ("cameo", pa.string()),
        ("confidence", pa.float64()),
        ("start_char", pa.int32()),
        ("record", pa.string()),
    ]
)

INCIDENT_SCHEMA = pa.schema(
    [
        ("incident_id", pa.string()),
        ("event", pa.string()),
        ("date", pa.date32()),
        ("place", pa.string()),
        ("country_code", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("resolution", pa.int8()),
        ("dead", pa.int32()),
        ("dead_high", pa.int32()),
        ("injured", pa.int32()),
        ("injured_high", pa.int32()),
        ("arrested", pa.int32()),
        ("arrested_high", pa.int32()),
        ("actor_codes", pa.list_(pa.string())),
        ("recipient_codes", pa.list_(pa.string())),
        ("n_events", pa.int32()),
        ("n_documents", pa.int32()),
        ("n_sources", pa.int32()),
        ("event_ids", pa.list_(pa.string())),
    ]
)


def document_row(result: DocumentResult) -> dict[str, Any]:
    doc, clean = result.document, result.clean
    return {
        "doc_id": doc.doc_id,
        "url": doc.url,
        "title": doc.title,
        "source": doc.source,
        "author": doc.author,
        "published": doc.published,
        "language": doc.language,
        "raw_hash": doc.raw_hash,
        "source_path": doc.source_path,
        "text": clean.text,
        "removed_spans": json.dumps([span.to_dict() for span in clean.removed_spans], ensure_ascii=False),
        "dateline": clean.dateline,
        "n_events": len(result.events),
        "note": result.note,
        "minhash": minhash(clean.text),
        "duplicate_of": None,
        "place": json.dumps(result.place, ensure_ascii=False) if result.place else None,
        "names": sorted(result.names),
    }


def event_row(event: Event) -> dict[str, Any]:
    loc = event.event_loc
    return {
        "id": event.id,
        "doc_id": event.doc_id,
        "date": dt.date.fromisoformat(event.date) if event.date else None,
        "date_precision": event.date_precision,
        "event": event.event,
        "mode": event.mode,
        "aux_mode": event.aux_mode,
        "actor_codes": [a.code for a in event.actor if a.code],
        "recipient_codes": [r.code for r in event.recipient if r.code],
        "country_code": loc.country_code if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "dead": event.size.dead,
        "injured": event.size.injured,
        "arrested": event.size.arrested,
        "quad_code": event.quad_code,
        "cameo": event.cameo,
        "confidence": event.confidence,
        "start_char": event.text_info.start,
        "record": json.dumps(event.to_dict(), ensure_ascii=False),
    }
