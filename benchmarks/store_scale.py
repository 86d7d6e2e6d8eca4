"""The store at scale: N synthetic event rows in a real eventwire store, and the dashboard's typical queries.

    .venv/bin/python benchmarks/store_scale.py --rows 10000000 [--repeat 20] [--order ingest|date] [--db PATH]

The rows are generated inside DuckDB (``range()`` and ``random()``) into the events table that
``eventwire.store.Store`` creates, with realistic distributions: 16 event types (skewed towards ASSAULT and
PROTEST), 60 countries, dates over ten years, coordinates near each country's centre, casualty counts, a JSON
record per row. ``--order ingest`` inserts them in a scrambled order (ingest order of a crawler that revisits old
stories); ``--order date`` sorts them by date first (what ``Store.optimize()`` does to a store). Each query
runs ``--repeat`` times; p50/p95 are reported in milliseconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from eventwire.models import EVENT_TYPES
from eventwire.store import EventFilter, Store

COUNTRIES = ["UKR", "RUS", "SDN", "MMR", "COL", "HTI", "NER", "IRQ", "AFG", "NGA", "VEN", "GEO", "BLR", "IRN",
             "BGD", "KEN", "MLI", "LBN", "PHL", "PER", "ETH", "SOM", "PAK", "IDN", "ARM", "YEM", "LBY", "COD",
             "CHL", "SEN", "USA", "FRA", "DEU", "GBR", "CHN", "IND", "BRA", "MEX", "TUR", "EGY", "ISR", "PSE",
             "SYR", "SAU", "ZAF", "ZWE", "MOZ", "CMR", "TCD", "BFA", "ECU", "BOL", "ARG", "THA", "KHM", "NPL",
             "LKA", "KGZ", "TJK", "KAZ"]  # fmt: skip


def generate(store: Store, rows: int, order: str) -> float:
    types = "[" + ", ".join(f"'{t}'" for t in EVENT_TYPES) + "]"
    countries = "[" + ", ".join(f"'{c}'" for c in COUNTRIES) + "]"
    # skew: ASSAULT and PROTEST are half the events, as in real news
    type_expr = (
        f"CASE WHEN r1 < 0.3 THEN 'ASSAULT' WHEN r1 < 0.5 THEN 'PROTEST' ELSE {types}[1 + (r2 * 16)::INT % 16] END"
    )
    ordering = "ORDER BY date" if order == "date" else "ORDER BY hash(i)"
    start = time.perf_counter()
    store.con.execute(
        f"""
        INSERT INTO events (id, doc_id, date, date_precision, event, mode, aux_mode, actor_codes, recipient_codes,
                            country_code, lat, lon, dead, injured, arrested, quad_code, cameo, confidence,
                            start_char, record)
        WITH base AS (
            SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,
                   {countries}[1 + (pow(random(), 2) * 60)::INT % 60] AS country
            FROM range({rows}) t(i)
        ), rows AS (
            SELECT i, country, {type_expr} AS event,
                   DATE '2016-01-01' + (r3 * 3650)::INT AS date,
                   (hash(country) % 120)::DOUBLE - 60 + r4 * 4 AS lat,
                   (hash(country || 'x') % 340)::DOUBLE - 170 + r2 * 4 AS lon,
                   CASE WHEN r4 < 0.3 THEN (r1 * 50)::INT END AS dead
            FROM base
        )
        SELECT printf('%016x', i), 'sha256:' || printf('%016x', i // 12), date, 'day', event, NULL, NULL,
               [country], [], CASE WHEN i % 10 = 0 THEN NULL ELSE country END, lat, lon, dead, NULL, NULL,
               4, '190', 0.8, (i % 12) * 200,
               json_object('id', printf('%016x', i), 'event', event, 'date', date::VARCHAR, 'country', country)
        FROM rows {ordering}
        """
    )
    return time.perf_counter() - start


def queries() -> dict[str, tuple[str, list]]:
    """The dashboard's typical reads (web app and ``eventwire events``), with their parameters."""
    where, params = EventFilter(("ASSAULT",), "SDN", _d("2019-01-01"), _d("2019-06-30")).where()
    return {
        "filter type+country+90 days, records": (
            f"SELECT record FROM events{where} ORDER BY date NULLS LAST, doc_id, start_char, id LIMIT 500",
            params,
        ),
        "filter country+date range, count": (
            "SELECT count(*) FROM events WHERE country_code = ? AND date BETWEEN ? AND ?",
            ["UKR", _d("2022-02-24"), _d("2022-12-31")],
        ),
        "counts per day (one year, by type)": (
            "SELECT date, event, count(*) FROM events WHERE date BETWEEN ? AND ? GROUP BY ALL ORDER BY ALL",
            [_d("2021-01-01"), _d("2021-12-31")],
        ),
        "counts per day (all time, one type)": (
            "SELECT date, count(*) FROM events WHERE event = ? GROUP BY date ORDER BY date",
            ["PROTEST"],
        ),
        "bounding box + month, points": (
            "SELECT id, lat, lon, event, dead FROM events WHERE lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?"
            " AND date BETWEEN ? AND ? LIMIT 5000",
            [10.0, 30.0, 20.0, 45.0, _d("2020-03-01"), _d("2020-03-31")],
        ),
        "counts by type (country)": (
            "SELECT event, count(*) AS n FROM events WHERE country_code = ? GROUP BY event ORDER BY n DESC",
            ["IRQ"],
        ),
        "latest 100 events": (
            "SELECT record FROM events ORDER BY date DESC NULLS LAST, doc_id, start_char, id LIMIT 100",
            [],
        ),
    }


def _d(value: str):
    import datetime as dt

    return dt.date.fromisoformat(value)


def run(store: Store, repeat: int) -> dict[str, tuple[float, float]]:
    timings = {}
    for name, (sql, params) in queries().items():
        store.con.execute(sql, params).fetchall()  # warm the buffer pool
        samples = []
        for _ in range(repeat):
            start = time.perf_counter()
            store.con.execute(sql, params).fetchall()
            samples.append((time.perf_counter() - start) * 1000)
        samples.sort()
        timings[name] = (statistics.median(samples), samples[max(0, round(0.95 * len(samples)) - 1)])
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--order", choices=["ingest", "date"], default="ingest")
    parser.add_argument("--optimize", action="store_true", help="then run Store.optimize() and time again")
    parser.add_argument("--db", type=Path, help="store file (default: a temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="eventwire-store-") as tmp:
        path = args.db or Path(tmp) / "scale.duckdb"
        with Store(path) as store:
            seconds = generate(store, args.rows, args.order)
            size = path.stat().st_size / 2**20
            print(f"{args.rows:,} rows ({args.order} order) generated in {seconds:.1f} s; file {size:.0f} MiB")
            report(run(store, args.repeat))
            if args.optimize:
                start = time.perf_counter()
                store.optimize()
                print(f"Store.optimize() in {time.perf_counter() - start:.1f} s")
                report(run(store, args.repeat))


def report(timings: dict[str, tuple[float, float]]) -> None:
    print(f"{'query':<40}{'p50 ms':>9}{'p95 ms':>9}")
    for name, (p50, p95) in timings.items():
        print(f"{name:<40}{p50:>9.1f}{p95:>9.1f}{'' if p95 <= 200 else '  > 200 ms'}")
    worst = max(p95 for _, p95 in timings.values())
    print(f"worst p95: {worst:.1f} ms (target ≤ 200 ms)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
