"""``--processes N``: a pool of worker processes gives exactly the single-process results, in order."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLES_PUBLISHED, run_cli

pytestmark = pytest.mark.slow


def test_two_processes_give_the_same_records_in_the_same_order(pipeline, mixed_documents, single_process_records):
    results = list(pipeline.process(mixed_documents, n_process=2))
    assert [r.document.doc_id for r in results] == [d.doc_id for d in mixed_documents]
    records = [event.to_dict() for result in results for event in result.events]
    assert len(records) > 100
    assert records == single_process_records


def test_extract_with_processes_prints_the_same_jsonl(mixed_corpus, single_process_records):
    out = run_cli("extract", str(mixed_corpus), "--published", SAMPLES_PUBLISHED, "--processes", "2")
    assert out.returncode == 0, out.stderr
    assert [json.loads(line) for line in out.stdout.splitlines()] == single_process_records
