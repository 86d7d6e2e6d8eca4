"""``eventwire eval``: run the pipeline over gold documents and score what it codes."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.evaluation.gold import GoldDocument, load_gold
from eventwire.evaluation.scorer import Score, score
from eventwire.models import Event
from eventwire.pipeline import Pipeline, make_document

__all__ = ["GoldDocument", "Score", "evaluate", "load_gold", "predictions", "principal"]


def predictions(pipeline: Pipeline, gold: list[GoldDocument]) -> Iterator[tuple[GoldDocument, list[Event]]]:
    """Each gold document with the events the pipeline codes from its text (batched)."""
    documents = (make_document(g.text, g.published, doc_id=g.id, title="") for g in gold)
    for gold_doc, result in zip(gold, pipeline.process(documents), strict=True):
        yield gold_doc, result.events


def principal(events: list[Event]) -> list[Event]:
    """The document's main event: the most confident one (main-clause reports rank above subordinate
    mentions), the earliest on a tie. For gold that annotates one event per sentence (PLOVER records)."""
    return [max(events, key=lambda e: e.confidence)] if events else []


def evaluate(pipeline: Pipeline, gold: list[GoldDocument], km: float = 50.0, primary: bool = False) -> Score:
    """Score the pipeline on gold documents (``primary``: only each document's principal event)."""
    pairs = predictions(pipeline, gold)
    if primary:
        pairs = ((g, principal(events)) for g, events in pairs)
    return score(pairs, km=km)
