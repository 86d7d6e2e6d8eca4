"""Event dates: the date expression attached to the event's own clause, resolved against publication.

Direction follows the event's modality: "will vote Friday" is the coming Friday, "shelled on Friday" the last
one. Weekdays, seasons and years are ours; other expressions go to ``dateparser`` with the publication date as
its relative base. No date in the clause → the publication date with precision "publication".
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from eventwire.events.candidate import EventCandidate
from eventwire.nlp.ents import span_ents

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(_WEEKDAYS) + r")\b", re.IGNORECASE)
_SEASON = re.compile(
    r"\b(?:(this|last|next|in the)\s+)?(spring|summer|autumn|fall|winter)\b(?:\s+(?:of\s+)?(\d{4}))?", re.I
)
_SEASON_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}
_YEAR = re.compile(r"^(?:in\s+)?((?:19|20)\d{2})$", re.IGNORECASE)
_PERIODS = {"day": "day", "time": "day", "week": "week", "month": "month", "year": "year"}
#: parsed dates further than this from publication are taken as misreadings
_MAX_FUTURE = dt.timedelta(days=400)
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50,
}  # fmt: skip
_AGO = re.compile(r"\b(\d+|[a-z]+)\s+(year|month|week|day)s?\s+ago\b", re.IGNORECASE)
_UNIT = re.compile(r"\b(?:year|month|week|day|decade|hour)s?\b", re.IGNORECASE)
#: words that make "three years" a point in time rather than a length of time
_ANCHORED = re.compile(r"\b(?:ago|last|next|this|earlier|later|since|before|after|from now|early|late)\b", re.I)
_DECADE = re.compile(r"\b(?:the\s+)?(early|mid|mid-|late)?\s*((?:19|20)\d)0s\b", re.IGNORECASE)
_DECADE_OFFSET = {"early": 0, "mid": 4, "mid-": 4, "late": 7}
#: all-number dates: "11.09.2025", "13-09-2025", "16/09/2025", "26/02"
_NUMERIC = re.compile(r"^(?:on\s+)?(\d{1,2})\s*([./-])\s*(\d{1,2})(?:\s*\2\s*((?:19|20)?\d{2}))?$", re.IGNORECASE)
#: "at 1415 hrs": a four-figure clock time, not a year
_CLOCK_WORDS = frozenset({"hrs", "hrs.", "hours", "hr", "h", "gmt", "utc", "ist", "pst", "est", "local"})
#: dateparser reads odd numbers as distant years ("about 1415"): none this old is an event's date
_OLDEST = 1800


def _ago(text: str, published: dt.date) -> EventDate | None:
    """ "five years ago on Monday", "two weeks ago", "a year ago today": back from publication."""
    match = _AGO.search(text)
    if not match:
        return None
    count_text, unit = match.group(1).lower(), match.group(2).lower()
    count = int(count_text) if count_text.isdigit() else _NUMBER_WORDS.get(count_text)
    if count is None:
        return None
    on_the_day = bool(_WEEKDAY.search(text)) or "today" in text.lower()
    # "five years ago on Tuesday": five years before this week's Tuesday
    published = _weekday(text, published, future=False) or published
    if unit in ("year", "month"):
        months = count * (12 if unit == "year" else 1)
        year, month = divmod(published.year * 12 + published.month - 1 - months, 12)
        value = dt.date(year, month + 1, min(published.day, calendar.monthrange(year, month + 1)[1]))
        return EventDate(value, "day" if on_the_day else unit)
    days = count * (7 if unit == "week" else 1)
    return EventDate(published - dt.timedelta(days=days), "day" if unit == "day" or on_the_day else "week")


@dataclass(frozen=True)
class EventDate:
    date: dt.date | None
    precision: str | None


@lru_cache(maxsize=1)
def _parser_cls():  # dateparser is slow to import; load it on first use
    from dateparser.date import DateDataParser

    return DateDataParser


def _weekday(text: str, published: dt.date, future: bool) -> dt.date | None:
    match = _WEEKDAY.search(text)
    if not match:
        return None
    target = _WEEKDAYS.index(match.group(1).lower())
    lower = text.lower()
    if "next" in lower:
        future = True
    if "last" in lower:
        future = False
    if future:
        return published + dt.timedelta(days=(target - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - target) % 7)


_WEEKEND = re.compile(r"^(?:at |over |during |on )?(?:the |this |last |past |next )?weekend$", re.IGNORECASE)


def _weekend(text: str, published: dt.date, future: bool) -> dt.date | None:
    """ "at the weekend", "over the weekend", "this weekend": the Saturday of the weekend meant — the last one
    on or before publication, the coming one for a future event or "next weekend"."""
    if not _WEEKEND.match(text.strip()):
        return None
    if future or "next" in text.lower():
        return published + dt.timedelta(days=(5 - published.weekday()) % 7)
    return published - dt.timedelta(days=(published.weekday() - 5) % 7)


def _season(text: str, published: dt.date) -> dt.date | None:
    match = _SEASON.search(text)
    if not match:
        return None
    which, season, year = match.group(1), match.group(2).lower(), match.group(3)
    year_value = int(year) if year else published.year
    if which and which.lower() == "last":
        year_value -= 1 if _SEASON_MONTH[season] <= published.month or season == "winter" else 0
    if which and which.lower() == "next":
        year_value += 1 if _SEASON_MONTH[season] <= published.month else 0
    return dt.date(year_value, _SEASON_MONTH[season], 1)


def parse_expression(text: str, published: dt.date, future: bool) -> EventDate | None:
    """Resolve one date expression; None when it cannot be read as a date."""
    text = text.strip()
    ago = _ago(text, published)
    if ago is not None:
        return ago
    decade = _DECADE.search(text)
    if decade:
        start = int(decade.group(2)) * 10 + _DECADE_OFFSET.get((decade.group(1) or "").lower(), 0)
        return EventDate(dt.date(start, 1, 1), "year")
    if _UNIT.search(text) and not _ANCHORED.search(text) and not re.search(r"(?:19|20)\d{2}", text):
        return None  # "seven years", "a 48-hour search": a length of time, not a date
    if text.isdigit() and len(text) <= 2:
        return None  # "Rincón, 24, died": an age or a count the model took for a day
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric(numeric, published)
    year = _YEAR.match(text)
    if year:
        return EventDate(dt.date(int(year.group(1)), 1, 1), "year")
    weekend = _weekend(text, published, future)
    if weekend is not None:
        return EventDate(weekend, "week")
    day = _weekday(text, published, future)
    if day is not None and not re.search(r"\d", text):
        return EventDate(day, "day")
    season = _season(text, published)
    if season is not None:
        return EventDate(season, "season")
    parser = _parser_cls()(
        languages=["en"],
        settings={
            "RELATIVE_BASE": dt.datetime.combine(published, dt.time()),
            "PREFER_DATES_FROM": "future" if future else "past",
            "PREFER_DAY_OF_MONTH": "first",
        },
    )
    data = parser.get_date_data(text)
    if data is None or data.date_obj is None:
        return None
    value = data.date_obj.date()
    if (abs(value - published) > _MAX_FUTURE and value > published) or value.year < _OLDEST:
        return None
    precision = _PERIODS.get(data.period or "day", "day")
    if precision == "month":
        value = value.replace(day=1)
    return EventDate(value, precision)


def _numeric(match: re.Match[str], published: dt.date) -> EventDate | None:
    """Day and month in either order: dots and dashes are written day first (most of the world), slashes either
    way, so of the readings that exist the one nearest before publication wins (a report is written after)."""
    first, sep, second, year_text = match.group(1), match.group(2), match.group(3), match.group(4)
    orders = [(int(first), int(second))] if sep in ".-" else [(int(first), int(second)), (int(second), int(first))]
    found: list[dt.date] = []
    for day, month in orders:
        years = [_full_year(year_text)] if year_text else [published.year, published.year - 1]
        for year in years:
            try:
                found.append(dt.date(year, month, day))
            except ValueError:
                continue
    past = [d for d in found if d <= published + dt.timedelta(days=1)]
    if not past:
        return None
    return EventDate(max(past), "day")


def _full_year(text: str) -> int:
    return int(text) + 2000 if len(text) == 2 else int(text)


#: prepositions that open a phrase about an earlier event ("after wages for July went unpaid")
_BACKGROUND_PREPS = frozenset({"after", "following", "since", "before"})
#: a verb in one of these relations to the event's own verb may carry its date
_SAME_EVENT_CLAUSES = frozenset({"xcomp", "advcl"})
#: … when it is joined by nothing (a participle) or by one of these
_SAME_TIME_MARKS = frozenset({"when", "as"})


def _background_clause(verb: Token) -> bool:
    """ "since Russian forces withdrew …", "after talks failed …": a clause about something else, earlier."""
    return any(c.dep_ in ("mark", "advmod") and c.lower_ not in _SAME_TIME_MARKS for c in verb.children if c.i < verb.i)


def _same_time_governor(trigger: Token) -> int | None:
    """The clause a "when"/"as" clause happens at the same time as ("… on Tuesday as hundreds marched")."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    marks = {c.lower_ for c in verb.children if c.dep_ == "mark"}
    return verb.head.i if verb.dep_ == "advcl" and marks & _SAME_TIME_MARKS else None


def _date_entities(candidate: EventCandidate) -> list[Span]:
    """DATE entities of the sentence that hang off the event's own clause (not a "said Thursday"), nearest the
    trigger first; then those of a clause that spells the same event out ("were killed when shells hit the
    town on Friday", "Shelling hit Kharkiv on Friday" parsed with "hit" under "Shelling")."""
    anchors = {t.i for t in candidate.anchors}
    if candidate.trigger.pos_ == "NOUN":
        anchors.add(candidate.trigger.head.i)
    own: list[Span] = []
    spelled_out: list[Span] = []
    opening: list[Span] = []
    behind: set[int] = set()
    governor = _same_time_governor(candidate.trigger)
    for ent in [*span_ents(candidate.sentence), *_numeric_dates(candidate.sentence)]:
        if ent.label_ != "DATE" or _clock_time(ent):
            continue
        token, background = ent.root, False
        while token.head.i != token.i and token.i not in anchors and token.pos_ not in ("VERB", "AUX"):
            background = background or token.lower_ in _BACKGROUND_PREPS
            token = token.head
        if token.i in anchors:
            own.append(ent)
            if background:
                behind.add(ent.start)
        elif token.dep_ in _SAME_EVENT_CLAUSES and token.head.i in anchors and not _background_clause(token):
            spelled_out.append(ent)
        elif token.i == governor:
            spelled_out.append(ent)  # "police fired tear gas on Tuesday as hundreds marched": the march's day too
        elif _opening(ent):
            opening.append(ent)  # "On 13-09-2025 at about 10:20 am, …" mis-parsed: the sentence's own day
    # "staged a blockade on 21 October after wages for July went unpaid": a date inside a phrase about what
    # came before is the event's date only when the clause gives no other
    own.sort(key=lambda e: (e.start in behind, abs(e.root.i - candidate.trigger.i)))
    spelled_out.sort(key=lambda e: abs(e.root.i - candidate.trigger.i))
    return own + spelled_out + opening


def _opening(ent: Span) -> bool:
    """The date opens the sentence ("On 11.09.2025, …", "Yesterday, …")."""
    first = ent.sent.start
    return ent.start == first or (ent.start == first + 1 and ent.doc[first].pos_ == "ADP")


def _numeric_dates(sentence: Span) -> list[Span]:
    """All-number dates the model tagged as a plain number ("On 11.09.2025"), as date spans."""
    found = []
    for token in sentence:
        match = _NUMERIC.match(token.text) if token.ent_type_ != "DATE" else None
        dated = match is not None and token.i > 0 and sentence.doc[token.i - 1].lower_ == "on"
        if match and (match.group(4) or dated):  # a year or "on": not a score ("3-2") or "9/11"
            found.append(Span(sentence.doc, token.i, token.i + 1, label="DATE"))
    return found


def _clock_time(ent: Span) -> bool:
    """ "at about 1415 hrs": the figure is a time of day."""
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return after is not None and after.lower_ in _CLOCK_WORDS and any(t.like_num for t in ent)


def resolve_date(candidate: EventCandidate, published: dt.date | None) -> EventDate:
    if published is None:
        return EventDate(None, None)
    future = candidate.aux_mode == "future" or candidate.event == "AGREE"
    entities = [e for e in _date_entities(candidate) if not _ongoing_since(e)]
    # "five years ago on Monday": the "ago" expression sets the year, the weekday only the exact day
    entities.sort(key=lambda e: not _AGO.search(e.text))
    for ent in entities:
        text = _with_day(ent)
        if _AGO.search(text):
            text += " " + ent.doc[ent.end : min(len(ent.doc), ent.end + 3)].text
        parsed = parse_expression(text, published, future)
        if parsed is not None:
            return parsed
    return EventDate(published, "publication")


_MONTH_FIRST = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.IGNORECASE)


def _with_day(ent: Span) -> str:
    """ "On 17 September": the small model tags "September" alone, leaving the day number out; take it back."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    if (
        before is not None
        and before.text.isdigit()
        and 1 <= int(before.text) <= 31
        and before.ent_type_ in ("", "CARDINAL", "DATE")
        and _MONTH_FIRST.match(ent.text)
    ):
        return f"{before.text} {ent.text}"
    return ent.text


def _ongoing_since(ent: Span) -> bool:
    """ "since February 2022": when something began, not when this event happened."""
    before = ent.doc[ent.start - 1] if ent.start > 0 else None
    return before is not None and before.lower_ == "since"


def is_historical(date: EventDate, published: dt.date, days: int) -> bool:
    """Background years before the report: a year-precision date two calendar years back or more ("in 2014",
    not "last year"), any other date at least ``days`` before publication."""
    if date.date is None or date.precision == "publication":
        return False
    if date.precision == "year":
        return published.year - date.date.year >= 2
    return (published - date.date).days >= days
