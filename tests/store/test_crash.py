"""A `kill -9` in the middle of a real ingest leaves a store that opens, holds only whole documents, and a
re-run completes it (issue 5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

pytestmark = pytest.mark.slow

_ARTICLE = (
    "Russian forces shelled the city of Kharkiv on Tuesday, killing {n} people and wounding {m}, the regional "
    "governor said in bulletin {k}.\n\nPolice in Minsk detained {m} protesters on Sunday, a rights group said.\n"
)


def _store_counts(db) -> tuple[int, int, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        documents = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]
        events = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        # a whole document: its stored event count equals the events stored for it
        broken = con.execute(
            "SELECT count(*) FROM documents d LEFT JOIN (SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id) e"
            " USING (doc_id) WHERE d.n_events <> coalesce(e.n, 0)"
        ).fetchall()[0][0]
        orphans = con.execute(
            "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT doc_id FROM documents)"
        ).fetchall()[0][0]
    finally:
        con.close()
    return documents, events, broken + orphans


def test_kill_9_mid_ingest_leaves_whole_documents_and_a_rerun_completes(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 2000
    for n in range(total):
        (corpus / f"{n:04d}.txt").write_text(_ARTICLE.format(n=n % 9 + 2, m=n % 7 + 3, k=n), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    env = {**os.environ, "EVENTWIRE_STORE_BATCH": "8"}
    command = [sys.executable, "-m", "eventwire", "ingest", str(corpus), "--db", str(db), "--published", "2022-09-29"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None and not db.exists():
        time.sleep(0.05)
    time.sleep(2.5)  # the store is open and batches of 8 documents are being committed
    assert process.poll() is None, "the ingest finished before it could be killed; make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    documents, _events, broken = _store_counts(db)
    assert 0 < documents < total
    assert broken == 0

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    documents, events, broken = _store_counts(db)
    assert documents == total and broken == 0 and events >= total
