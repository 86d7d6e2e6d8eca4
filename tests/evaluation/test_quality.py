"""Quality floors: `eventwire eval` numbers on gold data may not fall below these (see README, Accuracy).

The floors sit a little under the measured numbers so that noise from a model or library update does not
fail the build, while a real regression does. Raise them when quality improves.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from eventwire.evaluation import evaluate, load_gold
from tests.conftest import ROOT

pytestmark = pytest.mark.slow

TEAM_GOLD = sorted((ROOT / "gold").glob("*.jsonl"))


def shared_data() -> Path | None:
    """The development data folder (``../shared/data`` from the project root, or $EVENTWIRE_SHARED_DATA)."""
    for candidate in (os.environ.get("EVENTWIRE_SHARED_DATA"), ROOT.parent / "shared" / "data"):
        if candidate and (Path(candidate) / "plover_gsr_dev" / "gold.jsonl").exists():
            return Path(candidate)
    return None


@pytest.fixture(scope="module")
def plover_gold():
    data = shared_data()
    if data is None:
        pytest.skip("PLOVER development data not found (../shared/data or $EVENTWIRE_SHARED_DATA)")
    return load_gold(data / "plover_gsr_dev" / "gold.jsonl")


def test_plover_dev_principal_event(pipeline, plover_gold):
    score = evaluate(pipeline, plover_gold, primary=True)
    assert score.fields["event"].f1 >= 0.73
    assert score.fields["actor"].accuracy >= 0.70


def test_plover_dev_all_events(pipeline, plover_gold):
    score = evaluate(pipeline, plover_gold)
    assert score.fields["event"].recall >= 0.72
    assert score.fields["event"].f1 >= 0.62
