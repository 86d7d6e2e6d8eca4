"""The DuckDB store: transactional batches, idempotent re-ingest, parameterised filters, exports."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from eventwire.pipeline import make_document
from eventwire.store import EventFilter, Store
from eventwire.store.export import export_records

TEXTS = {
    "kharkiv": ("Russian forces shelled Kharkiv on Tuesday, killing three people.", "2022-09-29"),
    "minsk": ("Police detained 40 protesters in Minsk on Sunday.", "2022-08-15"),
    "talks": ("The foreign ministers of Turkey and Greece met in Ankara on Monday.", "2022-10-04"),
}


@pytest.fixture
def results(pipeline):
    docs = [make_document(text, pub, doc_id=doc_id) for doc_id, (text, pub) in TEXTS.items()]
    return list(pipeline.process(docs))


@pytest.fixture
def store(tmp_path, results):
    with Store(tmp_path / "t.duckdb") as s:
        s.write(results)
        yield s


def test_documents_and_events_round_trip(store, results):
    assert store.stats() == {"documents": 3, "events": sum(len(r.events) for r in results)}
    records = list(store.events())
    assert {r["id"] for r in records} == {e.id for r in results for e in r.events}
    original = {e.id: e.to_dict() for r in results for e in r.events}
    assert all(original[r["id"]] == r for r in records)
    doc = store.document("kharkiv")
    assert doc["text"].startswith("Russian forces") and doc["removed_spans"] == []


def test_rewriting_the_same_documents_adds_nothing(store, results):
    before = store.stats()
    store.write(results)
    assert store.stats() == before
    assert store.known([("kharkiv", results[0].document.raw_hash), ("kharkiv", "other")]) == {
        ("kharkiv", results[0].document.raw_hash)
    }


def test_filters(store):
    assert {r["event"] for r in store.events(EventFilter(event=("COERCE",)))} == {"COERCE"}
    assert {r["event_loc"]["country_code"] for r in store.events(EventFilter(country="UKR"))} == {"UKR"}
    since = [r["date"] for r in store.events(EventFilter(since=dt.date(2022, 9, 1)))]
    assert since and all(d >= "2022-09-01" for d in since)
    until = [r["date"] for r in store.events(EventFilter(until=dt.date(2022, 9, 1)))]
    assert until and all(d <= "2022-09-01" for d in until)


@pytest.mark.parametrize("hostile", ["UKR' OR '1'='1", "'; DROP TABLE events; --", "x\x00y"])
def test_hostile_filter_values_are_parameters_not_sql(store, hostile):
    assert list(store.events(EventFilter(country=hostile))) == []
    assert list(store.events(EventFilter(event=(hostile,)))) == []
    assert store.stats()["events"] > 0


def test_counts_by_type(store):
    counts = dict(store.counts_by_type())
    assert counts["ASSAULT"] >= 1 and counts["COERCE"] >= 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_exports_read_back_with_duckdb(store, tmp_path, fmt):
    target = tmp_path / f"events.{fmt}"
    count = export_records(store.events(), fmt, target)
    reader = {"jsonl": "read_json_auto", "csv": "read_csv_auto", "parquet": "read_parquet"}[fmt]
    rows = duckdb.sql(f"SELECT count(*) FROM {reader}('{target}')").fetchall()[0][0]
    assert rows == count == store.stats()["events"]
    assert not list(tmp_path.glob(".events*"))  # no temporary file left behind


def test_opening_a_missing_store_read_only_is_a_clear_error(tmp_path):
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="no such store"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_acled_and_gdelt_rows_follow_their_layouts():
    from eventwire.store.interchange import ACLED_COLUMNS, GDELT_COLUMNS, acled_row, gdelt_row

    record = {
        "id": "e1", "doc_id": "d1", "date": "2022-09-27", "date_precision": "day", "event": "ASSAULT",
        "mode": "heavy-weapons", "quad_code": 4, "cameo": "194", "text": "Russian forces shelled Lyman.",
        "actor": [{"entity_text": "Russian forces", "code": "RUS", "sector": "MIL", "identifier_text": "Russia"}],
        "recipient": [], "size": {"dead": None, "injured": 2, "arrested": None},
        "event_loc": {"resolved_place": "Lyman", "country": "Ukraine", "country_code": "UKR", "lat": 48.99,
                      "lon": 37.81, "resolution": 4, "province": None},
    }  # fmt: skip
    acled = acled_row(record, "Eastern Wire")
    assert list(acled) == ACLED_COLUMNS
    assert (acled["event_type"], acled["sub_event_type"]) == ("Explosions/Remote violence",
                                                              "Shelling/artillery/missile attack")  # fmt: skip
    assert acled["fatalities"] == 0 and acled["geo_precision"] == 1 and acled["time_precision"] == 1
    assert acled_row({**record, "event": "CONSULT", "mode": None}) is None  # ACLED has no meetings
    gdelt = gdelt_row(record, {"n_sources": 3, "n_documents": 5}, "https://example.org/a")
    assert list(gdelt) == GDELT_COLUMNS
    assert gdelt["SQLDATE"] == "20220927" and gdelt["EventRootCode"] == "19" and gdelt["QuadClass"] == 4
    assert (gdelt["NumSources"], gdelt["NumArticles"]) == (3, 5)


def test_near_copies_of_one_story_are_linked_and_counted_once(tmp_path, pipeline):
    story = (
        "Russian forces shelled Kharkiv on Tuesday, killing three people, the regional governor said. Rescue "
        "teams searched the rubble of a five-storey building in the city centre into the night."
    )
    copy = story.replace("the regional governor said", "the regional governor said on Telegram")
    other = "Russian shelling killed three people in Kharkiv on Tuesday, officials said after a night of strikes."
    documents = [
        make_document(t, "2022-09-28", doc_id=i, title="") for i, t in (("a", story), ("b", copy), ("c", other))
    ]
    documents[0].source, documents[1].source, documents[2].source = "Eastern Wire", "Global Post", "Kyiv Daily"
    with Store(tmp_path / "dups.duckdb") as store:
        store.write(list(pipeline.process(documents)))
        links = dict(store.con.execute("SELECT doc_id, duplicate_of FROM documents").fetchall())
        assert links == {"a": None, "b": "a", "c": None}
        store.regroup()
        [incident] = [i for i in store.incidents() if i["event"] == "ASSAULT"]
    assert incident["n_documents"] == 2 and incident["n_sources"] == 3  # two stories, three outlets


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "acled", "gdelt"])
def test_exports_per_event_and_per_incident_read_back_with_pandas_and_duckdb(store, tmp_path, fmt):
    import pandas as pd

    from eventwire.store.interchange import acled_incident_row, acled_row, gdelt_incident_row, gdelt_row

    store.regroup()
    per_event = {
        "acled": (r for r in (acled_row(rec, ctx["source"]) for rec, ctx in store.events_in_context()) if r),
        "gdelt": (gdelt_row(rec, ctx["incident"], ctx["url"]) for rec, ctx in store.events_in_context()),
    }.get(fmt, store.events())
    grouped = list(store.incidents_in_context())
    per_incident = {
        "acled": (r for r in (acled_incident_row(i, m, s) for i, m, s, _ in grouped) if r),
        "gdelt": (gdelt_incident_row(i, m, u) for i, m, _, u in grouped),
    }.get(fmt, (i for i, *_ in grouped))
    for kind, rows in (("event", per_event), ("incident", per_incident)):
        target = tmp_path / f"{kind}.{fmt}"
        count = export_records(rows, fmt, target, kind=kind)
        assert count > 0
        if fmt == "parquet":
            frame = pd.read_parquet(target)
            reader = "read_parquet"
        elif fmt == "jsonl":
            frame = pd.read_json(target, lines=True)
            reader = "read_json_auto"
        else:
            frame = pd.read_csv(target, sep="\t" if fmt == "gdelt" else ",")
            reader = "read_csv_auto"
        assert len(frame) == count and len(frame.columns) > 5  # the right separator: real columns
        assert duckdb.sql(f"SELECT count(*) FROM {reader}('{target}')").fetchall()[0][0] == count
    # one row per real event: never more incidents than events, and each incident's events are all counted
    assert len(grouped) <= store.stats()["events"]
    assert sum(len(members) for _, members, _, _ in grouped) == store.stats()["events"]
