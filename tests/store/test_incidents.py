"""Incident grouping: the same attack in several reports is one incident; a similar one elsewhere is not."""

from __future__ import annotations

import datetime as dt

from eventwire.store.incidents import Item, compatible, group, merge


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


def test_a_vague_report_joins_one_incident_and_never_chains_two():
    """A country-level report of the day's marches fits both the Lahore and the Islamabad march; it joins
    one of them, and the two stay apart."""
    lahore = [item(f"l{i}", f"dl{i}", event="PROTEST", actors=("PAK",), lat=31.55, lon=74.34, country="PAK")
              for i in range(2)]  # fmt: skip
    islamabad = [item(f"i{i}", f"di{i}", event="PROTEST", actors=("PAK",), lat=33.69, lon=73.06, country="PAK")
                 for i in range(2)]  # fmt: skip
    vague = item("v", "dv", event="PROTEST", actors=("PAK",), lat=30.0, lon=70.0, res=1, country="PAK")
    for one in [*lahore, *islamabad]:
        one.exact = True
    incidents = group([*lahore, vague, *islamabad])
    assert incidents["l0"] == incidents["l1"] and incidents["i0"] == incidents["i1"]
    assert incidents["l0"] != incidents["i0"]
    assert incidents["v"] in (incidents["l0"], incidents["i0"])


def test_reports_dated_to_the_day_two_days_apart_are_two_incidents():
    first, second = item("a", "d1", day=14), item("b", "d2", day=17 - 1)
    first.exact = second.exact = True
    assert group([first, second])["a"] != group([first, second])["b"]
    second.exact = False  # a report that only gives its publication date keeps the wider window
    assert group([first, second])["a"] == group([first, second])["b"]


def test_a_town_and_the_region_it_lies_in_agree_by_name():
    town = item("a", "d1", lat=13.63, lon=25.35)  # El Fasher
    region = item("b", "d2", lat=16.0, lon=25.5, res=2)  # North Darfur's label point, 300+ km away
    town.province = region.province = "North Darfur"
    assert group([town, region])["a"] == group([town, region])["b"]
    region.province = "South Darfur"
    assert group([town, region])["a"] != group([town, region])["b"]


def test_an_event_that_names_no_place_borrows_its_storys_and_joins_one_incident():
    def record(event_id, doc, loc, text="Russian missiles struck the city centre overnight"):
        return {"id": event_id, "doc_id": doc, "event": "ASSAULT", "date": "2022-09-27", "date_precision": "day",
                "actor": [{"code": "RUS"}], "recipient": [], "event_loc": loc, "text": text}  # fmt: skip

    kharkiv = {"resolved_place": "Kharkiv", "lat": 49.99, "lon": 36.23, "resolution": 4, "country_code": "UKR"}
    odesa = {"resolved_place": "Odesa", "lat": 46.48, "lon": 30.73, "resolution": 4, "country_code": "UKR"}
    items = [
        Item.of(record("a", "d1", kharkiv)),
        Item.of(record("b", "d2", kharkiv)),
        Item.of(record("c", "d3", odesa)),
        Item.of(record("d", "d4", None), place=kharkiv),  # "the strike killed two", in a Kharkiv story
        Item.of(record("e", "d5", None, "Two drones hit a depot")),  # no place at all, and other words
    ]
    incidents = group(items)
    assert incidents["d"] == incidents["a"] == incidents["b"] != incidents["c"]
    assert items[3].borrowed and not items[0].borrowed
    assert incidents["e"] not in (incidents["a"], incidents["c"])


def test_daily_attacks_on_one_town_do_not_chain_into_one_incident():
    """Shelling of Kharkiv reported every day for ten days: consecutive days may look alike, but no incident
    spans more than the date window."""
    days = [item(f"d{day}", f"doc{day}", day=day) for day in range(10, 20)]
    for one in days:
        one.exact = True
    incidents = group(days)
    assert len(set(incidents.values())) >= 4
    members: dict[str, list[int]] = {}
    for one in days:
        members.setdefault(incidents[one.id], []).append(one.date.day)
    assert all(max(d) - min(d) <= 2 for d in members.values())


def test_incremental_regrouping_gives_the_full_result(pipeline, tmp_path):
    """Reports written in three batches (the last replacing one earlier report), regrouped incrementally after
    each, give the same incidents as one full regrouping."""
    import json
    from pathlib import Path

    from eventwire.pipeline import make_document
    from eventwire.store import Store

    gold = Path(__file__).resolve().parents[2] / "gold" / "incidents.jsonl"
    records = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines()[:45]]
    documents = [make_document(r["text"], r["published"], doc_id=r["id"], title="") for r in records]
    changed = make_document(records[3]["text"] + " Officials gave no further details.", records[3]["published"],
                            doc_id=records[3]["id"], title="")  # fmt: skip
    with Store(tmp_path / "s.duckdb") as store:
        for batch in (documents[:20], documents[20:], [changed]):
            store.write(list(pipeline.process(batch)))
            store.regroup(incremental=True)
        incremental = dict(store.con.execute("SELECT id, incident_id FROM events").fetchall())
        rows = store.con.execute("SELECT incident_id, n_events FROM incidents ORDER BY incident_id").fetchall()
        store.regroup(incremental=False)
        full = dict(store.con.execute("SELECT id, incident_id FROM events").fetchall())
        after = store.con.execute("SELECT incident_id, n_events FROM incidents ORDER BY incident_id").fetchall()
        assert incremental == full
        assert rows == after


def test_statements_group_by_parties_not_by_the_country_named_beside_them():
    # "the EU sanctioned Iranian firms" placed in Iran by one report and in Belgium by another is one decision
    a = item("a", "d1", event="SANCTION", lat=32.0, lon=53.0, res=1, country="IRN", actors=("EUR",))
    b = item("b", "d2", event="SANCTION", lat=50.85, lon=4.35, res=4, country="BEL", actors=("EUR",))
    other_parties = item("c", "d3", event="SANCTION", lat=50.85, lon=4.35, res=4, country="BEL", actors=("USA",))
    unnamed = item("d", "d4", event="SANCTION", res=1, actors=(), text="sanctions on shipping companies announced")
    incidents = group([a, b, other_parties, unnamed])
    assert incidents["a"] == incidents["b"]
    assert len({incidents[x] for x in "acd"}) == 3


def test_one_town_placed_in_two_countries_by_two_reports_is_one_place():
    # "near Chala" placed in Tanzania by a report that never names Peru, and in Peru by one that does
    def at(event_id, doc, lat, lon, country, name):
        placed = item(event_id, doc, lat=lat, lon=lon, country=country, actors=())
        placed.record["event_loc"] = {**placed.record["event_loc"], "extracted_place": name}
        return placed

    peru, tanzania = at("a", "d1", -15.85, -74.25, "PER", "Chala"), at("b", "d2", -6.9, 35.4, "TZA", "Chala")
    lima = at("c", "d3", -12.05, -77.04, "PER", "Lima")
    incidents = group([peru, tanzania, lima])
    assert incidents["a"] == incidents["b"] != incidents["c"]


def test_a_report_naming_only_the_attacker_and_one_naming_only_the_victims_do_not_disagree():
    attacker = item("a", "d1", actors=("RUS",))  # "Russian drones struck Odesa"
    victims = item("b", "d2", actors=())  # "two Ukrainians were killed in Odesa"
    victims.recipients = frozenset({"UKR"})
    other_attacker = item("c", "d3", actors=("UKR",))
    assert compatible(attacker, victims)
    assert not compatible(attacker, other_attacker)


def test_reports_placed_in_two_countries_join_only_on_a_name_both_give():
    # "Liancourt" placed in France by a report that never names Haiti, and in Haiti's Artibonite by another
    haiti = item("a", "d1", lat=19.3, lon=-72.5, res=2, country="HTI", actors=())
    france = item("b", "d2", lat=49.33, lon=2.47, country="FRA", actors=())
    elsewhere = item("c", "d3", lat=48.85, lon=2.35, country="FRA", actors=())
    haiti.names, france.names, elsewhere.names = frozenset({"Liancourt"}), frozenset({"Liancourt"}), frozenset()
    incidents = group([haiti, france, elsewhere])
    assert incidents["a"] == incidents["b"] != incidents["c"]


def test_a_place_borrowed_from_the_story_counts_as_its_country_unless_the_other_report_is_precise():
    # a report whose event names no place, placed at its story's town, and another report of the same country
    borrowed = item("a", "d1", lat=50.45, lon=30.52, actors=())
    borrowed.borrowed = True
    vague = item("b", "d2", lat=46.48, lon=30.73, actors=())  # another town, no date of its own
    precise = item("c", "d3", lat=46.48, lon=30.73, actors=())
    precise.exact = True
    assert compatible(borrowed, vague)
    assert not compatible(borrowed, precise)


def test_reports_that_cannot_be_placed_meet_on_a_name_their_stories_give(tmp_path, pipeline):
    """Neither report's evidence names a place the gazetteer knows, nor a name the other gives: the market both
    stories name elsewhere links them, through the names stored with each document."""
    from eventwire.pipeline import make_document
    from eventwire.store import Store

    march = (
        "Hundreds of traders marched against the new market levy on Tuesday, witnesses said. "
        "The procession ended outside the Gikomba market hall, where organisers read a petition."
    )
    strike = "Thousands of hawkers demonstrated on Tuesday over a tax on stalls. Shops around Gikomba stayed shut."
    elsewhere = "Nurses at a hospital walked off the job on Tuesday, demanding unpaid allowances. Mbagathi wards shut."
    documents = [make_document(text, "2025-11-18", doc_id=doc, title="") for doc, text in
                 (("march", march), ("strike", strike), ("nurses", elsewhere))]  # fmt: skip
    with Store(tmp_path / "names.duckdb") as store:
        store.write(list(pipeline.process(documents)))
        names = dict(store.con.execute("SELECT doc_id, names FROM documents").fetchall())
        store.regroup()
        incident_of = dict(store.con.execute("SELECT doc_id, incident_id FROM events").fetchall())
    assert "Gikomba" in names["march"] and "Gikomba" in names["strike"]
    assert incident_of["march"] == incident_of["strike"] != incident_of["nurses"]


def test_proper_names_skip_sentence_openers_and_country_words():
    from eventwire.resolve.proper_names import proper_names

    text = (
        "Residents fled Boni on Sunday. Malian and French officials said Mali's army held Hombori. Gunmen left. "
        "The Defence Forces searched villages of northern Burkina Faso near the Kenyatta Avenue market."
    )
    assert proper_names(text) == {"Boni", "Hombori", "Kenyatta", "Avenue"}
    assert proper_names("Gunmen Kill 27 In Plateau Village Raid", headline=True) == frozenset()


def test_a_district_named_by_its_seat_reaches_the_towns_around_it():
    # "an attack in the Djugu territory", placed at Djugu town, and "near Mongbwalu", 52 km from it
    def at(event_id, doc, lat, lon, name):
        placed = item(event_id, doc, lat=lat, lon=lon, country="COD", actors=())
        placed.record["event_loc"] = {**placed.record["event_loc"], "extracted_place": name}
        return placed

    district = at("a", "d1", 1.93, 30.50, "the Djugu territory")
    town = at("b", "d2", 1.95, 30.04, "Mongbwalu")
    seat = at("c", "d3", 1.93, 30.50, "Djugu")
    assert compatible(district, town)
    assert not compatible(seat, town)
