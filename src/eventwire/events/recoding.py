"""Type and mode from who acts: rules of the PLOVER codebook that recode a trigger by its arguments.

Civilians blocking a road protest (obstruct) and a crowd's violence is a riot; a road blocked by no state body
in a sentence about protest is a protest; a declared truce is a verbal concession; a protest lodged by a state
is an accusation. A condemned attack told with its perpetrator and place is reported as an attack too.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from eventwire.events.arguments import Arguments
from eventwire.events.lexicon import Lexicon

#: entity types of a place
_PLACES = frozenset({"GPE", "LOC", "FAC"})


def recode(event: str, mode: str | None, token: Token, args: Arguments, lexicon: Lexicon) -> tuple[str, str | None]:
    """The trigger's (type, mode), recoded by who acts and how the sentence frames it."""
    # a place name in front of the noun says where, not who ("the Pančevo bridge blockade")
    args = replace(args, actors=[a for a in args.actors if not _place_modifier(a, token)])
    crowd = lexicon.words("protest_actors")
    if args.actors and all(_crowd(a, crowd, lexicon.words("counted_people")) for a in args.actors):
        if event == "COERCE":
            event, mode = "PROTEST", "obstruct"
        elif event == "ASSAULT" and token.lemma_.lower() == "strike" and token.pos_ == "VERB":
            event, mode = "PROTEST", "strike"  # "teachers will strike on Monday over pay"
        elif event == "ASSAULT" and mode in (None, "primitive", "destroy", "beat"):
            event, mode = "PROTEST", "riot"
    elif event == "COERCE" and mode == "restrict" and _protest_blockade(token, args, lexicon):
        event, mode = "PROTEST", "obstruct"
    if event == "RETREAT" and mode == "ceasefire" and _declared(token, lexicon):
        event = "CONCEDE"  # "declared a truce"
    if event == "PROTEST" and _diplomatic(token, args, lexicon):
        event, mode = "ACCUSE", "disapprove"  # "Serbia lodged a protest with Albania"
    return event, mode


def reported_attack(noun: Token, lexicon: Lexicon) -> bool:
    """A violent act reported with its own particulars — who did it ("by the CODECO militia", "committed by
    armed bandits") and where — is news in its own right, not only the topic of the statement about it ("the UN
    condemned an attack by the CODECO militia on civilians in Djugu")."""
    entry = lexicon.lookup(noun.lemma_.lower(), "NOUN")
    if entry is None or entry.event != "ASSAULT":
        return False
    words = list(noun.subtree)
    agent = any(t.lower_ == "by" and t.head.i in (noun.i, *[c.i for c in noun.children]) for t in words)
    place = any(
        t.ent_type_ in ("GPE", "LOC", "FAC") or (t.pos_ == "PROPN" and t.head.lower_ in ("in", "near", "at"))
        for t in words
    )
    return agent and place


def _protest_blockade(token: Token, args: Arguments, lexicon: Lexicon) -> bool:
    """ "protesters kept up a blockade of the highway", "coca growers piled stones on the road": a road blocked
    by no state body in a sentence about protest is a protest (a state's blockade of a port stays coercion)."""
    if token.lemma_.lower() not in lexicon.words("blockade_words"):
        return False
    state = lexicon.words("state_bodies")
    if any(a.ent_type_ in ("GPE", "ORG") or a.lemma_.lower() in state for a in args.actors):
        return False
    cues = lexicon.words("protest_cues")
    if any(t.lemma_.lower() in cues for t in token.sent):
        return True
    # "the Novi Sad bridge blockade", "a blockade of the highway": a road blocked by nobody named is a protest
    roads = lexicon.words("road_nouns")
    blocked = [c for c in token.children if c.dep_ in ("compound", "amod")]
    blocked += [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children]
    return token.pos_ == "NOUN" and not args.actors and any(b.lemma_.lower() in roads for b in blocked)


def _place_modifier(actor: Token, token: Token) -> bool:
    return actor.head.i == token.i and actor.dep_ == "compound" and actor.ent_type_ in _PLACES and token.pos_ == "NOUN"


def _crowd(token: Token, crowd: frozenset[str], counted: frozenset[str] = frozenset()) -> bool:
    """Civilians in numbers: "protesters", "young Algerians", "hundreds of informal gold miners", "hundreds of
    men and women"."""
    if token.lemma_.lower() in crowd or _people(token):
        return True
    quantity = token.lemma_.lower() in ("hundred", "thousand", "dozen", "scores", "score", "million")
    return quantity and any(
        o.lemma_.lower() in crowd or o.lemma_.lower() in counted or _people(o)
        for prep in token.children
        if prep.lower_ == "of"
        for o in prep.children
        if o.dep_ == "pobj"
    )


def _people(token: Token) -> bool:
    """A plural nationality or group of people named by origin: "young Algerians", "Kurds"."""
    return token.ent_type_ == "NORP" and token.tag_ in ("NNPS", "NNS")


def _declared(token: Token, lexicon: Lexicon) -> bool:
    verb = token.head if token.dep_ in ("dobj", "nsubjpass") else None
    return verb is not None and verb.lemma_.lower() in lexicon.words("declaring_verbs")


def _diplomatic(token: Token, args: Arguments, lexicon: Lexicon) -> bool:
    """A protest made by a state or lodged through diplomatic verbs, not a crowd in the street."""
    verb = token if token.pos_ == "VERB" else token.head
    if token.pos_ != "VERB" and verb.lemma_.lower() in lexicon.words("diplomatic_protest_verbs"):
        return True
    return bool(args.actors) and all(a.ent_type_ == "GPE" for a in args.actors)
