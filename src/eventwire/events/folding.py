"""Folding: triggers that name the same act as another trigger of their sentence, merged into it.

"will meet … to discuss" is one meeting; "fired tear gas and rubber bullets" one attack; "shelled Lyman,
killing three" one attack with its toll; "army trucks carrying reinforcements arrived" one deployment.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon
from eventwire.events.triggers import Trigger

_FOLD_DEPS = frozenset({"advcl", "conj", "xcomp", "acl", "relcl"})


def fold(
    triggers: list[Trigger], by_token: dict[int, Trigger], lexicon: Lexicon, casualty_lemmas: frozenset[str]
) -> dict[int, int]:
    """Map folded trigger index → the trigger it belongs to."""
    folded: dict[int, int] = {}
    for trigger in triggers:
        token = trigger.token
        head = by_token.get(token.head.i)
        if (
            head is not None
            and head is not trigger
            and head.event == trigger.event == "CONSULT"
            and token.dep_ in ("advcl", "xcomp", "appos", "acl", "relcl")
        ):
            folded[token.i] = head.token.i  # "will meet ... to discuss", "a state visit, his first trip"
            continue
        if (
            head is not None
            and head is not trigger
            and head.event == trigger.event
            and token.pos_ == "NOUN"
            and token.dep_ == "dobj"
            and head.token.pos_ == "VERB"
            and head.token.lemma_.lower() not in lexicon.words("light_verbs")  # "brought food aid"
        ):
            # "fired tear gas at students", "fired rubber bullets": the weapon is how the act was done
            folded[token.i] = head.token.i
            if trigger.mode is not None and head.mode in (None, "firearms"):
                head.mode = trigger.mode
            continue
        if (
            head is not None
            and head is not trigger
            and head.event == trigger.event
            and token.pos_ == head.token.pos_ == "NOUN"
            and token.dep_ == "conj"
        ):
            folded[token.i] = head.token.i  # "used water cannon and tear gas": one act, two weapons
            continue
        # "dockers walked off the job, halting cargo operations": what a protest halts or blocks is the protest
        if (
            head is not None
            and head is not trigger
            and head.event == "PROTEST"
            and trigger.event in ("SANCTION", "COERCE")
            and token.dep_ == "advcl"
            and token.tag_ == "VBG"
        ):
            folded[token.i] = head.token.i
            continue
        # "army trucks carrying reinforcements arrived": what the subject carries is the same deployment
        mover = _subject_governor(token, by_token) if token.dep_ not in ("nsubj", "nsubjpass") else None
        if mover is not None and mover is not trigger and mover.event == trigger.event and token.pos_ == "NOUN":
            folded[token.i] = mover.token.i
            if mover.mode is None:
                mover.mode = trigger.mode
            continue
        # "wounded six in an attack": the attack noun names the same event as the verb
        governor = by_token.get(token.head.head.i) if token.dep_ == "pobj" else None
        if (
            trigger.event == "PROTEST"
            and trigger.mode == "strike"
            and token.dep_ == "pobj"
            and token.head.head.lemma_.lower() in casualty_lemmas
        ):
            trigger.event, trigger.mode = "ASSAULT", None  # "two were killed in an Israeli strike": an attack
        if (
            governor is not None
            and governor is not trigger
            and token.pos_ == "NOUN"
            and token.head.lower_ == "in"
            and governor.event == trigger.event
        ):
            folded[token.i] = governor.token.i  # "took to the streets in the biggest protests in decades"
            continue
        if (
            governor is not None
            and governor is not trigger
            and token.pos_ == "NOUN"
            and trigger.event == "ASSAULT"
            and (governor.event == "ASSAULT" or governor.token.lemma_.lower() in casualty_lemmas)
        ):
            folded[token.i] = governor.token.i
            if governor.mode is None:
                governor.mode = trigger.mode
            continue
        # a casualty verb hanging off an attack: "shelled Lyman, killing three people"
        if (
            head is not None
            and head is not trigger
            and token.lemma_.lower() in casualty_lemmas
            and token.dep_ in _FOLD_DEPS
            and head.event == trigger.event == "ASSAULT"
        ):
            folded[token.i] = head.token.i
            continue
        # the attack that a casualty report spells out: "four were killed when a rocket struck a market"
        if (
            head is not None
            and head is not trigger
            and token.dep_ == "advcl"
            and trigger.event == head.event == "ASSAULT"
            and head.token.lemma_.lower() in casualty_lemmas
            and all(c.lower_ in ("when", "as") for c in token.children if c.dep_ in ("mark", "advmod"))
        ):
            folded[token.i] = head.token.i
            if head.mode is None:
                head.mode = trigger.mode
            head.context.extend(c for c in trigger.context if c not in head.context)
            continue
        # an attack as the subject of another act: "Russian shelling killed three people", "the
        # counteroffensive is pushing troops back" — one ASSAULT, described by both words
        nominal = token.pos_ in ("NOUN", "ADJ") or token.tag_ == "VBG"
        kills = head is not None and head.token.lemma_.lower() in casualty_lemmas
        subject = token.dep_ in ("nsubj", "csubj")
        if nominal and subject and head is not None and (trigger.event == "ASSAULT" or kills):
            # (a "strike" that kills people is an attack, whatever the lexicon's first sense)
            folded[token.i] = head.token.i
            if head.event != "ASSAULT":
                head.event, head.mode = "ASSAULT", None
            if head.mode is None and trigger.event == "ASSAULT":
                head.mode = trigger.mode
            head.context.extend(c for c in trigger.context if c not in head.context)
    return folded


def _subject_governor(token: Token, by_token: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose subject phrase contains the token (within three steps up)."""
    current = token
    for _ in range(3):
        if current.head.i == current.i:
            return None
        if current.dep_ in ("nsubj", "nsubjpass"):
            return by_token.get(current.head.i)
        current = current.head
    return None
