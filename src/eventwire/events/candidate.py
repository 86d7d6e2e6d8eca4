"""The record the event coder hands to resolution: spans into the spaCy Doc, not yet codes."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token


@dataclass
class EventCandidate:
    """One coded event before resolution (actors, places, dates and counts are still text spans)."""

    event: str
    mode: str | None
    context: list[str]
    trigger: Token
    sentence: Span
    cameo: str | None = None
    actors: list[Span] = field(default_factory=list)
    recipients: list[Span] = field(default_factory=list)
    #: tokens whose clause belongs to this event (trigger, folded casualty verbs, light verb)
    anchors: list[Token] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    aux_mode: str | None = None
    attribution: Span | None = None
    #: counts stated for this event: {"dead": 3, "injured": 7, "arrested": 40}
    counts: dict[str, int] = field(default_factory=dict)
    #: 0 for a whole event; 1.. for the per-place parts of a split one ("three in A, five in B")
    part: int = 0
    #: clauses between the trigger and the sentence's main clause (0: the sentence's own report)
    depth: int = 0

    @property
    def event_text(self) -> str:
        return self.trigger.text
