"""Output formats shared by ``extract``, ``events`` and ``export``: JSONL, flat CSV/Parquet rows, a table."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console
from rich.table import Table

#: columns of the flat CSV / Parquet export, one row per event (documented in the README)
FLAT_COLUMNS = [
    "id", "doc_id", "date", "date_precision", "event", "mode", "context", "aux_mode",
    "actor_text", "actor_code", "actor_sector", "recipient_text", "recipient_code", "recipient_sector",
    "place", "resolved_place", "geonameid", "lat", "lon", "province", "country", "country_code", "resolution",
    "dead", "injured", "arrested", "quad_code", "cameo", "event_text", "text", "start", "end",
    "attribution", "confidence",
]  # fmt: skip


def _join(values: Iterable[Any]) -> str | None:
    parts = ["" if v is None else str(v) for v in values]
    return "|".join(parts) if any(parts) else None


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One flat row for an event record; lists are joined with "|"."""
    loc = record.get("event_loc") or {}
    size = record.get("size") or {}
    actors, recipients = record.get("actor") or [], record.get("recipient") or []
    return {
        "id": record["id"],
        "doc_id": record["doc_id"],
        "date": record.get("date"),
        "date_precision": record.get("date_precision"),
        "event": record["event"],
        "mode": record.get("mode"),
        "context": _join(record.get("context") or []),
        "aux_mode": record.get("aux_mode"),
        "actor_text": _join(a["entity_text"] for a in actors),
        "actor_code": _join(a["code"] for a in actors),
        "actor_sector": _join(a["sector"] for a in actors),
        "recipient_text": _join(r["entity_text"] for r in recipients),
        "recipient_code": _join(r["code"] for r in recipients),
        "recipient_sector": _join(r["sector"] for r in recipients),
        "place": loc.get("extracted_place"),
        "resolved_place": loc.get("resolved_place"),
        "geonameid": loc.get("geonameid"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "province": loc.get("province"),
        "country": loc.get("country"),
        "country_code": loc.get("country_code"),
        "resolution": loc.get("resolution"),
        "dead": size.get("dead"),
        "injured": size.get("injured"),
        "arrested": size.get("arrested"),
        "quad_code": record.get("quad_code"),
        "cameo": record.get("cameo"),
        "event_text": record.get("event_text"),
        "text": record.get("text"),
        "start": record["text_info"]["start"],
        "end": record["text_info"]["end"],
        "attribution": record.get("attribution"),
        "confidence": record.get("confidence"),
    }


class JsonlWriter:
    def __init__(self, stream: IO[str]) -> None:
        self.stream = stream

    def write(self, record: dict[str, Any]) -> None:
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        self.stream.flush()


#: columns of a geoparse record (``eventwire geoparse``)
TOPONYM_COLUMNS = [
    "doc_id", "start", "end", "text", "resolved_place", "geonameid", "lat", "lon", "feature_code",
    "country_code", "admin1", "resolution",
]  # fmt: skip


#: columns of an incident record (``eventwire incidents``)
INCIDENT_COLUMNS = [
    "incident_id", "event", "date", "place", "country_code", "lat", "lon", "resolution", "dead", "dead_high",
    "injured", "injured_high", "arrested", "arrested_high", "actor_codes", "recipient_codes", "n_events",
    "n_documents", "n_sources", "event_ids",
]  # fmt: skip


class CsvWriter:
    def __init__(self, stream: IO[str], columns: list[str] | None = None, delimiter: str = ",") -> None:
        self.stream = stream
        self.flat = columns is None
        self.writer = csv.DictWriter(stream, fieldnames=columns or FLAT_COLUMNS, delimiter=delimiter)
        self.writer.writeheader()

    def write(self, record: dict[str, Any]) -> None:
        if self.flat:
            self.writer.writerow(flatten(record))
        else:
            self.writer.writerow({k: _join(v) if isinstance(v, list) else v for k, v in record.items()})

    def close(self) -> None:
        self.stream.flush()


def _actors(actors: list[dict[str, Any]]) -> str:
    parts = []
    for actor in actors:
        code = "/".join(x for x in (actor.get("code"), actor.get("sector")) if x)
        parts.append(f"{actor['entity_text']}" + (f" [{code}]" if code else ""))
    return "; ".join(parts)


def _size(size: dict[str, Any]) -> str:
    labels = {"dead": "†", "injured": "inj", "arrested": "arr"}
    return " ".join(f"{labels[k]}{v}" for k, v in size.items() if v is not None)


_TABLE_COLUMNS = [
    ("date", "cyan", 2),
    ("event", "bold", 2),
    ("mode/aux", None, 2),
    ("actor", "green", 3),
    ("recipient", "magenta", 3),
    ("where", "yellow", 3),
    ("size", "red", 1),
    ("evidence", "dim", 6),
]


class TableWriter:
    """A readable table of events, then the count by type (for terminals and the demo)."""

    def __init__(self, stream: IO[str], width: int | None = None) -> None:
        self.console = Console(file=stream, width=width or 160, highlight=False)
        self.records: list[dict[str, Any]] = []

    def write(self, record: dict[str, Any]) -> None:
        self.records.append(record)

    def close(self) -> None:
        table = Table(title=f"{len(self.records)} events", show_lines=False, expand=True)
        for name, style, ratio in _TABLE_COLUMNS:
            table.add_column(name, style=style, overflow="fold", ratio=ratio)
        for r in self.records:
            loc = r.get("event_loc") or {}
            where = loc.get("resolved_place") or ""
            if loc.get("country_code"):
                where += f" ({loc['country_code']})"
            mode = "/".join(x for x in (r.get("mode"), r.get("aux_mode")) if x)
            evidence = r["text"] if len(r["text"]) <= 90 else r["text"][:87] + "…"
            table.add_row(r.get("date") or "", r["event"], mode, _actors(r["actor"]), _actors(r["recipient"]),
                          where, _size(r.get("size") or {}), evidence)  # fmt: skip
        self.console.print(table)
        counts = Counter(r["event"] for r in self.records)
        summary = Table(title="events by type")
        summary.add_column("event")
        summary.add_column("count", justify="right")
        for event, n in counts.most_common():
            summary.add_row(event, str(n))
        self.console.print(summary)


class ToponymTableWriter:
    """A table of place mentions and what they resolved to."""

    def __init__(self, stream: IO[str], width: int | None = None) -> None:
        self.console = Console(file=stream, width=width or 160, highlight=False)
        self.table = Table(title="place mentions", expand=True)
        for name in ("doc", "text", "resolved", "country", "feature", "lat", "lon"):
            self.table.add_column(name, overflow="fold")
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        self.table.add_row(
            record["doc_id"][-12:],
            record["text"],
            record.get("resolved_place") or "–",
            record.get("country_code") or "",
            record.get("feature_code") or "",
            "" if record.get("lat") is None else f"{record['lat']:.3f}",
            "" if record.get("lon") is None else f"{record['lon']:.3f}",
        )

    def close(self) -> None:
        self.table.title = f"{self.count} place mentions"
        self.console.print(self.table)


Writer = JsonlWriter | CsvWriter | TableWriter | ToponymTableWriter


class IncidentTableWriter:
    """A table of incidents: what, when, where, how many reports."""

    def __init__(self, stream: IO[str], width: int | None = None) -> None:
        self.console = Console(file=stream, width=width or 160, highlight=False)
        self.table = Table(expand=True)
        for name in ("date", "event", "where", "actors", "dead", "reports", "sources"):
            self.table.add_column(name, overflow="fold")
        self.count = 0

    def write(self, record: dict[str, Any]) -> None:
        self.count += 1
        dead = "" if record.get("dead") is None else str(record["dead"])
        if record.get("dead_high") not in (None, record.get("dead")):
            dead += f"–{record['dead_high']}"
        where = record.get("place") or ""
        if record.get("country_code"):
            where += f" ({record['country_code']})"
        self.table.add_row(
            record.get("date") or "",
            record["event"],
            where,
            ", ".join(record.get("actor_codes") or []),
            dead,
            str(record.get("n_documents") or ""),
            str(record.get("n_sources") or ""),
        )

    def close(self) -> None:
        self.table.title = f"{self.count} incidents"
        self.console.print(self.table)


def writer_for(fmt: str, stream: IO[str], kind: str = "event") -> Writer | IncidentTableWriter:
    if fmt == "jsonl":
        return JsonlWriter(stream)
    if fmt == "csv":
        columns = {"toponym": TOPONYM_COLUMNS, "incident": INCIDENT_COLUMNS}.get(kind)
        return CsvWriter(stream, columns)
    if kind == "incident":
        return IncidentTableWriter(stream)
    return ToponymTableWriter(stream) if kind == "toponym" else TableWriter(stream)
