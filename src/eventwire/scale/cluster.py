"""Scale-out on Dask: batches of documents become tasks on a Dask cluster; each worker process loads the Pipeline
once and writes every batch it codes as one Parquet partition (the store's document and event rows); the client
then streams the events out (``extract``) or loads the partitions into DuckDB (``ingest``).

    --dask local:N            a LocalCluster of N worker processes on this machine (one thread each)
    --dask tcp://HOST:8786    an existing scheduler (dask-scheduler / dask-worker); the Parquet directory must be
                              on a filesystem that the workers and this machine share

Dask is an optional extra: ``pip install eventwire[dask]``.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import ConfigError
from eventwire.models import Document
from eventwire.scale.processes import batches
from eventwire.settings import Settings

#: documents per task (and per Parquet partition)
PARTITION_SIZE = 64

_pipelines: dict[Settings, Any] = {}


def _require_dask() -> None:
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError:
        raise ConfigError("--dask needs Dask: pip install eventwire[dask]") from None


@contextmanager
def connect(address: str) -> Iterator[Any]:
    """A ``distributed.Client`` for ``local:N`` (a LocalCluster started here, stopped after) or a scheduler
    address such as ``tcp://10.0.0.5:8786``."""
    _require_dask()
    from distributed import Client, LocalCluster

    # Dask logs every worker's start and stop at INFO; show them only with ``eventwire -v``
    logging.getLogger("distributed").setLevel(max(logging.WARNING, logging.getLogger().getEffectiveLevel()))

    if address.startswith("local:"):
        try:
            workers = int(address.removeprefix("local:"))
        except ValueError:
            workers = 0
        if workers < 1:
            raise ConfigError(f"--dask local:N takes a number of workers ≥ 1, not {address!r}")
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
        return
    try:
        client = Client(address, timeout="30s")
    except (OSError, TimeoutError) as error:
        raise ConfigError(f"--dask {address}: cannot reach the scheduler ({error})") from None
    with client:
        yield client


def _worker_pipeline(settings: Settings) -> Any:
    """The worker process's Pipeline, loaded on its first task and kept for the next ones."""
    pipeline = _pipelines.get(settings)
    if pipeline is None:
        from eventwire.pipeline import Pipeline

        pipeline = _pipelines[settings] = Pipeline(settings)
    return pipeline


@dataclass
class Partition:
    """What a worker wrote for one batch: its two Parquet files, counts, and notes on documents not coded."""

    index: int
    documents_path: Path
    events_path: Path
    n_documents: int
    n_events: int
    notes: list[tuple[str, str]] = field(default_factory=list)


def store_partition(settings: Settings, documents: list[Document], outdir: str, index: int) -> Partition:
    """Run on a worker: code a batch of documents and write ``documents/part-N.parquet`` and
    ``events/part-N.parquet`` (rows exactly as the store writes them). Files appear only when complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from eventwire.store.rows import DOC_SCHEMA, EVENT_SCHEMA, document_row, event_row

    results = list(_worker_pipeline(settings).process(documents))
    docs = pa.Table.from_pylist([document_row(r) for r in results], schema=DOC_SCHEMA)
    events = pa.Table.from_pylist([event_row(e) for r in results for e in r.events], schema=EVENT_SCHEMA)
    paths = []
    for kind, table in (("documents", docs), ("events", events)):
        directory = Path(outdir) / kind
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"part-{index:06d}.parquet"
        partial = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        pq.write_table(table, partial)
        partial.replace(path)
        paths.append(path)
    notes = [(r.document.source_path, r.note) for r in results if r.note]
    return Partition(index, paths[0], paths[1], docs.num_rows, events.num_rows, notes)


def run(
    client: Any, settings: Settings, documents: Iterable[Document], outdir: Path, size: int = PARTITION_SIZE
) -> Iterator[Partition]:
    """Partition the documents over the cluster's workers; yield each written partition, in input order. At most
    two batches per worker are in flight, so a large input streams through with flat memory."""
    workers = max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[Any] = deque()
    for index, batch in enumerate(batches(documents, size)):
        pending.append(client.submit(store_partition, settings, batch, str(outdir), index, pure=False))
        if len(pending) >= 2 * workers:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


@contextmanager
def parquet_dir(address: str, chosen: Path | None) -> Iterator[Path]:
    """Where the workers write: the chosen directory, or a temporary one removed afterwards (``local:N`` only;
    workers on other hosts need a shared filesystem)."""
    if chosen is not None:
        chosen.mkdir(parents=True, exist_ok=True)
        yield chosen
        return
    if not address.startswith("local:"):
        raise ConfigError("--dask with a remote scheduler needs --parquet DIR on a filesystem the workers share")
    with tempfile.TemporaryDirectory(prefix="eventwire-dask-") as tmp:
        yield Path(tmp)
