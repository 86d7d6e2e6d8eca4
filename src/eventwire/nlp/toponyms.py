"""The gazetteer ruler: place names the small model misses or mislabels become GPE entities.

en_core_web_sm tags "Lyman" or "Kherson" as PERSON or ORG, or nothing at all. After its NER, this component
looks at capitalised names that the gazetteer knows and relabels or adds them as GPE when the text says they
are places ("in Lyman", "the town of Kupiansk", "Kherson region") or when they are big enough that the place
reading wins (a region, a country, a city of 100,000+ people) — unless the actor knowledge base knows the
name as a person or an organisation.
"""

from __future__ import annotations

from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

_CUE_WORDS = frozenset(
    {"in", "near", "at", "outside", "around", "across", "into", "throughout", "inside", "towards", "toward",
     "from", "to", "via", "of", "between", "and"}
)  # fmt: skip
_PLACE_NOUNS = frozenset({"town", "city", "village", "region", "province", "oblast", "district", "port", "capital"})
_UNITS = frozenset({"region", "province", "oblast", "governorate", "state", "county", "parish", "district"})
_RELABEL = frozenset({"PERSON", "ORG", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"})
_STRETCHED = frozenset({"TIME", "DATE", "QUANTITY", "CARDINAL"})
_COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "outskirts", "mile",
     "kilometre", "kilometer", "km", "suburb", "part", "centre", "center", "heart", "edge"}
)  # fmt: skip
#: "Crafton man", "Avoyelles task force", "Roswell police": a word after a town that says it is one
_RESIDENTS = frozenset(
    {"man", "woman", "men", "women", "boy", "girl", "teen", "teenager", "couple", "family", "resident",
     "residents", "native", "natives", "student", "students", "police", "officials", "officers", "firefighters",
     "deputies", "mayor", "area", "schools", "council", "commissioners", "voters", "businesses", "homeowners"}
)  # fmt: skip
#: party letters before a legislator's home town ("D-Hardy", "R-Moorpark", "DFL-Cook")
_PARTIES = frozenset({"D", "R", "I", "DFL"})
_BIG = 100_000
#: "NEWARK -- The council…": the dash that closes a dateline
_DASHES = frozenset({"--", "—", "–", "-"})
_MAX_WORDS = 4


@lru_cache(maxsize=1)
def _resources():
    from eventwire.resolve.actors import load_actor_kb
    from eventwire.resolve.places import load_gazetteer

    return load_gazetteer(), load_actor_kb()


def _cued(span: Span) -> bool:
    """The words before (or the word after) say this is a place."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in ("'s", "’s") and before.head.ent_type_ == "GPE":
        return True  # "Ukraine's Donetsk", "Russia's Kursk region"
    if before is not None and before.lower_ in _CUE_WORDS:
        if before.lower_ == "of":
            return span.start > 1 and _of_place(doc[span.start - 2])
        return before.lower_ != "and"
    if span.start > 1 and before is not None and before.text == "-" and doc[span.start - 2].text in _PARTIES:
        return True  # "Sen. Tony Strickland, R-Moorpark"
    after = doc[span.end] if span.end < len(doc) else None
    return after is not None and (after.lower_ in _UNITS or (after.lower_ in _RESIDENTS and not after.is_title))


def _of_place(noun: Token) -> bool:
    """ "the town of", "north of", "Kalena Horhn of", "Henry, 19, of", "a native of": what "of" a place follows."""
    word = noun.lemma_.lower()
    if word in _PLACE_NOUNS or word in _COMPASS or word in _RESIDENTS or noun.ent_type_ == "PERSON":
        return True
    # "Chiquita Henry, 19, of": a person's age between commas
    doc = noun.doc
    return noun.text == "," and noun.i > 1 and doc[noun.i - 1].like_num and doc[noun.i - 2].text == ","


def _titled(span: Span) -> bool:
    """ "President Jackson", "Mr Lyman": a person, whatever the gazetteer says."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None:
        return False
    _, kb = _resources()
    title = before.text.rstrip(".").lower()
    return title in ("mr", "mrs", "ms", "dr", "gen", "col", "sen", "rep", "gov") or title in kb.sectors


def _surnames(ents: tuple[Span, ...]) -> frozenset[str]:
    """Last words of the full names of people in the document: a one-word PERSON among them ("Olena Lyman ...
    Lyman said") is a person."""
    return frozenset(e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1)


def _place_reading(span: Span, cued: bool) -> bool:
    gazetteer, kb = _resources()
    text = span.text
    if _titled(span):
        return False
    entry = kb.lookup(text)
    if entry is not None and entry.kind in ("organization", "person", "metonym"):
        return False
    if kb.people and kb.person(text) is not None:
        return False
    places = gazetteer.lookup(text)
    if not places:
        return False
    if cued:
        return True
    return any(p.resolution <= 2 or p.population >= _BIG for p in places if p.main_name)


def _possessive_place(span: Span) -> bool:
    """ "Rock Hill's Main Street", "DeKalb's plan": a town's own things (towns of 10,000+ or counties)."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if after is None or after.lower_ not in ("'s", "’s"):
        return False
    gazetteer, _ = _resources()
    return any(p.main_name and (p.population >= 10_000 or p.resolution <= 3) for p in gazetteer.lookup(span.text))


def _capitalised(token: Token) -> bool:
    """A name's word; an upper-case word whatever its tag ("BEIRUT:" is tagged an adverb)."""
    if not (token.text[:1].isupper() and token.is_alpha):
        return False
    return token.pos_ in ("PROPN", "NOUN", "ADJ") or (token.is_upper and len(token) > 2)


_SAINTS = frozenset({"st", "mt", "ft", "pt"})


def _saint(span: Span) -> Span:
    """ "ST. PAUL", "Mt. Pleasant", "Ft. Worth": the abbreviation the name begins with (one token or two)."""
    doc, start = span.doc, span.start
    if start > 0 and doc[start - 1].text.endswith(".") and doc[start - 1].lower_.rstrip(".") in _SAINTS:
        return Span(doc, start - 1, span.end, label=span.label_)
    if start > 1 and doc[start - 1].text == "." and doc[start - 2].lower_ in _SAINTS:
        return Span(doc, start - 2, span.end, label=span.label_)
    return span


def _opening(doc: Doc, i: int, places: set[str]) -> bool:
    token = doc[i]
    return (token.is_upper and len(token) > 2) or token.text in places or _before_residents(doc, i)


def _before_residents(doc: Doc, i: int) -> bool:
    """A run of capitalised words from ``i`` followed by a resident word ("Grand Prairie police")."""
    j = i
    while j < len(doc) and j - i < _MAX_WORDS and doc[j].text[:1].isupper():
        j += 1
    return j < len(doc) and j > i and doc[j].lower_ in _RESIDENTS


def _candidates(doc: Doc, places: set[str]) -> list[Span]:
    """Runs of capitalised words outside place entities (longest first at each start); a sentence's first word
    only when it is upper case (a dateline) or a name the text already uses as a place."""
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        token = doc[i]
        # a sentence's first word: a dateline, a name used as a place elsewhere, or a headline's subject
        # ("Chicopee residents discuss …", "Grand Prairie police investigate …")
        if (
            not _capitalised(token)
            or token.ent_type_ in ("GPE", "LOC")
            or (token.is_sent_start and not _opening(doc, i, places))
        ):
            i += 1
            continue
        j = i
        while j < len(doc) and j - i < _MAX_WORDS and _capitalised(doc[j]) and doc[j].ent_type_ not in ("GPE", "LOC"):
            j += 1
        for end in range(j, i, -1):
            spans.append(doc[i:end])
        i = j
    return spans


@Language.component("eventwire_toponyms")
def gazetteer_ruler(doc: Doc) -> Doc:
    """Relabel or add GPE entities for gazetteer places the statistical NER missed."""
    new: list[Span] = []
    ents = tuple(doc.ents)  # built once: Doc.ents makes new spans on every access
    surnames = _surnames(ents)
    for ent in ents:
        if ent.label_ not in _RELABEL:
            continue
        # a lone one-word "person" the gazetteer knows is almost always a town ("pummelled Lyman")
        lone = ent.label_ == "PERSON" and len(ent) == 1 and ent.text not in surnames
        if _place_reading(ent, _cued(ent) or lone):
            new.append(Span(doc, ent.start, ent.end, label="GPE"))
    # a time or a quantity the model stretched over a name ("12:03 p.m. Walker County") does not hide the name
    taken = {t.i for ent in ents if ent.label_ not in _RELABEL | _STRETCHED for t in ent}
    # a name the text already uses as a place is that place elsewhere in the document too
    places = {e.text for e in ents if e.label_ in ("GPE", "LOC")} | {n.text for n in new}
    # … and so is the name of a county or region it names ("Barrow" after "Barrow County")
    places |= {e[:-1].text for e in ents if e.label_ in ("GPE", "LOC") and len(e) > 1 and e[-1].lower_ in _UNITS}
    for span in _candidates(doc, places):
        # an upper-case dateline opening a sentence ("COLUMBUS, Ohio (AP) —") is a place
        after = doc[span.end].text if span.end < len(doc) else ""
        dateline = span.text.isupper() and (after in _DASHES or (span[0].is_sent_start and after in (",", ":")))
        again = span.text in places
        if any(t.i in taken for t in span) or not (_cued(span) or dateline or again or _possessive_place(span)):
            continue
        if _place_reading(span, True):
            new.append(Span(doc, span.start, span.end, label="GPE"))
            taken.update(t.i for t in span)
    new += [x for e in (*ents, *new) if e.label_ in ("GPE", "LOC") and (x := _saint(e)).start != e.start]
    if new:
        kept = [e for e in ents if not any(e.start < n.end and n.start < e.end for n in new)]
        doc.ents = filter_spans(kept + new)
    return doc
