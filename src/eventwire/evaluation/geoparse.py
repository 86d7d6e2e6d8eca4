"""Scoring the geoparser against toponym gold (the LGL corpus format: ``{"id", "places": [{"start", "end",
"phrase", "lat", "lon", "geonameid"}]}`` per line, offsets into the document text as given).

A gold toponym is *found* when a predicted mention overlaps it, and *resolved* when that mention's point is
within ``km`` of the gold point (161 km, 100 miles, is the usual threshold). Reported: the share of gold
toponyms found, the share found and resolved within ``km`` (the headline number), the median error of the
found ones, and precision — the share of predicted mentions that overlap a gold toponym.
"""

from __future__ import annotations

import json
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.models import CleanDocument
from eventwire.resolve.places import distance_km
from eventwire.resolve.toponyms import Toponym


@dataclass(frozen=True)
class GoldToponym:
    start: int
    end: int
    text: str
    lat: float
    lon: float


def load_toponym_gold(path: Path) -> dict[str, list[GoldToponym]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(str(path), f"cannot read gold file ({error.strerror})") from None
    gold: dict[str, list[GoldToponym]] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            gold[str(record["id"])] = [
                GoldToponym(int(p["start"]), int(p["end"]), p.get("phrase", ""), float(p["lat"]), float(p["lon"]))
                for p in record["places"]
            ]
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as error:
            raise InputError(f"{path}:{number}", f"not a toponym gold record ({error})") from None
    return gold


@dataclass
class GeoparseScore:
    km: float
    gold: int = 0
    found: int = 0
    within: int = 0
    predicted: int = 0
    matched_predictions: int = 0
    errors_km: list[float] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        def share(a: int, b: int) -> float | None:
            return round(a / b, 4) if b else None

        return {
            "gold_toponyms": self.gold,
            "found": share(self.found, self.gold),
            f"within_{int(self.km)}km": share(self.within, self.gold),
            f"within_{int(self.km)}km_of_found": share(self.within, self.found),
            "median_error_km": round(statistics.median(self.errors_km), 1) if self.errors_km else None,
            "predicted_toponyms": self.predicted,
            "precision": share(self.matched_predictions, self.predicted),
        }


def raw_mentions(clean: CleanDocument, toponyms: list[Toponym]) -> list[tuple[int, int, float | None, float | None]]:
    """(start, end, lat, lon) of each mention, with offsets mapped back to the input text (gold offsets)."""
    return [
        (
            clean.raw_offset(t.start),
            clean.raw_offset(t.end),
            t.place.lat if t.place else None,
            t.place.lon if t.place else None,
        )
        for t in toponyms
    ]


def score_toponyms(
    predicted: dict[str, list[tuple[int, int, float | None, float | None]]],
    gold: dict[str, list[GoldToponym]],
    km: float = 161.0,
) -> GeoparseScore:
    """``predicted``: doc id → (start, end, lat, lon) in the same offsets as the gold."""
    score = GeoparseScore(km=km)
    for doc_id, items in gold.items():
        mine = predicted.get(doc_id, [])
        score.gold += len(items)
        score.predicted += len(mine)
        score.matched_predictions += sum(any(s < g.end and g.start < e for g in items) for s, e, _, _ in mine)
        for item in items:
            overlapping = [m for m in mine if m[0] < item.end and item.start < m[1]]
            if not overlapping:
                continue
            score.found += 1
            located = [m for m in overlapping if m[2] is not None and m[3] is not None]
            if not located:
                continue
            error = min(distance_km((item.lat, item.lon), (m[2], m[3])) for m in located)  # type: ignore[arg-type]
            score.errors_km.append(error)
            score.within += error <= km
    return score
