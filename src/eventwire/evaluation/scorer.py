"""Scoring predicted events against gold: matching, then per-field precision, recall, F1 and accuracy.

Per document, predicted and gold events of the same type are paired greedily, best agreement first
(actors, recipients, aux mode, mode). The event type is scored on those pairs: a pair is a true positive, an
unpaired prediction a false positive, an unpaired gold event a false negative.

Every other field is scored as slot filling: a prediction *states* a field when it is non-empty, a gold
event when it is annotated and non-empty; a true positive is a pair where both state it and agree.
``accuracy`` is agreement on the pairs whose gold event annotates the field and states it — for
``aux_mode``, where null ("it happened") is a value, on every pair that annotates it.

Agreement: actor and recipient — the same set of known codes; location — within ``km`` kilometres;
date — the same day; size — the same stated counts; mode, aux_mode — equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from eventwire.evaluation.gold import ANY_TYPE, FIELDS, GoldDocument, GoldEvent, codes, size_key
from eventwire.models import EVENT_TYPES, Event
from eventwire.resolve.places import distance_km


@dataclass
class Tally:
    """Counts behind precision, recall, F1 and accuracy of one field."""

    tp: int = 0
    predicted: int = 0
    gold: int = 0
    agree: int = 0
    judged: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.tp / self.gold if self.gold else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float | None:
        return self.agree / self.judged if self.judged else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "precision": _round(self.precision),
            "recall": _round(self.recall),
            "f1": _round(self.f1),
            "accuracy": _round(self.accuracy),
            "tp": self.tp,
            "predicted": self.predicted,
            "gold": self.gold,
            "agree": self.agree,
            "judged": self.judged,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


@dataclass
class Prediction:
    """The comparable part of a predicted event."""

    event: str
    mode: str | None
    aux_mode: str | None
    actor: frozenset[str]
    recipient: frozenset[str]
    location: tuple[float, float] | None
    date: str | None
    size: tuple[tuple[str, int], ...]
    evidence: str = ""

    @classmethod
    def of(cls, event: Event) -> Prediction:
        loc = event.event_loc
        located = loc is not None and loc.lat is not None and loc.lon is not None
        return cls(
            event=event.event,
            mode=event.mode,
            aux_mode=event.aux_mode,
            actor=codes([a.code for a in event.actor]),
            recipient=codes([r.code for r in event.recipient]),
            location=(loc.lat, loc.lon) if located else None,  # type: ignore[union-attr]
            date=event.date if event.date_precision == "day" else None,
            size=size_key(event.size.model_dump()),
            evidence=event.event_text,
        )


@dataclass
class Score:
    """The whole evaluation: per-field tallies, per-type tallies, the no-event check, and the errors."""

    documents: int = 0
    fields: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in ("event", *FIELDS)})
    types: dict[str, Tally] = field(default_factory=lambda: {name: Tally() for name in EVENT_TYPES})
    no_event_documents: int = 0
    no_event_with_events: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def no_event_false_positive_rate(self) -> float | None:
        if not self.no_event_documents:
            return None
        return self.no_event_with_events / self.no_event_documents

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "fields": {name: tally.to_dict() for name, tally in self.fields.items()},
            "types": {name: tally.to_dict() for name, tally in self.types.items() if tally.predicted or tally.gold},
            "no_event": {
                "documents": self.no_event_documents,
                "with_events": self.no_event_with_events,
                "false_positive_rate": _round(self.no_event_false_positive_rate),
            },
        }


def _stated(value: Any) -> bool:
    """Whether a value says something: a code set, a place, a date, counts."""
    return bool(value)


#: codes that are kinds of intergovernmental organisation: gold files that say only "IGO" accept them
_IGO_KINDS = frozenset({"UNO", "EUR"})


def same_codes(gold: frozenset[str], predicted: frozenset[str]) -> bool:
    """Equal code sets, where a gold "IGO" also accepts the more specific UNO or EUR."""
    if "IGO" in gold:
        predicted = frozenset("IGO" if code in _IGO_KINDS and code not in gold else code for code in predicted)
    return gold == predicted


def _agrees(name: str, gold: Any, predicted: Any, km: float) -> bool:
    if name == "location":
        return gold is not None and predicted is not None and distance_km(gold, predicted) <= km
    if name in ("actor", "recipient"):
        return same_codes(gold, predicted)
    return gold == predicted


def _affinity(gold: GoldEvent, predicted: Prediction) -> int:
    return (
        8 * (gold.event == predicted.event)
        + 4 * same_codes(gold.actor, predicted.actor)
        + 2 * bool(gold.actor & predicted.actor)
        + 2 * same_codes(gold.recipient, predicted.recipient)
        + (gold.aux_mode == predicted.aux_mode)
        + (gold.mode == predicted.mode)
    )


def match(gold: list[GoldEvent], predicted: list[Prediction]) -> list[tuple[GoldEvent, Prediction]]:
    """Greedy one-to-one pairing of same-type events, best agreement first."""
    candidates = sorted(
        (
            (-_affinity(g, p), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(predicted)
            if g.event == p.event or g.event == ANY_TYPE
        ),
    )
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    pairs: list[tuple[GoldEvent, Prediction]] = []
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        pairs.append((gold[gi], predicted[pi]))
    return pairs


def score(documents: Iterable[tuple[GoldDocument, list[Event]]], km: float = 50.0) -> Score:
    """Score each gold document against the events predicted for it."""
    result = Score()
    for gold_doc, events in documents:
        result.documents += 1
        predictions = [Prediction.of(e) for e in events]
        _score_document(result, gold_doc, predictions, km)
    return result


def _score_document(result: Score, gold_doc: GoldDocument, predictions: list[Prediction], km: float) -> None:
    if not gold_doc.events:
        result.no_event_documents += 1
        result.no_event_with_events += bool(predictions)
    pairs = match(gold_doc.events, predictions)
    event = result.fields["event"]
    event.tp += len(pairs)
    event.predicted += len(predictions)
    event.gold += len(gold_doc.events)
    event.agree += len(pairs)
    event.judged += len(gold_doc.events)
    for name, count in Counter(p.event for p in predictions).items():
        result.types[name].predicted += count
    for gold in gold_doc.events:
        if gold.event in result.types:
            result.types[gold.event].gold += 1
            result.types[gold.event].judged += 1
    for gold, _ in pairs:
        if gold.event in result.types:
            result.types[gold.event].tp += 1
            result.types[gold.event].agree += 1

    scored = set().union(*(g.scored for g in gold_doc.events)) if gold_doc.events else set(FIELDS)
    mistakes: dict[str, Any] = {}
    for name in FIELDS:
        tally = result.fields[name]
        if name in scored:
            tally.predicted += sum(_stated(getattr(p, name)) for p in predictions)
        tally.gold += sum(_stated(getattr(g, name)) for g in gold_doc.events if name in g.scored)
        for gold, predicted in pairs:
            if name not in gold.scored:
                continue
            g_value, p_value = getattr(gold, name), getattr(predicted, name)
            agree = _agrees(name, g_value, p_value, km)
            if _stated(g_value) and _stated(p_value) and agree:
                tally.tp += 1
            if name == "aux_mode" or _stated(g_value):
                tally.judged += 1
                tally.agree += agree
                if not agree:
                    mistakes.setdefault(name, []).append({"gold": _plain(g_value), "predicted": _plain(p_value)})
    missed = _unpaired(gold_doc.events, [g for g, _ in pairs])
    spurious = _unpaired(predictions, [p for _, p in pairs])
    if missed or spurious or mistakes:
        result.errors.append(
            {
                "id": gold_doc.id,
                "text": gold_doc.text,
                "missed": [g.event for g in missed],
                "spurious": [f"{p.event} ({p.evidence})" for p in spurious],
                "fields": mistakes,
            }
        )


def _unpaired(items: list[Any], paired: list[Any]) -> list[Any]:
    taken = {id(x) for x in paired}
    return [x for x in items if id(x) not in taken]


def _plain(value: Any) -> Any:
    if isinstance(value, frozenset):
        return sorted(value)
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        return dict(value)
    return value
