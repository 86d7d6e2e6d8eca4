"""Incidents: events from different reports that describe the same real-world event, grouped.

Two events are the same incident when everything they state agrees (GDELT's counting of one kidnapping
hundreds of times is what this prevents):
  * the same PLOVER type;
  * dates within ``DAYS`` days of each other (event date, else publication date), ``EXACT_DAYS`` when both
    reports date the event to the day;
  * places compatible: within ``KM`` km when both are towns or finer (``DISTRICT_KM`` from the seat of a
    district a report names: "the Djugu territory"); when one is only a region, the same
    admin-1 region or a town within ``NEAR_REGION_KM`` km of its point (sources differ on what a region is:
    French regions or departments), else within ``REGION_KM`` km; when one is only a country, the same
    country and the same parties or similar words. Two different countries only when both reports give a
    name (a town the gazetteer placed abroad for one of them: "Liancourt" in Haiti and in France). An event
    placed only in a country takes its story's place when that lies in the same country (the dateline's
    "MOMBASA" for "in Kenya's port city"); a place borrowed from the story counts as its country alone
    against an event that is not itself placed and dated;
  * parties (actor and recipient codes together) that overlap when both events name an actor: reports
    disagree on who attacked whom more often than on who took part, and one that names only the attacker
    ("Russian drones") and one that names only the victims ("two Ukrainians") do not disagree;
  * for protests, the same constituency when both reports name one (teachers and students marching in one
    city on one day are two protests).
Statements and decisions (``VERBAL``: accusations, demands, sanctions…) compare places only when both reports
name a town: otherwise the same parties or like words decide, since the country named beside a sanction is
usually its target's. An event with no place at all joins another only with at least ``MIN_OVERLAP`` of their
evidence's content words in common, ``LOW_OVERLAP`` of them and the same parties, or a name both give ("near
Boni", "at Parotani": a place the gazetteer may lack). Groups are the connected components (union–find) of
compatible pairs; a group's id is a hash of its members, so re-grouping the same events gives the same ids.
An event that is not placed and dated on its own joins one group only: one at its place if any, else the one
whose evidence shares most words with its own.

The merged record keeps the most precise place, the most common date, and conservative counts: the lowest
figure any report gives (as ACLED does), with the highest kept alongside.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from eventwire.resolve.names import fold
from eventwire.resolve.places import distance_km
from eventwire.resolve.proper_names import proper_names
from eventwire.settings import DATA_DIR

DAYS = 2
_WINDOW = dt.timedelta(days=DAYS)
EXACT_DAYS = 1
KM = 40.0
#: how far a town may be from the seat of a district a report names ("the Djugu territory")
DISTRICT_KM = 75.0
REGION_KM = 300.0
NEAR_REGION_KM = 100.0
MIN_OVERLAP = 0.35
#: events that are statements or decisions rather than acts in a place
VERBAL = frozenset({"ACCUSE", "REQUEST", "REJECT", "THREATEN", "SUPPORT", "CONCEDE", "AGREE", "SANCTION"})
LOW_OVERLAP = 0.2
_WORD = re.compile(r"[a-z]{4,}")
_STOP = frozenset({"said", "says", "that", "with", "from", "were", "have", "this", "their", "after", "officials"})


@dataclass
class Item:
    """What grouping needs of one event record."""

    id: str
    doc_id: str
    source: str | None
    event: str
    date: dt.date | None
    lat: float | None
    lon: float | None
    resolution: int | None
    country: str | None
    actors: frozenset[str]
    recipients: frozenset[str]
    words: frozenset[str]
    #: the date is the event's own, to the day (not the publication date, not a week or a month)
    exact: bool = False
    #: the admin-1 region the place lies in (or is)
    province: str | None = None
    #: the place is the story's, not the event's own (the report names none for the event)
    borrowed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    record: dict[str, Any] = field(default_factory=dict)
    #: the story the document belongs to (its first copy when it is a near-duplicate)
    story: str | None = None
    #: proper names of the evidence, the headline and the whole report (``proper_names``): "Boni", "Parotani",
    #: "Kenyatta Avenue" — places the gazetteer may lack
    names: frozenset[str] = frozenset()
    #: who protests, when the report says ("teachers", "students"; ``_groups``)
    groups: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        record: dict[str, Any],
        source: str | None = None,
        published: dt.date | None = None,
        story: str | None = None,
        place: dict[str, Any] | None = None,
        title: str | None = None,
        story_names: frozenset[str] = frozenset(),
    ) -> Item:
        """``place``: where the report's story is (``DocumentResult.place``), for an event that names no place,
        or only the country that place lies in ("MOMBASA — … in Kenya's main port city"); ``story_names``: the
        proper names the whole report gives (``DocumentResult.names``)."""
        own = record.get("event_loc")
        finer = (
            own is not None
            and (own.get("resolution") or 1) == 1
            and place is not None
            and (place.get("resolution") or 1) >= 2
            and place.get("country_code") == own.get("country_code")
        )
        borrowed = bool(place) and (own is None or finer)
        loc = (place if borrowed else own) or {}
        date = record.get("date")
        size = record.get("size") or {}
        return cls(
            id=record["id"],
            doc_id=record["doc_id"],
            source=source,
            event=record["event"],
            date=dt.date.fromisoformat(date) if date else published,
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            resolution=loc.get("resolution"),
            country=loc.get("country_code"),
            province=loc.get("province"),
            actors=frozenset(a["code"] for a in record.get("actor") or [] if a.get("code")),
            recipients=frozenset(r["code"] for r in record.get("recipient") or [] if r.get("code")),
            words=frozenset(w for w in _WORD.findall((record.get("text") or "").lower()) if w not in _STOP),
            names=proper_names(record.get("text") or "") | proper_names(title or "", headline=True) | story_names,
            groups=_groups(record.get("actor") or []),
            counts={k: v for k, v in size.items() if v is not None},
            exact=bool(date) and record.get("date_precision") == "day",
            borrowed=borrowed,
            record=record,
            story=story or record["doc_id"],
        )


def _groups(actors: list[dict[str, Any]]) -> frozenset[str]:
    """The constituencies the actors name ("Thousands of teachers" → teacher, "hawkers" → trader)."""
    groups = _constituencies()
    words = (w for a in actors for w in re.findall(r"[a-z]+", (a.get("entity_text") or "").lower()))
    return frozenset(g for w in words if (g := groups.get(w) or (groups.get(w[:-1]) if w.endswith("s") else None)))


@lru_cache(maxsize=1)
def _constituencies() -> dict[str, str]:
    """Word → the group it names (``data/events/constituencies.csv``): who protests, not "protesters"."""
    with (DATA_DIR / "events" / "constituencies.csv").open(encoding="utf-8") as handle:
        return {row["word"]: row["group"] for row in csv.DictReader(handle)}


def _same_name(a: Item, b: Item) -> bool:
    """Both reports name the event's town alike (the gazetteer may have placed one of them abroad)."""
    names = [((i.record.get("event_loc") or {}).get("extracted_place") or "") for i in (a, b)]
    if min(a.resolution or 1, b.resolution or 1) < 3 or a.borrowed or b.borrowed or not all(names):
        return False
    return fold(names[0]) == fold(names[1])


def _km(a: Item, b: Item) -> float:
    return distance_km((a.lat or 0.0, a.lon or 0.0), (b.lat or 0.0, b.lon or 0.0))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def _participants(item: Item) -> frozenset[str]:
    return item.actors | item.recipients


_DISTRICT = re.compile(
    r"\b(?:district|territory|county|local government area|lga|regency|circle|cercle|department|municipality|"
    r"township|commune|tehsil|sub-county|subcounty|prefecture)\b",
    re.IGNORECASE,
)


def _district(item: Item) -> bool:
    """The report names a district, which the gazetteer places at its seat."""
    place = (item.record.get("event_loc") or {}).get("extracted_place") or ""
    return not item.borrowed and bool(_DISTRICT.search(place))


def _same_place(a: Item, b: Item) -> bool:
    """Two placed events of one country are at one place: towns within ``KM`` km, a town in a region."""
    finest = min(a.resolution or 1, b.resolution or 1)
    if finest >= 3:
        # a district named by its seat ("the Djugu territory", "Bokkos local government area") reaches further
        return _km(a, b) <= (DISTRICT_KM if _district(a) or _district(b) else KM)
    if finest == 2:  # a region and a town in it, or two points of one region
        if a.province and b.province and fold(a.province) == fold(b.province):  # "Balochistān", "Balochistan"
            return True
        # sources differ on what a first-level region is (French regions or departments, Philippine regions or
        # provinces): a town close to the region's point lies in it
        return _km(a, b) <= (NEAR_REGION_KM if a.province and b.province else REGION_KM)
    return False  # one report names only the country


def _located(a: Item, b: Item) -> bool:
    """Both events are placed, in one country, at one place."""
    return a.lat is not None and b.lat is not None and a.country == b.country and _same_place(a, b)


def compatible(a: Item, b: Item) -> bool:
    if a.event != b.event:
        return False
    if a.date is not None and b.date is not None:
        apart = abs((a.date - b.date).days)
        # dates the reports state to the day may differ by one (overnight, time zones); otherwise the window
        if apart > (EXACT_DAYS if a.exact and b.exact else DAYS):
            return False
    # reports disagree on who is actor and who is target more often than on who took part; but one that
    # names only the attacker and one that names only the victims ("Russian drones" / "killed two Ukrainians")
    # do not disagree at all
    if a.actors and b.actors and not _participants(a) & _participants(b):
        return False
    if a.event == "PROTEST" and a.groups and b.groups and not a.groups & b.groups:
        return False  # teachers marching and students marching in one city are two protests
    shared = bool(_participants(a) & _participants(b))
    words = _overlap(a.words, b.words)
    if a.event in VERBAL and min(a.resolution or 1, b.resolution or 1) < 3:
        # a statement or a sanction happens where its speaker is, which reports seldom say: a country or a
        # region named near it is more often the target's ("sanctions on Iran") than the place
        return shared or words >= MIN_OVERLAP
    if a.lat is not None and b.lat is not None:
        if _same_name(a, b):
            return True  # "Chala" placed in Peru by one report and in Tanzania by another that never names Peru
        if a.country and b.country and a.country != b.country:
            # two countries: one report's town may have been placed abroad (the gazetteer lacks the local one),
            # so a name both reports give ("Liancourt", "Machala", "Gran Grif") still joins them
            return bool(a.names & b.names)
        if _same_place(a, b):
            return True
        # a place borrowed from the story (its dateline, the place it names most) says little about the event
        # itself: in the same country it counts as the country alone, unless the other report places the event
        # itself, to the day
        country_only = (a.borrowed and not _precise(b)) or (b.borrowed and not _precise(a))
        country_only = country_only or min(a.resolution or 1, b.resolution or 1) == 1
        return country_only and (shared or words >= LOW_OVERLAP)
    named = bool(a.names & b.names)  # "near Boni", "at Zikim": a name both evidences give, placed or not
    if a.lat is not None or b.lat is not None:  # one names no place: the same parties in like words, or a name
        return (shared and words >= LOW_OVERLAP) or words >= MIN_OVERLAP or named
    return words >= MIN_OVERLAP or named


def _precise(item: Item) -> bool:
    """Placed at region level or finer by the event's own words, and dated to the day by the report itself."""
    return item.lat is not None and (item.resolution or 1) >= 2 and item.exact and not item.borrowed


def group(items: list[Item]) -> dict[str, str]:
    """Event id → incident id.

    Events placed at region level or finer and dated to the day are grouped first (connected components of
    compatible pairs). A vague event — only a country, no place, or no date of its own — then joins the one
    group it fits best, never several: "protests in Pakistan" must not chain a Lahore march and an Islamabad
    sit-in into one incident. Vague events that fit no group are grouped among themselves. No incident spans
    more than ``DAYS`` days, so daily shelling of one town over a month stays many incidents, not one chain."""
    parent = list(range(len(items)))
    span: list[tuple[dt.date | None, dt.date | None]] = [(item.date, item.date) for item in items]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def joined(a: int, b: int) -> tuple[dt.date | None, dt.date | None] | None:
        """The date range of the two groups together, or None when it would be longer than DAYS."""
        dates = [d for d in (*span[a], *span[b]) if d is not None]
        low, high = (min(dates), max(dates)) if dates else (None, None)
        if low is not None and high is not None and (high - low).days > DAYS:
            return None
        return low, high

    def union(i: int, j: int) -> None:
        a, b = find(i), find(j)
        if a != b and (together := joined(a, b)) is not None:
            parent[a] = b
            span[b] = together

    def by_date(indices: list[int]) -> list[int]:
        return sorted(indices, key=lambda i: items[i].date or dt.date.min)

    def pairs(indices: list[int]) -> Iterator[tuple[int, int]]:
        """Index pairs of one type within the date window (sorted by date, so the scan stops early)."""
        indices = by_date(indices)
        for position, i in enumerate(indices):
            for j in indices[position + 1 :]:
                a, b = items[i], items[j]
                if a.date and b.date and (b.date - a.date).days > DAYS:
                    break
                yield i, j

    by_type: dict[str, list[int]] = {}
    for index, item in enumerate(items):
        by_type.setdefault(item.event, []).append(index)
    for indices in by_type.values():
        precise = by_date([i for i in indices if _precise(items[i])])
        for i, j in pairs(precise):
            if compatible(items[i], items[j]):
                union(i, j)
        dates = [items[j].date or dt.date.min for j in precise]
        unplaced: list[int] = []
        for i in (i for i in indices if not _precise(items[i])):
            day = items[i].date
            near = precise[bisect_left(dates, day - _WINDOW) : bisect_right(dates, day + _WINDOW)] if day else precise
            # the best fit: a group at the event's own (or its story's) place first, then the most words in common
            fits: dict[int, tuple[bool, float]] = {}
            for j in near:
                root = find(j)
                if compatible(items[i], items[j]) and joined(find(i), root) is not None:
                    fit = (_located(items[i], items[j]), _overlap(items[i].words, items[j].words))
                    fits[root] = max(fits.get(root, fit), fit)
            if fits:
                union(i, max(fits, key=lambda root: fits[root]))
            else:
                unplaced.append(i)
        for i, j in pairs(unplaced):
            if compatible(items[i], items[j]):
                union(i, j)
    members: dict[int, list[str]] = {}
    for index, item in enumerate(items):
        members.setdefault(find(index), []).append(item.id)
    out: dict[str, str] = {}
    for ids in members.values():
        incident = "inc:" + hashlib.sha256("|".join(sorted(ids)).encode()).hexdigest()[:16]
        for event_id in ids:
            out[event_id] = incident
    return out


def merge(incident_id: str, items: list[Item]) -> dict[str, Any]:
    """The incident record: best place, most common date, conservative counts, source counts."""
    best = max(items, key=lambda i: (i.resolution or 0, i.lat is not None))
    dates = Counter(i.date for i in items if i.date is not None)
    counts: dict[str, Any] = {}
    for kind in ("dead", "injured", "arrested"):
        values = [i.counts[kind] for i in items if kind in i.counts]
        counts[kind] = min(values) if values else None
        counts[f"{kind}_high"] = max(values) if values else None
    loc = best.record.get("event_loc") or {}
    return {
        "incident_id": incident_id,
        "event": best.event,
        "date": dates.most_common(1)[0][0].isoformat() if dates else None,
        "place": loc.get("resolved_place"),
        "country_code": loc.get("country_code"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "resolution": loc.get("resolution"),
        **counts,
        "actor_codes": sorted(set().union(*(i.actors for i in items))),
        "recipient_codes": sorted(set().union(*(i.recipients for i in items))),
        "n_events": len(items),
        "n_documents": len({i.story or i.doc_id for i in items}),  # near-copies of one story count once
        "n_sources": len({i.source for i in items if i.source}) or None,
        "event_ids": sorted(i.id for i in items),
    }
