"""Which triggers report an event of their own, and which only mention one in passing.

* Background: a nominal trigger in an adjunct that gives the cause, time or reason of the sentence's own event
  ("after the shelling", "amid protests", "sanctions over the invasion", "in response to the attack") refers to
  an earlier report; coding it again would double-count it (GDELT's classic failure).
* Purposes of protests: "students demonstrated to demand reforms" is one PROTEST (PLOVER: a protest's demand is
  not a separate REQUEST).
* Threats: a conflictual act that its own actor announces for the future ("the farmers said they would
  blockade Paris") or makes conditional ("will boycott the vote unless ...") is THREATEN (PLOVER: return the
  single type that fits, not ASSAULT + future); the condition clause belongs to the threat.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.framing import subject_of
from eventwire.events.lexicon import Lexicon
from eventwire.events.modality import modality
from eventwire.events.syntax import children
from eventwire.events.triggers import Trigger

_PURPOSE_DEPS = frozenset({"advcl", "xcomp", "acl", "conj", "dobj", "prep", "pcomp", "pobj"})
_FIRST_PERSON = frozenset({"we", "i"})
_PRONOUNS = frozenset({"we", "i", "they", "it", "he", "she"})


def background(triggers: list[Trigger], lexicon: Lexicon) -> set[int]:
    """Token indices of nominal triggers that only give another event's cause, time or reason."""
    preps = lexicon.words("background_preps")
    heads = lexicon.words("background_heads")
    found: set[int] = set()
    for trigger in triggers:
        token = trigger.token
        if token.pos_ == "VERB" or token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.lower_ in preps or prep.head.lower_ in heads:
            found.add(token.i)
        elif trigger.event == "PROTEST" and prep.lower_ == "in" and not children(token, "det"):
            found.add(token.i)  # "in protest at": a manner, not a protest of its own
    kept = [t for t in triggers if t.token.i not in found]
    return found if kept else set()


def _protest_near(token: Token, by_token: dict[int, Trigger]) -> bool:
    current = token
    for _ in range(3):
        if current.dep_ not in _PURPOSE_DEPS or current.head.i == current.i:
            return False
        current = current.head
        owner = by_token.get(current.i)
        if owner is not None and owner.event == "PROTEST":
            return True
        if any(by_token.get(o.i) and by_token[o.i].event == "PROTEST" for o in children(current, "dobj")):
            return True  # "staged demonstrations to demand"
    return False


def protest_purposes(triggers: list[Trigger], by_token: dict[int, Trigger]) -> dict[int, int]:
    """REQUEST triggers that state what a protest demands → the protest that absorbs them."""
    absorbed: dict[int, int] = {}
    protests = [t for t in triggers if t.event == "PROTEST"]
    if not protests:
        return absorbed
    for trigger in triggers:
        if trigger.event == "REQUEST" and _protest_near(trigger.token, by_token):
            absorbed[trigger.token.i] = protests[0].token.i
    return absorbed


def _conditions(token: Token, marks: frozenset[str]) -> list[Token]:
    return [c for c in children(token, "advcl") if any(m.lower_ in marks for m in children(c, "mark"))]


def self_announced(token: Token, lexicon: Lexicon) -> bool:
    """Said by its own actor: "X said it would ...", "we will strike back"."""
    subject = subject_of(token)
    if subject is not None and (
        subject.lower_ in _FIRST_PERSON or any(c.dep_ == "poss" and c.lower_ in ("our", "my") for c in subject.children)
    ):
        return True  # "we will strike back", "our troops will respond"
    speech = lexicon.words("speech_verbs")
    current = token
    for _ in range(4):
        if current.head.i == current.i:
            return False
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in speech:
            if subject is None:
                return False
            speaker = subject_of(current.head)
            return subject.lower_ in _PRONOUNS or (speaker is not None and speaker.i == subject.i)
        if current.dep_ not in ("xcomp", "conj", "ccomp"):
            return False
        current = current.head
    return False


def threats(triggers: list[Trigger], lexicon: Lexicon) -> dict[int, int]:
    """Turn announced or conditional conflictual acts into THREATEN; return the condition triggers absorbed."""
    modes = lexicon.rules["threat_from"]
    marks = frozenset(lexicon.rules["modality"]["condition_marks"]) - {"whether"}
    # "will withdraw its force unless ...", "will cut aid if ...": conditional cooperation withdrawn is a threat
    conditional_only = frozenset({"RETREAT", "AID", "COOPERATE"})
    announced = frozenset(lexicon.rules["announced_threats"])
    absorbed: dict[int, int] = {}
    by_token = {t.token.i: t for t in triggers}
    for trigger in triggers:
        if trigger.event not in modes and trigger.event not in conditional_only:
            continue
        token = trigger.token
        mood = modality(token, lexicon)
        if mood.aux_mode not in ("future", "hypothetical"):
            continue
        # "his forces would resume attacks on ships … if aid was restricted": a noun's verb holds the condition
        # (of a promise: "could resume airstrikes if …" is speculation)
        nominal = token.pos_ == "NOUN" and token.dep_ == "dobj" and token.head.pos_ == "VERB"
        holder = token.head if nominal and mood.aux_mode == "future" else token
        conditions = _conditions(holder, marks)
        if not conditions and (trigger.event not in announced or not self_announced(holder, lexicon)):
            continue
        trigger.mode = modes.get(trigger.event, "relations") if "territory" not in trigger.context else "territory"
        trigger.event = "THREATEN"
        trigger.threat = True
        for clause in conditions:
            for inner in clause.subtree:
                if inner.i in by_token and inner.i != token.i:
                    absorbed[inner.i] = token.i
    for trigger in triggers:
        if trigger.event in ("THREATEN", "REQUEST"):
            for clause in _conditions(trigger.token, marks):
                for inner in clause.subtree:
                    if inner.i in by_token and inner.i != trigger.token.i:
                        absorbed.setdefault(inner.i, trigger.token.i)
    return absorbed


_CLAUSAL = frozenset({"advcl", "xcomp", "ccomp", "acl", "relcl", "pcomp", "pobj", "parataxis", "csubj"})


def depth(token: Token, lexicon: Lexicon) -> int:
    """How many clauses down from the sentence's main report a trigger sits (reported speech is not a level:
    in "officials said Russia shelled Kharkiv" the shelling is the report)."""
    speech = lexicon.words("speech_verbs")
    levels = 0
    current = token
    for _ in range(12):
        head = current.head
        if head.i == current.i:
            break
        if current.dep_ in _CLAUSAL and not (current.dep_ == "ccomp" and head.lemma_.lower() in speech):
            levels += 1
        current = head
    return levels


def noun_complements(triggers: list[Trigger], lexicon: Lexicon) -> dict[int, int]:
    """ "reiterated its demand that Israel ease restrictions": the that-clause hangs off the verb but states the
    content of the noun trigger (a demand, a threat, a pledge), which absorbs it."""
    absorbing = frozenset(lexicon.rules["absorbing_events"])
    by_token = {t.token.i: t for t in triggers}
    absorbed: dict[int, int] = {}
    for trigger in triggers:
        token = trigger.token
        if token.dep_ != "ccomp":
            continue
        for obj in children(token.head, "dobj"):
            owner = by_token.get(obj.i)
            if owner is not None and owner.event in absorbing and obj.pos_ == "NOUN" and obj.i < token.i:
                absorbed[token.i] = obj.i
    return absorbed
