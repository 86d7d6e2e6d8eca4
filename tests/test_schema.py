"""Every record validates against the JSON Schema kept in the repo, which matches the models."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from eventwire import event_json_schema
from eventwire.settings import DATA_DIR

SCHEMA_FILE = DATA_DIR / "schema" / "event.schema.json"


def test_committed_schema_matches_the_models():
    committed = json.loads(Path(SCHEMA_FILE).read_text(encoding="utf-8"))
    assert committed == event_json_schema(), "regenerate with: eventwire schema > " + str(SCHEMA_FILE)


def test_every_demo_event_validates_and_points_at_its_evidence(sample_results):
    schema = json.loads(Path(SCHEMA_FILE).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    total = 0
    for result in sample_results:
        for event in result.events:
            record = event.to_dict()
            validator.validate(record)
            span = record["text_info"]
            assert result.clean.text[span["start"] : span["end"]] == record["text"]
            assert record["doc_id"] == result.document.doc_id
            total += 1
    assert total >= 50  # ten articles full of events


def test_schema_rejects_an_unknown_event_type(sample_results):
    schema = json.loads(Path(SCHEMA_FILE).read_text(encoding="utf-8"))
    record = next(e for r in sample_results for e in r.events).to_dict()
    record["event"] = "FIGHT"
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid(record)
