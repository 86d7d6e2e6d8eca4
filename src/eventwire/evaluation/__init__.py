"""``eventwire eval``: run the pipeline over gold documents and score what it codes."""

from __future__ import annotations

from collections.abc import Iterator

from eventwire.evaluation.gold import GoldDocument, load_gold
from eventwire.evaluation.scorer import Score, score
from eventwire.models import Event
from eventwire.pipeline import Pipeline, make_document

__all__ = ["GoldDocument", "Score", "evaluate", "load_gold", "predictions"]


def predictions(pipeline: Pipeline, gold: list[GoldDocument]) -> Iterator[tuple[GoldDocument, list[Event]]]:
    """Each gold document with the events the pipeline codes from its text (batched)."""
    documents = (make_document(g.text, g.published, doc_id=g.id, title="") for g in gold)
    for gold_doc, result in zip(gold, pipeline.process(documents), strict=True):
        yield gold_doc, result.events


def evaluate(pipeline: Pipeline, gold: list[GoldDocument], km: float = 50.0) -> Score:
    """Score the pipeline on gold documents."""
    return score(predictions(pipeline, gold), km=km)
