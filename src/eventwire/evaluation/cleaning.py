"""Scoring the boilerplate and appeal cleaner on articles whose paragraphs are labelled.

Gold format (JSON Lines, one article per line)::

    {"id": "appeal-001", "published": "2023-05-14",
     "paragraphs": [{"text": "...", "kind": "news"}, {"text": "Dear readers ...", "kind": "appeal"}, ...]}

The article the cleaner sees is the paragraphs joined by blank lines. A paragraph counts as removed when the
cleaner's removed spans cover most of it. Reported: the share of non-news paragraphs removed (recall, per
kind too) and the share of news paragraphs lost.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.clean import clean_document
from eventwire.errors import InputError
from eventwire.evaluation.gold import first_record
from eventwire.pipeline import make_document


def is_cleaning_gold(path: Path) -> bool:
    first = first_record(path)
    return first is not None and isinstance(first.get("paragraphs"), list)


@dataclass
class CleaningScore:
    articles: int = 0
    boilerplate: Counter[str] = field(default_factory=Counter)
    removed: Counter[str] = field(default_factory=Counter)
    news: int = 0
    news_lost: int = 0
    lost_examples: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        total, hit = sum(self.boilerplate.values()), sum(self.removed.values())
        return {
            "articles": self.articles,
            "boilerplate_paragraphs": total,
            "boilerplate_removed": round(hit / total, 4) if total else None,
            "by_kind": {k: round(self.removed[k] / n, 4) for k, n in sorted(self.boilerplate.items())},
            "news_paragraphs": self.news,
            "news_lost": round(self.news_lost / self.news, 4) if self.news else None,
        }


def score_cleaning(path: Path) -> CleaningScore:
    score = CleaningScore()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            paragraphs = [(str(p["text"]), str(p["kind"])) for p in record["paragraphs"]]
        except (json.JSONDecodeError, KeyError, TypeError) as error:
            raise InputError(f"{path}:{number}", f"not a cleaning gold record ({error})") from None
        raw = "\n\n".join(text for text, _ in paragraphs)
        clean = clean_document(make_document(raw, record.get("published"), doc_id=str(record.get("id")), title=""))
        score.articles += 1
        position = 0
        for text, kind in paragraphs:
            start, end = position, position + len(text)
            position = end + 2
            covered = sum(max(0, min(end, s.end) - max(start, s.start)) for s in clean.removed_spans)
            removed = covered >= 0.5 * max(1, len(text.strip()))
            if kind == "news":
                score.news += 1
                if removed:
                    score.news_lost += 1
                    score.lost_examples.append(text[:120])
            else:
                score.boilerplate[kind] += 1
                score.removed[kind] += removed
    return score
