"""``--dask``: a real LocalCluster with two worker processes gives the single-process result (same event ids,
same records, same order), as Parquet partitions, as ``extract`` output and as a DuckDB store."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from eventwire.errors import ConfigError
from eventwire.settings import Settings
from eventwire.store import Store
from tests.conftest import SAMPLES_PUBLISHED, run_cli

pytestmark = pytest.mark.slow
pytest.importorskip("distributed")


def _store_events(db):
    with Store(db, read_only=True) as store:
        return list(store.events())


def test_local_cluster_with_two_workers_gives_the_single_process_result(
    tmp_path, pipeline, mixed_documents, single_process_records
):
    from eventwire.scale import cluster

    with cluster.connect("local:2") as client:
        assert len(client.scheduler_info()["workers"]) == 2
        parts = list(cluster.run(client, Settings(), mixed_documents, tmp_path / "parquet", size=8))
        # both workers coded partitions, each with the pipeline it loaded once
        assert len(parts) == -(-len(mixed_documents) // 8)
    assert [p.index for p in parts] == list(range(len(parts)))
    records = [json.loads(r) for p in parts for r in pq.read_table(p.events_path)["record"].to_pylist()]
    assert [r["id"] for r in records] == [r["id"] for r in single_process_records]
    assert records == single_process_records
    documents = [d for p in parts for d in pq.read_table(p.documents_path)["doc_id"].to_pylist()]
    assert documents == [d.doc_id for d in mixed_documents]

    # the partitions load into a store exactly like the batched writes of a normal ingest
    with Store(tmp_path / "dask.duckdb") as store:
        assert store.load_parquet([(p.documents_path, p.events_path) for p in parts]) == (
            len(mixed_documents),
            len(records),
        )
    with Store(tmp_path / "plain.duckdb") as store:
        store.write(list(pipeline.process(mixed_documents)))
    assert _store_events(tmp_path / "dask.duckdb") == _store_events(tmp_path / "plain.duckdb")


def test_cli_extract_and_ingest_with_dask(tmp_path, mixed_corpus, single_process_records):
    out = run_cli("extract", str(mixed_corpus), "--published", SAMPLES_PUBLISHED, "--dask", "local:2")
    assert out.returncode == 0, out.stderr
    assert [json.loads(line) for line in out.stdout.splitlines()] == single_process_records

    db = tmp_path / "store.duckdb"
    out = run_cli("ingest", str(mixed_corpus), "--published", SAMPLES_PUBLISHED, "--db", str(db), "--dask", "local:2")
    assert out.returncode == 0, out.stderr
    ids = {e["id"] for e in _store_events(db)}
    assert ids == {r["id"] for r in single_process_records}
    # idempotent, as the normal ingest: a re-run skips every unchanged document
    again = run_cli("ingest", str(mixed_corpus), "--published", SAMPLES_PUBLISHED, "--db", str(db), "--dask", "local:2")
    assert again.returncode == 0, again.stderr
    assert "stored 0 documents" in again.stderr
    assert {e["id"] for e in _store_events(db)} == ids


def test_a_remote_scheduler_needs_a_shared_parquet_directory():
    from eventwire.scale import cluster

    with pytest.raises(ConfigError, match="--parquet"), cluster.parquet_dir("tcp://10.0.0.5:8786", None):
        pass


def test_without_dask_the_message_says_what_to_install(monkeypatch):
    import sys

    from eventwire.scale import cluster

    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(ConfigError, match=r"pip install eventwire\[dask\]"), cluster.connect("local:2"):
        pass
