"""Auxiliary modes: future, hypothetical and negation from the trigger's governing chain.

The chain is the trigger plus the verbs and nouns that govern it inside its own report: "is *expected* to
annex", "*denied* shelling", "has *no chance* of winning", "*refused* to meet". It stops at verbs of saying, so
"the governor did not say ..." never negates what was said. ("historical" comes from dates, see resolve.)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from eventwire.events.lexicon import Lexicon

_CHAIN_DEPS = frozenset({"xcomp", "ccomp", "pcomp", "pobj", "prep", "dobj", "acomp", "oprd", "acl"})
#: links through which a governor's future sense reaches the trigger: "set *to* annex", "due *to* take effect",
#: not "set fire"
_FUTURE_LINKS = frozenset({"xcomp", "ccomp", "acomp", "pcomp", "pobj", "prep", "acl"})


@dataclass(frozen=True)
class Modality:
    aux_mode: str | None
    #: a refusal ("refused to", "would never"): a cooperative act becomes REJECT
    refused: bool = False


def governing_chain(trigger: Token, lexicon: Lexicon) -> list[Token]:
    speech = lexicon.words("speech_verbs")
    chain = [trigger]
    current = trigger
    if trigger.pos_ != "VERB" and trigger.dep_ in ("nsubj", "nsubjpass") and trigger.head.pos_ in ("VERB", "AUX"):
        # "the fighting could spread", "talks are expected to resume": the predicate carries the modality
        chain.append(trigger.head)
        current = trigger.head
    while current.dep_ in _CHAIN_DEPS and current.head.i != current.i and len(chain) < 8:
        head = current.head
        if head.lemma_.lower() in speech and current.dep_ == "ccomp":
            break
        chain.append(head)
        current = head
    return chain


def modality(trigger: Token, lexicon: Lexicon) -> Modality:
    rules = lexicon.rules["modality"]
    negators = frozenset(rules["negators"])
    future_aux = frozenset(rules["future_aux"])
    hypothetical_aux = frozenset(rules["hypothetical_aux"])
    negated = refused = future = hypothetical = False
    would = False
    chain = governing_chain(trigger, lexicon)
    for position, token in enumerate(chain):
        lemma = token.lemma_.lower()
        for child in token.children:
            child_lemma = child.lemma_.lower()
            negator = child.dep_ == "neg" or (child.dep_ in ("advmod", "preconj") and child_lemma in negators)
            if negator or (child.dep_ == "det" and child_lemma == "no" and token.pos_ == "NOUN"):
                negated = True
                refused = refused or child_lemma == "never"
            elif child.dep_ == "aux" and child_lemma in future_aux:
                future = True
            elif child.dep_ == "aux" and child_lemma in hypothetical_aux:
                would = would or child_lemma == "would"
                hypothetical = hypothetical or child_lemma != "would"
            elif child.dep_ == "mark" and child_lemma in rules["condition_marks"]:
                hypothetical = True
        if token.pos_ in ("AUX", "VERB") and position > 0 and chain[position - 1].dep_ in ("nsubj", "nsubjpass"):
            # "the ceasefire is due to take effect", "talks are scheduled to begin": the predicate says when
            for child in token.children:
                if child.dep_ in ("acomp", "xcomp") and child.lemma_.lower() in rules["future_governors"]:
                    future = True
        if position == 0:
            continue
        if lemma in rules["negating_governors"]:
            negated = True
            refused = refused or lemma in rules["refusal_governors"]
        elif (
            lemma in rules["future_governors"]
            and token.pos_ in ("VERB", "ADJ", "AUX", "NOUN")
            and chain[position - 1].dep_ in _FUTURE_LINKS
        ):
            future = True
    if would:
        # "said it would never recognise": future in the past; a bare conditional "would" is hypothetical
        top = chain[-1]
        reported = top.dep_ in ("ccomp", "conj") and top.head.lemma_.lower() in lexicon.words("speech_verbs")
        if reported:
            future = True
        else:
            hypothetical = True
    if negated and (future or would):
        refused = True
    if negated:
        return Modality("negation", refused)
    if hypothetical:
        return Modality("hypothetical")
    if future:
        return Modality("future")
    return Modality(None)
