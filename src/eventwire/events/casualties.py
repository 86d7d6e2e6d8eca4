"""Casualty groups: who was killed, wounded or arrested, how many, and where — per place.

"Shelling killed three people in the Donetsk region, five in Kharkiv and wounded seven in Zaporizhzhia" has
three groups: (dead 3, Donetsk region), (dead 5, Kharkiv), (injured 7, Zaporizhzhia). The coder turns an
event with groups in different places into one event per group, so counts are never summed across places.
Gapped remnants ("five in Kharkiv") are found as numbers attached to the casualty verb or its victim that
carry their own place phrase.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.syntax import OBJECT_DEPS, PASSIVE_SUBJECT_DEPS, SUBJECT_DEPS, is_passive
from eventwire.resolve.numbers import VAGUE, parse_number

_NUMBER_DEPS = frozenset({"nummod", "quantmod"})
_REMNANT_DEPS = frozenset({"appos", "conj", "npadvmod", "dobj", "nsubj", "attr"})


@dataclass
class CountGroup:
    kind: str  # dead | injured | arrested
    number: int
    anchor: Token
    places: list[Token] = field(default_factory=list)
    victim: Token | None = None


def _is_number(token: Token) -> bool:
    return token.like_num or token.pos_ == "NUM" or token.lower_ in VAGUE


def number_of(token: Token) -> int | None:
    """The count a victim phrase gives: "three people", "12", "at least 25 civilians", "dozens of"."""
    if _is_number(token):
        parts = [
            t for t in token.subtree if _is_number(t) and (t.i == token.i or t.dep_ in _NUMBER_DEPS | {"compound"})
        ]
        value = parse_number(" ".join(t.text for t in sorted(parts, key=lambda t: t.i)))
        return value if value is not None else VAGUE.get(token.lower_)
    for child in token.children:
        if child.dep_ in _NUMBER_DEPS | {"compound"} and _is_number(child):
            return number_of(child)
    if token.tag_ == "NN" and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in token.children):
        return 1  # "killed a 62-year-old woman"
    return None


def _victims(anchor: Token) -> list[Token]:
    if anchor.pos_ != "VERB":
        return []
    if anchor.dep_ == "acl" and anchor.tag_ == "VBN" and anchor.head.pos_ in ("NOUN", "PROPN", "NUM"):
        return [anchor.head]  # headline style: "Four Ukrainian troops killed in offensive"
    if is_passive(anchor):
        deps = PASSIVE_SUBJECT_DEPS
    elif anchor.lemma_.lower() == "die":
        deps = SUBJECT_DEPS
    else:
        deps = OBJECT_DEPS
    return [child for child in anchor.children if child.dep_ in deps]


def _own_places(token: Token, preps: frozenset[str]) -> list[Token]:
    return [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in preps
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def casualty_kind(token: Token, lexicon: Lexicon) -> str | None:
    lemma = token.lemma_.lower()
    for kind, words in lexicon.rules["casualties"].items():
        if lemma in words:
            return kind
    return None


def casualty_groups(anchors: list[Token], lexicon: Lexicon) -> list[CountGroup]:
    """Every (kind, number, place) group stated by the event's casualty words."""
    preps = lexicon.words("place_preps")
    groups: list[CountGroup] = []
    for anchor in anchors:
        kind = casualty_kind(anchor, lexicon)
        if kind is None:
            continue
        victims = _victims(anchor)
        # remnants hang off the verb, the victim, or (a parser's guess) the previous place: "in Kharkiv, two in Sumy"
        holders = (anchor, *victims, *_own_places(anchor, preps), *(p for v in victims for p in _own_places(v, preps)))
        remnants = [
            child
            for holder in holders
            for child in holder.children
            if child.dep_ in _REMNANT_DEPS
            and child not in victims
            and number_of(child) is not None
            and _own_places(child, preps)
        ]
        first_remnant = min((r.i for r in remnants), default=len(anchor.doc))
        anchor_places = [p for p in _own_places(anchor, preps) if p.i < first_remnant]
        for victim in victims:
            number = number_of(victim)
            if number is None:
                continue
            places = _own_places(victim, preps) or [p for p in anchor_places if p.i > victim.i]
            groups.append(CountGroup(kind, number, anchor, places, victim))
            for conj in victim.conjuncts:
                if conj.i > victim.i and conj not in remnants and (value := number_of(conj)) is not None:
                    groups.append(CountGroup(kind, value, anchor, _own_places(conj, preps) or places, conj))
        for remnant in sorted(remnants, key=lambda t: t.i):
            groups.append(CountGroup(kind, number_of(remnant) or 0, anchor, _own_places(remnant, preps), remnant))
    return groups


def split_by_place(groups: list[CountGroup]) -> bool:
    """Whether the groups name different places (then each is its own event)."""
    places = {tuple(sorted(t.i for t in g.places)) for g in groups if g.places}
    return len(groups) > 1 and len(places) > 1


def totals(groups: list[CountGroup]) -> dict[str, int]:
    """Counts per kind for one place (or for an event that names no places)."""
    out: dict[str, int] = {}
    for group in groups:
        out[group.kind] = out.get(group.kind, 0) + group.number
    return out
