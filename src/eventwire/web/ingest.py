"""Live ingest: documents posted to a running server, and the client that posts them.

DuckDB lets one process write a store file. While ``eventwire serve --token T`` holds the store, other
processes cannot open it; ``eventwire ingest INPUT... --server URL --token T`` therefore reads the inputs with
the usual readers and posts them, in batches, to ``POST /api/documents``, where the server's own pipeline
codes them and writes them in one transaction per batch. The dashboard polls ``/api/stats`` and reloads when
the counts change.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from eventwire.errors import EventwireError, InputError
from eventwire.ingest.jsonl import read_jsonl
from eventwire.models import Document
from eventwire.store import Store

if TYPE_CHECKING:
    from eventwire.pipeline import Pipeline

#: documents per POST request
BATCH = 32


class IngestService:
    """Codes posted documents with one lazily loaded Pipeline and writes them to the server's store."""

    def __init__(self, store: Store, lock: threading.Lock, pipeline: Pipeline | None = None) -> None:
        self.store = store
        self.lock = lock
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from eventwire.pipeline import Pipeline

            self._pipeline = Pipeline()
        return self._pipeline

    def ingest(self, records: list[dict[str, Any]]) -> dict[str, Any]:
        """Documents as ``.jsonl`` input records → stored; unchanged documents are skipped."""
        lines = (json.dumps(r, ensure_ascii=False).encode("utf-8") for r in records)
        documents: list[Document] = []
        errors: list[str] = []
        for item in read_jsonl(lines, "request", None) if records else ():
            if isinstance(item, InputError):
                errors.append(str(item))
            else:
                documents.append(item)
        with self.lock:  # one writer, and spaCy is not to be shared between threads
            known = self.store.known([(d.doc_id, d.raw_hash) for d in documents])
            fresh = [d for d in documents if (d.doc_id, d.raw_hash) not in known]
            results = list(self.pipeline.process(fresh))
            events = self.store.write(results)
            incidents = self.store.regroup() if results else None
            totals = self.store.stats()
        return {
            "stored": len(results),
            "events": events,
            "skipped": len(documents) - len(fresh),
            "errors": errors,
            "notes": [f"{r.document.doc_id}: {r.note}" for r in results if r.note],
            "incidents": incidents,
            **{f"total_{k}": v for k, v in totals.items()},
        }


def document_record(document: Document) -> dict[str, Any]:
    """A read Document as a ``.jsonl`` input record (the body of ``POST /api/documents``)."""
    record: dict[str, Any] = {"id": document.doc_id, "text": document.text or ""}
    for key in ("title", "url", "source", "language"):
        value = getattr(document, key)
        if value:
            record[key] = value
    if document.published:
        record["published"] = document.published.isoformat()
    return record


def post_documents(
    documents: Iterable[Document], server: str, token: str | None, *, batch: int = BATCH, timeout: float = 600.0
) -> Iterator[dict[str, Any]]:
    """Post documents to a running ``eventwire serve --token``; yield the server's answer per batch."""
    import httpx

    headers = {"Authorization": f"Bearer {token}"} if token else {}
    url = server.rstrip("/") + "/api/documents"
    with httpx.Client(timeout=timeout, headers=headers) as client:
        pending: list[dict[str, Any]] = []

        def send() -> dict[str, Any]:
            try:
                response = client.post(url, json={"documents": pending})
            except httpx.HTTPError as error:
                raise EventwireError(f"{server}: cannot reach the server ({error})") from None
            if response.status_code in (401, 403):
                raise EventwireError(f"{server}: the server refused the token ({response.status_code})")
            if response.status_code in (404, 405):
                raise EventwireError(f"{server}: the server does not accept documents (start it with --token)")
            if response.status_code != 200:
                raise EventwireError(f"{server}: ingest failed (HTTP {response.status_code}: {response.text[:200]})")
            pending.clear()
            return response.json()

        for document in documents:
            if not (document.text or "").strip():
                continue
            pending.append(document_record(document))
            if len(pending) >= batch:
                yield send()
        if pending:
            yield send()
