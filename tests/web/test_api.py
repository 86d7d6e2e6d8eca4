"""The HTTP API in-process (FastAPI's TestClient): filters, paging, downloads, documents, stats, security."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventwire.store import EventFilter, Store
from tests.web.conftest import HOSTILE_ID


def events(client, **params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_events_page_and_total(client, web_store):
    with Store(web_store, read_only=True) as store:
        stored = store.stats()["events"]
    body = events(client, limit=10)
    assert body["total"] == stored > 10
    assert len(body["events"]) == 10
    second = events(client, limit=10, offset=10)["events"]
    assert {e["id"] for e in body["events"]}.isdisjoint(e["id"] for e in second)
    assert all(e["schema_version"] == 1 and "text_info" in e for e in body["events"])


def test_filters_narrow_the_events(client):
    everything = events(client, limit=1000)["events"]
    assault = events(client, event="ASSAULT", limit=1000)["events"]
    assert 0 < len(assault) < len(everything)
    assert all(e["event"] == "ASSAULT" for e in assault)
    two = events(client, event=["ASSAULT", "PROTEST"], limit=1000)["events"]
    assert {e["event"] for e in two} == {"ASSAULT", "PROTEST"}
    ukr = events(client, country="ukr", limit=1000)["events"]
    assert ukr and all((e["event_loc"] or {}).get("country_code", "UKR") == "UKR" for e in ukr)
    rus = events(client, party="RUS", limit=1000)["events"]
    assert rus and all("RUS" in [p["code"] for p in e["actor"] + e["recipient"]] for e in rus)
    mil = events(client, sector="MIL", limit=1000)["events"]
    assert mil and all("MIL" in [p["sector"] for p in e["actor"] + e["recipient"]] for e in mil)
    future = events(client, aux_mode="future", limit=1000)["events"]
    assert future and all(e["aux_mode"] == "future" for e in future)
    asserted = events(client, aux_mode="asserted", limit=1000)["events"]
    assert asserted and all(e["aux_mode"] is None for e in asserted)
    lyman = events(client, place="lyman", limit=1000)["events"]
    assert lyman and all("lyman" in (e["event_loc"]["resolved_place"] or "").lower() for e in lyman)
    shelling = events(client, q="SHELLING", limit=1000)["events"]
    assert shelling and all("shelling" in e["text"].lower() for e in shelling)
    dated = events(client, since="2022-09-28", until="2022-09-29", limit=1000)["events"]
    assert dated and all("2022-09-28" <= e["date"] <= "2022-09-29" for e in dated)
    # Ukraine's box holds Ukrainian places only
    box = events(client, bbox="22,44,41,53", limit=1000)["events"]
    assert box and all(22 <= e["event_loc"]["lon"] <= 41 and 44 <= e["event_loc"]["lat"] <= 53 for e in box)


def test_downloads(client):
    response = client.get("/api/events", params={"event": "ASSAULT", "format": "csv", "limit": 5})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 5 and all(r["event"] == "ASSAULT" for r in rows)
    response = client.get("/api/events", params={"format": "jsonl", "limit": 3})
    lines = response.text.splitlines()
    assert len(lines) == 3 and all(json.loads(line)["schema_version"] == 1 for line in lines)


def test_incidents_and_stats(client):
    body = client.get("/api/incidents", params={"limit": 5}).json()
    assert 0 < len(body["incidents"]) <= 5 and "n_documents" in body["incidents"][0]
    assert client.get("/api/incidents", params={"format": "csv", "limit": 2}).status_code == 200
    ukr = client.get("/api/incidents", params={"country": "UKR", "event": "ASSAULT"}).json()["incidents"]
    assert ukr and all(i["event"] == "ASSAULT" for i in ukr)
    assert client.get("/api/incidents", params={"q": "killed"}).status_code == 422  # not an incident filter
    stats = client.get("/api/stats").json()
    assert stats["events"] == sum(row["n"] for row in stats["by_type"]) == stats["matching"]
    assert sum(row["n"] for row in stats["by_day"]) == stats["events"]
    assert any(row["country_code"] == "UKR" for row in stats["by_country"])
    only = client.get("/api/stats", params={"event": "PROTEST"}).json()
    assert {row["event"] for row in only["by_type"]} == {"PROTEST"}
    assert only["events"] == stats["events"]  # totals are the store's


def test_document_view_has_text_spans_and_removed_boilerplate(client):
    assault = events(client, event="ASSAULT", q="Shelling killed", limit=1)["events"][0]
    doc = client.get(f"/api/documents/{assault['doc_id']}").json()
    start, end = assault["text_info"]["start"], assault["text_info"]["end"]
    assert doc["text"][start:end] == assault["text"]
    assert assault["id"] in {e["id"] for e in doc["events"]}
    removed = doc["removed_spans"]
    assert removed and {"start", "end", "reason", "text", "clean_at"} <= set(removed[0])
    assert all(0 <= r["clean_at"] <= len(doc["text"]) for r in removed)
    assert all(r["clean_at"] == 0 for r in removed if r["reason"] in ("byline", "dateline"))
    assert client.get("/api/documents/no-such-doc").status_code == 404
    hostile = client.get(f"/api/documents/{HOSTILE_ID}").json()
    assert "<script>window.__xss=1</script>" in hostile["text"]  # stored as text, escaped by the page
    # the appeal after the story sits at its end
    (appeal,) = hostile["removed_spans"]
    assert appeal["reason"] == "appeal" and appeal["clean_at"] == len(hostile["text"])


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/incidents", "/api/documents/{doc_id}", "/api/stats"} <= set(paths)
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"event", "aux_mode", "country", "party", "sector", "place", "bbox", "since", "until", "q"} <= names
    assert "post" not in paths.get("/api/documents", {})  # read-only without a token


def test_api_reference_is_served_locally(client):
    page = client.get("/docs")
    assert page.status_code == 200 and "/static/vendor/swagger/swagger-ui-bundle.js" in page.text
    assert "http" not in page.text.replace("http-equiv", "")  # no CDN
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert client.get("/static/vendor/swagger/swagger-ui-bundle.js").status_code == 200


def test_dashboard_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "<script>" not in response.text  # no inline script: scripts come from /static only
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/vendor/leaflet/leaflet.js").status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"country": "' OR 1=1 --"},
        {"party": "'; DROP TABLE events; --"},
        {"sector": "MIL' OR '1'='1"},
        {"event": "ASSAULT' OR 1=1 --"},
        {"aux_mode": "future' OR 1=1"},
        {"bbox": "1,2,3"},
        {"bbox": "a,b,c,d"},
        {"bbox": "nan,0,1,1"},
        {"bbox": "0,0,1,1e309"},
        {"bbox": "-200,0,1,1"},
        {"bbox": "0,50,1,10"},
        {"since": "2022-13-45"},
        {"since": "'; DROP TABLE events; --"},
        {"since": "2022-10-01", "until": "2022-09-01"},
        {"limit": "0"},
        {"limit": "99999999999999999999999"},
        {"offset": "-1"},
        {"offset": "1e30"},
        {"format": "xml"},
        {"q": "x" * 500},
    ],
)
def test_hostile_filter_values_are_rejected_not_errors(client, params):
    response = client.get("/api/events", params=params)
    assert response.status_code == 422, (params, response.text)
    if "limit" not in params and "offset" not in params and "format" not in params:
        assert client.get("/api/stats", params=params).status_code == 422


@pytest.mark.parametrize(
    "value", ["' OR 1=1 --", "%", "_", "%' OR '%'='", "\\", "Київ", "😀", "\x00", "a' || (SELECT 1) || '"]
)
def test_hostile_text_values_are_parameters(client, web_store, value):
    """Text filters match literally: SQL and LIKE wildcards in them do nothing."""
    for key in ("q", "place"):
        body = events(client, **{key: value}, limit=1000)
        with Store(web_store, read_only=True) as store:
            expected = [
                e["id"]
                for e in store.events(EventFilter())
                if value.lower()
                in (
                    e["text"]
                    if key == "q"
                    else " ".join(
                        filter(None, [(e["event_loc"] or {}).get(k) for k in ("extracted_place", "resolved_place")])
                    )
                ).lower()
            ]
        assert [e["id"] for e in body["events"]] == expected
        assert body["total"] == len(expected) < 10
    with Store(web_store, read_only=True) as store:
        assert store.stats()["events"] > 100  # nothing was dropped


def test_antimeridian_bbox_is_accepted(client):
    assert client.get("/api/events", params={"bbox": "170,-50,-170,50"}).status_code == 200
