"""``info`` and ``schema``: what this installation is, and the record's JSON Schema."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from eventwire import __version__
from eventwire.cli.common import (
    InfoFormat,
    app,
)
from eventwire.models import SCHEMA_VERSION, event_json_schema
from eventwire.settings import Settings


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
