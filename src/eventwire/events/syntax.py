"""Small helpers over spaCy dependency trees, shared by the argument, modality and speech rules."""

from __future__ import annotations

from spacy.tokens import Span, Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
#: right dependents that are part of a noun phrase's name ("the government of Ukraine")
_KEEP_RIGHT = frozenset({"compound", "amod", "nummod", "poss", "case", "flat", "nmod"})
_STOP_RIGHT = frozenset({"relcl", "acl", "appos", "punct", "cc", "conj", "advcl", "prep"})


def children(token: Token, *deps: str) -> list[Token]:
    return [child for child in token.children if child.dep_ in deps]


def is_passive(verb: Token) -> bool:
    return any(child.dep_ in ("auxpass", "nsubjpass", "csubjpass") for child in verb.children)


def conjuncts(token: Token) -> list[Token]:
    """The token and the tokens coordinated with it ("Kyiv and the West")."""
    return [token, *[c for c in token.conjuncts if c.i > token.i]]


def noun_phrase(token: Token) -> Span:
    """The phrase headed by ``token``: its left modifiers and name-like right dependents.

    Relative clauses, appositions, coordinated phrases and most prepositional phrases are left out, except
    "of" phrases after role nouns ("the government of Ukraine", "the town of Lyman").
    """
    doc = token.doc
    start = token.left_edge.i
    # never start inside a coordination the token heads; a quoted nickname inside the name is kept
    # (Jimmy "Barbecue" Chérizier)
    quotes = [t for t in doc[start : token.i] if t.text in '"“”']
    paired = len(quotes) % 2 == 0
    for child in token.lefts:
        cut = ",;:()" if paired else ',;:()"“”'
        if child.dep_ in ("cc", "conj", "preconj") or (child.dep_ == "punct" and child.text in cut):
            start = max(start, child.i + 1)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in _STOP_RIGHT and not (child.dep_ == "prep" and child.lower_ == "of"):
            break
        end = child.right_edge.i + 1
    while end > start + 1 and doc[end - 1].is_punct:
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return doc[start:end]
