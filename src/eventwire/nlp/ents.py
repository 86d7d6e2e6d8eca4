"""Entity look-ups for the stages after parsing, computed once per Doc.

``Doc.ents`` rebuilds every entity Span by scanning the whole document on each access, and ``Span.ents`` does
the same to filter them; asked once per event candidate, that cost grows with events × tokens. The stages after
the spaCy pipeline (the doc's entities no longer change) ask here instead: the same spans, in the same order.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span

#: the last Doc asked about, its entities and their start tokens (one document is resolved at a time)
_last: tuple[Doc, tuple[Span, ...], list[int]] | None = None


def _cached(doc: Doc) -> tuple[tuple[Span, ...], list[int]]:
    global _last
    if _last is None or _last[0] is not doc:
        ents = tuple(doc.ents)
        _last = (doc, ents, [e.start for e in ents])
    return _last[1], _last[2]


def doc_ents(doc: Doc) -> tuple[Span, ...]:
    """``doc.ents``, computed once per document."""
    return _cached(doc)[0]


def entity_at(doc: Doc, start: int) -> Span | None:
    """The entity that begins at token ``start``, if any."""
    ents, starts = _cached(doc)
    i = bisect_left(starts, start)
    return ents[i] if i < len(starts) and starts[i] == start else None


def span_ents(span: Span) -> list[Span]:
    """``span.ents``: the entities that lie wholly inside the span."""
    ents, starts = _cached(span.doc)
    found = []
    for ent in ents[bisect_left(starts, span.start) :]:
        if ent.end > span.end:
            break
        found.append(ent)
    return found
