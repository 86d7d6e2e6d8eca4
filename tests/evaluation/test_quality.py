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

#: the event gold sets (other gold files — incidents, cleaning — are scored by their own tests)
TEAM_GOLD = sorted(p for p in (ROOT / "gold").glob("*.jsonl") if p.name.startswith(("team_", "heldout")))


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
    assert score.fields["event"].f1 >= 0.78
    assert score.fields["actor"].accuracy >= 0.84


def test_plover_dev_all_events(pipeline, plover_gold):
    score = evaluate(pipeline, plover_gold)
    assert score.fields["event"].recall >= 0.73
    assert score.fields["event"].f1 >= 0.69
    assert score.fields["actor"].accuracy >= 0.84


#: file → (event F1, aux_mode accuracy, actor accuracy, date accuracy, count accuracy, no-event rate ceiling).
#: team_* were used for development; heldout.jsonl was only ever scored (see README, Accuracy).
TEAM_FLOORS = {
    "team_conflict.jsonl": (0.80, 0.92, 0.77, 0.72, 0.80, 0.05),
    "team_diplomacy.jsonl": (0.70, 0.95, 0.78, 0.62, None, 0.05),
    "heldout.jsonl": (0.74, 0.90, 0.74, 0.58, None, 0.15),
}


@pytest.mark.parametrize("name", sorted(TEAM_FLOORS))
def test_team_gold(pipeline, name):
    path = ROOT / "gold" / name
    score = evaluate(pipeline, load_gold(path))
    event_f1, aux, actor, date, size, no_event_rate = TEAM_FLOORS[name]
    assert score.fields["event"].f1 >= event_f1
    assert score.fields["aux_mode"].accuracy >= aux
    assert score.fields["actor"].accuracy >= actor
    assert score.fields["date"].accuracy >= date
    if size is not None:
        assert score.fields["size"].accuracy >= size
    # sentences about weather, sport, markets, accidents and publishers' appeals should code nothing
    assert score.no_event_documents >= 35
    assert score.no_event_false_positive_rate <= no_event_rate


def test_every_team_gold_file_has_floors():
    assert {p.name for p in TEAM_GOLD} == set(TEAM_FLOORS)


def test_geoparsing_lgl(pipeline):
    """Toponyms of 588 US local news articles (LGL): found, and resolved within 161 km."""
    from eventwire.evaluation.geoparse import load_toponym_gold, raw_mentions, score_toponyms
    from eventwire.ingest import iter_documents

    data = shared_data()
    if data is None or not (data / "geoparse_lgl" / "lgl.gold.jsonl").exists():
        pytest.skip("LGL data not found (../shared/data or $EVENTWIRE_SHARED_DATA)")
    gold = load_toponym_gold(data / "geoparse_lgl" / "lgl.gold.jsonl")
    documents = [d for d in iter_documents([str(data / "geoparse_lgl" / "lgl.docs.jsonl")], None)]
    predicted = {clean.doc_id: raw_mentions(clean, toponyms) for clean, toponyms in pipeline.geoparse(documents)}
    score = score_toponyms(predicted, gold).to_dict()
    assert score["found"] >= 0.91
    assert score["within_161km"] >= 0.78
    # accuracy@161 km over the toponyms found, as the Pragmatic Guide to Geoparsing Evaluation defines it
    assert score["within_161km_of_found"] >= 0.84


def test_ucdp_headlines(pipeline):
    """UCDP GED Ukraine rows whose headline is a report: place within 60 km where the headline names it,
    dead count where the headline states one (UCDP's best sums all sources: agreement is a lower bound)."""
    data = shared_data()
    path = data / "ucdp_ged_ukraine_2014_2021" / "events.csv" if data else None
    if path is None or not path.exists():
        pytest.skip("UCDP data not found (../shared/data or $EVENTWIRE_SHARED_DATA)")
    score = evaluate(pipeline, load_gold(path), km=60.0)
    assert score.fields["event"].recall >= 0.70
    assert score.fields["location"].accuracy >= 0.49
    assert score.fields["size"].accuracy >= 0.22


def test_event_locations_on_team_gold(pipeline):
    score = evaluate(pipeline, load_gold(ROOT / "gold" / "team_conflict.jsonl"))
    assert score.fields["location"].accuracy >= 0.76
    assert score.fields["size"].accuracy >= 0.80


def test_appeal_cleaner_on_labelled_articles():
    """90 team-written articles with labelled paragraphs: boilerplate removed, news kept (README: Cleaning)."""
    from eventwire.evaluation.cleaning import score_cleaning

    score = score_cleaning(ROOT / "gold" / "clean" / "appeals.jsonl").to_dict()
    assert score["boilerplate_removed"] >= 0.95
    assert score["news_lost"] <= 0.01


@pytest.mark.parametrize(
    ("name", "removed"),
    [
        ("appeals_dev3.jsonl", 0.95),
        ("appeals_dev4.jsonl", 0.95),
        ("appeals_dev5.jsonl", 0.93),
        ("appeals_dev6.jsonl", 0.93),
        ("appeals_dev7.jsonl", 0.95),
        ("appeals_dev8.jsonl", 0.95),
        ("appeals_heldout.jsonl", 0.78),
        ("appeals_heldout2.jsonl", 0.88),
    ],
)
def test_appeal_cleaner_on_other_writers_keeps_the_news(name, removed):
    """Sets by seven more writers: dev3 to dev8 used to write patterns and train, the two held-out sets only
    scored (their furniture target, 0.95, is not met: README, Known limits); none may lose news."""
    from eventwire.evaluation.cleaning import score_cleaning

    score = score_cleaning(ROOT / "gold" / "clean" / name).to_dict()
    assert score["boilerplate_removed"] >= removed
    assert score["news_lost"] <= 0.01


def test_appeal_cleaner_on_the_unseen_half(tmp_path):
    """The odd-numbered articles of appeals.jsonl: never used to write the patterns or train the classifier."""
    import json
    import re

    from eventwire.evaluation.cleaning import score_cleaning

    odd = [
        line
        for line in (ROOT / "gold" / "clean" / "appeals.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip() and int(re.sub(r"\D", "", json.loads(line)["id"])) % 2 == 1
    ]
    path = tmp_path / "odd.jsonl"
    path.write_text("\n".join(odd) + "\n", encoding="utf-8")
    score = score_cleaning(path).to_dict()
    assert score["boilerplate_removed"] >= 0.95
    assert score["news_lost"] <= 0.01


def test_incident_grouping_on_team_reports(pipeline):
    """98 reports of 30 incidents by invented outlets, with same-place and same-day distractors."""
    from eventwire.evaluation.incidents import score_incidents

    score = score_incidents(pipeline, ROOT / "gold" / "incidents.jsonl")
    assert score["pairwise_precision"] >= 0.95
    assert score["pairwise_recall"] >= 0.88


#: file → (precision, recall) floors: more sets by helpers who saw neither the code nor the other sets, each
#: scored unseen first (dev2 0.92 / 0.50, dev3 0.95 / 0.35, dev4 0.98 / 0.56, dev5 0.97 / 0.69, dev6 0.85 / 0.53,
#: dev7 0.88 / 0.72) and then used for development
INCIDENT_DEV_FLOORS = {
    "incidents_dev2.jsonl": (0.95, 0.83),
    "incidents_dev3.jsonl": (0.92, 0.72),
    "incidents_dev4.jsonl": (0.93, 0.79),
    "incidents_dev5.jsonl": (0.93, 0.85),
    "incidents_dev6.jsonl": (0.90, 0.72),
    "incidents_dev7.jsonl": (0.85, 0.82),
}


@pytest.mark.parametrize("name", sorted(INCIDENT_DEV_FLOORS))
def test_incident_grouping_on_later_team_reports(pipeline, name):
    from eventwire.evaluation.incidents import score_incidents

    score = score_incidents(pipeline, ROOT / "gold" / name)
    precision, recall = INCIDENT_DEV_FLOORS[name]
    assert score["pairwise_precision"] >= precision
    assert score["pairwise_recall"] >= recall


def test_incident_grouping_on_unseen_reports(pipeline):
    """101 reports of 30 incidents written by a helper who saw neither the code nor the other set; only scored."""
    from eventwire.evaluation.incidents import score_incidents

    score = score_incidents(pipeline, ROOT / "gold" / "incidents_heldout.jsonl")
    assert score["pairwise_precision"] >= 0.80
    assert score["pairwise_recall"] >= 0.64


def test_incident_grouping_on_a_second_unseen_set(pipeline):
    """100 reports of 33 incidents by another helper who saw neither the code nor the other sets; only scored."""
    from eventwire.evaluation.incidents import score_incidents

    score = score_incidents(pipeline, ROOT / "gold" / "incidents_heldout2.jsonl")
    assert score["pairwise_precision"] >= 0.93
    assert score["pairwise_recall"] >= 0.66


def test_incident_grouping_on_a_third_unseen_set(pipeline):
    """100 reports of 33 incidents by a third helper who saw neither the code nor the other sets, with reports
    that lead with the reaction and districts attacked twice on one day; only scored (first score 0.91 / 0.66)."""
    from eventwire.evaluation.incidents import score_incidents

    score = score_incidents(pipeline, ROOT / "gold" / "incidents_heldout3.jsonl")
    assert score["pairwise_precision"] >= 0.87
    assert score["pairwise_recall"] >= 0.62
