"""Tables of an evaluation score (built here, printed by the CLI)."""

from __future__ import annotations

from rich.table import Table

from eventwire.evaluation.scorer import Score, Tally


def _cell(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _row(name: str, tally: Tally) -> list[str]:
    return [
        name,
        _cell(tally.precision),
        _cell(tally.recall),
        _cell(tally.f1),
        _cell(tally.accuracy),
        str(tally.gold),
        str(tally.predicted),
    ]


def _table(title: str, first: str) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(first)
    for column in ("precision", "recall", "F1", "accuracy", "gold", "predicted"):
        table.add_column(column, justify="right")
    return table


def field_table(result: Score, label: str) -> Table:
    table = _table(f"{label}: {result.documents} documents", "field")
    for name, tally in result.fields.items():
        table.add_row(*_row(name, tally))
    return table


def type_table(result: Score) -> Table:
    table = _table("event types", "type")
    for name, tally in result.types.items():
        if tally.gold or tally.predicted:
            table.add_row(*_row(name, tally))
    return table


def summary_line(result: Score) -> str:
    rate = result.no_event_false_positive_rate
    if rate is None:
        return "no-event documents: none in this gold file"
    return (
        f"no-event documents: {result.no_event_documents}, "
        f"{result.no_event_with_events} produced an event (false-positive rate {rate:.3f})"
    )
