"""Reading the store: ``events``, ``incidents``, ``export``, ``serve`` (the analyst's desk) and ``report``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from eventwire.cli.common import (
    DEFAULT_DB,
    CountryOpt,
    DbOpt,
    EventOpt,
    ExportFormat,
    FormatOpt,
    OutFormat,
    Per,
    SinceOpt,
    UntilOpt,
    app,
    default_format,
    err,
    event_filter,
    print_note,
    user_errors,
)
from eventwire.errors import EventwireError
from eventwire.formats import writer_for


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

    with user_errors():
        where = event_filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            writer = writer_for((fmt or default_format()).value, sys.stdout)
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
    fmt: FormatOpt = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many incidents.")] = None,
) -> None:
    """List incidents: events that several reports describe, merged (most-reported first)."""
    from eventwire.store import Store

    with user_errors():
        where = event_filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            chosen = (fmt or default_format()).value
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

    with user_errors():
        where = event_filter(event, country, since, until)
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

    with user_errors():
        if token is not None and len(token) < 8:
            raise EventwireError("--token must be at least 8 characters")
        if host not in ("127.0.0.1", "localhost", "::1"):
            print_note(f"listening on {host}: anyone who can reach this machine can read the store")
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

    with user_errors():
        where = event_filter(event, country, since, until)
        with Store(db, read_only=True) as store:
            count = write_report(store, where, output, limit=limit)
    err.print(f"eventwire: wrote {count} events to {output}", markup=False, soft_wrap=True)
