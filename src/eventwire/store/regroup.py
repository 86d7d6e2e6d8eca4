"""Rebuilding the incidents table from the stored events (``Store.regroup``), in one transaction.

A full regroup reads every event. An incremental one reads only the events not grouped yet (those written
since the last regroup, ``incident_id`` still null), every event within ``REGROUP_MARGIN`` days of their
dates, the whole incidents those belong to, and incidents that lost events to a replaced document. An
incident spans at most ``incidents.DAYS`` days, so nothing farther can join them.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError
from eventwire.store.incidents import DAYS, Item, group, merge
from eventwire.store.rows import INCIDENT_SCHEMA

if TYPE_CHECKING:
    from eventwire.store.duckdb import Store

#: stores with more events than this regroup incidents incrementally after an ingest
INCREMENTAL_FROM = 200_000
#: days around the new events' dates whose events are regrouped with them (incidents span at most 2 days)
REGROUP_MARGIN = 3 * DAYS

_ROWS = (
    "SELECT e.record, d.source, d.published, coalesce(d.duplicate_of, d.doc_id), d.place, e.incident_id, d.title,"
    " d.names"
    " FROM events e JOIN documents d USING (doc_id)"
)
#: the events to regroup incrementally: new ones, those of stale incidents, those near the new ones' dates and
#: every event of an incident that has one near them
_AROUND = (
    " WHERE e.incident_id IS NULL OR e.incident_id IN (SELECT unnest(?::VARCHAR[]))"
    " OR coalesce(e.date, d.published) BETWEEN ? AND ?"
    " OR e.incident_id IN (SELECT e2.incident_id FROM events e2 JOIN documents d2 USING (doc_id)"
    " WHERE coalesce(e2.date, d2.published) BETWEEN ? AND ?)"
)


def regroup(store: Store, incremental: bool | None = None) -> int:
    """Rebuild the incidents; returns the number stored. ``incremental`` None: incremental for stores of more
    than ``INCREMENTAL_FROM`` events, where reading every event after each ingest would take minutes."""
    con = store.con
    if incremental is None:
        incremental = store.stats()["events"] > INCREMENTAL_FROM
    where, params, replaced = "", [], None
    if incremental:
        new, undated, low, high = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE coalesce(e.date, d.published) IS NULL),"
            " min(coalesce(e.date, d.published)), max(coalesce(e.date, d.published))"
            " FROM events e JOIN documents d USING (doc_id) WHERE e.incident_id IS NULL"
        ).fetchall()[0]
        stale = _stale_incidents(con)
        if not new and not stale:
            return _count(con)
        if not undated:  # an event with no date at all could join anything: regroup everything
            margin = dt.timedelta(days=REGROUP_MARGIN)
            low, high = (low - margin, high + margin) if new else (dt.date.min, dt.date.min)
            where, params, replaced = _AROUND, [stale, low, high, low, high], set(stale)
    rows = con.execute(_ROWS + where, params).fetchall()
    items = [
        Item.of(
            json.loads(record),
            source,
            published,
            story=story,
            place=json.loads(place) if place else None,
            title=title,
            story_names=frozenset(names or ()),
        )
        for record, source, published, story, place, _, title, names in rows
    ]
    incident_of = group(items)
    if replaced is not None:
        # the incidents these events were in, and any the regrouping makes again (a replaced document's events
        # come back with their ids, so an incident of only those gets its old id)
        replaced |= {row[5] for row in rows if row[5]} | set(incident_of.values())
    members: dict[str, list[Item]] = {}
    for item in items:
        members.setdefault(incident_of[item.id], []).append(item)
    records = [merge(incident_id, group_items) for incident_id, group_items in members.items()]
    _store(store, records, incident_of, replaced)
    return _count(con) if replaced is not None else len(records)


def _stale_incidents(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Incidents that name events a replaced document took away."""
    rows = con.execute(
        "SELECT DISTINCT i.incident_id FROM (SELECT incident_id, unnest(event_ids) AS id FROM incidents) i"
        " ANTI JOIN events e USING (id)"
    ).fetchall()
    return [row[0] for row in rows]


def _count(con: duckdb.DuckDBPyConnection) -> int:
    return con.execute("SELECT count(*) FROM incidents").fetchall()[0][0]


def _store(store: Store, records: list[dict[str, Any]], incident_of: dict[str, str], replaced: set[str] | None) -> None:
    """Replace the incidents (all of them, or those in ``replaced``) and link the events, in one transaction."""
    table = pa.Table.from_pylist(
        [{**r, "date": dt.date.fromisoformat(r["date"]) if r["date"] else None} for r in records],
        schema=INCIDENT_SCHEMA,
    )
    links = pa.table({"id": list(incident_of), "incident_id": list(incident_of.values())})
    con = store.con
    con.register("new_incidents", table)
    con.register("incident_links", links)
    try:
        con.execute("BEGIN")
        if replaced is None:
            con.execute("DELETE FROM incidents")
        else:
            con.execute("DELETE FROM incidents WHERE incident_id IN (SELECT unnest(?::VARCHAR[]))", [sorted(replaced)])
        con.execute(
            "INSERT INTO incidents SELECT incident_id, event, date, place, country_code, lat, lon, resolution,"
            " dead, dead_high, injured, injured_high, arrested, arrested_high, actor_codes, recipient_codes,"
            " n_events, n_documents, n_sources, event_ids FROM new_incidents"
        )
        con.execute("UPDATE events SET incident_id = l.incident_id FROM incident_links l WHERE events.id = l.id")
        if replaced is not None:  # an incident whose events all moved elsewhere (a replaced document's) is gone
            con.execute(
                "DELETE FROM incidents WHERE incident_id NOT IN"
                " (SELECT DISTINCT incident_id FROM events WHERE incident_id IS NOT NULL)"
            )
        con.execute("COMMIT")
    except duckdb.Error as err:
        con.execute("ROLLBACK")
        raise StoreError(f"{store.path}: grouping incidents failed ({str(err).splitlines()[0]})") from None
    finally:
        con.unregister("new_incidents")
        con.unregister("incident_links")
