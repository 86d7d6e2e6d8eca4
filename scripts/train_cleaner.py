"""Train the paragraph classifier of the plain-text cleaner (writes src/eventwire/data/clean/classifier.json).

Training data: the team's labelled articles in gold/clean/appeals_dev.jsonl, appeals_dev2.jsonl to appeals_dev8.jsonl,
and the even-numbered articles of gold/clean/appeals.jsonl. The odd-
numbered articles of appeals.jsonl are never read here: they are the unseen test (`eventwire eval
gold/clean/appeals.jsonl` reports both halves' scores in the README). Each article is also learnt a second time
with its news paragraphs cut into one sentence each, as wire copy and local news print them: the labelled
articles' news paragraphs are long, and without these the classifier learns that a short line is furniture
("Schools are closed." is news).

python scripts/train_cleaner.py [--C 1.0] [--max-news-loss 0.005]

The threshold on P(news) is chosen by 5-fold cross-validation over articles: the highest threshold whose out-of-
fold news loss stays within --max-news-loss. Needs scikit-learn (a dev dependency); the weights file it writes is
read at run time without it.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventwire.clean.features import paragraph_features  # noqa: E402

OUTPUT = ROOT / "src" / "eventwire" / "data" / "clean" / "classifier.json"


#: where a sentence ends: after . ! or ? (and a closing quote), before a capital or an opening quote
_SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘A-Z])")
#: ...but not after an abbreviation or an initial ("Gen. Mark Milley", "Sept. 29", "J. Smith")
_ABBREVIATION = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Gov|Sen|Rep|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|No|U\.S|U\.N|Jr|Sr|Inc|Co|"
    r"Corp|Ltd|[A-Z])\.$"
)


def sentences(text: str) -> list[str]:
    found: list[str] = []
    for part in _SENTENCE_BREAK.split(text):
        if found and _ABBREVIATION.search(found[-1]):
            found[-1] += " " + part
        else:
            found.append(part)
    return found


def one_sentence_paragraphs(paragraphs: list[tuple[str, str]]) -> list[tuple[str, str]] | None:
    """The article with each news paragraph cut into its sentences (furniture as it was); None if no cut."""
    cut = [
        (sentence, kind) for text, kind in paragraphs for sentence in (sentences(text) if kind == "news" else [text])
    ]
    return cut if len(cut) > len(paragraphs) else None


def articles() -> list[tuple[str, list[tuple[str, str]]]]:
    found = []
    for name in ("appeals_dev.jsonl", *(f"appeals_dev{n}.jsonl" for n in range(2, 9))):
        for line in (ROOT / "gold" / "clean" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                found.append((record["id"], [(p["text"], p["kind"]) for p in record["paragraphs"]]))
    for line in (ROOT / "gold" / "clean" / "appeals.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        number = int(re.sub(r"\D", "", record["id"]))
        if number % 2 == 0:  # the odd half is the unseen test
            found.append((record["id"], [(p["text"], p["kind"]) for p in record["paragraphs"]]))
    # the cut copies keep their article's id, so cross-validation never splits an article from its copy
    return found + [
        (article_id, cut) for article_id, paragraphs in found if (cut := one_sentence_paragraphs(paragraphs))
    ]


def rows(data):
    X, y, groups = [], [], []
    for article_id, paragraphs in data:
        for index, (text, kind) in enumerate(paragraphs):
            X.append(dict.fromkeys(paragraph_features(text, index, len(paragraphs)), 1))
            y.append(kind)
            groups.append(article_id)
    return X, np.array(y), np.array(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--C", type=float, default=1.0)
    parser.add_argument("--max-news-loss", type=float, default=0.005)
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    X, y, groups = rows(articles())
    seen: dict[str, int] = {}
    for features in X:
        for name in features:
            seen[name] = seen.get(name, 0) + 1
    X = [{k: v for k, v in features.items() if seen[k] >= 2} for features in X]  # one-off words teach nothing
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(X)

    def model() -> LogisticRegression:
        return LogisticRegression(C=args.C, max_iter=2000, class_weight="balanced")

    # out-of-fold P(news), to choose the threshold honestly
    p_news = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(matrix, y, groups):
        fitted = model().fit(matrix[train], y[train])
        p_news[test] = fitted.predict_proba(matrix[test])[:, list(fitted.classes_).index("news")]
    is_news = y == "news"
    threshold = 0.5
    for candidate in np.arange(0.95, 0.0, -0.01):
        if np.mean(p_news[is_news] < candidate) <= args.max_news_loss:
            threshold = float(candidate)
            break
    recall = float(np.mean(p_news[~is_news] < threshold))
    loss = float(np.mean(p_news[is_news] < threshold))
    final = model().fit(matrix, y)
    names = vectorizer.get_feature_names_out()
    weights = {
        str(name): [round(float(w), 3) for w in final.coef_[:, j]]
        for j, name in enumerate(names)
        if np.any(np.abs(final.coef_[:, j]) >= 0.01)
    }
    args.output.write_text(
        json.dumps(
            {
                "about": "paragraph classifier of the plain-text cleaner; written by scripts/train_cleaner.py",
                "classes": [str(c) for c in final.classes_],
                "bias": [round(float(b), 4) for b in final.intercept_],
                "threshold": round(threshold, 2),
                "cross_validation": {"furniture_removed": round(recall, 4), "news_lost": round(loss, 4)},
                "weights": weights,
            },
            sort_keys=True,
        )
        + "\n",
        encoding="utf-8",
    )
    print(
        f"{len(y)} paragraphs, {len(weights)} features; threshold {threshold:.2f}: out-of-fold furniture "
        f"removed {recall:.3f}, news lost {loss:.4f} -> {args.output}"
    )


if __name__ == "__main__":
    main()
