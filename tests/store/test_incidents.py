"""Incident grouping: the same attack in several reports is one incident; a similar one elsewhere is not."""

from __future__ import annotations

import datetime as dt

from eventwire.store.incidents import Item, group, merge


def item(event_id, doc, *, event="ASSAULT", day=27, lat=49.99, lon=36.23, res=4, country="UKR",
         actors=("RUS",), dead=None, source=None, text="Russian forces shelled Kharkiv killing people"):  # fmt: skip
    return Item(
        id=event_id,
        doc_id=doc,
        source=source,
        event=event,
        date=dt.date(2022, 9, day),
        lat=lat,
        lon=lon,
        resolution=res,
        country=country,
        actors=frozenset(actors),
        recipients=frozenset(),
        words=frozenset(text.lower().split()),
        counts={"dead": dead} if dead is not None else {},
        record={"event_loc": {"resolved_place": "Kharkiv", "lat": lat, "lon": lon, "resolution": res}},
    )


def test_reports_of_one_attack_group_and_similar_attacks_do_not():
    same = [item("a", "d1", dead=3, source="A"), item("b", "d2", day=28, dead=5, source="B"),
            item("c", "d3", lat=49.5, lon=36.4, res=2, source="C")]  # fmt: skip
    other_day = item("d", "d4", day=24)
    other_town = item("e", "d5", lat=46.48, lon=30.73)  # Odesa, same night
    other_type = item("f", "d6", event="PROTEST", actors=())
    other_actor = item("g", "d7", actors=("UKR",))
    incidents = group([*same, other_day, other_town, other_type, other_actor])
    assert incidents["a"] == incidents["b"] == incidents["c"]
    assert len({incidents[x] for x in "adefg"}) == 5
    record = merge(incidents["a"], same)
    assert record["dead"] == 3 and record["dead_high"] == 5  # the conservative figure, the highest alongside
    assert record["resolution"] == 4 and record["n_documents"] == 3 and record["n_sources"] == 3


def test_incident_ids_are_stable():
    events = [item("a", "d1"), item("b", "d2")]
    assert group(events) == group(list(reversed(events)))
