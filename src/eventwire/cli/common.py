"""What every command shares: the Typer app, the one-line error and note, progress bars, option types and
the event filter. User errors (missing files, bad dates, unreadable inputs) are one line on stderr and exit
status 2; standard output carries data only."""

from __future__ import annotations

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

from eventwire.errors import EventwireError, InputError
from eventwire.models import Document

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


def print_failure(message: str) -> None:
    err.print(f"eventwire: error: {message}", markup=False, soft_wrap=True)


def print_note(message: str) -> None:
    err.print(f"eventwire: note: {message}", markup=False, soft_wrap=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn EventwireError into one line on stderr and exit status 2."""
    try:
        yield
    except EventwireError as error:
        print_failure(str(error))
        raise typer.Exit(2) from None


class InputReport:
    """Counts and reports bad inputs as they come, without stopping the run."""

    def __init__(self) -> None:
        self.failed = 0

    def documents(self, items: Iterator[Document | InputError]) -> Iterator[Document]:
        for item in items:
            if isinstance(item, InputError):
                self.failed += 1
                print_failure(str(item))
            else:
                yield item


def progress_bar(label: str) -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn(f"{label} [bold]{{task.completed}}[/] documents"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def default_format() -> OutFormat:
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
FormatOpt = Annotated[OutFormat | None, typer.Option("--format", help="jsonl (default when piped), csv, or table.")]
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


def event_filter(event: list[str] | None, country: str | None, since: str | None, until: str | None):
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
