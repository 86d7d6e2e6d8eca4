"""The plain-text cleaner: paragraph-level rules from ``data/clean/patterns.yaml``.

The cleaned text is the kept paragraphs joined by blank lines; every removed piece is kept as a
``RemovedSpan`` (raw-text offsets and reason) so it can be audited and shown greyed later.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from eventwire.clean.classifier import ParagraphClassifier, load_classifier
from eventwire.models import CleanDocument, Document, RemovedSpan
from eventwire.settings import DATA_DIR, read_yaml

_PARAGRAPH = re.compile(r"[^\r\n]+")
#: an appeal block that opened (e.g. "Dear readers,") goes on while paragraphs speak to the reader
_READER_ADDRESS = re.compile(r"\b(you|your|we|our|us)\b", re.IGNORECASE)
#: ...but a paragraph that reports speech is news, whatever pronouns it uses
_REPORTED_SPEECH = re.compile(r"[\"“”]|\b(said|says|told|according to)\b", re.IGNORECASE)
#: appeals are short: a paragraph longer than this is an article's body whatever money it mentions
_APPEAL_MAX = 1500
#: the classifier judges articles of at least this many paragraphs
_CLASSIFIED_MIN = 3
#: days and months: a dated report
_DATED = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|"
    r"august|september|october|november|december)\b",
    re.IGNORECASE,
)
#: a news paragraph ends like a sentence; a listed headline does not
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")


#: kinds of site furniture, checked in this order; each is the reason stored with a removed span
FURNITURE = ("newsletter", "cookie", "related", "credit", "share", "boilerplate")


@dataclass(frozen=True)
class Patterns:
    byline: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    appeal: tuple[re.Pattern[str], ...]
    furniture: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_DIR / "clean" / "patterns.yaml") -> Patterns:
    raw = read_yaml(path)

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in raw[key])

    return Patterns(
        byline=compile_all("byline"),
        dateline=re.compile(raw["dateline"]),
        appeal=compile_all("appeal"),
        furniture=tuple((kind, compile_all(kind)) for kind in FURNITURE),
    )


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line; a line break ends a paragraph, as in wire dumps."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            yield start, match.start() + len(match.group().rstrip())


def _reason(paragraph: str, patterns: Patterns, previous: str | None) -> str | None:
    if any(p.search(paragraph) for p in patterns.appeal) and _appeal_shaped(paragraph):
        return "appeal"
    if (
        previous == "appeal"
        and len(paragraph) < 400
        and _READER_ADDRESS.search(paragraph)
        and not _REPORTED_SPEECH.search(paragraph)
    ):
        return "appeal"
    if len(paragraph) < 300:
        for kind, compiled in patterns.furniture:
            if any(p.search(paragraph) for p in compiled):
                return kind
    if previous == "related" and len(paragraph) < 120 and not _SENTENCE_END.search(paragraph):
        return "related"  # the headlines listed under "Read more:" / "You may also like:"
    if len(paragraph) < 200 and any(p.search(paragraph) for p in patterns.byline):
        return "byline"
    return None


def _appeal_shaped(paragraph: str) -> bool:
    """An appeal speaks to the reader and is short; a long paragraph that reports speech or names no reader is
    news that mentions money ("the council voted to give $4.5 million", "asks for a tax-deductible donation")."""
    if len(paragraph) > _APPEAL_MAX:
        return False
    return bool(_READER_ADDRESS.search(paragraph)) or len(paragraph) < 200


def clean_text(raw: str, patterns: Patterns | None = None) -> tuple[str, list[RemovedSpan], str | None]:
    """Return (clean text, removed spans, dateline) for a raw plain text."""
    text, removed, dateline, _ = _clean(raw, patterns)
    return text, removed, dateline


def _verdicts(raw: str, spans: list[tuple[int, int]], classifier: ParagraphClassifier | None) -> dict[int, str]:
    """Paragraph start → furniture kind, for the paragraphs the classifier judges not to be news."""
    if classifier is None or len(spans) < _CLASSIFIED_MIN:
        return {}  # a headline or a one- or two-line text: too little around a paragraph to judge its place
    judged = classifier.judge([raw[start:end] for start, end in spans])
    return {
        start: kind
        for (start, end), (p_news, kind) in zip(spans, judged, strict=True)
        if p_news < classifier.threshold and not _reports(raw[start:end])
    }


def _reports(paragraph: str) -> bool:
    """A paragraph that reports speech, or a dated act in a full sentence, is news whatever the classifier
    says of its shape ("Residents returned on Saturday.", "\"We will rebuild,\" the director said.")."""
    return bool(_REPORTED_SPEECH.search(paragraph)) or bool(
        _DATED.search(paragraph) and _SENTENCE_END.search(paragraph)
    )


def _clean(
    raw: str,
    patterns: Patterns | None = None,
    page_removed: Sequence[tuple[int, int, str]] = (),
    classifier: ParagraphClassifier | None = None,
) -> tuple[str, list[RemovedSpan], str | None, list[tuple[int, int, int]]]:
    patterns = patterns or load_patterns()
    classifier = classifier or load_classifier()
    judged = {start: reason for start, _, reason in page_removed}
    kept: list[str] = []
    segments: list[tuple[int, int, int]] = []  # (clean start, raw start, length) of each kept paragraph
    removed: list[RemovedSpan] = []
    dateline: str | None = None
    previous: str | None = None
    position = 0
    spans = list(_paragraphs(raw))
    verdicts = _verdicts(raw, [span for span in spans if span[0] not in judged], classifier)
    for start, end in spans:
        paragraph = raw[start:end]
        if start in judged:  # left out of the article by trafilatura: say what it is when we can tell
            found = None if judged[start] == "title" else _reason(paragraph, patterns, previous)
            previous = found
            removed.append(RemovedSpan(start, end, found or judged[start], paragraph, _next(position, kept)))
            continue
        reason = _reason(paragraph, patterns, previous)
        if reason is None and start in verdicts:
            reason = verdicts[start]
        previous = reason
        if reason:
            removed.append(RemovedSpan(start, end, reason, paragraph, _next(position, kept)))
            continue
        if not kept and dateline is None:
            match = patterns.dateline.match(paragraph)
            if match and match.end() < len(paragraph):
                dateline = match.group().rstrip(" —–-")
                removed.append(RemovedSpan(start, start + match.end(), "dateline", match.group(), 0))
                paragraph = paragraph[match.end() :]
                start += match.end()
        if kept:
            position += 2  # the blank line between kept paragraphs
        segments.append((position, start, len(paragraph)))
        position += len(paragraph)
        kept.append(paragraph)
    text = "\n\n".join(kept)
    # a span removed after the last kept paragraph stands at the end
    removed = [replace(r, clean_at=min(r.clean_at, len(text))) if r.clean_at is not None else r for r in removed]
    return text, removed, dateline, segments


def _next(position: int, kept: list[str]) -> int:
    """Where the next kept paragraph will start in the cleaned text (after a blank line, unless it is the first)."""
    return position + 2 if kept else 0


def clean_document(document: Document) -> CleanDocument:
    """Clean a document's text. For HTML it is the page's text blocks, with those trafilatura left out of the
    article already marked (``Document.page_removed``); they are removed here with their reason."""
    raw = document.text or ""
    text, removed, dateline, segments = _clean(raw, page_removed=document.page_removed)
    return CleanDocument(
        document=document, text=text, raw_text=raw, removed_spans=removed, dateline=dateline, segments=segments
    )
