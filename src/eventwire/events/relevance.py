"""Triggers that are not political events: natural hazards and accidents as actors, sport, commerce, and
imperatives addressed to the reader ("Sign up for our briefing", "Support our newsroom").

The lists live in ``data/events/relevance.yaml``. Whether an event has a political actor at all is decided
after resolution (``resolve``), where codes are known.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.events.triggers import Trigger
from eventwire.settings import DATA_DIR, read_yaml


@lru_cache(maxsize=1)
def _lists() -> dict[str, frozenset[str]]:
    data = read_yaml(DATA_DIR / "events" / "relevance.yaml")
    return {key: frozenset(str(v).lower() for v in values) for key, values in data.items()}


@lru_cache(maxsize=16)
def _phrases(words: frozenset[str]) -> tuple[str, ...]:
    return tuple(f" {w} " for w in words if " " in w)


#: the last sentence looked at and its (padded lower-case text, word forms and lemmas): asked several times
_last: tuple[Span, str, frozenset[str]] | None = None


def _forms(sentence: Span) -> tuple[str, frozenset[str]]:
    global _last
    if _last is None or _last[0].doc is not sentence.doc or _last[0] != sentence:
        text = " " + sentence.text.lower() + " "
        _last = (sentence, text, frozenset({t.lemma_.lower() for t in sentence} | {t.lower_ for t in sentence}))
    return _last[1], _last[2]


def _mentions(sentence: Span, words: frozenset[str]) -> bool:
    text, forms = _forms(sentence)
    return not forms.isdisjoint(words) or any(phrase in text for phrase in _phrases(words))


def sentence_is_off_topic(sentence: Span) -> bool:
    """A sentence about sport, entertainment or science (and nothing military or political), or one that
    addresses the reader ("subscribe", "your inbox", "we use cookies"), codes no event."""
    lists = _lists()
    if _mentions(sentence, lists["reader_cues"]) and _addresses_reader(sentence):
        return True
    return _mentions(sentence, lists["sport_cues"]) and not _mentions(sentence, lists["conflict_cues"])


def _addresses_reader(sentence: Span) -> bool:
    words = {t.lower_ for t in sentence}
    return bool(words & {"you", "your", "our", "us", "we"}) or _imperative(sentence.root)


def is_commerce(sentence: Span) -> bool:
    return _mentions(sentence, _lists()["business_cues"])


def _imperative(token: Token) -> bool:
    """ "Sign up for our briefing", "Support our newsroom": a bare verb opening its sentence, no subject."""
    verb = token if token.pos_ == "VERB" else token.head
    first = next((t for t in verb.sent if not t.is_punct and not t.is_space), None)
    return (
        first is not None
        and first.i == verb.i
        and verb.tag_ == "VB"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux") for c in verb.children)
    )


def _hazard_phrase(head: Token, non_actors: frozenset[str], delivery: bool = False) -> bool:
    """The phrase's head or the words before it in the phrase ("flash floods", "a bus carrying pilgrims").
    ``delivery``: the trigger is aid arriving, which a vehicle carrying aid does (it overturning is an accident)."""
    words = [t for t in head.doc[head.left_edge.i : head.i + 1] if t.pos_ in ("NOUN", "PROPN")]
    weapons = _lists()["weapon_nouns"]
    if any(t.lemma_.lower() in weapons or t.lower_ in weapons for t in head.subtree):
        return False  # "two car bombs exploded", "a motorcycle rigged with explosives blew up"
    if head.lemma_.lower() in _people_nouns():
        return False  # "taxi drivers demonstrated": people, not the vehicle
    if any(t.lemma_.lower() in _lists()["military_nouns"] for t in words):
        return False  # "army trucks carrying reinforcements arrived": a force on the move, not an accident
    if any(c.dep_ in ("poss", "compound") and _armed_force(c.text) for c in head.children):
        return False  # "an IDF aircraft struck": an armed force's vehicle is its arm, not an accident
    if delivery and any(t.lemma_.lower() in _aid_nouns() for t in head.subtree):
        return False  # "aid trucks delivered food", "a convoy of trucks carrying flour"
    return any(t.lemma_.lower() in non_actors or t.lower_ in non_actors for t in words)


@lru_cache(maxsize=1024)
def _armed_force(name: str) -> bool:
    """The actor knowledge base knows the name as a military or police body ("IDF", "PLA")."""
    from eventwire.resolve.actors import load_actor_kb

    entry = load_actor_kb().lookup(name)
    return entry is not None and entry.sector in ("MIL", "COP")


@lru_cache(maxsize=1)
def _aid_nouns() -> frozenset[str]:
    """What aid is, and who sends it ("WFP trucks"): the coder's own word lists."""
    from eventwire.events.lexicon import load_lexicon

    lexicon = load_lexicon()
    return lexicon.words("aid_words") | lexicon.words("aid_agencies")


@lru_cache(maxsize=1)
def _people_nouns() -> frozenset[str]:
    """Heads that name people who act ("drivers", "workers"), whatever vehicle or trade word comes before."""
    from eventwire.events.lexicon import load_lexicon

    lexicon = load_lexicon()
    return lexicon.words("protest_actors")


def _caused_by_hazard(token: Token, delivery: bool = False) -> bool:
    from eventwire.events.arguments import clause_subject  # arguments → resolve.numbers → resolve → here

    non_actors = _lists()["non_actor_nouns"]
    weapons = _lists()["weapon_nouns"]
    if any(c.dep_ == "dobj" and c.lemma_.lower() in weapons for c in token.children):
        return False  # "an aircraft dropped two bombs": whatever carries a weapon, using it is no accident
    current = token
    for _ in range(4):
        if current.pos_ in ("VERB", "AUX"):
            subjects = [c for c in current.children if c.dep_ == "nsubj"]
            # "roads destroyed by the floods": the passive's agent
            subjects += [p for a in current.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
            if not subjects:
                subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
            if not subjects:
                subject, _ = clause_subject(current)
                subjects = [subject] if subject is not None else []
            if subjects:
                return any(_hazard_phrase(s, non_actors, delivery) for s in subjects)
        elif current.pos_ == "NOUN" and current is not token:
            return _hazard_phrase(current, non_actors, delivery)  # a mis-parse left the subject as a bare noun
        if current.head.i == current.i:
            return False
        current = current.head
    return False


def irrelevant(trigger: Trigger) -> bool:
    """A trigger whose agent is a hazard or accident, an idiom ("shelled out"), or an imperative addressed to
    the reader."""
    token = trigger.token
    particles = {c.lower_ for c in token.children if c.dep_ in ("prt", "prep")}
    idiom = any(f"{token.lemma_.lower()} {p}" in _lists()["idioms"] for p in particles)
    return idiom or _imperative(token) or _caused_by_hazard(token, delivery=trigger.event == "AID")


def political_sectors() -> frozenset[str]:
    return frozenset(s.upper() for s in _lists()["political_sectors"])
