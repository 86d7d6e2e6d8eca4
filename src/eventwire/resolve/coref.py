"""Coreference within a document: pronouns and short forms take the code of the latest compatible actor.

"Hungary said it will support ..." → it = Hungary; "The president flew to Kyiv. He said ..." → he = the
president's country; "the ministry said" → the latest government actor named. The search goes backwards from
the pronoun through its own sentence and the two before it, and takes the first named, coded mention that
fits: a person for he/she, a state or organisation for it, anyone for they.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from eventwire.events.syntax import noun_phrase
from eventwire.models import Actor

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his"})
THING_PRONOUNS = frozenset({"it", "its"})
GROUP_PRONOUNS = frozenset({"they", "them", "their"})
PRONOUNS = PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS
#: the speaker of a quote or statement: "'We will never recognise it,' the minister said"
FIRST_PERSON = frozenset({"we", "i", "us", "me", "our", "my"})
#: role nouns that name a person ("the president") rather than a body ("the ministry")
PERSON_ROLES = frozenset(
    {
        "president", "minister", "premier", "chancellor", "leader", "king", "queen", "emir", "prince", "sultan",
        "secretary", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "general", "commander",
        "governor", "mayor", "official", "diplomat", "negotiator", "chief", "head",
    }
)  # fmt: skip
_MENTION_ENTS = frozenset({"GPE", "NORP", "ORG", "PERSON"})
_LOOKBACK_SENTENCES = 2


def is_short_form(span: Span, sector_of: Callable[[Span], str | None]) -> bool:
    """ "the president", "the ministry", "the government": a definite role phrase naming no one."""
    words = [t for t in span if not t.is_punct]
    return (
        1 < len(words) <= 3
        and words[0].lower_ == "the"
        and all(t.ent_type_ == "" for t in words)
        and sector_of(span) is not None
    )


def _kind(token: Token, is_place: Callable[[Token], bool] = lambda t: False) -> str:
    if is_place(token):
        return "thing"  # the small model sometimes calls a capital a PERSON
    if token.ent_type_ == "PERSON" or token.lemma_.lower() in PERSON_ROLES:
        return "person"
    if token.tag_ in ("NNS", "NNPS") or token.ent_type_ == "NORP":
        return "group"
    return "thing"


def _fits(pronoun: str, kind: str) -> bool:
    if pronoun in PERSON_PRONOUNS:
        return kind == "person"
    if pronoun in THING_PRONOUNS:
        return kind == "thing"
    return True


class Antecedents:
    """Finds the antecedent actor of a pronoun or short form in one document."""

    def __init__(
        self, doc: Doc, resolve: Callable[[Span], Actor], is_place: Callable[[Token], bool] = lambda t: False
    ) -> None:
        self.doc = doc
        self.resolve = resolve
        self.is_place = is_place
        self._cache: dict[int, Actor | None] = {}

    def _mention(self, token: Token) -> Actor | None:
        if token.i not in self._cache:
            actor = self.resolve(noun_phrase(token))
            self._cache[token.i] = actor if actor.code or actor.sector else None
        return self._cache[token.i]

    def _candidates(self, before: Token) -> list[Token]:
        sentence = before.sent
        sentences = [sentence]
        while len(sentences) <= _LOOKBACK_SENTENCES and sentences[-1].start > 0:
            sentences.append(self.doc[sentences[-1].start - 1].sent)
        heads: list[Token] = []
        for sent in sentences:
            for token in reversed(sent):
                if token.i >= before.i or (token.dep_ in ("compound", "poss") and token.ent_type_ != "PERSON"):
                    continue
                named = token.ent_type_ in _MENTION_ENTS and (token.ent_iob_ == "B" or token.head.ent_type_ == "")
                role = token.pos_ in ("NOUN", "PROPN") and token.dep_ in (
                    "nsubj",
                    "nsubjpass",
                    "dobj",
                    "pobj",
                    "appos",
                    "conj",
                )
                if named or role:
                    heads.append(token)
        return heads

    def find(self, span: Span, short_form: bool = False) -> Actor | None:
        """The actor a pronoun or short form refers back to, if a compatible one was named before."""
        root = span.root
        pronoun = "it" if short_form and _kind(root) == "thing" else "he" if short_form else root.lower_
        uncoded: Actor | None = None
        for token in self._candidates(span[0]):
            if token.lower_ in PRONOUNS or not _fits(pronoun, _kind(token, self.is_place)):
                continue
            actor = self._mention(token)
            if actor is not None and actor.code:
                return actor
            uncoded = uncoded or actor
        # "Islamic fundamentalists continued their strike": no code, but a role the event's country may give
        return uncoded
