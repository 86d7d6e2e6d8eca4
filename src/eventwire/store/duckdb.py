"""The DuckDB store: bulk, transactional writes of documents with their events; filtered reads.

Each batch of documents is written in one transaction (Arrow tables registered with DuckDB, then
``INSERT … SELECT``): a killed process leaves only whole documents behind, and a re-run completes the rest.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from eventwire.errors import StoreError
from eventwire.ingest.ids import similarity
from eventwire.models import SCHEMA_VERSION
from eventwire.pipeline import DocumentResult
from eventwire.store.filters import EventFilter
from eventwire.store.regroup import regroup
from eventwire.store.rows import DOC_SCHEMA, EVENT_SCHEMA, document_row, event_row

#: estimated shingle Jaccard above which two documents (published within 3 days) are one story
NEAR_DUPLICATE = 0.6


class Store:
    """A DuckDB file holding documents and events. Use as a context manager."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such store (run `eventwire ingest` first)")
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open store ({str(err).splitlines()[0]})") from None
        if not read_only:
            self._init_schema()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def _init_schema(self) -> None:
        sql = resources.files("eventwire.store").joinpath("schema.sql").read_text(encoding="utf-8")
        self.con.execute("BEGIN")
        self.con.execute(sql)
        if not self.con.execute("SELECT 1 FROM meta WHERE key = 'schema_version'").fetchall():
            self.con.execute("INSERT INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])
        self.con.execute("COMMIT")

    # ------------------------------------------------------------------ writes
    def known(self, pairs: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
        """Which (doc_id, raw_hash) pairs are stored already (unchanged documents are skipped)."""
        if not pairs:
            return set()
        table = pa.table({"doc_id": [p[0] for p in pairs], "raw_hash": [p[1] for p in pairs]})
        self.con.register("probe", table)
        try:
            rows = self.con.execute(
                "SELECT d.doc_id, d.raw_hash FROM documents d JOIN probe p USING (doc_id, raw_hash)"
            ).fetchall()
        finally:
            self.con.unregister("probe")
        return {(r[0], r[1]) for r in rows}

    def write(self, results: Sequence[DocumentResult]) -> int:
        """Replace these documents and their events, in one transaction. Returns the events written."""
        if not results:
            return 0
        return self.write_rows([document_row(r) for r in results], [event_row(e) for r in results for e in r.events])

    def write_rows(self, documents: list[dict[str, Any]], events: list[dict[str, Any]]) -> int:
        """``write`` for rows already built with ``document_row`` / ``event_row`` (one transaction)."""
        if not documents:
            return 0
        try:
            self.con.execute("BEGIN")
            written = self._replace(documents, events)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed ({str(err).splitlines()[0]})") from None
        return written

    def load_parquet(self, partitions: Sequence[tuple[Path, Path]]) -> tuple[int, int]:
        """Load (documents.parquet, events.parquet) partitions written by Dask workers (``store_partition``), in
        order and in one transaction, with the semantics of ``write``. Returns (documents, events) written."""
        import pyarrow.parquet as pq

        n_docs = n_events = 0
        try:
            self.con.execute("BEGIN")
            for docs_path, events_path in partitions:
                documents = pq.read_table(docs_path, schema=DOC_SCHEMA).to_pylist()
                events = pq.read_table(events_path, schema=EVENT_SCHEMA).to_pylist()
                n_events += self._replace(documents, events)
                n_docs += len(documents)
            self.con.execute("COMMIT")
        except (duckdb.Error, OSError, pa.ArrowException) as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: loading Parquet failed ({str(err).splitlines()[0]})") from None
        return n_docs, n_events

    def _replace(self, rows: list[dict[str, Any]], event_rows: list[dict[str, Any]]) -> int:
        """Delete these documents and their events and insert the new rows (inside the caller's transaction)."""
        self._link_duplicates(rows)
        docs = pa.Table.from_pylist(rows, schema=DOC_SCHEMA)
        events = pa.Table.from_pylist(event_rows, schema=EVENT_SCHEMA)
        con = self.con
        con.register("batch_docs", docs)
        con.register("batch_events", events)
        try:
            con.execute("DELETE FROM events WHERE doc_id IN (SELECT doc_id FROM batch_docs)")
            con.execute("DELETE FROM documents WHERE doc_id IN (SELECT doc_id FROM batch_docs)")
            con.execute(
                "INSERT INTO documents (doc_id, url, title, source, author, published, language, raw_hash,"
                " source_path, text, removed_spans, dateline, n_events, ingested_at, note, minhash, duplicate_of,"
                " place, names) SELECT doc_id, url, title, source, author, published, language, raw_hash,"
                " source_path, text, removed_spans::JSON, dateline, n_events, now(), note, minhash, duplicate_of,"
                " place::JSON, names FROM batch_docs"
            )
            con.execute(
                "INSERT INTO events (id, doc_id, date, date_precision, event, mode, aux_mode, actor_codes,"
                " recipient_codes, country_code, lat, lon, dead, injured, arrested, quad_code, cameo, confidence,"
                " start_char, record) SELECT id, doc_id, date, date_precision, event, mode, aux_mode, actor_codes,"
                " recipient_codes, country_code, lat, lon, dead, injured, arrested, quad_code, cameo, confidence,"
                " start_char, record::JSON FROM batch_events"
            )
        finally:
            con.unregister("batch_docs")
            con.unregister("batch_events")
        return events.num_rows

    def _link_duplicates(self, rows: list[dict[str, Any]]) -> None:
        """Mark each new document that is a near-copy of a stored one (or of an earlier one in the batch):
        ``duplicate_of`` names the first copy, so the same wire story is not counted as several reports."""
        ids = [r["doc_id"] for r in rows]
        dates = [r["published"] for r in rows if r["published"] is not None]
        window = "TRUE"
        params: list[Any] = [ids]
        if dates and len(dates) == len(rows):
            # only stories published near this batch can be its copies
            window = "(published IS NULL OR published BETWEEN ? AND ?)"
            params += [min(dates) - dt.timedelta(days=3), max(dates) + dt.timedelta(days=3)]
        stored = self.con.execute(
            "SELECT doc_id, coalesce(duplicate_of, doc_id), published, minhash FROM documents"
            f" WHERE minhash IS NOT NULL AND NOT list_contains(?, doc_id) AND {window}",
            params,
        ).fetchall()
        seen = [(doc_id, root, published, list(signature)) for doc_id, root, published, signature in stored]
        for row in rows:
            for _doc_id, root, published, signature in seen:
                close = published is None or row["published"] is None or abs((published - row["published"]).days) <= 3
                if close and similarity(row["minhash"], signature) >= NEAR_DUPLICATE:
                    row["duplicate_of"] = root
                    break
            seen.append((row["doc_id"], row["duplicate_of"] or row["doc_id"], row["published"], row["minhash"]))

    def regroup(self, incremental: bool | None = None) -> int:
        """Rebuild the incidents from the stored events, in one transaction; returns how many are stored
        (``incremental``: only around the events not grouped yet; see ``store.regroup``)."""
        return regroup(self, incremental)

    def incidents_in_context(
        self, where: EventFilter | None = None
    ) -> Iterator[tuple[dict[str, Any], list[dict[str, Any]], list[str], str | None]]:
        """(incident, its event records, its documents' sources, one of their urls) for each incident, most
        reported first (for exports per incident)."""
        for incident in self.incidents(where):
            rows = self.con.execute(
                "SELECT e.record, d.source, d.url FROM events e JOIN documents d USING (doc_id)"
                " WHERE e.incident_id = ? ORDER BY e.date NULLS LAST, doc_id, e.start_char",
                [incident["incident_id"]],
            ).fetchall()
            if rows:
                urls = [url for _, _, url in rows if url]
                sources = sorted({source for _, source, _ in rows if source})
                yield incident, [json.loads(record) for record, _, _ in rows], sources, urls[0] if urls else None

    def optimize(self) -> None:
        """Rewrite the events in date order, in one transaction. DuckDB keeps min/max per row group (zone maps):
        with the rows sorted by date, a date-range filter or "latest N" reads a few row groups instead of all
        of them (10 million events: p95 of the dashboard's queries from seconds to milliseconds, see
        benchmarks/RESULTS.md). ``ingest`` calls it when a run has added many events."""
        con = self.con
        try:
            con.execute("BEGIN")
            con.execute(
                "CREATE TEMP TABLE sorted_events AS SELECT * FROM events ORDER BY date NULLS LAST, doc_id, start_char"
            )
            con.execute("DELETE FROM events")
            con.execute("INSERT INTO events SELECT * FROM sorted_events")
            con.execute("DROP TABLE sorted_events")
            con.execute("DELETE FROM meta WHERE key = 'sorted_events'")
            con.execute("INSERT INTO meta SELECT 'sorted_events', count(*)::VARCHAR FROM events")
            con.execute("COMMIT")
        except duckdb.Error as err:
            con.execute("ROLLBACK")
            raise StoreError(f"{self.path}: sorting events failed ({str(err).splitlines()[0]})") from None
        con.execute("CHECKPOINT")  # give the old row groups back

    def unsorted_share(self) -> float:
        """The share of events added since the last ``optimize`` (1.0 for a store never optimized)."""
        total = self.con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        if not total:
            return 0.0
        rows = self.con.execute("SELECT value FROM meta WHERE key = 'sorted_events'").fetchall()
        sorted_rows = int(rows[0][0]) if rows else 0
        return max(0.0, (total - sorted_rows) / total)

    def incidents(self, where: EventFilter | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Incident records, largest first (most documents), then by date."""
        clause, params = (where or EventFilter()).where()
        sql = f"SELECT * FROM incidents{clause} ORDER BY n_documents DESC, date NULLS LAST, incident_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [
                {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in zip(names, row, strict=True)}
                for row in cursor.fetchall()
            ]
        finally:
            cursor.close()

    # ------------------------------------------------------------------ reads
    def events(
        self, where: EventFilter | None = None, limit: int | None = None, offset: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Event records (SCHEMA.md dicts), by date then document order."""
        clause, params = (where or EventFilter()).where()
        sql = f"SELECT record FROM events{clause} ORDER BY date NULLS LAST, doc_id, start_char, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        if offset:
            sql += " OFFSET ?"
            params.append(int(offset))
        cursor = self.con.cursor()  # its own connection: the caller may use the store while streaming
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(1000):
                for (record,) in rows:
                    yield json.loads(record)
        finally:
            cursor.close()

    def events_in_context(self, where: EventFilter | None = None) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
        """(event record, context) pairs; the context has the document's source and url and the event's
        incident source counts (for the ACLED and GDELT exports)."""
        clause, params = (where or EventFilter()).where()
        counts = {
            row[0]: {"n_sources": row[1], "n_documents": row[2]}
            for row in self.con.execute("SELECT incident_id, n_sources, n_documents FROM incidents").fetchall()
        }
        sql = (
            "SELECT e.record, d.source, d.url, e.incident_id FROM events e JOIN documents d USING (doc_id)"
            f"{clause} ORDER BY e.date NULLS LAST, doc_id, e.start_char, e.id"
        )
        cursor = self.con.cursor()
        try:
            cursor.execute(sql, params)
            while rows := cursor.fetchmany(1000):
                for record, source, url, incident in rows:
                    yield json.loads(record), {"source": source, "url": url, "incident": counts.get(incident)}
        finally:
            cursor.close()

    def counts_by_type(self, where: EventFilter | None = None) -> list[tuple[str, int]]:
        clause, params = (where or EventFilter()).where()
        sql = f"SELECT event, count(*) AS n FROM events{clause} GROUP BY event ORDER BY n DESC, event"
        return [(r[0], r[1]) for r in self.con.execute(sql, params).fetchall()]

    def stats(self) -> dict[str, int]:
        docs = self.con.execute("SELECT count(*) FROM documents").fetchall()
        events = self.con.execute("SELECT count(*) FROM events").fetchall()
        return {"documents": docs[0][0], "events": events[0][0]}

    def document(self, doc_id: str) -> dict[str, Any] | None:
        rows = self.con.execute(
            "SELECT doc_id, url, title, source, published, language, raw_hash, text, removed_spans, note"
            " FROM documents WHERE doc_id = ?",
            [doc_id],
        ).fetchall()
        if not rows:
            return None
        row = rows[0]
        keys = [
            "doc_id",
            "url",
            "title",
            "source",
            "published",
            "language",
            "raw_hash",
            "text",
            "removed_spans",
            "note",
        ]
        out = dict(zip(keys, row, strict=True))
        out["removed_spans"] = json.loads(out["removed_spans"] or "[]")
        return out
