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
#: an appeal block that opened (e.g. "Dear readers,") goes on while paragraphs speak to the reader, or of
#: "this site"; "us" in lower case only, as "US" and "U.S." are the country
_READER_ADDRESS = re.compile(r"\b(you|your|we|our|this (web)?site)\b|\b(?-i:us|Us)\b", re.IGNORECASE)
#: ...but a paragraph that reports speech is news, whatever pronouns it uses: quote marks (typographic, or the
#: ``...'' of plain-text wire dumps, or a paragraph opening with ‘), or a verb of saying
_REPORTED_SPEECH = re.compile(
    r"[\"“”]|``|''|^‘|\b(said|says|told|according to|added|asked|explained|insisted|promised|stated|warned|wrote)\b",
    re.IGNORECASE,
)
#: a quotation: "...", “...”, ``...'' or ‘...’
_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]|``.*?''|‘[^‘’]*’")
#: appeals are short: a paragraph longer than this is an article's body whatever money it mentions
_APPEAL_MAX = 1500
#: a publisher's sentence about itself is short
_STATED_MAX = 200
#: a reporter's biography stands among an article's last paragraphs
_TAIL = 3
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
#: a statement ends with a full stop (or "!"), perhaps inside a closing quote: not a question, not a "(credit)"
_STATEMENT_END = re.compile(r"[.!…][\"”’']?\s*$")
_STATEMENT_WORDS = 2
#: ...or with a colon that opens a list of facts ("Top fundraisers:", "The outages by county:"), unless it names
#: what a site lists ("More stories:", "Trending now:", "Editor's picks:")
_LIST_HEADER = re.compile(r"\w[^.!?]*:\s*$")
_SITE_LIST = re.compile(
    r"\b(stories|story|news|read|reads|reading|articles?|picks?|popular|trending|recommended|latest|more|watch|"
    r"listen|videos?|podcasts?|coverage|headlines|also|like|topics?|links?|sections?|explainers?|tags?|opinion)\b",
    re.IGNORECASE,
)
#: an item of a list: a short line that does not end like a sentence ("Penobscot: 12,400", "- Sarah Kim, $24,000")
_LIST_ITEM_MAX = 120
#: a sentence that opens with a verb asking something of the reader ("Subscribe now", "Share this", "Sign up →");
#: not the nouns "Support for the plan grew", "Help is available", "Share prices fell"
_CALL_TO_ACTION = re.compile(
    r"(?:^|[.!?:—–]\s*)(subscribe|donate|sign (up|in)|log in|share|follow|download|click|tap|support|join|become|get|"
    r"enter|accept|register|read|give|help|contribute|chip in|consider|please|thanks?|learn|manage|continue|start|"
    r"try|see|watch|listen|find out|discover|don'?t miss)\b"
    r"(?!\s+(for|from|of|among|in|on|is|was|were|are|has|have|had|will|would|could|grew|rose|fell|prices|price)\b)",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+")
#: a publisher's appeal may speak of its readers without "you" ("Eventwire is funded by its readers."): the
#: classifier judges such a paragraph, news or not
_READERS = re.compile(r"\breaders?\b", re.IGNORECASE)
#: a headline: a few words, no closing punctuation, no separators of a menu or credit line ("Share | Print")
_HEADLINE = re.compile(r"^[^|•·/]*[^\s.,;:!?|•·/]$")
_HEADLINE_WORDS = (2, 20)
#: ...and of three words or fewer only with a word in lower case: "Detainee transfer", not the name "Amira Haddad"
_SHORT_HEADLINE = 3
_LOWER_WORD = re.compile(r"\b[a-z]")
#: a subheading inside the story has a few words (not a button: "Maybe later", "No thanks") and no sentence's
#: end inside it (not a caption with its credit: "Houses in Wajima. Kyodo via Reuters")
_SUBHEADING_WORDS = 3
_INNER_STOP = re.compile(r"[.!?]\s")
#: a one- or two-word subheading ("Cause", "Evacuations ordered") the next statement goes on from
_SHORT_SUBHEADING = re.compile(r"(?-i:[A-Z])[\w’'-]*(?: (?-i:[a-z])[\w’'-]*)?")
#: ...but a site's buttons are as short ("Maybe later", "Close", "Next")
_BUTTON_WORDS = re.compile(
    r"\b(maybe|later|now|thanks|close|continue|accept|skip|cancel|ok|okay|dismiss|login|log|sign|next|previous|back|"
    r"top|menu|home|search|more|subscribe|donate|share|print|comments?|advertisement|sponsored|loading)\b",
    re.IGNORECASE,
)
#: a fact line of a story's box ("Deaths: 38", "Turnout: 24.1%", "Green: 94 (5.9%)") — not a site's own counts
_FACT_LINE = re.compile(
    r"(?-i:[A-Z])[\w ’'()-]{0,40}:\s*(?:about|around|nearly|almost|over|at least|more than|some|up to)?\s*"
    r"[~≈<>+-]?\d",
    re.IGNORECASE,
)
_SITE_STAT = re.compile(
    r"(updated|published|posted|last updated|read(ing)? time|listen|views?|comments?|shares?|likes?|photo|video|"
    r"image|watch|duration|length|time|date|filed)\b",
    re.IGNORECASE,
)


#: a date-and-time stamp line: its words, and the place that may open it ("Kathmandu, 30 September 2024")
_TIMESTAMP_MAX = 80
_STAMP_TOKEN = re.compile(
    r"\d{1,4}(?:st|nd|rd|th)?|[:.,·|/–—()-]|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|"
    r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?|a\.?m\.?|p\.?m\.?|gmt|utc|cet|cest|bst|edt|est|"
    r"et|pt|pdt|ist|eat|wat|cat|ict|jst|aest|published|updated|posted|last|on|at|ago|hours?|hrs?|minutes?|mins?|"
    r"days?|read|just|now",
    re.IGNORECASE,
)
_STAMP_SITE = re.compile(r"published|updated|posted|\bago\b", re.IGNORECASE)
_STAMP_YEAR = re.compile(r"\b(19|20)\d\d\b")
_STAMP_MONTH_OR_TIME = re.compile(r"\d:\d\d|[a-z]{3}", re.IGNORECASE)
_STAMP_PLACE = re.compile(r"^(?-i:[A-Z])[\w'’-]+(?:\s(?-i:[A-Z])[\w'’-]+)?,\s")
#: an unbroken run of this many headline-shaped lines is a list of other stories, with or without its header
_HEADLINE_RUN = 3

#: kinds of site furniture, checked in this order; each is the reason stored with a removed span
FURNITURE = ("newsletter", "cookie", "related", "credit", "share", "boilerplate")
#: kinds whose patterns look anywhere in a paragraph for words that are also news topics (alerts, cookies)
_TOPICAL = ("newsletter", "cookie")


@dataclass(frozen=True)
class Patterns:
    byline: tuple[re.Pattern[str], ...]
    #: a reporter's biography: furniture at the end of an article only
    bio: tuple[re.Pattern[str], ...]
    dateline: re.Pattern[str]
    appeal: tuple[re.Pattern[str], ...]
    furniture: tuple[tuple[str, tuple[re.Pattern[str], ...]], ...]
    #: what a publisher says of itself in plain sentences, by kind: furniture whatever its shape
    stated: tuple[tuple[str, re.Pattern[str]], ...] = ()
    #: the notes a press release prints under its story ("About the Foundation: …"): bylines however long
    release: tuple[re.Pattern[str], ...] = ()


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_DIR / "clean" / "patterns.yaml") -> Patterns:
    raw = read_yaml(path)

    def compile_all(key: str) -> tuple[re.Pattern[str], ...]:
        # one alternation per kind: a paragraph is scanned once, not once per pattern
        return (re.compile("|".join(f"(?:{p})" for p in raw[key]), re.IGNORECASE),)

    return Patterns(
        byline=compile_all("byline"),
        bio=compile_all("bio"),
        dateline=re.compile(raw["dateline"]),
        appeal=compile_all("appeal"),
        furniture=tuple((kind, compile_all(kind)) for kind in FURNITURE),
        stated=tuple(
            (kind, re.compile("|".join(f"(?:{p})" for p in found), re.IGNORECASE))
            for kind, found in (raw.get("stated") or {}).items()
        ),
        release=compile_all("release"),
    )


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line; a line break ends a paragraph, as in wire dumps."""
    for match in _PARAGRAPH.finditer(text):
        if match.group().strip():
            start = match.start() + (len(match.group()) - len(match.group().lstrip()))
            yield start, match.start() + len(match.group().rstrip())


def _reason(paragraph: str, patterns: Patterns, previous: str | None, tail: bool = False) -> str | None:
    """The furniture kind the patterns see in a paragraph (None: news); ``tail``: among an article's last
    paragraphs, where a reporter's biography stands."""
    if len(paragraph) < _STATED_MAX:
        for kind, pattern in patterns.stated:
            if pattern.search(paragraph):
                return kind
    if len(paragraph) < _APPEAL_MAX and any(p.search(paragraph) for p in patterns.release):
        return "byline"
    if _appeal_shaped(paragraph) and any(p.search(paragraph) for p in patterns.appeal):  # the cheaper test first
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
            if kind in _TOPICAL and _statement(paragraph):
                continue  # "Residents can register for the flood alerts." is news
            if any(p.search(paragraph) for p in compiled):
                return kind
    # the headlines listed under "Read more:" / "You may also like:", questions too (a one- or two-word line
    # after a list is the story's next subheading: "Vacancy rate")
    listed = previous == "related" and len(paragraph) < 120 and len(_WORDS.findall(paragraph)) > 2
    if listed and not _STATEMENT_END.search(paragraph):
        return "related"
    if len(paragraph) < 200 and any(p.search(paragraph) for p in patterns.byline):
        return "byline"
    if len(paragraph) < _TIMESTAMP_MAX and _timestamp(paragraph):
        return "byline"  # "Updated 14:05 GMT, 3 March 2025", "Dec. 3, 2024 at 4:17 PM"
    if tail and len(paragraph) < 300 and any(p.search(paragraph) for p in patterns.bio):
        return "byline"
    return None


def _timestamp(paragraph: str) -> bool:
    """A line of nothing but a date and time (and "Published", "Updated", a place before a comma): the stamp
    a site prints under the byline. News has a verb."""
    text = _STAMP_PLACE.sub("", paragraph.strip(), count=1)
    words = _STAMP_TOKEN.findall(text)
    if not words or "".join(words) != re.sub(r"\s+", "", text) or words[0].lower() in ("at", "on"):
        return False
    # a year, or the site's own words: not "Thursday, April 2." or "At 12:03 p.m.", short sentences of a story
    site = _STAMP_SITE.search(text)
    dated = _STAMP_YEAR.search(text) and _STAMP_MONTH_OR_TIME.search(text)
    return bool(site or dated)  # a month or a time with the year: not "Flores, 1967-1994."


def _appeal_shaped(paragraph: str) -> bool:
    """An appeal speaks to the reader and is short; a long paragraph that reports speech or names no reader is
    news that mentions money ("the council voted to give $4.5 million", "asks for a tax-deductible donation").
    Only the words outside quotes count as speaking to the reader; a paragraph that reports speech and speaks to
    no reader itself is news ("Become a member, the gym's advertising said"), and a short line that names no
    reader is an appeal only when it is not a statement about others ("Donate now" is; "Donations are
    tax-deductible." and "The grant will give $6 million to the state." are news)."""
    if len(paragraph) > _APPEAL_MAX:
        return False
    if _READER_ADDRESS.search(_QUOTED.sub(" ", paragraph)):
        return True  # the publisher's own words speak to the reader ('Click "Donate" to support our work')
    if _REPORTED_SPEECH.search(paragraph):
        return False  # '"The shelter needs your help," the director said.' reports an appeal
    return len(paragraph) < 200 and not _statement(paragraph)


def _statement(paragraph: str) -> bool:
    """Full sentences about others: ends with a full stop, has a few words, speaks to no reader ("you", "our")
    and asks nothing of them (no sentence opens with "Subscribe", "Donate", "Share"...). Publisher furniture is
    almost never one: it addresses the reader, or is a button, a list of headlines, a credit or a question; a
    short news paragraph almost always is ("Schools are closed.", "She was 85.", "The alerts are free."). One
    that speaks of readers is left to the classifier."""
    words = len(_WORDS.findall(paragraph))
    return (
        words >= _STATEMENT_WORDS
        and (
            bool(_STATEMENT_END.search(paragraph))
            or (bool(_LIST_HEADER.fullmatch(paragraph)) and not _SITE_LIST.search(paragraph))
        )
        and not _READER_ADDRESS.search(paragraph)
        and not _READERS.search(paragraph)
        and not _CALL_TO_ACTION.search(paragraph)
    )


def clean_text(raw: str, patterns: Patterns | None = None) -> tuple[str, list[RemovedSpan], str | None]:
    """Return (clean text, removed spans, dateline) for a raw plain text."""
    text, removed, dateline, _ = _clean(raw, patterns)
    return text, removed, dateline


def _verdicts(
    raw: str, spans: list[tuple[int, int]], classifier: ParagraphClassifier | None, patterns: Patterns
) -> dict[int, str]:
    """Paragraph start → furniture kind, for the paragraphs the classifier judges not to be news and that are
    not shaped like news (``_news_shaped``)."""
    if classifier is None or len(spans) < _CLASSIFIED_MIN:
        return {}  # a headline or a one- or two-line text: too little around a paragraph to judge its place
    texts = [raw[start:end] for start, end in spans]
    judged = classifier.judge(texts)
    found = {
        index: kind
        for index, (p_news, kind) in enumerate(judged)
        if p_news < classifier.threshold and not _news_shaped(texts, index, patterns)
    }
    # a headline between two listed headlines is listed too, however its own words score
    for index in range(1, len(texts) - 1):
        listed = found.get(index - 1) == found.get(index + 1) == "related"
        if listed and index not in found and _headline(texts[index]) and not _news_shaped(texts, index, patterns):
            found[index] = "related"
    return {spans[index][0]: kind for index, kind in found.items()}


def _news_shaped(texts: list[str], index: int, patterns: Patterns) -> bool:
    """What the classifier may not remove, whatever it says of a paragraph's words and shape: reported speech or
    a dated act, a statement about others, a dateline on its own line ("DOVER, Del. —"), and a subheading or a
    question that the next paragraph goes on from or answers ("Who has to pay?" then "Anyone parking
    downtown."); a headline or question in a list of related stories is followed by another headline, not by
    a statement."""
    text = texts[index]
    if _reports(text) or _statement(text):
        return True
    dateline = patterns.dateline.match(text + " ")
    if dateline and dateline.end() >= len(text):
        return True
    if _FACT_LINE.match(text) and not _SITE_STAT.match(text):
        return True  # "Deaths: 38", "Turnout: 24.1%": the story's facts in a box
    followed_by_a_statement = index + 1 < len(texts) and _statement(texts[index + 1])
    short = _SHORT_SUBHEADING.fullmatch(text.strip()) and not _BUTTON_WORDS.search(text)
    if index and followed_by_a_statement and short:
        return True  # "Cause" over the paragraph about the cause
    if (
        followed_by_a_statement
        and _headline(text)
        and len(_WORDS.findall(text)) >= _SUBHEADING_WORDS
        and not _INNER_STOP.search(text)
    ):
        return True  # a subheading over the next part of the story ("Violence grew throughout the week")
    return followed_by_a_statement and text.rstrip().endswith("?") and not _READER_ADDRESS.search(text)


def _headline(paragraph: str) -> bool:
    """Shaped like a headline ("Gym chain raises fees", "Storm leaves 200,000 homes without power"): the first
    paragraph an article keeps is its title when it has this shape and asks nothing of the reader."""
    low, high = _HEADLINE_WORDS
    words = len(_WORDS.findall(paragraph))
    return (
        bool(_HEADLINE.match(paragraph))
        and low <= words <= high
        and (words > _SHORT_HEADLINE or bool(_LOWER_WORD.search(paragraph)))
        and not _READER_ADDRESS.search(paragraph)
        and not _CALL_TO_ACTION.search(paragraph)
    )


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
    in_list = False  # the paragraphs kept last are a list header ("The outages by county:") and its items
    position = 0
    spans = list(_paragraphs(raw))
    verdicts = _verdicts(raw, [span for span in spans if span[0] not in judged], classifier, patterns)
    listed = _headline_runs([raw[start:end] for start, end in spans], patterns)
    tail = {start for start, _ in spans[-_TAIL:]}
    for index, (start, end) in enumerate(spans):
        paragraph = raw[start:end]
        if start in judged:  # left out of the article by trafilatura: say what it is when we can tell
            found = None if judged[start] == "title" else _reason(paragraph, patterns, previous)
            previous = found
            removed.append(RemovedSpan(start, end, found or judged[start], paragraph, _next(position, kept)))
            continue
        reason = _reason(paragraph, patterns, previous, tail=start in tail)
        if reason is None and index in listed:
            reason = "related"  # "Kidnappers free 40 students\nGovernors meet over …\nPolice chief announces …"
        item = in_list and len(paragraph) <= _LIST_ITEM_MAX and not _SENTENCE_END.search(paragraph)
        if reason is None and start in verdicts and (kept or not _headline(paragraph)) and not item:
            reason = verdicts[start]
            # a list goes on under a header the patterns know ("Read more:"), not one the classifier guessed
            previous = reason if reason != "related" or previous == "related" else None
        else:
            previous = reason
        if reason:
            removed.append(RemovedSpan(start, end, reason, paragraph, _next(position, kept)))
            in_list = False
            continue
        in_list = item or paragraph.rstrip().endswith(":")  # a kept header's items are news like it
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


def _headline_runs(texts: list[str], patterns: Patterns) -> set[int]:
    """Indices of the lines in unbroken runs of ``_HEADLINE_RUN`` or more headlines of four words or more with no
    colon that the patterns see no furniture in: a list of other stories. A story's own headline and its
    subheadings stand alone, or beside a byline or a share row."""
    shaped = [
        _headline(t) and ":" not in t and len(_WORDS.findall(t)) >= 4 and _reason(t, patterns, None) is None
        for t in texts
    ]
    out: set[int] = set()
    run: list[int] = []
    for index, flag in enumerate([*shaped, False]):
        if flag:
            run.append(index)
            continue
        if len(run) >= _HEADLINE_RUN:
            out.update(run)
        run = []
    return out


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
