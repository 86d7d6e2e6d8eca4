"""Loopback load test of the HTTP API: N concurrent clients on /api/events with varied filters.

    .venv/bin/python benchmarks/load_api.py [--db demo.duckdb] [--clients 200] [--requests 4000] [--seconds 60]

Starts ``eventwire serve`` (read-only) on a free loopback port over the store, runs ``--clients`` asyncio
httpx clients until ``--requests`` requests are done or ``--seconds`` have passed (whichever comes first),
stops the server and prints latency percentiles (p50/p95/p99), throughput and errors (non-200 answers and
failed connections). Bounded in count and time; nothing leaves the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

QUERIES = [
    {},
    {"event": "ASSAULT"},
    {"event": ["PROTEST", "COERCE"]},
    {"country": "UKR"},
    {"party": "RUS", "limit": 20},
    {"sector": "MIL"},
    {"aux_mode": "future"},
    {"q": "killed"},
    {"place": "kharkiv"},
    {"bbox": "22,44,41,53"},
    {"since": "2022-09-20", "until": "2022-09-30"},
    {"limit": 50, "offset": 50},
    {"event": "ASSAULT", "country": "UKR", "since": "2022-09-01", "q": "shell"},
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run(base: str, clients: int, requests: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    counter = itertools.count()
    deadline = time.monotonic() + seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as client:

        async def worker(n: int) -> None:
            while time.monotonic() < deadline:
                i = next(counter)
                if i >= requests:
                    return
                params = QUERIES[(i + n) % len(QUERIES)]
                started = time.perf_counter()
                try:
                    response = await client.get("/api/events", params=params)
                    ok = response.status_code == 200 and "events" in response.json()
                    key = None if ok else f"HTTP {response.status_code}"
                except httpx.HTTPError as error:
                    key = type(error).__name__
                latencies.append(time.perf_counter() - started)
                if key:
                    errors[key] = errors.get(key, 0) + 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(n) for n in range(clients)))
        wall = time.perf_counter() - started
    ms = [x * 1000 for x in latencies]
    return {
        "clients": clients,
        "requests": len(ms),
        "seconds": round(wall, 2),
        "requests_per_s": round(len(ms) / wall, 1) if wall else None,
        "p50_ms": round(percentile(ms, 50), 1),
        "p95_ms": round(percentile(ms, 95), 1),
        "p99_ms": round(percentile(ms, 99), 1),
        "mean_ms": round(statistics.fmean(ms), 1),
        "max_ms": round(max(ms), 1),
        "errors": sum(errors.values()),
        "error_kinds": errors,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("demo.duckdb"))
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--seconds", type=float, default=60.0)
    args = parser.parse_args(argv)
    if not args.db.exists():
        print(f"load_api: {args.db} not found (run `make demo` first, or pass --db)", file=sys.stderr)
        return 2
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(args.db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        else:
            print("load_api: the server did not start", file=sys.stderr)
            return 1
        stats = httpx.get(base + "/api/stats").json()
        result = asyncio.run(run(base, args.clients, args.requests, args.seconds))
        result["store_events"] = stats["events"]
        result["cpus"] = os.cpu_count()
        print(json.dumps(result, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
