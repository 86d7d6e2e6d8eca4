"""eventwire's own spaCy components, on the team's sentences."""

from __future__ import annotations

from eventwire.nlp.build import load_pipeline
from eventwire.settings import Settings


def _parse(text: str):
    return load_pipeline(Settings().spacy_model)(text)


def test_an_of_phrase_held_apart_by_a_time_belongs_to_the_noun():
    doc = _parse("The committee welcomed the release on Monday of three reporters held in Asmara.")
    of = next(t for t in doc if t.lower_ == "of")
    assert of.head.lower_ == "release"


def test_an_of_phrase_the_verb_itself_takes_stays_with_the_verb():
    doc = _parse("Ukraine accused Russia on Monday of shelling the plant.")
    of = next(t for t in doc if t.lower_ == "of")
    assert of.head.lower_ == "accused"
