"""Scoring incident grouping on reports labelled with their real-world incident.

Gold format (JSON Lines, one report per line): ``{"id", "source", "published", "title", "text", "incident"}``.
All events of all reports are grouped by ``store.incidents``; a report is placed in the incident of its lead
event (the first its text reports, past background) of the type the gold names (else its lead event);
pairs of reports are then scored: precision is the share of report pairs put in one incident that the gold
also groups, recall the share of gold pairs we group. Reports that code no event stand alone.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluation.gold import first_record
from eventwire.models import Event
from eventwire.pipeline import Pipeline, make_document
from eventwire.store.incidents import Item, group


def lead(events: list[Event]) -> Event | None:
    """A report's main event by the news convention: the first one its text reports (the headline or the
    opening sentence), past background ("In 2021, …") unless there is nothing else."""
    if not events:
        return None
    return min(events, key=lambda e: (e.aux_mode == "historical", e.text_info.start))


def is_incident_gold(path: Path) -> bool:
    first = first_record(path)
    return first is not None and "incident" in first and "text" in first


def score_incidents(pipeline: Pipeline, path: Path) -> dict[str, Any]:
    records = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as error:
                raise InputError(f"{path}:{number}", f"malformed JSON ({error.msg})") from None
    documents = [
        make_document(r["text"], r.get("published"), doc_id=str(r["id"]), title=r.get("title") or "") for r in records
    ]
    items: dict[str, Item] = {}
    everything: list[Item] = []
    for record, result in zip(records, pipeline.process(documents), strict=True):
        published = dt.date.fromisoformat(record["published"]) if record.get("published") else None
        coded = [
            Item.of(
                e.to_dict(),
                record.get("source"),
                published,
                place=result.place,
                title=record.get("title"),
                story_names=result.names,
            )
            for e in result.events
        ]
        everything.extend(coded)
        # the report's lead: its first event of the type the gold names (else its first event), not background
        typed = [e for e in result.events if e.event == record.get("event")]
        main = lead(typed) or lead(result.events)
        if main is not None:
            items[str(record["id"])] = next(i for i in coded if i.id == main.id)
    incident_of = group(everything)
    predicted = {
        str(r["id"]): incident_of[items[str(r["id"])].id] if str(r["id"]) in items else f"alone:{r['id']}"
        for r in records
    }
    gold = {str(r["id"]): str(r["incident"]) for r in records}
    tp = same_pred = same_gold = 0
    for a, b in itertools.combinations(gold, 2):
        p, g = predicted[a] == predicted[b], gold[a] == gold[b]
        tp += p and g
        same_pred += p
        same_gold += g
    precision = tp / same_pred if same_pred else None
    recall = tp / same_gold if same_gold else None
    return {
        "reports": len(records),
        "reports_with_an_event": len(items),
        "gold_incidents": len(set(gold.values())),
        "predicted_incidents": len(set(predicted.values())),
        "pairwise_precision": round(precision, 4) if precision is not None else None,
        "pairwise_recall": round(recall, 4) if recall is not None else None,
    }
