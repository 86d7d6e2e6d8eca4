"""The command line as a user runs it (real subprocesses)."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SAMPLES, SAMPLES_PUBLISHED, run_cli

pytestmark = pytest.mark.slow


def test_extract_writes_one_json_record_per_line_and_logs_to_stderr(tmp_path):
    result = run_cli("extract", str(SAMPLES / "01-russia-annexation-lyman.txt"), "--published", SAMPLES_PUBLISHED)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["schema_version"] == 1 for r in records)
    assert {"ASSAULT", "COERCE", "REJECT", "THREATEN"} <= {r["event"] for r in records}
    # nothing from the publisher's appeal
    assert not any("Remind me later" in r["text"] or "Donate" in r["text"] for r in records)


def test_extract_reads_stdin_and_writes_csv():
    result = run_cli(
        "extract", "-", "--published", "2022-09-29", "--format", "csv",
        stdin="Police detained 40 protesters in Minsk on Sunday.",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows[0]["event"] == "COERCE" and rows[0]["arrested"] == "40" and rows[0]["country_code"] == "BLR"


def test_bad_inputs_are_one_line_each_and_the_rest_is_processed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Troops shelled Kherson on Monday.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run_cli("extract", str(tmp_path / "missing.txt"), str(empty), str(good), "--published", "2022-09-29")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("eventwire: error:")]
    assert len(errors) == 2 and "missing.txt" in errors[0] and "empty.txt" in errors[1]
    assert [json.loads(line)["event"] for line in result.stdout.splitlines()] == ["ASSAULT"]


def test_unwritable_output_is_a_one_line_error(tmp_path):
    result = run_cli("extract", "-", "--output", str(tmp_path / "no" / "such" / "dir.jsonl"), stdin="Troops attacked.")
    assert result.returncode == 2 and "cannot write" in result.stderr and "Traceback" not in result.stderr


def test_extract_to_a_file(tmp_path):
    target = tmp_path / "out.jsonl"
    result = run_cli("extract", "-", "--published", "2022-09-29", "-o", str(target), stdin="Troops shelled Izium.")
    assert result.returncode == 0 and result.stdout == ""
    assert json.loads(target.read_text(encoding="utf-8").splitlines()[0])["event"] == "ASSAULT"


def test_bad_date_is_a_one_line_error():
    result = run_cli("extract", "-", "--published", "yesterday", stdin="Troops shelled Kherson.")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("eventwire: error:") and len(result.stderr.strip().splitlines()) == 1


def test_ingest_events_export_round_trip_and_reingest_adds_nothing(tmp_path):
    db = tmp_path / "store.duckdb"
    first = run_cli("ingest", str(SAMPLES), "--db", str(db), "--published", SAMPLES_PUBLISHED)
    assert first.returncode == 0, first.stderr
    assert "stored 10 documents" in first.stderr
    again = run_cli("ingest", str(SAMPLES), "--db", str(db), "--published", SAMPLES_PUBLISHED)
    assert "stored 0 documents, 0 events (10 unchanged documents skipped)" in again.stderr

    listed = run_cli("events", "--db", str(db), "--format", "jsonl")
    records = [json.loads(line) for line in listed.stdout.splitlines()]
    assert len(records) > 50
    filtered = run_cli("events", "--db", str(db), "--event", "assault", "--country", "UKR", "--since", "2022-09-01")
    subset = [json.loads(line) for line in filtered.stdout.splitlines()]
    assert subset and all(r["event"] == "ASSAULT" and r["date"] >= "2022-09-01" for r in subset)

    table = run_cli("events", "--db", str(db), "--format", "table")
    assert "events by type" in table.stdout and "ASSAULT" in table.stdout

    out = tmp_path / "events.parquet"
    exported = run_cli("export", "--db", str(db), "--format", "parquet", "--output", str(out))
    assert exported.returncode == 0 and out.stat().st_size > 0


def test_events_on_a_missing_store_is_a_clear_error(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "none.duckdb"))
    assert result.returncode == 2 and "no such store" in result.stderr and "Traceback" not in result.stderr


def test_unknown_event_type_is_a_clear_error(tmp_path):
    result = run_cli("events", "--db", str(tmp_path / "x.duckdb"), "--event", "FIGHT")
    assert result.returncode == 2 and "unknown event type" in result.stderr


def test_info_json():
    result = run_cli("info", "--format", "json")
    data = json.loads(result.stdout)
    assert set(data) == {"version", "schema_version", "spacy_model", "spacy_model_version"}
    assert data["schema_version"] == 1 and data["spacy_model_version"] == "3.8.0"


def test_eval_scores_a_gold_file_as_json_and_table(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        '{"id": "a", "text": "Russian forces shelled the city of Kharkiv on Tuesday.", "published": "2022-09-29",'
        ' "events": [{"event": "ASSAULT", "actor": ["RUS"], "recipient": []}]}\n'
        '{"id": "b", "text": "Heavy rain is forecast for the weekend.", "published": "2022-09-29", "events": []}\n',
        encoding="utf-8",
    )
    result = run_cli("eval", str(gold), "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)[str(gold)]
    assert report["documents"] == 2
    assert report["no_event"]["documents"] == 1
    assert set(report["fields"]) >= {"event", "mode", "aux_mode", "actor", "recipient", "location", "date", "size"}
    table = run_cli("eval", str(gold))
    assert table.returncode == 0 and "precision" in table.stdout and "no-event documents" in table.stdout


def test_eval_bad_gold_line_is_a_one_line_error(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{broken\n", encoding="utf-8")
    result = run_cli("eval", str(gold))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "gold.jsonl:1" in result.stderr


def test_geoparse_writes_one_record_per_place_and_scores_against_gold(tmp_path):
    docs = tmp_path / "docs.jsonl"
    text = "Shelling hit Kharkiv and the town of Kupiansk, officials in Kyiv said."
    docs.write_text(json.dumps({"id": "d1", "text": text}) + "\n", encoding="utf-8")
    result = run_cli("geoparse", str(docs), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    by_text = {r["text"]: r for r in records}
    assert {"Kharkiv", "Kupiansk", "Kyiv"} <= set(by_text)
    assert all(text[r["start"] : r["end"]] == r["text"] for r in records)
    assert by_text["Kharkiv"]["country_code"] == "UKR" and by_text["Kharkiv"]["geonameid"]
    start = text.index("Kharkiv")
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": "d1", "places": [{"start": start, "end": start + 7, "lat": 49.98, "lon": 36.25}]}) + "\n",
        encoding="utf-8",
    )
    scored = run_cli("geoparse", str(docs), "--gold", str(gold), "--format", "jsonl")
    assert scored.returncode == 0, scored.stderr
    report = json.loads(scored.stdout)
    assert report["found"] == 1.0 and report["within_161km"] == 1.0


def test_ingest_groups_reports_of_one_event_into_an_incident(tmp_path):
    reports = [
        ("r1", "Eastern Wire", "Russian forces shelled Kharkiv on Tuesday, killing three people, the governor said."),
        ("r2", "Kyiv Daily", "Russian shelling killed five people in Kharkiv on Tuesday, regional officials said."),
        ("r3", "Radio Steppe", "Police detained forty protesters in Minsk on Sunday, a rights group said."),
    ]  # fmt: skip
    docs = tmp_path / "reports.jsonl"
    docs.write_text(
        "\n".join(json.dumps({"id": i, "source": s, "text": t, "published": "2022-09-29"}) for i, s, t in reports),
        encoding="utf-8",
    )
    db = tmp_path / "store.duckdb"
    assert run_cli("ingest", str(docs), "--db", str(db)).returncode == 0
    result = run_cli("incidents", "--db", str(db), "--event", "ASSAULT", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    [incident] = [json.loads(line) for line in result.stdout.splitlines()]
    assert incident["n_documents"] == 2 and incident["n_sources"] == 2
    assert incident["dead"] == 3 and incident["dead_high"] == 5 and incident["place"] == "Kharkiv"
