"""Filters of the events (``eventwire events``/``export``, the HTTP API), as parameterised SQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: the ``aux_mode`` filter value that selects events reported as having happened (``aux_mode`` null)
ASSERTED = "asserted"


@dataclass(frozen=True)
class EventFilter:
    """Filters of ``eventwire events`` / ``export`` and the HTTP API (all optional, combined with AND).

    Every value reaches SQL as a ``?`` parameter. ``aux_mode``, ``party``, ``sector``, ``place`` and ``text``
    need the events table's ``record`` column (events only); the others apply to incidents too."""

    event: Sequence[str] = ()
    country: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    #: PLOVER aux modes; ``ASSERTED`` for events with none
    aux_mode: Sequence[str] = ()
    #: ISO3 code among the actor or recipient codes
    party: str | None = None
    #: PLOVER sector code of an actor or recipient
    sector: str | None = None
    #: substring of the extracted or resolved place name (case-insensitive)
    place: str | None = None
    #: (west, south, east, north) in degrees
    bbox: tuple[float, float, float, float] | None = None
    #: substring of the evidence text (case-insensitive)
    text: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if self.event:
            clauses.append(f"event IN ({', '.join('?' for _ in self.event)})")
            params.extend(e.upper() for e in self.event)
        if self.country:
            # where it happened; for events with no place, who was involved
            clauses.append(
                "(country_code = ? OR (country_code IS NULL AND (list_contains(actor_codes, ?)"
                " OR list_contains(recipient_codes, ?))))"
            )
            params.extend([self.country.upper()] * 3)
        if self.since:
            clauses.append("date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("date <= ?")
            params.append(self.until)
        if self.aux_mode:
            modes = [m for m in self.aux_mode if m != ASSERTED]
            parts = [f"aux_mode IN ({', '.join('?' for _ in modes)})"] if modes else []
            params.extend(modes)
            if ASSERTED in self.aux_mode:
                parts.append("aux_mode IS NULL")
            clauses.append("(" + " OR ".join(parts) + ")")
        if self.party:
            clauses.append("(list_contains(actor_codes, ?) OR list_contains(recipient_codes, ?))")
            params.extend([self.party.upper()] * 2)
        if self.sector:
            clauses.append(
                "(list_contains(json_extract_string(record, '$.actor[*].sector'), ?)"
                " OR list_contains(json_extract_string(record, '$.recipient[*].sector'), ?))"
            )
            params.extend([self.sector.upper()] * 2)
        if self.place:
            clauses.append(
                "(contains(lower(json_extract_string(record, '$.event_loc.extracted_place')), lower(?))"
                " OR contains(lower(json_extract_string(record, '$.event_loc.resolved_place')), lower(?)))"
            )
            params.extend([self.place] * 2)
        if self.bbox:
            west, south, east, north = self.bbox
            lon = "lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)"  # across the antimeridian
            clauses.append(f"(lat BETWEEN ? AND ? AND {lon})")
            params.extend([south, north, west, east])
        if self.text:
            clauses.append("contains(lower(json_extract_string(record, '$.text')), lower(?))")
            params.append(self.text)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params
