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
from eventwire.formats import FLAT_COLUMNS, CsvWriter, JsonlWriter, flatten
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


def export_records(records: Iterable[dict[str, Any]], fmt: str, output: str | Path) -> int:
    """Write records to ``output`` in ``fmt``; the file appears only when complete. Returns the count."""
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
            rows = [flatten(r) for r in records]
            count = len(rows)
            pq.write_table(pa.Table.from_pylist(rows, schema=FLAT_SCHEMA), tmp)
        elif fmt in ("acled", "gdelt"):
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                writer = CsvWriter(stream, ACLED_COLUMNS if fmt == "acled" else GDELT_COLUMNS)
                for row in records:  # already rows in the target layout (see interchange.py)
                    writer.write(row)
                    count += 1
                writer.close()
        else:
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as stream:
                writer = JsonlWriter(stream) if fmt == "jsonl" else CsvWriter(stream)
                for record in records:
                    writer.write(record)
                    count += 1
                writer.close()
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return count
