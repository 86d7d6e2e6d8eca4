"""``extract`` and ``ingest``: documents in, event records out (to standard output, a file or the store)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.common import (
    DEFAULT_DB,
    RESORT_SHARE,
    DaskOpt,
    DbOpt,
    ExcludeOpt,
    FormatOpt,
    IncludeOpt,
    InputReport,
    InputsArg,
    OutFormat,
    ParquetOpt,
    ProcessesOpt,
    PublishedOpt,
    app,
    default_format,
    err,
    print_failure,
    print_note,
    progress_bar,
    user_errors,
)
from eventwire.errors import EventwireError
from eventwire.formats import writer_for
from eventwire.models import Document
from eventwire.settings import Settings


def _parquet_records(path: Path) -> Iterator[dict]:
    """The event records of one Parquet partition written by a Dask worker, in document order."""
    import pyarrow.parquet as pq

    for batch in pq.ParquetFile(path).iter_batches(columns=["record"]):
        for record in batch.column(0).to_pylist():
            yield json.loads(record)


@app.command()
def extract(
    inputs: InputsArg,
    published: PublishedOpt = None,
    fmt: FormatOpt = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to this file instead of stdout.")] = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    processes: ProcessesOpt = 1,
    dask: DaskOpt = None,
    parquet: ParquetOpt = None,
) -> None:
    """Extract events from news text and print one record per event (no store)."""
    from eventwire.ingest import iter_documents, parse_date
    from eventwire.pipeline import Pipeline

    report = InputReport()
    with user_errors():
        date = parse_date(published)
        chosen = fmt or (OutFormat.jsonl if output else default_format())
        try:
            stream = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        except OSError as error:
            raise EventwireError(f"{output}: cannot write ({error.strerror})") from None
        try:
            writer = writer_for(chosen.value, stream)
            settings = Settings()
            documents = report.documents(iter_documents(inputs, date, include=include or (), exclude=exclude or ()))
            if dask:
                from eventwire.scale import cluster

                with cluster.connect(dask) as client, cluster.parquet_dir(dask, parquet) as outdir:
                    for part in cluster.run(client, settings, documents, outdir):
                        for source_path, note in part.notes:
                            print_note(f"{source_path}: {note}")
                        for record in _parquet_records(part.events_path):
                            writer.write(record)
            else:
                for result in Pipeline(settings).process(documents, n_process=processes):
                    if result.note:
                        print_note(f"{result.document.source_path}: {result.note}")
                    for event in result.events:
                        writer.write(event.to_dict())
            writer.close()
        finally:
            if output:
                stream.close()
    if report.failed:
        raise typer.Exit(2)


@app.command()
def ingest(
    inputs: InputsArg,
    db: DbOpt = Path(DEFAULT_DB),
    published: PublishedOpt = None,
    include: IncludeOpt = None,
    exclude: ExcludeOpt = None,
    server: Annotated[
        str | None,
        typer.Option(
            "--server", help="Send the documents to a running `eventwire serve --token` (e.g. http://127.0.0.1:8000)."
        ),
    ] = None,
    token: Annotated[
        str | None, typer.Option("--token", envvar="EVENTWIRE_TOKEN", help="The server's ingest token (with --server).")
    ] = None,
    processes: ProcessesOpt = 1,
    dask: DaskOpt = None,
    parquet: ParquetOpt = None,
) -> None:
    """Extract events and store documents and events in a DuckDB file (re-runs skip unchanged documents)."""
    from eventwire.ingest import iter_documents, parse_date
    from eventwire.pipeline import Pipeline
    from eventwire.scale.processes import batches
    from eventwire.store import Store

    report = InputReport()
    if server is not None:
        _ingest_remote(report, inputs, published, include, exclude, server, token)
        return
    settings = Settings()
    written_docs = written_events = skipped = not_coded = 0
    with user_errors(), Store(db) as store, progress_bar("ingesting") as progress:
        task = progress.add_task("ingest", total=None)

        def fresh(documents: Iterator[Document]) -> Iterator[Document]:
            """The documents not stored already (unchanged ones are skipped), looked up a batch at a time."""
            nonlocal skipped
            for batch in batches(documents, settings.store_batch):
                known = store.known([(d.doc_id, d.raw_hash) for d in batch])
                new = [d for d in batch if (d.doc_id, d.raw_hash) not in known]
                skipped += len(batch) - len(new)
                progress.update(task, advance=len(batch) - len(new))
                yield from new

        found = iter_documents(inputs, parse_date(published), include=include or (), exclude=exclude or ())
        documents = fresh(report.documents(found))
        if dask:
            from eventwire.scale import cluster

            with cluster.connect(dask) as client, cluster.parquet_dir(dask, parquet) as outdir:
                parts = []
                for part in cluster.run(client, settings, documents, outdir, settings.store_batch):
                    parts.append(part)
                    not_coded += len(part.notes)
                    for source_path, note in part.notes:
                        print_note(f"{source_path}: {note}")
                    progress.update(task, advance=part.n_documents)
                # every partition in one transaction, with the semantics of the batched writes below
                written_docs, written_events = store.load_parquet([(p.documents_path, p.events_path) for p in parts])
        else:
            results = Pipeline(settings).process(documents, n_process=processes)
            for chunk in batches(results, settings.store_batch):  # one transaction per batch, as results come
                for result in chunk:
                    if result.note:
                        not_coded += 1
                        print_note(f"{result.document.source_path}: {result.note}")
                written_events += store.write(chunk)
                written_docs += len(chunk)
                progress.update(task, advance=len(chunk))
        incidents = store.regroup() if written_docs else None
        if written_docs and store.unsorted_share() >= RESORT_SHARE:
            store.optimize()  # date order keeps the dashboard's range queries fast (benchmarks/store_scale.py)
        totals = store.stats()
    err.print(
        f"eventwire: stored {written_docs} documents, {written_events} events"
        + (f" ({skipped} unchanged documents skipped)" if skipped else "")
        + (f" ({not_coded} stored but not coded, see their notes)" if not_coded else "")
        + f"; {db} now holds {totals['documents']} documents, {totals['events']} events"
        + (f" in {incidents} incidents" if incidents is not None else ""),
        markup=False,
        soft_wrap=True,
    )
    if report.failed:
        raise typer.Exit(2)


def _ingest_remote(report, inputs, published, include, exclude, server: str, token: str | None) -> None:
    """``ingest --server``: read the inputs here, code and store them in the running server's process."""
    from eventwire.ingest import iter_documents
    from eventwire.ingest import parse_date as parse
    from eventwire.web.ingest import post_documents

    stored = events_written = skipped = 0
    totals: dict[str, int] = {}
    with user_errors(), progress_bar("sending") as progress:
        if not server.startswith(("http://", "https://")):
            raise EventwireError(f"--server takes a URL such as http://127.0.0.1:8000, not {server!r}")
        task = progress.add_task("ingest", total=None)
        found = iter_documents(inputs, parse(published), include=include or (), exclude=exclude or ())
        for answer in post_documents(report.documents(found), server, token):
            stored += answer["stored"]
            events_written += answer["events"]
            skipped += answer["skipped"]
            totals = {"documents": answer["total_documents"], "events": answer["total_events"]}
            for line in answer["errors"]:
                report.failed += 1
                print_failure(line)
            for line in answer["notes"]:
                print_note(line)
            progress.update(task, advance=answer["stored"] + answer["skipped"])
    err.print(
        f"eventwire: stored {stored} documents, {events_written} events through {server}"
        + (f" ({skipped} unchanged documents skipped)" if skipped else "")
        + (f"; the store now holds {totals['documents']} documents, {totals['events']} events" if totals else ""),
        markup=False,
        soft_wrap=True,
    )
    if report.failed:
        raise typer.Exit(2)
