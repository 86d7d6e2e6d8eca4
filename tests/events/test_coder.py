"""The event coder on the team's own sentences: types, arguments, modality, reported speech.

These check mechanisms (one sentence each); accuracy is measured by ``eventwire eval`` on gold data.
"""

from __future__ import annotations

import pytest


def _one(events, event_type):
    matching = [e for e in events if e.event == event_type]
    assert matching, f"no {event_type} in {[e.event for e in events]}"
    return matching[0]


def _codes(actors):
    return [a.code for a in actors]


def test_verb_trigger_subject_is_actor_object_is_recipient(code):
    event = _one(code("Ukraine accused Russia of shelling a nuclear power plant."), "ACCUSE")
    assert _codes(event.actor) == ["UKR"] and _codes(event.recipient) == ["RUS"]
    assert event.quad_code == 3 and event.cameo


def test_compound_actors_are_one_event_with_a_list(code):
    events = [e for e in code("The United States and France condemned the missile strikes.") if e.event == "ACCUSE"]
    assert len(events) == 1
    assert _codes(events[0].actor) == ["USA", "FRA"]


def test_passive_voice_swaps_in_the_agent(code):
    event = _one(code("Two journalists were detained by police in Minsk on Sunday."), "COERCE")
    assert [a.sector for a in event.actor] == ["COP"]
    assert event.recipient[0].sector == "JRN"
    assert event.mode == "arrest" and event.size.arrested == 2


def test_nominal_trigger_with_light_verb_takes_the_verbs_subject(code):
    event = _one(code("Israel launched an offensive against Hamas in Gaza."), "ASSAULT")
    assert _codes(event.actor) == ["ISR"]
    assert event.event_text == "offensive"


def test_modifiers_refine_mode_and_type(code):
    assert _one(code("A drone attack hit the port."), "ASSAULT").mode == "drone"
    assert _one(code("Workers began a general strike on Monday."), "PROTEST").mode == "strike"
    assert _one(code("An air strike hit the market."), "ASSAULT").mode == "aerial"


def test_negation(code):
    event = _one(code("Russia denied shelling the train station."), "ASSAULT")
    assert event.aux_mode == "negation"
    assert _one(code("The army did not attack the village."), "ASSAULT").aux_mode == "negation"


def test_future_and_expected(code):
    event = _one(code("Russia is expected to annex four regions on Friday."), "COERCE")
    assert event.aux_mode == "future" and _codes(event.actor) == ["RUS"]
    assert event.date == "2022-09-30"  # the coming Friday after Thursday 29 September


def test_hypothetical(code):
    assert _one(code("The fighting could spread to the capital if talks fail."), "ASSAULT").aux_mode == "hypothetical"


def test_threat_of_attack_is_threaten_not_assault(code):
    events = code("Iran threatened to attack Israel.")
    assert [e.event for e in events] == ["THREATEN"]
    assert events[0].mode == "violence" and _codes(events[0].recipient) == ["ISR"]


def test_refused_cooperation_is_reject(code):
    event = _one(code("Scholz said Germany would never recognise the annexation."), "REJECT")
    assert _codes(event.actor) == ["DEU"] and event.aux_mode is None


def test_future_meeting_is_agree(code):
    events = code("The foreign ministers will meet in Geneva next week.")
    assert [e.event for e in events] == ["AGREE"]


def test_reported_speech_is_attributed_and_the_statement_is_not_an_event(code):
    events = code("The regional governor said Russian forces shelled Kupiansk overnight.")
    assert [e.event for e in events] == ["ASSAULT"]
    assert events[0].attribution == "The regional governor"
    assert _codes(events[0].actor) == ["RUS"]


def test_casualty_verb_folds_into_the_attack(code):
    events = code("Russian forces shelled Lyman on Tuesday, killing three people.")
    assert len(events) == 1
    event = events[0]
    assert event.size.dead == 3 and event.mode == "heavy-weapons"
    assert event.event_loc is not None and event.event_loc.resolved_place == "Lyman"
    assert event.date == "2022-09-27"


def test_several_events_in_one_sentence(code):
    events = code("Police detained 40 protesters after demonstrators blocked a highway in Tbilisi.")
    assert {"COERCE", "PROTEST"} <= {e.event for e in events}


@pytest.mark.parametrize(
    "sentence",
    [
        "Sunny weather is expected across the region on Saturday, with highs of 25 degrees.",
        "Shares in the carmaker rose 4 percent in early trading.",
        "The striker scored twice as the visitors won 3-1.",
        "Dear readers, please consider supporting our journalism today.",
    ],
)
def test_sentences_with_no_event(code, sentence):
    assert code(sentence) == []
