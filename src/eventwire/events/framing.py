"""How a sentence frames an act: offered, commanded, or demanded of someone.

* Offers — "Syria is willing to withdraw its troops", "offered to negotiate": AGREE (PLOVER: an offer or
  promise to cooperate), with the governing word absorbed.
* Commands — "the court ordered the arrest of", "ordered troops to pull back", "ordered patrols": the commanded
  act is the event and the one who gave the order is its actor; the order itself is not a REQUEST.
* Obligations — "Russia said Sudan must return the helicopter": REQUEST by the speaker of the one who must act.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.syntax import OBJECT_DEPS, SUBJECT_DEPS, children
from eventwire.events.triggers import Trigger

#: when a REQUEST/REJECT concerns another act, the act tells its mode
REQUEST_MODES = {"CONSULT": "meet", "AID": "assist", "COOPERATE": "assist", "RETREAT": "yield", "CONCEDE": "yield"}


@dataclass
class Framing:
    #: commanded trigger index → the command verb (its subject is the actor)
    commanded: dict[int, Token]
    #: obliged trigger index → the speech verb (its subject demands)
    obliged: dict[int, Token]
    #: triggers that are only the frame (an order, an offer word that is itself a trigger)
    dropped: set[int]


def _governor(token: Token) -> Token | None:
    """The word whose complement the trigger is: "willing to *withdraw*", "ordered troops to *withdraw*"."""
    if token.dep_ in ("xcomp", "ccomp", *OBJECT_DEPS):
        return token.head
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ in OBJECT_DEPS:
        return token.head.head.head  # "ordered the arrest of": arrest is the object
    return None


def frame(triggers: list[Trigger], lexicon: Lexicon) -> Framing:
    offers = lexicon.words("offer_governors")
    offer_types = lexicon.words("offer_types")
    commands = lexicon.words("command_verbs")
    obligation = lexicon.words("obligation_aux")
    speech = lexicon.words("speech_verbs")
    by_token = {t.token.i: t for t in triggers}
    result = Framing({}, {}, set())
    for trigger in triggers:
        token = trigger.token
        governor = _governor(token)
        if governor is None:
            continue
        lemma = governor.lemma_.lower()
        if lemma in offers and trigger.event in offer_types:
            trigger.event, trigger.mode = "AGREE", None
            if governor.i in by_token:
                result.dropped.add(governor.i)
        elif lemma in commands and governor.i in by_token and governor.i != token.i:
            result.commanded[token.i] = governor
            result.dropped.add(governor.i)
        elif (
            token.pos_ == "VERB"
            and any(a.lemma_.lower() in obligation for a in children(token, "aux"))
            and token.dep_ == "ccomp"
            and lemma in speech
            and trigger.event not in ("REQUEST", "THREATEN", "ACCUSE")
        ):
            result.obliged[token.i] = governor
            trigger.mode = REQUEST_MODES.get(trigger.event)
            trigger.event = "REQUEST"
    return result


def subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
