"""Exports of stored events: JSONL (the record), CSV and Parquet (flat columns); written atomically."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.errors import ConfigError
from eventwire.formats import FLAT_COLUMNS, INCIDENT_COLUMNS, CsvWriter, JsonlWriter, flatten
from eventwire.store.interchange import ACLED_COLUMNS, GDELT_COLUMNS

EXPORT_FORMATS = ("jsonl", "csv", "parquet", "acled", "gdelt")
_INT_COLUMNS = {"geonameid", "resolution", "dead", "injured", "arrested", "quad_code", "start", "end"}
_FLOAT_COLUMNS = {"lat", "lon", "confidence"}


def _arrow_type(column: str) -> pa.DataType:
    if column in _INT_COLUMNS:
        return pa.int64()
    if column in _FLOAT_COLUMNS:
        return pa.float64()
    return pa.string()


FLAT_SCHEMA = pa.schema([(c, _arrow_type(c)) for c in FLAT_COLUMNS])
_INCIDENT_TYPES = {"lat": pa.float64(), "lon": pa.float64(), "actor_codes": pa.list_(pa.string()),
                   "recipient_codes": pa.list_(pa.string()), "event_ids": pa.list_(pa.string())}  # fmt: skip
INCIDENT_SCHEMA = pa.schema(
    [
        (
            c,
            _INCIDENT_TYPES.get(
                c, pa.int64() if c.startswith(("n_", "dead", "injured", "arrested", "res")) else pa.string()
            ),
        )
        for c in INCIDENT_COLUMNS
    ]
)


def export_records(records: Iterable[dict[str, Any]], fmt: str, output: str | Path, kind: str = "event") -> int:
    """Write records to ``output`` in ``fmt``; the file appears only when complete. Returns the count.
    ``kind``: "event" (SCHEMA.md records) or "incident" (incident records, see ``store.incidents``)."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r} (choose {', '.join(EXPORT_FORMATS)})")
    target = Path(output)
    if not target.parent.exists():
        raise ConfigError(f"{target.parent}: no such directory")
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    count = 0
    try:
        if fmt == "parquet":
            os.close(fd)
            if kind == "incident":
                rows = [{c: r.get(c) for c in INCIDENT_COLUMNS} for r in records]
                table = pa.Table.from_pylist(rows, schema=INCIDENT_SCHEMA)
            else:
                rows = [flatten(r) for r in records]
                table = pa.Table.from_pylist(rows, schema=FLAT_SCHEMA)
            count = len(rows)
            pq.write_table(table, tmp)
        elif fmt in ("acled", "gdelt"):
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                # GDELT's files are tab-separated; ACLED's are CSV
                writer = CsvWriter(stream, ACLED_COLUMNS) if fmt == "acled" else CsvWriter(stream, GDELT_COLUMNS, "\t")
                for row in records:  # already rows in the target layout (see interchange.py)
                    writer.write(row)
                    count += 1
                writer.close()
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                columns = INCIDENT_COLUMNS if kind == "incident" else None
                writer = JsonlWriter(stream) if fmt == "jsonl" else CsvWriter(stream, columns)
                for record in records:
                    writer.write(record)
                    count += 1
                writer.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
