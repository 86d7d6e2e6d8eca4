"""Read queries of the HTTP API: filters from query parameters, stats, the document view.

Every user value reaches SQL as a ``?`` parameter through :class:`eventwire.store.EventFilter`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import json
import math
import re
from typing import Any

from eventwire.models import EVENT_TYPES
from eventwire.store import EventFilter, Store
from eventwire.store.filters import ASSERTED

AUX_MODES = (ASSERTED, "future", "hypothetical", "negation", "historical")
_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_SECTOR = re.compile(r"^[A-Za-z]{2,4}$")


class FilterError(ValueError):
    """A filter value the API rejects (answered with 422)."""


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``west,south,east,north`` in degrees, or None."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise FilterError("bbox takes four numbers: west,south,east,north")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError:
        raise FilterError("bbox takes four numbers: west,south,east,north") from None
    if not all(math.isfinite(v) for v in (west, south, east, north)):
        raise FilterError("bbox values must be finite")
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise FilterError("bbox out of range (longitudes -180..180, latitudes -90..90, south <= north)")
    return west, south, east, north


def make_filter(
    *,
    event: list[str] | None = None,
    aux_mode: list[str] | None = None,
    country: str | None = None,
    party: str | None = None,
    sector: str | None = None,
    place: str | None = None,
    bbox: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    q: str | None = None,
) -> EventFilter:
    """An EventFilter from API parameters, validated (raises FilterError)."""
    types = [e.upper() for e in event or [] if e]
    unknown = [e for e in types if e not in EVENT_TYPES]
    if unknown:
        raise FilterError(f"unknown event type {unknown[0]!r}")
    modes = [m.lower() for m in aux_mode or [] if m]
    bad = [m for m in modes if m not in AUX_MODES]
    if bad:
        raise FilterError(f"unknown aux_mode {bad[0]!r} (one of {', '.join(AUX_MODES)})")
    for name, value in (("country", country), ("party", party)):
        if value and not _ISO3.match(value):
            raise FilterError(f"{name} takes an ISO 3166-1 alpha-3 code")
    if sector and not _SECTOR.match(sector):
        raise FilterError("sector takes a PLOVER sector code such as MIL or CVL")
    if since and until and since > until:
        raise FilterError("since is after until")
    return EventFilter(
        event=tuple(types),
        country=country or None,
        since=since,
        until=until,
        aux_mode=tuple(modes),
        party=party or None,
        sector=sector or None,
        place=place or None,
        bbox=parse_bbox(bbox),
        text=q or None,
    )


def incident_filter(where: EventFilter) -> EventFilter:
    """The part of an event filter that the incidents table can answer."""
    return EventFilter(event=where.event, country=where.country, since=where.since, until=where.until, bbox=where.bbox)


def events_json(store: Store, where: EventFilter, limit: int, offset: int) -> str:
    """A page of events as the JSON body ``{"total", "limit", "offset", "events": [records]}``, built from the
    stored record JSON without parsing it (the records are SCHEMA.md lines already)."""
    clause, params = where.where()
    records = store.con.execute(
        f"SELECT record FROM events{clause} ORDER BY date NULLS LAST, doc_id, start_char, id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    head = json.dumps({"total": count(store, where), "limit": limit, "offset": offset})
    return head[:-1] + ', "events": [' + ",".join(r[0] for r in records) + "]}"


def count(store: Store, where: EventFilter) -> int:
    clause, params = where.where()
    return int(store.con.execute(f"SELECT count(*) FROM events{clause}", params).fetchall()[0][0])


def stats(store: Store, where: EventFilter) -> dict[str, Any]:
    """Totals and counts by day and type, by type, by country (of the filtered events)."""
    clause, params = where.where()
    con = store.con
    by_day = con.execute(
        f"SELECT date, event, count(*) FROM events{clause} GROUP BY date, event ORDER BY date NULLS LAST, event",
        params,
    ).fetchall()
    by_country = con.execute(
        f"SELECT country_code, count(*) AS n FROM events{clause} GROUP BY country_code ORDER BY n DESC, country_code",
        params,
    ).fetchall()
    totals = store.stats()
    latest = con.execute("SELECT max(ingested_at) FROM documents").fetchall()[0][0]
    return {
        **totals,
        "last_ingest": latest.isoformat() if latest else None,
        "matching": sum(n for _, _, n in by_day),
        "by_day": [{"date": d.isoformat() if d else None, "event": e, "n": n} for d, e, n in by_day],
        "by_type": [{"event": e, "n": n} for e, n in store.counts_by_type(where)],
        "by_country": [{"country_code": c, "n": n} for c, n in by_country],
    }


def _removed_positions(text: str, removed: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Where each removed span sat in the cleaned text: ``clean_at`` as the cleaner recorded it; for stores
    written before it did, an estimate (raw start minus what was removed before it) snapped to the nearest
    paragraph boundary, or 0 for a dateline."""
    boundaries = [0] + [m.end() for m in re.finditer(r"\n\n", text)] + [len(text)]
    out = []
    removed_before = 0
    for span in sorted(removed, key=lambda s: s.get("start", 0)):
        start, end = int(span.get("start", 0)), int(span.get("end", 0))
        if span.get("clean_at") is not None:  # recorded by the cleaner (stores written since it does)
            out.append(span)
            removed_before += max(0, end - start)
            continue
        estimate = max(0, start - removed_before)
        i = bisect.bisect_left(boundaries, estimate)
        near = boundaries[max(0, i - 1) : i + 1] or [len(text)]
        at = 0 if span.get("reason") == "dateline" else min(near, key=lambda b: abs(b - estimate))
        out.append({**span, "clean_at": at})
        removed_before += max(0, end - start)
    return out


def document_view(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document with its removed spans (placed in the cleaned text) and its events with their spans."""
    doc = store.document(doc_id)
    if doc is None:
        return None
    if isinstance(doc.get("published"), dt.date):
        doc["published"] = doc["published"].isoformat()
    doc.pop("raw_hash", None)
    doc["removed_spans"] = _removed_positions(doc["text"] or "", doc["removed_spans"] or [])
    rows = store.con.execute("SELECT record FROM events WHERE doc_id = ? ORDER BY start_char, id", [doc_id]).fetchall()
    doc["events"] = [json.loads(r[0]) for r in rows]
    return doc
