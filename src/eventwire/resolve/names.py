"""Name normalisation shared by the actor knowledge base and the gazetteer."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def normalize(text: str) -> str:
    """Lowercase, unify apostrophes and spaces, drop a leading "the"."""
    text = _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return text


def fold(text: str) -> str:
    """``normalize`` plus accents removed: "Zaporizhzhia" and "Zaporizhzhia" with diacritics meet."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_abbreviation(name: str) -> bool:
    """Short all-caps or dotted names ("US", "U.N.", "EU") are matched case-sensitively ("us" is a pronoun)."""
    letters = name.replace(".", "").replace(" ", "")
    return ("." in name and len(letters) <= 6) or (letters.isupper() and len(letters) <= 5)
