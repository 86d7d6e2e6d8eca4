"""What the paragraph classifier looks at: words, and the shape of a paragraph and its place in the article.

Site furniture speaks to the reader ("you", "your", "we"), asks for something ("Support", "Sign up", "Share"),
names money per month, lists headlines without a full stop, credits photographers, and sits at the edges of
the article; news reports what someone said or did, with names, dates and numbers, in full sentences. The
features are plain strings (a sparse, binary vector), read the same way when training and when cleaning.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z]+(?:['’][a-z]+)?|\d+|[$€£¥₹₱₦₩]|[©|·•→»]")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_QUOTE = re.compile(r"[\"“”]|``|''")
_SAID = re.compile(r"\b(said|says|told|according to|added|stated)\b", re.IGNORECASE)
_MONEY = re.compile(r"[$€£¥₹₱₦₩]\s?\d|\d\s?(?:euros?|dollars?|pounds?|francs?)\b", re.IGNORECASE)
_PER_PERIOD = re.compile(r"\b(?:a|per|each|every|/)\s?(?:month|week|year|day)\b", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,}(?:\([A-Za-z ]+\))?\s*[—–-]")


def _bucket(value: float, edges: tuple[float, ...]) -> int:
    return next((i for i, edge in enumerate(edges) if value < edge), len(edges))


def paragraph_features(text: str, index: int, count: int) -> list[str]:
    """Features of the ``index``-th of ``count`` paragraphs."""
    lowered = text.lower()
    words = _WORD.findall(lowered)
    features = [f"w:{w}" for w in set(words)]
    features += [f"b:{a}_{b}" for a, b in {(words[i], words[i + 1]) for i in range(len(words) - 1)}]
    if words:
        features.append(f"first:{words[0]}")
        features.append(f"last:{words[-1]}")
    capitals = len(_CAPITALISED.findall(text))
    shape = {
        "len": _bucket(len(text), (20, 45, 80, 140, 250, 400)),
        "words": _bucket(len(words), (3, 6, 12, 25, 50)),
        "capitals": _bucket(capitals / max(1, len(words)), (0.1, 0.25, 0.5, 0.75)),
        "upper": _bucket(sum(map(str.isupper, text)) / max(1, sum(map(str.isalpha, text))), (0.2, 0.5, 0.8)),
        "from_start": min(index, 3),
        "from_end": min(count - 1 - index, 3),
        "where": _bucket(index / max(1, count - 1), (0.2, 0.5, 0.8)),
    }
    features += [f"{name}={value}" for name, value in shape.items()]
    flags = {
        "sentence_end": bool(_SENTENCE_END.search(text)),
        "quote": bool(_QUOTE.search(text)),
        "said": bool(_SAID.search(text)),
        "money": bool(_MONEY.search(text)),
        "per_period": bool(_PER_PERIOD.search(text)),
        "year": bool(_YEAR.search(text)),
        "dateline": bool(_DATELINE.match(text)),
        "colon_end": text.rstrip().endswith(":"),
    }
    features += [name for name, on in flags.items() if on]
    return features
