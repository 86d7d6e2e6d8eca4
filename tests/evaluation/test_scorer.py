"""The scorer: pairing, per-field counts, the no-event check and gold-file errors."""

from __future__ import annotations

import json

import pytest

from eventwire.errors import InputError
from eventwire.evaluation.gold import GoldDocument, GoldEvent, load_gold
from eventwire.evaluation.scorer import Prediction, Score, _score_document, distance_km, match, same_codes


def predicted(event: str, actor=(), recipient=(), aux=None, mode=None, location=None, date=None, size=()):
    return Prediction(event, mode, aux, frozenset(actor), frozenset(recipient), location, date, tuple(size))


def gold(event: str, actor=(), recipient=(), aux=None, mode=None, location=None, date=None, size=()):
    return GoldEvent(event, mode, aux, frozenset(actor), frozenset(recipient), location, date, tuple(size))


def scored(gold_events, predictions, km=50.0) -> Score:
    result = Score()
    _score_document(result, GoldDocument("d", "text", events=gold_events), predictions, km)
    return result


def test_pairs_same_type_best_agreement_first():
    g = [gold("ASSAULT", actor={"RUS"}), gold("ASSAULT", actor={"UKR"})]
    p = [predicted("ASSAULT", actor={"UKR"}), predicted("ASSAULT", actor={"RUS"}), predicted("PROTEST")]
    pairs = match(g, p)
    assert len(pairs) == 2
    assert all(a.actor == b.actor for a, b in pairs)


def test_type_precision_recall_and_field_accuracy():
    result = scored(
        [gold("ASSAULT", actor={"RUS"}, aux=None), gold("REJECT", actor={"DEU"})],
        [predicted("ASSAULT", actor={"RUS"}, aux="future"), predicted("SUPPORT", actor={"DEU"})],
    )
    event = result.fields["event"]
    assert (event.tp, event.predicted, event.gold) == (1, 2, 2)
    assert event.precision == event.recall == 0.5
    assert result.fields["actor"].accuracy == 1.0
    assert result.fields["aux_mode"].accuracy == 0.0  # null gold vs future predicted: a miss
    assert result.types["REJECT"].recall == 0.0
    assert result.errors and result.errors[0]["missed"] == ["REJECT"]


def test_location_agrees_within_km_only():
    kyiv, lviv = (50.45, 30.52), (49.84, 24.03)
    assert round(distance_km(kyiv, lviv)) in range(460, 480)
    near = scored([gold("ASSAULT", location=kyiv)], [predicted("ASSAULT", location=(50.40, 30.60))])
    far = scored([gold("ASSAULT", location=kyiv)], [predicted("ASSAULT", location=lviv)])
    assert near.fields["location"].accuracy == 1.0
    assert far.fields["location"].accuracy == 0.0


def test_no_event_documents_count_false_positives():
    clean = scored([], [])
    noisy = scored([], [predicted("ASSAULT")])
    assert clean.no_event_false_positive_rate == 0.0
    assert noisy.no_event_false_positive_rate == 1.0
    assert noisy.fields["event"].precision == 0.0


def test_generic_igo_gold_accepts_un_and_eu_but_not_a_country():
    assert same_codes(frozenset({"IGO"}), frozenset({"UNO"}))
    assert same_codes(frozenset({"IGO", "USA"}), frozenset({"EUR", "USA"}))
    assert not same_codes(frozenset({"IGO"}), frozenset({"FRA"}))
    assert not same_codes(frozenset({"UNO"}), frozenset({"EUR"}))


def test_gold_file_both_formats(tmp_path):
    path = tmp_path / "gold.jsonl"
    lines = [
        {"id": "a", "text": "Italy expelled two diplomats.", "event": "SANCTION", "source": ["ITL"], "target": [None]},
        {"id": "b", "text": "It rained.", "published": "2022-09-29", "events": []},
        {
            "id": "c",
            "text": "Troops shelled Lyman on Tuesday.",
            "published": "2022-09-29",
            "events": [{"event": "ASSAULT", "actor": [], "place": {"name": "Lyman", "lat": 48.99, "lon": 37.8}}],
        },
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    docs = {d.id: d for d in load_gold(path)}
    assert docs["a"].events[0].actor == {"ITA"}  # legacy CAMEO code mapped to ISO
    assert docs["a"].events[0].recipient == frozenset()
    assert "aux_mode" not in docs["a"].events[0].scored  # PLOVER records carry no aux mode
    assert docs["b"].events == [] and str(docs["b"].published) == "2022-09-29"
    assert docs["c"].events[0].location == (48.99, 37.8)


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "malformed JSON"),
        ('{"id": "x", "text": "t", "events": [{"event": "BOMB"}]}', "unknown event type"),
        ('{"id": "x", "text": "t", "events": [{"event": "ASSAULT", "aux_mode": "maybe"}]}', "unknown aux_mode"),
        ('{"id": "x", "text": "t"}', "needs 'events'"),
    ],
)
def test_bad_gold_lines_name_the_line(tmp_path, line, reason):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"id": "ok", "text": "t", "events": []}\n' + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert "gold.jsonl:2" in str(caught.value) and reason in str(caught.value)


def test_cleaning_gold_scores_removed_boilerplate_and_lost_news(tmp_path):
    from eventwire.evaluation.cleaning import is_cleaning_gold, score_cleaning

    path = tmp_path / "clean.jsonl"
    article = {
        "id": "a1",
        "paragraphs": [
            {"text": "Russian forces shelled Kharkiv on Sunday, killing two people, officials said.", "kind": "news"},
            {"text": "Dear readers, independent journalism needs your support. Donate today.", "kind": "appeal"},
            {"text": "The UN launched an appeal for $4 billion to help displaced families.", "kind": "news"},
        ],
    }
    path.write_text(json.dumps(article) + "\n", encoding="utf-8")
    assert is_cleaning_gold(path)
    score = score_cleaning(path).to_dict()
    assert score["boilerplate_removed"] == 1.0 and score["by_kind"] == {"appeal": 1.0}
    assert score["news_paragraphs"] == 2 and score["news_lost"] == 0.0
