"""The paragraph classifier: a multinomial logistic regression over ``features.paragraph_features``.

Its weights are data (``data/clean/classifier.json``), written by ``scripts/train_cleaner.py`` from the team's
labelled articles; here they are only applied — a sparse dot product, no library needed at run time. A
paragraph is furniture when the probability that it is news falls below the file's ``threshold`` (chosen
when training so that almost no news is lost); its reason is the likeliest furniture kind.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventwire.clean.features import paragraph_features
from eventwire.settings import DATA_DIR

CLASSIFIER_PATH = DATA_DIR / "clean" / "classifier.json"


@dataclass(frozen=True)
class ParagraphClassifier:
    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, tuple[float, ...]]
    threshold: float

    def judge(self, paragraphs: list[str]) -> list[tuple[float, str]]:
        """(probability of news, likeliest other kind) for each paragraph of an article."""
        news = self.classes.index("news")
        out: list[tuple[float, str]] = []
        for index, text in enumerate(paragraphs):
            scores = list(self.bias)
            for feature in paragraph_features(text, index, len(paragraphs)):
                for k, w in enumerate(self.weights.get(feature, ())):
                    scores[k] += w
            top = max(scores)
            exp = [math.exp(s - top) for s in scores]
            total = sum(exp)
            other = max((k for k in range(len(scores)) if k != news), key=lambda k: scores[k])
            out.append((exp[news] / total, self.classes[other]))
        return out


@lru_cache(maxsize=2)
def load_classifier(path: Path = CLASSIFIER_PATH) -> ParagraphClassifier | None:
    """The trained classifier, or None when no weights file ships (the rules alone then clean)."""
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return ParagraphClassifier(
        classes=tuple(data["classes"]),
        bias=tuple(data["bias"]),
        weights={k: tuple(v) for k, v in data["weights"].items()},
        threshold=float(data["threshold"]),
    )
