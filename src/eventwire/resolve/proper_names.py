"""Proper names a text gives beyond countries, nationalities, capitals and institutions' generic words: what lets
two reports of one incident meet when the gazetteer cannot place it ("near Boni", "the Gran Grif gang",
"Kenyatta Avenue")."""

from __future__ import annotations

import re
from functools import lru_cache

from eventwire.resolve.actors import KBEntry, load_actor_kb

#: a run of capitalised words ("Kenyatta Avenue", "Burkina Faso", "Jama'at Nusrat al-Islam")
_RUN = re.compile(r"\b[A-Z][a-zà-ÿ'’-]+(?: [A-Z][a-zà-ÿ'’-]+)*")
_WORD = re.compile(r"[A-Za-z]+")
_POSSESSIVE = re.compile(r"['’]s$")
#: how far back to look for what a name follows
_LOOK_BACK = 40
#: what a sentence's first word follows
_OPENERS = frozenset('.!?:;"“”(')
#: capitalised words that name nothing in particular
_COMMON = frozenset(
    {"the", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
     "march", "april", "may", "june", "july", "august", "september", "october", "november", "december", "police",
     "army", "president", "minister", "ministry", "government", "state", "province", "region", "district", "city",
     "north", "south", "east", "west", "national", "united", "nations", "forces", "force", "union", "council",
     "they", "his", "her", "its", "this", "that", "there", "some", "many", "several", "two", "three", "four",
     "five", "defence", "defense", "security", "interior", "foreign", "affairs", "office", "department",
     "committee", "federation", "republic", "democratic", "people", "popular", "movement", "front", "party",
     "general", "central", "federal", "supreme", "high", "court", "armed", "military", "public", "international",
     "agency", "service", "services", "commission", "authority", "authorities", "minister's", "news", "radio"}
)  # fmt: skip


def proper_names(text: str, headline: bool = False) -> frozenset[str]:
    """The words of a text's names (runs of capitalised words) that are not a country, nationality or capital
    ("Israeli" on two days' reports says nothing about their being one event; nor does "Burkina Faso") nor an
    institution's generic words ("the Defence Forces"); not a sentence's first word, and "Sudan's" is Sudan. None
    from a headline in title case, whose every word is capitalised."""
    if headline and len(re.findall(r"\b[A-Z]", text)) > 0.6 * len(_WORD.findall(text)):
        return frozenset()
    kb, generic = load_actor_kb(), _generic()
    found: set[str] = set()
    for match in _RUN.finditer(text):
        words = [_POSSESSIVE.sub("", w) for w in match.group().split(" ")]
        if _opens_sentence(text, match.start()):
            words = words[1:]  # "Residents of …", "Gunmen killed …"
        if not words or _country_word(kb.lookup(" ".join(words))):
            continue  # "Burkina Faso", "South Sudan's"
        found.update(w for w in words if w.lower() not in generic and not _country_word(kb.lookup(w)))
    return frozenset(found)


@lru_cache(maxsize=1)
def _generic() -> frozenset[str]:
    """Words of names that say nothing of which one: common words and the actor roles ("Ministry", "Council")."""
    return _COMMON | frozenset(t for t in load_actor_kb().sector_terms() if " " not in t)


def _opens_sentence(text: str, start: int) -> bool:
    before = text[max(0, start - _LOOK_BACK) : start]  # not the whole text before each name: stories are long
    stripped = before.rstrip()
    if not stripped or "\n" in before[len(stripped) :]:
        return True
    return stripped[-1] in _OPENERS or (stripped[-1] in "—–" and before != stripped)


def _country_word(entry: KBEntry | None) -> bool:
    return entry is not None and entry.kind in ("country", "demonym", "capital")
