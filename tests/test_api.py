"""The public Python API: extract(), Pipeline, typed records whose to_dict() is the JSONL record."""

from __future__ import annotations

import eventwire
from eventwire import Event, Pipeline, extract

SCHEMA_FIELDS = [
    "schema_version", "id", "doc_id", "date", "date_precision", "event", "mode", "context", "aux_mode", "actor",
    "recipient", "event_loc", "size", "quad_code", "cameo", "event_text", "text", "text_info", "attribution",
    "confidence",
]  # fmt: skip


def test_all_names_exist_and_nothing_private_is_exported():
    for name in eventwire.__all__:
        assert hasattr(eventwire, name), name
        assert not name.startswith("_") or name == "__version__"
    assert {"extract", "Pipeline", "Event"} <= set(eventwire.__all__)


def test_extract_returns_typed_records_with_schema_fields_in_order():
    text = "Russian forces shelled Kharkiv on Tuesday, killing three people."
    events = extract(text, published="2022-09-29")
    assert events and all(isinstance(e, Event) for e in events)
    record = events[0].to_dict()
    assert list(record) == SCHEMA_FIELDS
    assert record["event"] == "ASSAULT"
    assert text[record["text_info"]["start"] : record["text_info"]["end"]] == record["text"]


def test_same_input_gives_same_ids(pipeline):
    text = "Police detained 40 demonstrators in Minsk on Sunday."
    first = [e.id for e in pipeline.extract(text, "2022-09-29")]
    second = [e.id for e in Pipeline().extract(text, "2022-09-29")]
    assert first and first == second


def test_pipeline_process_keeps_input_order(pipeline):
    from eventwire.pipeline import make_document

    docs = [make_document(f"Protesters rallied in Kyiv on day {i}.", "2022-09-29", doc_id=f"d{i}") for i in range(5)]
    assert [r.document.doc_id for r in pipeline.process(docs)] == [f"d{i}" for i in range(5)]
