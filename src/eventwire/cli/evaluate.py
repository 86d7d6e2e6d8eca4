"""``eval`` (scores against gold data) and ``geoparse`` (every place a document names)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from eventwire.cli.common import (
    EvalFormat,
    FormatOpt,
    InputReport,
    InputsArg,
    OutFormat,
    PublishedOpt,
    app,
    default_format,
    progress_bar,
    user_errors,
)
from eventwire.errors import EventwireError
from eventwire.formats import writer_for
from eventwire.settings import Settings


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

    with user_errors():
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
            with progress_bar(f"scoring {path.name}"):
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
    fmt: FormatOpt = None,
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

    report = InputReport()
    with user_errors():
        expected = load_toponym_gold(gold) if gold is not None else None
        prior = frozenset(c.upper() for c in country or [])
        if any(len(c) != 3 or not c.isalpha() for c in prior):
            raise EventwireError("--country takes ISO 3166-1 alpha-3 codes (e.g. USA)")
        pipeline = Pipeline(Settings())
        documents = report.documents(iter_documents(inputs, parse_date(published)))
        if expected is None:
            writer = writer_for((fmt or default_format()).value, sys.stdout, kind="toponym")
            for clean, toponyms in pipeline.geoparse(documents, prior):
                for toponym in toponyms:
                    writer.write(toponym.to_dict(clean.doc_id))
            writer.close()
        else:
            predicted: dict[str, list[tuple[int, int, float | None, float | None]]] = {}
            with progress_bar("geoparsing") as progress:
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
