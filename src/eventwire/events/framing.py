"""How a sentence frames an act: offered, commanded, or demanded of someone.

* Offers — "Syria is willing to withdraw its troops", "offered to negotiate": AGREE (PLOVER: an offer or
  promise to cooperate), with the governing word absorbed.
* Commands — "the court ordered the arrest of", "ordered troops to pull back", "ordered patrols": the commanded
  act is the event and the one who gave the order is its actor; the order itself is not a REQUEST.
* Obligations — "Russia said Sudan must return the helicopter": REQUEST by the speaker of the one who must act.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

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
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return token.head  # "have sworn to fight" (parsed as a purpose clause)
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.dep_ in OBJECT_DEPS:
        return token.head.head.head  # "ordered the arrest of": arrest is the object
    return None


def _obliged(token: Token, lexicon: Lexicon) -> bool:
    """ "(X said that) Y must return the helicopter": a verb with "must", reported by a speaker."""
    return (
        token.pos_ == "VERB"
        and token.dep_ == "ccomp"
        and token.head.lemma_.lower() in lexicon.words("speech_verbs") | lexicon.words("demand_speech_verbs")
        and any(a.lemma_.lower() in lexicon.words("obligation_aux") for a in children(token, "aux"))
    )


def obligations(sentence: Span, triggers: list[Trigger], lexicon: Lexicon) -> list[Trigger]:
    """Demands phrased as obligations whose verb is not itself a trigger ("Sudan must return the helicopter")."""
    known = {t.token.i for t in triggers}
    entry = lexicon.lookup("demand", "VERB")
    found: list[Trigger] = []
    if entry is None:
        return found
    for token in sentence:
        if token.i not in known and _obliged(token, lexicon):
            found.append(Trigger(token, entry, "REQUEST", None, []))
    return found


def frame(triggers: list[Trigger], lexicon: Lexicon) -> Framing:
    promises = lexicon.words("promise_words")
    enacting = lexicon.words("enacting_verbs")
    preparing = lexicon.words("preparation_governors")
    offers = lexicon.words("offer_governors")
    offer_types = lexicon.words("offer_types")
    announced = lexicon.words("announced_threats")
    commands = lexicon.words("command_verbs")
    by_token = {t.token.i: t for t in triggers}
    result = Framing({}, {}, set())
    aspect = lexicon.words("aspect_verbs")
    for trigger in triggers:
        token = trigger.token
        governor = _governor(token)
        if governor is None:
            continue
        if governor.lemma_.lower() in aspect and governor.i not in by_token and _governor(governor) is not None:
            governor = _governor(governor)  # "prepared to resume shelling": prepare governs the shelling
        lemma = governor.lemma_.lower()
        owner = by_token.get(governor.i)
        threat_mode = lexicon.rules["threat_from"].get(trigger.event)
        if lemma in promises and owner is not None and threat_mode:
            owner.event, owner.mode = "THREATEN", threat_mode  # "vowed to retaliate"
        elif lemma in preparing and trigger.event == "ASSAULT" and token.dep_ == "xcomp":
            trigger.event, trigger.mode = "MOBILIZE", "troops"  # "prepared to resume shelling"
        elif lemma in offers and threat_mode and trigger.event in announced:
            trigger.event, trigger.mode = "THREATEN", threat_mode  # "the armed forces are ready to resume attacks"
        elif lemma in offers and trigger.event in offer_types:
            trigger.event, trigger.mode = "AGREE", None
            if governor.i in by_token:
                result.dropped.add(governor.i)
        elif (
            lemma in enacting and trigger.event in ("SANCTION", "COERCE") and owner is not None and owner is not trigger
        ):
            result.commanded[token.i] = governor  # "approved a package of sanctions": the sanctions are the event
            result.dropped.add(governor.i)
        elif lemma in commands and governor.i in by_token and governor.i != token.i:
            result.commanded[token.i] = governor
            result.dropped.add(governor.i)
        elif _obliged(token, lexicon) and (trigger.event not in ("REQUEST", "THREATEN", "ACCUSE") or trigger.obliged):
            result.obliged[token.i] = governor
            if not trigger.obliged:
                trigger.mode = REQUEST_MODES.get(trigger.event)
                trigger.event = "REQUEST"
    troops = lexicon.words("troop_nouns")
    reprisals = lexicon.words("reprisal_nouns")
    yielding = lexicon.words("yield_verbs")
    restrictions = lexicon.words("material_restrictions")
    eased = lexicon.words("eased_sanctions")
    for trigger in triggers:
        token = trigger.token
        objects = children(token, "dobj")
        if token.lemma_.lower() in yielding and any(
            by_token.get(o.i) is not None and by_token[o.i].event == "REQUEST" for o in objects
        ):
            trigger.event, trigger.mode = "CONCEDE", "yield"  # "accepted demands from the rebels"
        if trigger.event == "CONCEDE" and any(o.lemma_.lower() in restrictions for o in objects):
            trigger.event, trigger.mode = "RETREAT", "access"  # "lifted the blockade", "lifted the curfew"
        elif trigger.event == "CONCEDE" and any(o.lemma_.lower() in eased for o in objects):
            trigger.event, trigger.mode = "RETREAT", None  # "lifted economic sanctions on Mali" (CAMEO 085)
        promised = trigger.event == "AGREE" and token.lemma_.lower() in promises
        if promised and (
            any(o.lemma_.lower() in reprisals for o in children(token, "dobj")) or _escalation(token, lexicon)
        ):
            trigger.event, trigger.mode = "THREATEN", "violence"  # "vowed harsh punishment", "vowed to bring the war"
        if trigger.event == "REQUEST" and token.lemma_.lower() in commands and token.i not in result.dropped:
            sent = [o for o in children(token, "dobj") if o.lemma_.lower() in troops and o.i not in by_token]
            if sent:
                trigger.event, trigger.mode = "MOBILIZE", "troops"  # "ordered 1,700 paratroopers to Poland"
    return result


def _escalation(promise: Token, lexicon: Lexicon) -> bool:
    """ "vowed to bring the war to the hillside neighbourhoods", "swore to take the fight to the enemy": a promised
    act that carries war somewhere."""
    carriers = lexicon.words("escalation_verbs")
    wars = lexicon.words("war_nouns")
    return any(
        verb.lemma_.lower() in carriers and any(o.lemma_.lower() in wars for o in children(verb, "dobj"))
        for verb in children(promise, "xcomp")
    )


def subject_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
