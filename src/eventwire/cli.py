"""The ``eventwire`` command line: the only module that prints.

User errors (missing files, bad dates, unreadable inputs) are one line on stderr and exit status 2.
Standard output carries data only; logs and progress go to standard error.
"""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from eventwire import __version__
from eventwire.errors import EventwireError, InputError
from eventwire.formats import writer_for
from eventwire.models import SCHEMA_VERSION, Document, event_json_schema
from eventwire.settings import Settings

app = typer.Typer(
    name="eventwire",
    help="News reports in, a structured, geolocated PLOVER event dataset out.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)
log = logging.getLogger("eventwire")

DEFAULT_DB = "eventwire.duckdb"
#: ``ingest`` re-sorts the stored events by date once this share of them arrived since the last sort (so the
#: total sorting work stays proportional to the events stored)
RESORT_SHARE = 0.2


class OutFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    table = "table"


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"
    acled = "acled"
    gdelt = "gdelt"


class Per(StrEnum):
    event = "event"
    incident = "incident"


class EvalFormat(StrEnum):
    table = "table"
    json = "json"


class InfoFormat(StrEnum):
    json = "json"
    text = "text"


def _fail(message: str) -> None:
    err.print(f"eventwire: error: {message}", markup=False, soft_wrap=True)


def _note(message: str) -> None:
    err.print(f"eventwire: note: {message}", markup=False, soft_wrap=True)


@contextmanager
def _user_errors() -> Iterator[None]:
    """Turn EventwireError into one line on stderr and exit status 2."""
    try:
        yield
    except EventwireError as error:
        _fail(str(error))
        raise typer.Exit(2) from None


class _InputReport:
    """Counts and reports bad inputs as they come, without stopping the run."""

    def __init__(self) -> None:
        self.failed = 0

    def documents(self, items: Iterator[Document | InputError]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputError):
                self.failed += 1
                _fail(str(item))
            else:
                yield item


def _progress(label: str) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn(f"{label} [bold]{{task.completed}}[/] documents"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _default_format() -> OutFormat:
    return OutFormat.table if sys.stdout.isatty() else OutFormat.jsonl


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log progress details to stderr.")] = False,
) -> None:
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="eventwire: %(levelname)s: %(message)s"
    )


InputsArg = Annotated[list[str], typer.Argument(help="Files (.txt, .html, .jsonl), directories, or - for stdin.")]
PublishedOpt = Annotated[
    str | None, typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that carry none.")
]
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
IncludeOpt = Annotated[
    list[str] | None, typer.Option("--include", help="Glob of files to read in directories (repeatable).")
]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude", help="Glob of files to skip in directories (repeatable).")
]
ProcessesOpt = Annotated[
    int, typer.Option("--processes", min=1, help="Worker processes on this machine (each loads the model once).")
]
DaskOpt = Annotated[
    str | None,
    typer.Option(
        "--dask",
        help="Run on Dask: local:N (a LocalCluster of N workers) or tcp://HOST:PORT (a running dask-scheduler).",
    ),
]
ParquetOpt = Annotated[
    Path | None,
    typer.Option(
        "--parquet",
        help="With --dask: directory where workers write Parquet partitions (shared by all hosts; "
        "default a temporary one, local:N only).",
    ),
]


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
    fmt: Annotated[
        OutFormat | None, typer.Option("--format", help="jsonl (default when piped), csv, or table.")
    ] = None,
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

    report = _InputReport()
    with _user_errors():
        date = parse_date(published)
        chosen = fmt or (OutFormat.jsonl if output else _default_format())
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
                            _note(f"{source_path}: {note}")
                        for record in _parquet_records(part.events_path):
                            writer.write(record)
            else:
                for result in Pipeline(settings).process(documents, n_process=processes):
                    if result.note:
                        _note(f"{result.document.source_path}: {result.note}")
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

    report = _InputReport()
    if server is not None:
        _ingest_remote(report, inputs, published, include, exclude, server, token)
        return
    settings = Settings()
    written_docs = written_events = skipped = not_coded = 0
    with _user_errors(), Store(db) as store, _progress("ingesting") as progress:
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
                        _note(f"{source_path}: {note}")
                    progress.update(task, advance=part.n_documents)
                # every partition in one transaction, with the semantics of the batched writes below
                written_docs, written_events = store.load_parquet([(p.documents_path, p.events_path) for p in parts])
        else:
            results = Pipeline(settings).process(documents, n_process=processes)
            for chunk in batches(results, settings.store_batch):  # one transaction per batch, as results come
                for result in chunk:
                    if result.note:
                        not_coded += 1
                        _note(f"{result.document.source_path}: {result.note}")
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
    with _user_errors(), _progress("sending") as progress:
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
                _fail(line)
            for line in answer["notes"]:
                _note(line)
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


def _filter(event: list[str] | None, country: str | None, since: str | None, until: str | None):
    from eventwire.ingest import parse_date
    from eventwire.models import EVENT_TYPES
    from eventwire.store import EventFilter

    types = [e.upper() for e in (event or [])]
    unknown = [e for e in types if e not in EVENT_TYPES]
    if unknown:
        raise EventwireError(f"unknown event type {unknown[0]!r} (one of {', '.join(EVENT_TYPES)})")
    if country is not None and (len(country) != 3 or not country.isalpha()):
        raise EventwireError(f"--country takes an ISO 3166-1 alpha-3 code, not {country!r}")
    return EventFilter(tuple(types), country, parse_date(since), parse_date(until))


EventOpt = Annotated[list[str] | None, typer.Option("--event", help="PLOVER event type (repeatable).")]
CountryOpt = Annotated[str | None, typer.Option("--country", help="ISO3 code of where it happened.")]
SinceOpt = Annotated[str | None, typer.Option("--since", help="Events on or after YYYY-MM-DD.")]
UntilOpt = Annotated[str | None, typer.Option("--until", help="Events on or before YYYY-MM-DD.")]


@app.command()
def events(
    db: DbOpt = Path(DEFAULT_DB),
    event: EventOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[OutFormat | None, typer.Option("--format", help="jsonl, csv, or table.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many events.")] = None,
) -> None:
    """List stored events, filtered."""
    from eventwire.store import Store

    with _user_errors():
        where = _filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            writer = writer_for((fmt or _default_format()).value, sys.stdout)
            for record in store.events(where, limit):
                writer.write(record)
            writer.close()


@app.command()
def incidents(
    db: DbOpt = Path(DEFAULT_DB),
    event: EventOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[
        OutFormat | None, typer.Option("--format", help="jsonl (default when piped), csv, or table.")
    ] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many incidents.")] = None,
) -> None:
    """List incidents: events that several reports describe, merged (most-reported first)."""
    from eventwire.store import Store

    with _user_errors():
        where = _filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            chosen = (fmt or _default_format()).value
            writer = writer_for(chosen, sys.stdout, kind="incident")
            for record in store.incidents(where, limit):
                writer.write(record)
            writer.close()


@app.command()
def export(
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", help="jsonl, csv or parquet (our columns), acled or gdelt (their layouts, CSV)."),
    ] = ExportFormat.jsonl,
    db: DbOpt = Path(DEFAULT_DB),
    event: EventOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: Annotated[
        Per,
        typer.Option(
            "--per", help="One row per event (every report's event) or per incident (one per real event, merged)."
        ),
    ] = Per.event,
) -> None:
    """Export stored events to a file (JSONL records, flat CSV/Parquet columns, or ACLED/GDELT layouts)."""
    from eventwire.store import Store
    from eventwire.store.export import export_records
    from eventwire.store.interchange import acled_incident_row, acled_row, gdelt_incident_row, gdelt_row

    with _user_errors():
        where = _filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            if per is Per.incident:
                grouped = store.incidents_in_context(where)
                if fmt is ExportFormat.acled:
                    rows = (acled_incident_row(i, members, sources) for i, members, sources, _ in grouped)
                    count = export_records((r for r in rows if r is not None), fmt.value, output)
                elif fmt is ExportFormat.gdelt:
                    count = export_records(
                        (gdelt_incident_row(i, members, url) for i, members, _, url in grouped), fmt.value, output
                    )
                else:
                    count = export_records((i for i, *_ in grouped), fmt.value, output, kind="incident")
                err.print(f"eventwire: wrote {count} incidents to {output}", markup=False, soft_wrap=True)
                return
            if fmt is ExportFormat.acled:
                rows = (acled_row(record, context["source"]) for record, context in store.events_in_context(where))
                count = export_records((r for r in rows if r is not None), fmt.value, output)
            elif fmt is ExportFormat.gdelt:
                rows = (
                    gdelt_row(record, context["incident"], context["url"])
                    for record, context in store.events_in_context(where)
                )
                count = export_records(rows, fmt.value, output)
            else:
                count = export_records(store.events(where), fmt.value, output)
    err.print(f"eventwire: wrote {count} events to {output}", markup=False, soft_wrap=True)


@app.command()
def serve(
    db: DbOpt = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on (loopback unless told otherwise).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token", help="Accept `POST /api/documents` with this bearer token (holds the store read-write)."
        ),
    ] = None,
) -> None:
    """Serve the HTTP API (/docs) and the dashboard (/) over a store; read-only unless --token is given."""
    from eventwire.web.server import serve as run_server

    with _user_errors():
        if token is not None and len(token) < 8:
            raise EventwireError("--token must be at least 8 characters")
        if host not in ("127.0.0.1", "localhost", "::1"):
            _note(f"listening on {host}: anyone who can reach this machine can read the store")
        run_server(
            db, host, port, token, announce=lambda line: err.print(f"eventwire: {line}", markup=False, soft_wrap=True)
        )


@app.command()
def report(
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")],
    db: DbOpt = Path(DEFAULT_DB),
    event: EventOpt = None,
    country: CountryOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many events.")] = 20000,
) -> None:
    """Write one self-contained HTML file (map, timeline, table) that opens offline in any browser."""
    from eventwire.store import Store
    from eventwire.web.report import write_report

    with _user_errors():
        where = _filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            count = write_report(store, where, output, limit=limit)
    err.print(f"eventwire: wrote {count} events to {output}", markup=False, soft_wrap=True)


def _score_special(paths: list[Path], detect, score, indent: int | None) -> list[Path]:
    """Score the gold files of one special kind and print their reports; return the other files."""
    chosen = [p for p in paths if p.exists() and detect(p)]
    if chosen:
        typer.echo(json.dumps({str(p): score(p) for p in chosen}, indent=indent))
    return [p for p in paths if p not in chosen]


@app.command("eval")
def evaluate(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (JSONL; format in the README).")],
    fmt: Annotated[EvalFormat, typer.Option("--format", help="table or json.")] = EvalFormat.table,
    km: Annotated[float, typer.Option("--km", min=0.0, help="A location agrees within this many km.")] = 50.0,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write each document's disagreements to this JSONL file.")
    ] = None,
    primary: Annotated[
        bool,
        typer.Option("--primary", help="Score only each document's principal event (one-event-per-sentence gold)."),
    ] = False,
) -> None:
    """Score the pipeline against gold events: per-field precision, recall, F1 and accuracy."""
    from eventwire.evaluation import evaluate as run_evaluation
    from eventwire.evaluation import load_gold
    from eventwire.evaluation.cleaning import is_cleaning_gold, score_cleaning
    from eventwire.evaluation.incidents import is_incident_gold, score_incidents
    from eventwire.evaluation.report import field_table, summary_line, type_table
    from eventwire.pipeline import Pipeline

    with _user_errors():
        indent = None if fmt is EvalFormat.json else 2
        # labelled paragraphs: the boilerplate and appeal cleaner is scored, nothing is coded
        gold = _score_special(gold, is_cleaning_gold, lambda p: score_cleaning(p).to_dict(), indent)
        if not gold:
            return
        pipeline = Pipeline(Settings())
        # reports labelled with their incident: the cross-report grouping is scored
        gold = _score_special(gold, is_incident_gold, lambda p: score_incidents(pipeline, p), indent)
        if not gold:
            return
        results = {}
        for path in gold:
            with _progress(f"scoring {path.name}"):
                results[str(path)] = run_evaluation(pipeline, load_gold(path), km=km, primary=primary)
        if errors is not None:
            try:
                with errors.open("w", encoding="utf-8") as handle:
                    for name, result in results.items():
                        for item in result.errors:
                            handle.write(json.dumps({"gold": name, **item}, ensure_ascii=False) + "\n")
            except OSError as error:
                raise EventwireError(f"{errors}: cannot write ({error.strerror})") from None
    if fmt is EvalFormat.json:
        typer.echo(json.dumps({name: result.to_dict() for name, result in results.items()}, indent=2))
        return
    out = Console(highlight=False)
    for name, result in results.items():
        out.print(field_table(result, name))
        out.print(type_table(result))
        out.print(summary_line(result), markup=False)
        out.print()


@app.command()
def geoparse(
    inputs: InputsArg,
    published: PublishedOpt = None,
    fmt: Annotated[
        OutFormat | None, typer.Option("--format", help="jsonl (default when piped), csv, or table.")
    ] = None,
    gold: Annotated[
        Path | None, typer.Option("--gold", help="Score against toponym gold (LGL format) instead of printing.")
    ] = None,
    km: Annotated[float, typer.Option("--km", min=0.0, help="With --gold: resolved when within this many km.")] = 161.0,
    country: Annotated[
        list[str] | None,
        typer.Option("--country", help="ISO3 code of where the outlets are (a prior for ambiguous names)."),
    ] = None,
) -> None:
    """Every place mention, resolved against the offline gazetteer (one JSON record per mention)."""
    from eventwire.evaluation.geoparse import load_toponym_gold, raw_mentions, score_toponyms
    from eventwire.ingest import iter_documents, parse_date
    from eventwire.pipeline import Pipeline

    report = _InputReport()
    with _user_errors():
        expected = load_toponym_gold(gold) if gold is not None else None
        prior = frozenset(c.upper() for c in country or [])
        if any(len(c) != 3 or not c.isalpha() for c in prior):
            raise EventwireError("--country takes ISO 3166-1 alpha-3 codes (e.g. USA)")
        pipeline = Pipeline(Settings())
        documents = report.documents(iter_documents(inputs, parse_date(published)))
        if expected is None:
            writer = writer_for((fmt or _default_format()).value, sys.stdout, kind="toponym")
            for clean, toponyms in pipeline.geoparse(documents, prior):
                for toponym in toponyms:
                    writer.write(toponym.to_dict(clean.doc_id))
            writer.close()
        else:
            predicted: dict[str, list[tuple[int, int, float | None, float | None]]] = {}
            with _progress("geoparsing") as progress:
                task = progress.add_task("geoparse", total=None)
                for clean, toponyms in pipeline.geoparse(documents, prior):
                    predicted[clean.doc_id] = raw_mentions(clean, toponyms)
                    progress.update(task, advance=1)
            result = score_toponyms(predicted, expected, km=km).to_dict()
            if fmt in (None, OutFormat.table):
                for key, value in result.items():
                    typer.echo(f"{key}: {value}")
            else:
                typer.echo(json.dumps(result))
    if report.failed:
        raise typer.Exit(2)


@app.command()
def info(fmt: Annotated[InfoFormat, typer.Option("--format", help="json or text.")] = InfoFormat.text) -> None:
    """Versions of eventwire, its record schema and the spaCy pipeline."""
    from eventwire.nlp import model_info

    data = {"version": __version__, "schema_version": SCHEMA_VERSION, **model_info(Settings().spacy_model)}
    if fmt is InfoFormat.json:
        typer.echo(json.dumps(data))
    else:
        for key, value in data.items():
            typer.echo(f"{key}: {value}")


@app.command()
def schema() -> None:
    """Print the JSON Schema of one event record."""
    typer.echo(json.dumps(event_json_schema(), indent=2))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
