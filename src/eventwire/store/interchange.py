"""Exports in other datasets' layouts, for tools built around them.

* ``acled``: one row per event in ACLED's column layout (event types from ``data/exports/acled.yaml``;
  fatalities 0 when none are reported, as ACLED codes; geo_precision 1 town, 2 part of a region, 3 region or
  country; time_precision 1 day, 2 week, 3 month or vaguer). Types ACLED does not cover are left out.
* ``gdelt``: one row per event in the core columns of the GDELT 2.0 event table (CAMEO code, quad class,
  actor and action geography, NumSources/NumArticles from the event's incident); columns we do not
  produce (Goldstein scale, tone, mentions) are empty.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventwire.settings import DATA_DIR, read_yaml

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "assoc_actor_2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities", "iso3",
]  # fmt: skip
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor2Code", "Actor2Name",
    "Actor2CountryCode", "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone", "ActionGeo_Type",
    "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long", "SOURCEURL",
]  # fmt: skip
_TIME_PRECISION = {"day": 1, "week": 2}
_GEO_PRECISION = {5: 1, 4: 1, 3: 2, 2: 3, 1: 3}
#: GDELT's ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1)
_GDELT_GEO = {1: 1, 2: 5, 3: 4, 4: 4, 5: 4}


@lru_cache(maxsize=1)
def _acled_types() -> dict[str, list[str]]:
    return read_yaml(DATA_DIR / "exports" / "acled.yaml")


def _names(parties: list[dict[str, Any]]) -> list[str]:
    return [p.get("identifier_text") or p.get("entity_text") or "" for p in parties]


def acled_row(record: dict[str, Any], source: str | None = None) -> dict[str, Any] | None:
    """The ACLED row of an event record, or None when ACLED has no type for it."""
    types = _acled_types()
    pair = types.get(f"{record['event']}/{record.get('mode')}") or types.get(record["event"])
    if pair is None:
        return None
    loc = record.get("event_loc") or {}
    actors, recipients = _names(record.get("actor") or []), _names(record.get("recipient") or [])
    date = record.get("date") or ""
    return {
        "event_id_cnty": record["id"],
        "event_date": date,
        "year": date[:4] or None,
        "time_precision": _TIME_PRECISION.get(record.get("date_precision") or "", 3),
        "event_type": pair[0],
        "sub_event_type": pair[1],
        "actor1": actors[0] if actors else None,
        "assoc_actor_1": "; ".join(actors[1:]) or None,
        "actor2": recipients[0] if recipients else None,
        "assoc_actor_2": "; ".join(recipients[1:]) or None,
        "country": loc.get("country"),
        "admin1": loc.get("province"),
        "location": loc.get("resolved_place"),
        "latitude": loc.get("lat"),
        "longitude": loc.get("lon"),
        "geo_precision": _GEO_PRECISION.get(loc.get("resolution") or 1, 3) if loc else None,
        "source": source,
        "notes": record.get("text"),
        "fatalities": (record.get("size") or {}).get("dead") or 0,
        "iso3": loc.get("country_code"),
    }


def gdelt_row(record: dict[str, Any], incident: dict[str, Any] | None = None, url: str | None = None) -> dict[str, Any]:
    """The GDELT-style row of an event record (NumSources/NumArticles from its incident, if grouped)."""
    actors, recipients = record.get("actor") or [], record.get("recipient") or []
    loc = record.get("event_loc") or {}
    cameo = record.get("cameo") or ""
    first, second = (actors[0] if actors else {}), (recipients[0] if recipients else {})
    return {
        "GLOBALEVENTID": record["id"],
        "SQLDATE": (record.get("date") or "").replace("-", "") or None,
        "Actor1Code": first.get("code"),
        "Actor1Name": first.get("entity_text"),
        "Actor1CountryCode": first.get("code") if first.get("code") and len(first["code"]) == 3 else None,
        "Actor2Code": second.get("code"),
        "Actor2Name": second.get("entity_text"),
        "Actor2CountryCode": second.get("code") if second.get("code") and len(second["code"]) == 3 else None,
        "IsRootEvent": 1,
        "EventCode": cameo or None,
        "EventBaseCode": cameo[:3] or None,
        "EventRootCode": cameo[:2] or None,
        "QuadClass": record.get("quad_code"),
        "GoldsteinScale": None,
        "NumMentions": None,
        "NumSources": incident.get("n_sources") if incident else 1,
        "NumArticles": incident.get("n_documents") if incident else 1,
        "AvgTone": None,
        "ActionGeo_Type": _GDELT_GEO.get(loc.get("resolution") or 0) if loc else None,
        "ActionGeo_FullName": ", ".join(x for x in (loc.get("resolved_place"), loc.get("country")) if x) or None,
        "ActionGeo_CountryCode": loc.get("country_code"),
        "ActionGeo_Lat": loc.get("lat"),
        "ActionGeo_Long": loc.get("lon"),
        "SOURCEURL": url,
    }


def representative(members: list[dict[str, Any]]) -> dict[str, Any]:
    """The report of an incident that places it most precisely (then the most confident one)."""
    return max(members, key=lambda r: ((r.get("event_loc") or {}).get("resolution") or 0, r.get("confidence") or 0.0))


def acled_incident_row(incident: dict[str, Any], members: list[dict[str, Any]], sources: list[str]) -> dict | None:
    """One ACLED row per incident, as ACLED codes one row per event from all its sources: the most precise
    report's place and parties, the incident's date and conservative death count, every source named."""
    row = acled_row(representative(members), "; ".join(sources) or None)
    if row is None:
        return None
    date = incident.get("date") or row["event_date"]
    return {
        **row,
        "event_id_cnty": incident["incident_id"],
        "event_date": date,
        "year": (date or "")[:4] or None,
        "fatalities": incident.get("dead") or 0,
        "notes": f"{row['notes']} ({incident['n_documents']} reports, {incident.get('n_sources') or 1} sources)",
    }


def gdelt_incident_row(incident: dict[str, Any], members: list[dict[str, Any]], url: str | None) -> dict[str, Any]:
    """One GDELT-style row per incident: the most precise report's codes, the incident's date and counts."""
    row = gdelt_row(representative(members), incident, url)
    return {
        **row,
        "GLOBALEVENTID": incident["incident_id"],
        "SQLDATE": (incident.get("date") or "").replace("-", "") or row["SQLDATE"],
    }
