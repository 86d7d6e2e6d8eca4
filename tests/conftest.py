"""Shared fixtures: one spaCy pipeline per test session, the bundled samples, a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventwire import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
#: the publication date the README's demo gives the plain-text samples
SAMPLES_PUBLISHED = "2022-09-29"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def sample_results(pipeline):
    """Every bundled sample article, processed once."""
    from eventwire.ingest import iter_documents, parse_date

    documents = [
        d for d in iter_documents([str(SAMPLES)], parse_date(SAMPLES_PUBLISHED)) if not isinstance(d, Exception)
    ]
    return list(pipeline.process(documents))


@pytest.fixture(scope="session")
def code(pipeline):
    """Events of one sentence or short text, published on Thursday 29 September 2022."""

    def run(text: str, published: str = SAMPLES_PUBLISHED):
        return pipeline.extract(text, published)

    return run


def run_cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real ``eventwire`` command as a user would."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )
