"""Gold files for ``eventwire eval``: documents with the events a careful coder expects.

Two line formats are read (JSON Lines, one object per line):

* **eventwire gold** — one document per line::

    {"id": "...", "text": "...", "published": "2022-09-29", "tags": ["future"],
     "events": [{"event": "ASSAULT", "mode": "aerial", "aux_mode": null, "actor": ["RUS"],
                 "recipient": ["UKR"], "place": {"name": "Kharkiv", "lat": 49.99, "lon": 36.23},
                 "date": "2022-09-28", "size": {"dead": 3}, "attribution": null}]}

  ``"events": []`` marks a document that must yield no event.

* **PLOVER gold records** — one event per line (``event``, ``mode``, ``source``, ``target``, ``text``), as in the
  PLOVER Gold Standard Records; lines with the same ``id`` are one document.

Only the fields a line carries are scored: PLOVER records have no aux mode, place or date, so those are
not counted for them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.models import EVENT_TYPES

#: a gold event that any predicted type may match (UCDP rows: "something violent happened here")
ANY_TYPE = "*"
#: fields of a gold event that can be scored
FIELDS = ("mode", "aux_mode", "actor", "recipient", "location", "date", "size")
_AUX = (None, "future", "hypothetical", "negation", "historical")
_COUNTS = ("dead", "injured", "arrested")
#: legacy CAMEO country codes some gold files still use → ISO 3166-1 alpha-3
LEGACY_CODES = {"ITL": "ITA", "JAP": "JPN", "VTN": "VNM", "ROM": "ROU", "DRC": "COD", "GZS": "PSE", "WBK": "PSE"}


@dataclass(frozen=True)
class GoldEvent:
    event: str
    mode: str | None = None
    aux_mode: str | None = None
    actor: frozenset[str] = frozenset()
    recipient: frozenset[str] = frozenset()
    location: tuple[float, float] | None = None
    date: str | None = None
    size: tuple[tuple[str, int], ...] = ()
    attribution: str | None = None
    scored: frozenset[str] = frozenset(FIELDS)


@dataclass
class GoldDocument:
    id: str
    text: str
    published: dt.date | None = None
    tags: list[str] = field(default_factory=list)
    events: list[GoldEvent] = field(default_factory=list)


def first_record(path: Path) -> dict[str, Any] | None:
    """The first JSON line of a file (to tell gold formats apart), or None when it is not one."""
    try:
        with path.open(encoding="utf-8") as handle:
            record = json.loads(handle.readline() or "null")
    except (OSError, json.JSONDecodeError, UnicodeDecodeError):
        return None
    return record if isinstance(record, dict) else None


def codes(values: Any) -> frozenset[str]:
    """The known actor codes of a gold or predicted list (null entries mean "unknown" and are dropped)."""
    if not values:
        return frozenset()
    if isinstance(values, str):
        values = [values]
    upper = (str(v).upper() for v in values if v)
    return frozenset(LEGACY_CODES.get(code, code) for code in upper)


def size_key(size: dict[str, Any] | None) -> tuple[tuple[str, int], ...]:
    """A comparable form of the stated counts: only the non-null ones."""
    if not size:
        return ()
    return tuple((name, int(size[name])) for name in _COUNTS if size.get(name) is not None)


def load_gold(path: Path) -> list[GoldDocument]:
    """Read a gold file (either JSONL format, detected per line, or a UCDP GED CSV); bad lines raise
    InputError with their number."""
    from eventwire.evaluation.ucdp import is_ucdp, load_ucdp

    if path.exists() and is_ucdp(path):
        return load_ucdp(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), f"cannot read gold file ({error})") from None
    documents: dict[str, GoldDocument] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError("a line must be a JSON object")
            _add_record(documents, record)
        except json.JSONDecodeError as error:
            raise InputError(where, f"malformed JSON ({error.msg})") from None
        except (KeyError, TypeError, ValueError) as error:
            raise InputError(where, f"not a gold record ({error})") from None
    if not documents:
        raise InputError(str(path), "no gold documents in file")
    return list(documents.values())


def _add_record(documents: dict[str, GoldDocument], record: dict[str, Any]) -> None:
    doc_id = str(record["id"])
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' must be a non-empty string")
    document = documents.get(doc_id)
    if document is None:
        published = record.get("published")
        document = documents[doc_id] = GoldDocument(
            id=doc_id,
            text=text,
            published=dt.date.fromisoformat(published) if published else None,
            tags=list(record.get("tags") or []),
        )
    if "events" in record:
        document.events.extend(_event(e) for e in record["events"])
    elif "event" in record:
        document.events.append(_plover_event(record))
    else:
        raise ValueError("needs 'events' (a list) or 'event' (a PLOVER record)")


def _check_type(name: Any) -> str:
    if name not in EVENT_TYPES:
        raise ValueError(f"unknown event type {name!r}")
    return str(name)


def _event(item: dict[str, Any]) -> GoldEvent:
    aux = item.get("aux_mode")
    if aux not in _AUX:
        raise ValueError(f"unknown aux_mode {aux!r}")
    place = item.get("place")
    location = None
    if place and place.get("lat") is not None and place.get("lon") is not None:
        location = (float(place["lat"]), float(place["lon"]))
    date = item.get("date")
    if date:
        dt.date.fromisoformat(date)
    return GoldEvent(
        event=_check_type(item["event"]),
        mode=item.get("mode") or None,
        aux_mode=aux,
        actor=codes(item.get("actor")),
        recipient=codes(item.get("recipient")),
        location=location,
        date=date or None,
        size=size_key(item.get("size")),
        attribution=item.get("attribution"),
    )


def _plover_event(record: dict[str, Any]) -> GoldEvent:
    size = record.get("size")
    return GoldEvent(
        event=_check_type(record["event"]),
        mode=record.get("mode") or None,
        actor=codes(record.get("source")),
        recipient=codes(record.get("target")),
        size=size_key(size) if isinstance(size, dict) else (),
        scored=frozenset({"mode", "actor", "recipient"}),
    )
