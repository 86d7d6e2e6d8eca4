"""Reported speech: who the report says is the source of an event ("..., the governor said")."""

from __future__ import annotations

import itertools

from spacy.tokens import Span, Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.syntax import SUBJECT_DEPS, noun_phrase


def _speaker(verb: Token) -> Span | None:
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return noun_phrase(child)
    return None


def _according_to(token: Token) -> Span | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for pobj in to.children:
                    if pobj.dep_ == "pobj":
                        return noun_phrase(pobj)
    return None


def attribution(trigger: Token, lexicon: Lexicon) -> Span | None:
    """The speaker of the report that contains the trigger, or None when the sentence names none."""
    speech = lexicon.words("speech_verbs")
    path = [trigger, *trigger.ancestors]
    for token in path:
        found = _according_to(token)
        if found is not None:
            return found
        # "Russia shelled Kharkiv, the governor said" is sometimes parsed with "said" as a parataxis child
        for child in token.children:
            if child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in speech and child.i > trigger.i:
                speaker = _speaker(child)
                if speaker is not None:
                    return speaker
    for lower, upper in itertools.pairwise(path):
        if upper.lemma_.lower() in speech and lower.dep_ in ("ccomp", "conj", "parataxis", "advcl", "xcomp"):
            if lower is trigger and lower.dep_ == "xcomp":
                continue
            speaker = _speaker(upper)
            if speaker is not None:
                return speaker
    return None
