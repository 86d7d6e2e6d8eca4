"""The coder's data: trigger lexicon, modifiers and rules, read from ``data/events`` once per process."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventwire.models import EVENT_TYPES
from eventwire.settings import DATA_DIR, read_yaml


@dataclass(frozen=True)
class TriggerEntry:
    """One lexicon row: a lemma (optionally with a particle) that signals an event type."""

    lemma: str
    particle: str | None
    pos: str
    event: str
    mode: str | None
    cameo: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Modifier:
    """A modifier word ("air", "drone", "hunger") that sets the type/mode/context of a trigger."""

    word: str
    triggers: frozenset[str] | None  # None: any trigger
    event: str | None
    mode: str | None
    context: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[tuple[str, str], TriggerEntry]  # (lemma, pos) → entry
    phrasal: dict[tuple[str, str, str], TriggerEntry]  # (lemma, particle, pos) → entry
    modifiers: dict[str, list[Modifier]]
    rules: dict[str, Any]
    #: word lists already made into sets (asked for once per token and rule: build each set once)
    _word_sets: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    def words(self, key: str) -> frozenset[str]:
        found = self._word_sets.get(key)
        if found is None:
            found = self._word_sets[key] = frozenset(self.rules[key])
        return found

    def lookup(self, lemma: str, pos: str, particles: tuple[str, ...] = ()) -> TriggerEntry | None:
        for particle in particles:
            entry = self.phrasal.get((lemma, particle, pos))
            if entry:
                return entry
        return self.triggers.get((lemma, pos))


def _split(cell: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (cell or "").split("|") if part.strip())


def _read_triggers(path: Path) -> tuple[dict[tuple[str, str], TriggerEntry], dict[tuple[str, str, str], TriggerEntry]]:
    single: dict[tuple[str, str], TriggerEntry] = {}
    phrasal: dict[tuple[str, str, str], TriggerEntry] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            event = row["event"].strip()
            if event not in EVENT_TYPES:
                raise ValueError(f"{path.name}: unknown event type {event!r} for {row['trigger']!r}")
            words = row["trigger"].strip().lower().split()
            pos = row["pos"].strip().upper()
            if pos == "NOUN" and len(words) == 2:
                words = [words[1], words[0]]  # "martial law": the head noun, then its modifier
            entry = TriggerEntry(
                lemma=words[0],
                particle=" ".join(words[1:]) or None,
                pos=pos,
                event=event,
                mode=row.get("mode", "").strip() or None,
                cameo=row.get("cameo", "").strip() or None,
                context=_split(row.get("context")),
            )
            if entry.particle:
                phrasal[(entry.lemma, entry.particle, pos)] = entry
            else:
                single[(entry.lemma, pos)] = entry
    return single, phrasal


def _read_modifiers(path: Path) -> dict[str, list[Modifier]]:
    table: dict[str, list[Modifier]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            triggers = row["triggers"].strip()
            modifier = Modifier(
                word=row["modifier"].strip().lower(),
                triggers=None if triggers == "*" else frozenset(_split(triggers)),
                event=row["event"].strip() or None,
                mode=row["mode"].strip() or None,
                context=_split(row["context"]),
            )
            table.setdefault(modifier.word, []).append(modifier)
    return table


@lru_cache(maxsize=2)
def load_lexicon(directory: Path = DATA_DIR / "events") -> Lexicon:
    triggers, phrasal = _read_triggers(directory / "triggers.csv")
    rules = read_yaml(directory / "rules.yaml")
    return Lexicon(triggers, phrasal, _read_modifiers(directory / "modifiers.csv"), rules)


@lru_cache(maxsize=2)
def load_cameo_defaults(path: Path = DATA_DIR / "events" / "cameo_defaults.csv") -> dict[tuple[str, str | None], str]:
    """(event, mode) → the closest CAMEO code, for triggers whose lexicon row gives none."""
    table: dict[tuple[str, str | None], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[(row["event"].strip(), row["mode"].strip() or None)] = row["cameo"].strip()
    return table
