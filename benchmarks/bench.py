"""eventwire against the spaCy bound, in one run on the same generated documents.

    .venv/bin/python benchmarks/bench.py --docs 300 [--processes 1 2] [--seed 7] [--json results.json]

Measures, one after the other on the same articles (benchmarks/corpus.py):
  1. bare spaCy: ``spacy.load(model).pipe(texts, batch_size=…)`` — the model the Pipeline loads, without our
     components, coder or resolvers, same batch size;
  2. ``eventwire extract DIR --output FILE --processes P`` end to end (read, clean, parse, code, resolve, write),
     in this process through the real CLI command, model already loaded (pool workers load their own);
  3. ``eventwire ingest DIR --db TMP`` into a fresh DuckDB file (docs/s, one transaction per batch);
  4. peak memory of this process plus its children (RSS and PSS, sampled every 250 ms by psutil) and the CPU
     seconds they used, during each step (CPU seconds stay meaningful when other work shares the machine);
  5. cold start: ``eventwire extract SHORT.txt`` in a fresh interpreter, median of 3 (wall clock).
Prints a table, the ratio extract/bare spaCy and the speed-up of P processes over 1.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, suppress
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import corpus  # the generator next to this script

PUBLISHED = "2022-09-29"
SHORT = "Police in Minsk detained 40 protesters on Sunday, a rights group said.\n"


class PeakRSS:
    """Peak memory of this process and all its children (RSS, which counts pages shared between processes
    once per process, and PSS, which splits them), and the CPU seconds they used, sampled in a thread."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peak = self.peak_pss = 0
        self._cpu: dict[int, float] = {}
        self._start_cpu = self._cpu_of(psutil.Process())
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _cpu_of(process: psutil.Process) -> float:
        times = process.cpu_times()
        return times.user + times.system

    def _sample(self) -> None:
        me = psutil.Process()
        rss = pss = 0
        for process in [me, *me.children(recursive=True)]:
            with suppress(psutil.Error):
                info = process.memory_full_info()
                rss += info.rss
                pss += getattr(info, "pss", info.rss)
                self._cpu[process.pid] = self._cpu_of(process) - (self._start_cpu if process.pid == me.pid else 0)
        self.peak = max(self.peak, rss)
        self.peak_pss = max(self.peak_pss, pss)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def __enter__(self) -> PeakRSS:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


@contextmanager
def measured(results: dict, name: str):
    load = os.getloadavg()[0]
    with PeakRSS() as rss:
        start = time.perf_counter()
        yield
        seconds = time.perf_counter() - start
    results[name] = {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(rss.cpu_seconds, 1),
        "peak_rss_mb": round(rss.peak / 2**20),
        "peak_pss_mb": round(rss.peak_pss / 2**20),
        "load_before": round(load, 1),
    }


def cli(*args: str) -> None:
    from typer.testing import CliRunner

    from eventwire.cli import app

    outcome = CliRunner().invoke(app, list(args))
    if outcome.exit_code != 0:
        raise SystemExit(f"eventwire {' '.join(args)} failed ({outcome.exit_code}): {outcome.output[-2000:]}")


def cold_start(tmp: Path, runs: int = 3) -> float:
    short = tmp / "short.txt"
    short.write_text(SHORT, encoding="utf-8")
    exe = Path(sys.executable).with_name("eventwire")
    command = [str(exe), "extract", str(short), "--published", PUBLISHED]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def machine() -> str:
    memory = psutil.virtual_memory().total / 2**30
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, {memory:.0f} GiB, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, "
        f"load average {os.getloadavg()[0]:.1f} at start"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args()

    import spacy

    from eventwire.ingest import iter_documents, parse_date
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    settings = Settings()
    results: dict = {"machine": machine(), "docs": args.docs, "batch_size": settings.batch_size}
    with tempfile.TemporaryDirectory(prefix="eventwire-bench-") as name:
        tmp = Path(name)
        docs_dir = tmp / "corpus"
        corpus.write(args.docs, docs_dir, seed=args.seed)
        documents = [d for d in iter_documents([str(docs_dir)], parse_date(PUBLISHED)) if not isinstance(d, Exception)]
        texts = [d.text or "" for d in documents]
        words = sum(len(t.split()) for t in texts)
        results["words"] = words
        print(f"{len(documents)} documents, {words} words; {results['machine']}", file=sys.stderr)

        bare = spacy.load(settings.spacy_model)
        for _ in bare.pipe(texts[:8], batch_size=settings.batch_size):
            pass  # warm up
        with measured(results, "bare_spacy"):
            for _ in bare.pipe(texts, batch_size=settings.batch_size):
                pass
        del bare

        pipeline = Pipeline(settings)
        list(pipeline.process(documents[:8]))  # load the model, lexicon and gazetteer once, as a warm run would

        steps: list[tuple[str, list[str]]] = [
            (f"extract_p{p}", ["extract", str(docs_dir), "--published", PUBLISHED, "-o", str(tmp / f"events-{p}.jsonl"),
                               "--processes", str(p)])
            for p in args.processes
        ]  # fmt: skip
        steps.append(("ingest", ["ingest", str(docs_dir), "--published", PUBLISHED, "--db", str(tmp / "b.duckdb")]))
        for label, command in steps:
            print(f"running {label} …", file=sys.stderr)
            with measured(results, label):
                cli(*command)
        outputs = {p: (tmp / f"events-{p}.jsonl").read_bytes() for p in args.processes}
        results["same_output_for_all_process_counts"] = len(set(outputs.values())) == 1
        results["events"] = outputs[args.processes[0]].count(b"\n")
        results["cold_start_s"] = round(cold_start(tmp), 2)

    for value in results.values():
        if isinstance(value, dict) and "seconds" in value:
            value["words_per_s"] = round(words / value["seconds"])
            value["docs_per_s"] = round(args.docs / value["seconds"], 1)
    first = f"extract_p{args.processes[0]}"
    results["ratio_extract_p1_over_bare"] = round(results["bare_spacy"]["seconds"] / results[first]["seconds"], 3)
    for p in args.processes[1:]:
        results[f"speedup_p{p}_over_p{args.processes[0]}"] = round(
            results[first]["seconds"] / results[f"extract_p{p}"]["seconds"], 2
        )
    report(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def report(results: dict) -> None:
    print(f"\n{results['docs']} docs, {results['words']} words, {results['events']} events; {results['machine']}")
    print(
        f"{'step':<14}{'seconds':>9}{'CPU s':>8}{'words/s':>9}{'docs/s':>8}{'peak RSS MB':>13}{'peak PSS MB':>13}"
        f"{'load':>6}"
    )
    for key, value in results.items():
        if isinstance(value, dict) and "seconds" in value:
            print(
                f"{key:<14}{value['seconds']:>9.2f}{value['cpu_seconds']:>8.1f}{value['words_per_s']:>9}"
                f"{value['docs_per_s']:>8}{value['peak_rss_mb']:>13}{value['peak_pss_mb']:>13}"
                f"{value['load_before']:>6}"
            )
    print(f"cold start (eventwire extract, one short document, median of 3): {results['cold_start_s']} s")
    print(f"ratio extract (1 process) / bare spaCy: {results['ratio_extract_p1_over_bare']}  (target ≥ 0.85)")
    for key, value in results.items():
        if key.startswith("speedup"):
            print(f"{key}: {value}×  (target ≥ 1.7× for 2 over 1)")
    print(f"same output for every process count: {results['same_output_for_all_process_counts']}")


if __name__ == "__main__":
    main()
