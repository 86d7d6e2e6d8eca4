"""Place mentions: where in a document a place is named, before any is resolved.

spaCy's GPE/LOC/FAC entities (after the gazetteer ruler in ``nlp.toponyms``), trimmed and with a county word
the model left outside; nationality words; places inside organisations' and unresolvable places' names
("Lamar County Commissioners", "the Oakdale Fire Department"); lists of counties ("Butler, Clark or Preble
counties"); legislators' home towns ("R-Moorpark"); people named for a region ("Abkhaz", "Iowans"); and
hyphenated pairs ("Texas-based", "Fargo-Moorhead").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from functools import lru_cache

from spacy.tokens import Doc, Span

from eventwire.resolve.actors import ActorKB
from eventwire.settings import DATA_DIR

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

_COUNTY_WORDS = frozenset({"county", "parish"})
_PARTY_DASH = re.compile(r"\b(D|R|I|DFL)\s?-\s?[A-Z]")
_UNITS_PLURAL = re.compile(r"\b(?:counties|parishes)\b", re.IGNORECASE)
#: party letters before a legislator's home town ("R-Moorpark", "DFL-Cook")
_PARTIES = frozenset({"D", "R", "I", "DFL"})
#: names that are places only as part of a longer name
_GENERIC = frozenset(
    {"east", "west", "north", "south", "eastern", "western", "northern", "southern", "central", "district",
     "county", "city", "town", "village", "valley", "fort", "mount", "lake", "river", "state", "region",
     "midwest", "downtown", "uptown", "township", "court", "square", "park", "street", "avenue", "road", "hall",
     "center", "centre", "college", "university", "school", "church", "station", "airport", "bridge", "harbor",
     "harbour", "federal", "national", "january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"}
)  # fmt: skip
#: the rest of an organisation's name that makes its first words a town's name ("Oakdale Fire Department")
_INSTITUTIONS = frozenset(
    {"police", "fire", "department", "council", "board", "school", "schools", "high", "elementary", "church",
     "society", "library", "hospital", "chamber", "commission", "commissioners", "court", "sheriff",
     "sheriff's", "press", "times", "herald", "tribune", "gazette", "journal", "courier", "club",
     "association", "emergency", "correctional", "historical", "city", "township", "village", "borough",
     "education", "community", "public", "area", "regional", "municipal", "utilities", "housing", "center",
     "centre", "recreation", "museum", "memorial", "stadium", "arena", "mall", "plaza", "airport", "park",
     "cemetery", "medical", "college", "university", "zoo", "post", "office", "station"}
)  # fmt: skip
#: "Northeast Georgia", "southern Iraq", "upstate New York", "East Texas": a part of the place named after it
PART = re.compile(
    r"^(?:(?:north|south)(?:east|west)?(?:ern)?|east(?:ern)?|west(?:ern)?|central|upstate|downstate|"
    r"mid|middle|greater|inner|outer|coastal|rural|metro)\s+(.+)$",
    re.IGNORECASE,
)


def mentions(
    doc: Doc, kb: ActorKB, known: Callable[[str], bool], named: Callable[[str], bool] | None = None
) -> list[tuple[Span, bool]]:
    """Place mentions (span, is_demonym), in document order — including places inside organisation names
    ("the Texas Department of State Health Services", "the American Farm Bureau") and inside place entities
    that are not places as a whole ("Lamar County Commissioners", "the State of Illinois' Web site").
    ``known``: worth reading as a place inside any name; ``named``: the gazetteer has the name at all."""
    named = named or known
    found: list[tuple[Span, bool]] = []
    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            entry = kb.lookup(ent.text)
            if entry is not None and entry.kind == "demonym":  # "the Somali government", tagged GPE
                found.append((ent, True))
                continue
            if entry is not None and entry.kind == "metonym":
                continue  # "outside Congress", "the Knesset": an institution, not Congress, Arizona
            span = _with_unit(_trim(ent))
            if span.text.lower() in _GENERIC or len(span.text.rstrip(".")) < 2 or not span.text[:1].isupper():
                continue  # "East", "D" (of "D-N.Y."), "canton" (not Canton, China)
            inner = [] if named(span.text) else _inside(ent, kb, known, named)
            found.extend(inner or [(span, False)])
        elif ent.label_ == "NORP":
            entry = kb.lookup(ent.text)
            if entry is not None and entry.kind in ("demonym", "country"):
                # a country's own name tagged NORP ("Georgia") is still a name to resolve, not a nationality
                found.append((ent, entry.kind == "demonym"))
        elif ent.label_ in ("PERSON", "PRODUCT") and (entry := kb.lookup(ent.text)) is not None:
            if entry.kind == "demonym":  # "Sri Lankan interests", tagged PERSON
                found.append((ent, True))
        elif ent.label_ in ("ORG", "FAC", "EVENT", "LAW"):
            found.extend(_inside(ent, kb, known, named))
    return found


#: "Iowans", "Gazans", "Richmondites", "Ohioans": people named for where they live
_RESIDENT_ENDINGS = (("ians", "ia"), ("ans", "a"), ("ans", ""), ("ians", "io"), ("ites", ""), ("ers", ""), ("ns", ""))


@lru_cache(maxsize=1)
def regional_demonyms() -> dict[str, str]:
    """Words for the people of a region rather than a country ("Abkhaz", "Texan") → the region's name
    (``data/gazetteer/demonyms.csv``)."""
    with (DATA_DIR / "gazetteer" / "demonyms.csv").open(encoding="utf-8", newline="") as handle:
        return {row["demonym"]: row["place"] for row in csv.DictReader(handle)}


@lru_cache(maxsize=1)
def _demonym_pattern() -> re.Pattern[str]:
    names = sorted(regional_demonyms(), key=len, reverse=True)  # "South Ossetians" before "South Ossetian"
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")


def residents(doc: Doc, kb: ActorKB, named: Callable[[str], bool], text: str) -> dict[int, tuple[Span, str]]:
    """People named for a region ("Abkhaz", "South Ossetian", "Texans") or, when the actor knowledge base lacks
    them, plurals of residents ("Iowans", "Richmondites"), each read as its place: start token → (the words,
    the place's name)."""
    out: dict[int, tuple[Span, str]] = {}
    table = regional_demonyms()
    for match in _demonym_pattern().finditer(text):
        words = doc.char_span(match.start(), match.end())
        if words is not None:
            out[words.start] = (words, table[match.group()])
    for ent in doc.ents:
        if ent.start in out:
            continue
        text = ent.text
        if ent.label_ != "NORP" or len(ent) != 1 or not text.endswith("s") or kb.lookup(text) is not None:
            continue
        for ending, stem_end in _RESIDENT_ENDINGS:
            place = text[: -len(ending)] + stem_end
            if text.endswith(ending) and len(place) > 2 and named(place):
                out[ent.start] = (ent, place)
                break
    return out


def _with_unit(span: Span) -> Span:
    """ "Licking" + "County Genealogy Society": the county word that the model gave to the next name."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in _COUNTY_WORDS and doc[span.end].text[:1].isupper():
        return doc[span.start : span.end + 1]
    return span


def party_homes(doc: Doc, named: Callable[[str], bool], text: str) -> list[Span]:
    """ "Rep. Charles Rangel, D-N.Y.,", "Sen. Tom Bakk, DFL - Cook,": a legislator's state or home town after the
    party letter, up to the comma."""
    out: list[Span] = []
    for match in _PARTY_DASH.finditer(text):
        letter = doc.char_span(match.start(), match.start() + len(match.group(1)))
        if letter is None or letter.end + 1 >= len(doc) or doc[letter.end].text != "-":
            continue
        start = letter.end + 1
        end = start
        while end < len(doc) and end - start < 3 and doc[end].text[:1].isupper():
            end += 1
        if end > start and named(doc[start:end].text):
            out.append(doc[start:end])
    return out


def county_lists(doc: Doc, named: Callable[[str], bool], text: str) -> dict[int, tuple[Span, str]]:
    """ "Butler, Clark, Preble or Warren counties": each name in a list of two or more, read as "<name> County".
    Returns the start token of each name → (its span, the name with the unit)."""
    out: dict[int, tuple[Span, str]] = {}
    for match in _UNITS_PLURAL.finditer(text):
        word = doc.char_span(match.start(), match.end())
        if word is None:
            continue
        token = word[0]
        found: dict[int, tuple[Span, str]] = {}
        unit = "County" if token.lower_ == "counties" else "Parish"
        end = token.i
        i = end - 1
        while i >= 0:
            start = i
            while start >= 0 and doc[start].text[:1].isupper() and doc[start].is_alpha and end - start <= 3:
                start -= 1
            start += 1
            if start == end or not named(f"{doc[start:end].text} {unit}"):
                break
            found[start] = (doc[start:end], f"{doc[start:end].text} {unit}")
            i = start - 1
            if i >= 0 and doc[i].lower_ in ("and", "or"):
                i -= 1
                if i >= 0 and doc[i].text == ",":  # Oxford comma
                    i -= 1
            elif i >= 0 and doc[i].text == ",":
                i -= 1
            else:
                break
            end = i + 1
        if len(found) > 1:  # "Barrow and Jackson counties"; not "other Indiana counties"
            out.update(found)
    return out


def _inside(
    ent: Span, kb: ActorKB, known: Callable[[str], bool], named: Callable[[str], bool]
) -> list[tuple[Span, bool]]:
    """Place names or nationality words inside a name: "Texas Forest Service" → Texas, "University of
    Pennsylvania" → Pennsylvania; a town of any size when the rest names a local institution ("the Oakdale
    Fire Department", "Grand Ledge Emergency Services")."""
    out: list[tuple[Span, bool]] = []
    local = any(t.lower_ in _INSTITUTIONS for t in ent[1:])
    starts = [t.i for t in ent if not (t.i == ent.start and t.lower_ == "the")][:1]
    starts += [t.i + 1 for t in ent if t.lower_ == "of" and t.i + 1 < ent.end]
    # "Northeast Texas Community College", "Association of Western Pennsylvania": past the compass word
    for i in list(starts):  # "South Central Tennessee Development District": past every compass word
        while i + 1 < ent.end and PART.match(f"{ent.doc[i].text} x"):
            i += 1
            starts.append(i)
    for start in starts:
        for end in range(min(ent.end, start + 3), start, -1):
            piece = ent.doc[start:end]
            if (end == ent.end and start == ent.start) or not all(t.text[:1].isupper() for t in piece):
                continue
            if piece.text.lower() in _GENERIC:
                break  # "East African Community"
            entry = kb.lookup(piece.text)
            if entry is not None and entry.kind in ("demonym", "country"):
                out.append((piece, entry.kind == "demonym"))  # "Georgia Department of …" may be the state
                break
            if known(piece.text) or (local and start == starts[0] and end < ent.end and named(piece.text)):
                out.append((_with_unit(piece) if end < ent.end else piece, False))
                break
    return out


#: articles that open Arabic and Romance names ("Al-Tarmiya", "El-Fasher", "Ad-Dali"), not names of their own
ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "at", "az", "ash", "ed", "es", "le", "la", "de", "du"})


def hyphenated(
    doc: Doc, kb: ActorKB, known: Callable[[str], bool], named: Callable[[str], bool]
) -> list[tuple[int, int, str, bool]]:
    """ "Texas-based", "Egyptian-US", "Fargo-Moorhead", "R-Moorpark": places or nationalities joined by a
    hyphen, as character offsets. A town of any size counts next to another place, before "-based", or after
    a legislator's party letter."""
    out: list[tuple[int, int, str, bool]] = []
    for token in doc:
        if "-" not in token.text or token.ent_type_ in PLACE_LABELS or not token.text[:1].isupper():
            continue
        if named(token.text) or all(PART.match(f"{piece} x") for piece in token.text.split("-")):
            continue  # "North-West" (Cameroon's region), "Bosnia-Herzegovina": one name, not two
        pieces = token.text.split("-")
        if pieces[-1].lower() == "bound":
            continue  # "a Karachi-bound coach": where it was going, not where it was
        offset = 0
        for index, piece in enumerate(pieces):
            entry = kb.lookup(piece) if piece[:1].isupper() else None
            demonym = entry is not None and entry.kind in ("demonym", "country")
            others = [p for i, p in enumerate(pieces) if i != index and p[:1].isupper()]
            local = (
                (index > 0 and pieces[index - 1] in _PARTIES)
                or pieces[-1].lower() in ("based", "area")
                or (len(pieces) == 2 and any(known(p) or named(p) for p in others))
            )
            article = index < len(pieces) - 1 and piece.lower() in ARTICLES  # "Al-Tarmiya" is not Ål, Norway
            if (
                piece[:1].isupper()
                and piece not in _PARTIES
                and not article
                and (demonym or known(piece) or (local and named(piece)))
            ):
                out.append((token.idx + offset, token.idx + offset + len(piece), piece, demonym))
            offset += len(piece) + 1
    return out


def _trim(ent: Span) -> Span:
    """Drop a leading "the" from a place entity."""
    if len(ent) > 1 and ent[0].lower_ == "the":
        return ent[1:]
    return ent


def find_mentions(
    doc: Doc, kb: ActorKB, known: Callable[[str], bool], named: Callable[[str], bool]
) -> tuple[list[tuple[Span, bool]], dict[int, str], frozenset[int]]:
    """Every place mention of a document (span, is_demonym) in order, the names some stand for ("Preble" →
    "Preble County", "Texans" → "Texas") by start token, and the starts of those that name people of a place
    (read as a region first, else a town)."""
    found = mentions(doc, kb, known, named)
    text = doc.text  # (built anew on every access)
    people = residents(doc, kb, named, text)
    lists = county_lists(doc, named, text) | people
    extra = [span for span, _ in lists.values()] + party_homes(doc, named, text)
    found = [m for m in found if not any(m[0].start < s.end and s.start < m[0].end for s in extra)]
    found = sorted(found + [(span, False) for span in extra], key=lambda m: m[0].start)
    aliases = {start: name for start, (_, name) in lists.items()}
    return found, aliases, frozenset(people)
