"""Name normalisation shared by the actor knowledge base and the gazetteer."""

from __future__ import annotations

import re
import unicodedata

_SPACE = re.compile(r"\s+")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


#: particles that names write joined or apart: "De Soto"/"DeSoto", "La Salle"/"LaSalle", "Mc Kinney"/"McKinney"
_PARTICLE = re.compile(r"\b(de|du|la|le|mc|mac|van|von|des)\s+(?=[a-z])")


def normalize(text: str) -> str:
    """Lowercase, unify apostrophes and spaces, drop a leading "the"."""
    text = _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip().lower()
    if text.startswith("the "):
        text = text[4:]
    return text


def fold(text: str) -> str:
    """``normalize`` plus accents removed ("Zaporizhzhia" with diacritics meets it without) and name particles
    joined ("De Soto Parish" meets "DeSoto Parish", "La Salle" meets "LaSalle")."""
    decomposed = unicodedata.normalize("NFKD", normalize(text))
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _PARTICLE.sub(r"\1", plain)


def is_abbreviation(name: str) -> bool:
    """Short all-caps or dotted names ("US", "U.N.", "EU") are matched case-sensitively ("us" is a pronoun)."""
    letters = name.replace(".", "").replace(" ", "")
    return ("." in name and len(letters) <= 6) or (letters.isupper() and len(letters) <= 5)
