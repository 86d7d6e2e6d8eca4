"""Actors: text spans → PLOVER codes and sectors, from the knowledge base in ``data/actors``.

``countries.csv`` gives names, aliases, demonyms, capitals and metonyms (seats of government with a sector:
"the Kremlin" → RUS GOV, "the Pentagon" → USA MIL); ``organizations.csv`` IGOs, NGOs and armed groups;
``sectors.csv`` role nouns (troops → MIL, police → COP, protesters → CVL); ``leaders.csv`` heads of state and
government, foreign and defence ministers with the dates they held office (a name is read as the person in
office on the publication date). Matching is on token n-grams of the phrase.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from spacy.tokens import Span

from eventwire.models import Actor
from eventwire.resolve.names import is_abbreviation, normalize
from eventwire.settings import DATA_DIR

_MAX_NGRAM = 6


#: "Iranian-made drones", "US-built jets", "Indian-sponsored militants": where a thing comes from or who is said to
#: stand behind it, not who acts
_ORIGIN_SUFFIXES = frozenset(
    {"made", "built", "designed", "manufactured", "produced", "supplied", "born", "style", "sponsored", "funded",
     "inspired", "linked"}
)  # fmt: skip


@dataclass(frozen=True)
class KBEntry:
    code: str
    name: str  # canonical name (identifier_text)
    kind: str  # country | alias | demonym | capital | metonym | organization
    sector: str | None = None


@dataclass(frozen=True)
class Tenure:
    """One person in one office for one period (``end`` None: still in office when the table was written)."""

    code: str
    name: str
    role: str
    start: dt.date
    end: dt.date | None

    def holds(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when <= self.end)


#: prepositions after an actor's head noun that say whose it is: "security forces in Guinea"
_OWNER_PREPS = frozenset({"in", "from", "of"})


class ActorKB:
    """Look-ups from names to codes, and from role nouns to sectors."""

    def __init__(self, directory: Path = DATA_DIR / "actors") -> None:
        self.names: dict[str, KBEntry] = {}
        self.exact: dict[str, KBEntry] = {}  # case-sensitive abbreviations
        self._looked: dict[str, tuple[KBEntry | None]] = {}  # lookups already made (the same names recur)
        self.sectors: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # iso3 → name
        self.people: dict[str, list[Tenure]] = {}
        self._load_countries(directory / "countries.csv")
        self._load_organizations(directory / "organizations.csv")
        self._load_sectors(directory / "sectors.csv")
        if (directory / "leaders.csv").exists():
            self._load_leaders(directory / "leaders.csv")

    # ------------------------------------------------------------------ loading
    def _add(self, name: str, entry: KBEntry) -> None:
        name = name.strip()
        if not name:
            return
        if is_abbreviation(name):
            self.exact.setdefault(name, entry)
        else:
            self.names.setdefault(normalize(name), entry)

    def _load_countries(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                code, name = row["iso3"].strip(), row["name"].strip()
                self.country_names[code] = name
                self._add(name, KBEntry(code, name, "country"))
                for alias in _cells(row["aliases"]):
                    self._add(alias, KBEntry(code, name, "country"))
                for demonym in _cells(row["demonyms"]):
                    self._add(demonym, KBEntry(code, name, "demonym"))
                for capital in _cells(row["capitals"]):
                    self._add(capital, KBEntry(code, name, "capital", "GOV"))
                for metonym in _cells(row["metonyms"]):
                    place, _, sector = metonym.rpartition(":")
                    self._add(place or metonym, KBEntry(code, name, "metonym", sector or "GOV"))

    def _load_organizations(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                entry = KBEntry(row["code"].strip(), row["name"].strip(), "organization", row["sector"].strip() or None)
                self._add(entry.name, entry)
                for alias in _cells(row["aliases"]):
                    self._add(alias, entry)

    def _load_sectors(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                self.sectors[normalize(row["term"])] = row["sector"].strip()

    def _load_leaders(self, path: Path) -> None:
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                end = row["end"].strip()
                tenure = Tenure(
                    row["country"].strip(),
                    row["name"].strip(),
                    row["role"].strip(),
                    dt.date.fromisoformat(row["start"].strip()),
                    dt.date.fromisoformat(end) if end else None,
                )
                for name in {tenure.name, *_cells(row["aliases"])}:
                    tenures = self.people.setdefault(normalize(name), [])
                    if tenure not in tenures:
                        tenures.append(tenure)

    # ------------------------------------------------------------------ look-ups
    def person(self, text: str, when: dt.date | None = None) -> KBEntry | None:
        """A leader by name: the one in office on ``when``; without a date, only an unambiguous name."""
        tenures = self.people.get(normalize(text))
        if not tenures:
            return None
        if when is not None:
            tenures = [t for t in tenures if t.holds(when)] or tenures
        if len({t.code for t in tenures}) != 1:
            return None
        latest = max(tenures, key=lambda t: t.start)
        return KBEntry(latest.code, latest.name, "person", "GOV")

    def sector_terms(self) -> frozenset[str]:
        return frozenset(term for term in self.sectors if " " not in term)

    def lookup(self, text: str) -> KBEntry | None:
        found = self._looked.get(text)
        if found is None:
            found = self._looked[text] = (self.exact.get(text.strip()) or self.names.get(normalize(text)),)
            if len(self._looked) > 200_000:  # bounded: a long-running server meets endless strings
                self._looked.clear()
        return found[0]

    def find(self, span: Span, when: dt.date | None = None) -> list[tuple[int, int, KBEntry]]:
        """Longest non-overlapping KB matches in a span, as (start, end, entry) token offsets in the doc."""
        found: list[tuple[int, int, KBEntry]] = []
        i = span.start
        while i < span.end:
            match = None
            for j in range(min(span.end, i + _MAX_NGRAM), i, -1):
                words = span.doc[i:j]
                entry = self.lookup(words.text)
                if entry is not None and entry.kind == "organization" and len(words) > 1 and words.text.islower():
                    entry = None  # "the city's security council" is not the UN Security Council
                if entry is None and self.people and all(t.text[:1].isupper() for t in words):
                    entry = self.person(words.text, when)  # names only when capitalised ("May", not "may")
                if entry is not None:
                    match = (i, j, entry)
                    break
            name, _, suffix = span.doc[i].text.partition("-")
            if match is None and suffix and suffix.lower() not in _ORIGIN_SUFFIXES:
                # "Russian-backed", "Kremlin-appointed": the name before the hyphen (not "Iranian-made" drones)
                entry = self.lookup(name)
                if entry is not None:
                    match = (i, i + 1, entry)
            if match:
                found.append(match)
                i = match[1]
            else:
                i += 1
        return found

    def sector_of(self, span: Span) -> str | None:
        """Sector from the phrase's role noun: the head first ("riot police"), then titles ("President X")."""
        lemmas = [t.lemma_.lower() for t in span]
        head = span.root.i - span.start
        best: tuple[int, str] | None = None
        for i in range(len(lemmas)):
            for j in range(min(len(lemmas), i + 4), i, -1):
                sector = self.sectors.get(" ".join(lemmas[i:j])) or self.sectors.get(
                    " ".join(t.lower_ for t in span[i:j])
                )
                if sector is None:
                    continue
                rank = 0 if i <= head < j else 1
                if best is None or rank < best[0]:
                    best = (rank, sector)
                break
        return best[1] if best else None

    def resolve_all(self, span: Span, **options: Any) -> list[Actor]:
        """Code one actor phrase (``options`` as for ``resolve``); coordinated nationalities ("Hungarian and
        Romanian officials") give one actor each."""
        first = self.resolve(span, **options)
        when = options.get("when")
        matches = [m for m in self.find(span, when) if m[2].kind in ("demonym", "country")]
        linked = [
            m
            for m in matches[1:]
            if any(span.doc[k].dep_ == "conj" and matches[0][0] <= span.doc[k].head.i < m[0] for k in range(m[0], m[1]))
        ]
        if not linked or first.code != matches[0][2].code:
            return [first]
        others = [
            Actor(entity_text=span.text, code=m[2].code, sector=first.sector, identifier_text=m[2].name)
            for m in linked
            if m[2].code != first.code
        ]
        return [first, *others]

    def resolve(
        self,
        span: Span,
        *,
        military_nouns: frozenset[str] = frozenset(),
        place_country: Callable[[Span], tuple[str, str] | None] | None = None,
        as_place: bool = False,
        when: dt.date | None = None,
    ) -> Actor:
        """Code one actor phrase. ``as_place``: a city in the phrase is a target, not a government metonym."""
        matches = self.find(span, when)
        if not matches:
            # "security forces in Guinea", "rebels from Chad": whose they are follows the head noun
            for prep in span.root.children:
                if prep.dep_ == "prep" and prep.lower_ in _OWNER_PREPS:
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj" and pobj.ent_type_ in ("GPE", "NORP", "ORG"):
                            matches = self.find(span.doc[pobj.left_edge.i : pobj.i + 1], when)
                    break
        code = identifier = sector = None
        # prefer the match that is the phrase's head, then the first one
        head_match = next((m for m in matches if m[0] <= span.root.i < m[1]), None)
        if head_match is not None and head_match[2].kind == "demonym":
            # "Bosnian Serbs", "Iraqi Kurds": the people of the place named first
            home = next(
                (
                    m
                    for m in matches
                    if m[1] <= head_match[0]
                    and m[2].kind in ("demonym", "country")
                    and span.doc[m[1] - 1].head.i == span.root.i
                    and span.doc[m[1] - 1].dep_ in ("amod", "compound")
                ),
                None,
            )
            head_match = home or head_match
        chosen = head_match or (matches[0] if matches else None)
        if chosen is not None and chosen[2].kind in ("organization", "metonym"):
            # "Pakistan's Foreign Office", "Iran's Revolutionary Guards": a country's own body, not the one of
            # another country that the bare name stands for
            owner = next(
                (
                    m
                    for m in matches
                    if m[1] <= chosen[0]
                    and m[2].kind == "country"
                    and m[2].code != chosen[2].code
                    and m[1] < len(span.doc)
                    and span.doc[m[1]].lower_ in ("'s", "’s")
                ),
                None,
            )
            if owner is not None:
                return Actor(
                    entity_text=span.text,
                    code=owner[2].code,
                    sector=chosen[2].sector or self.sector_of(span),
                    identifier_text=owner[2].name,
                )
        if chosen is not None:
            entry = chosen[2]
            code, identifier = entry.code, entry.name
            if entry.kind in ("metonym", "organization", "person") or (entry.kind == "capital" and not as_place):
                sector = entry.sector
            if entry.kind == "capital" and as_place:
                identifier = span.doc[chosen[0] : chosen[1]].text
        elif place_country is not None:
            place = place_country(span)
            if place is not None:
                code, identifier = place
        role = self.sector_of(span)
        if role is not None and (head_match is None or head_match[2].kind == "demonym"):
            sector = role
        if sector is None and code is not None and span.root.lemma_.lower().replace("-", "") in military_nouns:
            sector = "MIL"  # "Russian shelling", "the Russian bombardment"
        return Actor(entity_text=span.text, code=code, sector=sector, identifier_text=identifier)


def _cells(cell: str | None) -> list[str]:
    return [part.strip() for part in (cell or "").split("|") if part.strip()]


@lru_cache(maxsize=2)
def load_actor_kb(directory: Path = DATA_DIR / "actors") -> ActorKB:
    return ActorKB(directory)
