"""Actors: text spans → PLOVER codes and sectors, from the knowledge base in ``data/actors``.

``countries.csv`` gives names, aliases, demonyms, capitals and metonyms (seats of government with a sector:
"the Kremlin" → RUS GOV, "the Pentagon" → USA MIL); ``organizations.csv`` IGOs and NGOs; ``sectors.csv`` role
nouns (troops → MIL, police → COP, protesters → CVL). Matching is on token n-grams of the phrase.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span

from eventwire.models import Actor
from eventwire.resolve.names import is_abbreviation, normalize
from eventwire.settings import DATA_DIR

_MAX_NGRAM = 6


@dataclass(frozen=True)
class KBEntry:
    code: str
    name: str  # canonical name (identifier_text)
    kind: str  # country | alias | demonym | capital | metonym | organization
    sector: str | None = None


class ActorKB:
    """Look-ups from names to codes, and from role nouns to sectors."""

    def __init__(self, directory: Path = DATA_DIR / "actors") -> None:
        self.names: dict[str, KBEntry] = {}
        self.exact: dict[str, KBEntry] = {}  # case-sensitive abbreviations
        self.sectors: dict[str, str] = {}
        self.country_names: dict[str, str] = {}  # iso3 → name
        self._load_countries(directory / "countries.csv")
        self._load_organizations(directory / "organizations.csv")
        self._load_sectors(directory / "sectors.csv")

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

    # ------------------------------------------------------------------ look-ups
    def sector_terms(self) -> frozenset[str]:
        return frozenset(term for term in self.sectors if " " not in term)

    def lookup(self, text: str) -> KBEntry | None:
        return self.exact.get(text.strip()) or self.names.get(normalize(text))

    def find(self, span: Span) -> list[tuple[int, int, KBEntry]]:
        """Longest non-overlapping KB matches in a span, as (start, end, entry) token offsets in the doc."""
        found: list[tuple[int, int, KBEntry]] = []
        i = span.start
        while i < span.end:
            match = None
            for j in range(min(span.end, i + _MAX_NGRAM), i, -1):
                entry = self.lookup(span.doc[i:j].text)
                if entry is not None:
                    match = (i, j, entry)
                    break
            if match is None and "-" in span.doc[i].text:
                # "Russian-backed", "Kremlin-appointed": the name before the hyphen
                entry = self.lookup(span.doc[i].text.split("-", 1)[0])
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

    def resolve(
        self,
        span: Span,
        *,
        military_nouns: frozenset[str] = frozenset(),
        place_country: Callable[[Span], tuple[str, str] | None] | None = None,
        as_place: bool = False,
    ) -> Actor:
        """Code one actor phrase. ``as_place``: a city in the phrase is a target, not a government metonym."""
        matches = self.find(span)
        code = identifier = sector = None
        # prefer the match that is the phrase's head, then the first one
        head_match = next((m for m in matches if m[0] <= span.root.i < m[1]), None)
        chosen = head_match or (matches[0] if matches else None)
        if chosen is not None:
            entry = chosen[2]
            code, identifier = entry.code, entry.name
            if entry.kind in ("metonym", "organization") or (entry.kind == "capital" and not as_place):
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
