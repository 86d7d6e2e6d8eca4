"""Event locations: the event's own place phrases → gazetteer entries (``event_loc``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from spacy.tokens import Span, Token

from eventwire.events.candidate import EventCandidate
from eventwire.events.lexicon import Lexicon
from eventwire.models import QUAD_CODES, EventLocation
from eventwire.nlp.ents import entity_at, span_ents
from eventwire.resolve.actors import ActorKB
from eventwire.resolve.places import Context, Gazetteer, Place

_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def _core(span: Span, lexicon: Lexicon) -> tuple[str, bool, int] | None:
    """The proper name inside a place phrase, whether it names a region, and the index of its first token.

    "the Donetsk region" → ("Donetsk", True); "the town of Lyman" → ("Lyman", False);
    "the Donetsk region town of Lyman" → ("Lyman", False); "the area" → None.
    """
    tokens = list(span)
    for i, token in enumerate(tokens):
        if token.lower_ in ("'s", "’s") and i + 1 < len(tokens):
            tokens = tokens[i + 1 :]  # "Russia's Kursk region" → "Kursk region"
            break
    region = False
    for i, token in enumerate(tokens):
        if token.lower_ == "of" and i > 0 and tokens[i - 1].lemma_.lower() in lexicon.words("place_nouns"):
            region = tokens[i - 1].lemma_.lower() in lexicon.words("region_nouns")  # "the province of Arauca"
            tokens = tokens[i + 1 :]
            break
    while tokens and (tokens[0].dep_ == "det" or tokens[0].is_punct or tokens[0].pos_ in ("ADJ", "NUM")):
        named = len(tokens) > 1 and tokens[1].lemma_.lower() in lexicon.words("region_nouns")
        if tokens[0].ent_type_ in _PLACE_ENTS or (tokens[0].pos_ == "ADJ" and tokens[0].text[:1].isupper() and named):
            break  # "the restive North-West region": a capitalised adjective before a region word is its name
        tokens = tokens[1:]
    if tokens and tokens[-1].lemma_.lower() in lexicon.words("region_nouns"):
        region = True
        tokens = tokens[:-1]
    if not tokens or not any(
        t.pos_ == "PROPN" or t.ent_type_ in _PLACE_ENTS or (t.pos_ == "ADJ" and t.text[:1].isupper()) for t in tokens
    ):
        return None
    if not tokens[0].text[:1].isupper():
        return None
    # the text as written ("North-West", not "North - West")
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text, region, tokens[0].i


def _capital_of(span: Span, gazetteer: Gazetteer, kb: ActorKB, context: frozenset[str] = frozenset()) -> Place | None:
    """ "Niger's capital", "the Sudanese capital", "the capital of Niger": that country's capital city; "the
    capital" alone: the capital of the one country the story is about."""
    capital = next((t for t in span if t.lemma_.lower() == "capital" and t.pos_ == "NOUN"), None)
    if capital is None:
        return None
    named = [t for t in capital.children if t.dep_ in ("poss", "amod", "compound", "nmod")]
    named += [o for prep in capital.children if prep.lower_ == "of" for o in prep.children if o.dep_ == "pobj"]
    for token in named:
        # the whole name the word belongs to ("the Papua New Guinea capital" is not Guinea's)
        name = next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)
        entry = kb.lookup(name)
        if entry is not None and entry.kind in ("country", "demonym"):
            return gazetteer.capital(entry.code)
    if not named and capital.i > 0 and capital.doc[capital.i - 1].lower_ == "the" and len(context) == 1:
        return gazetteer.capital(next(iter(context)))
    return None


def _province(place: Place) -> str | None:
    """The admin-1 region a town or district lies in (ACLED's admin1); the region itself at region level."""
    if place.resolution == 2:
        return place.admin1_name or place.name
    return place.admin1_name if place.resolution > 2 else None


def place_summary(place: Place) -> dict[str, Any]:
    """A place as the store keeps a document's place (the fields incident grouping reads)."""
    return {
        "resolved_place": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "resolution": place.resolution,
        "province": _province(place),
        "country_code": place.country_code,
    }


def _location(extracted: str, place: Place) -> EventLocation:
    return EventLocation(
        extracted_place=extracted,
        resolved_place=place.name,
        geonameid=place.geonameid,
        lat=place.lat,
        lon=place.lon,
        city=place.name if place.resolution == 4 else None,
        district=place.name if place.resolution == 3 else None,
        province=_province(place),
        country=place.country,
        country_code=place.country_code,
        feature_class=place.feature_class,
        feature_code=place.feature_code,
        resolution=place.resolution,
    )


def resolve_place_text(
    text: str, region: bool, gazetteer: Gazetteer, kb: ActorKB, context: frozenset[str]
) -> Place | None:
    if region:
        return gazetteer.region(text, context)
    entry = kb.lookup(text)
    if entry is not None and entry.kind == "country":
        return gazetteer.country(entry.code)
    if entry is not None and entry.kind == "metonym":
        return None  # "outside Congress": an institution, not Congress, Arizona
    return gazetteer.best(text, Context(countries=context))


_CLAUSE_LINKS = frozenset({"conj", "advcl", "xcomp", "ccomp", "pcomp", "acl", "relcl"})


def _entities_under(token: Token, own_clause: bool) -> list[Span]:
    """GPE/LOC/FAC entities in the token's subtree (only its own clause when ``own_clause``)."""
    found: list[Span] = []
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if own_clause and child.dep_ in _CLAUSE_LINKS:
                continue
            if child.ent_iob_ == "B" and child.ent_type_ in _PLACE_ENTS:
                ent = entity_at(child.doc, child.i)
                if ent is not None:
                    found.append(ent)
            stack.append(child)
    return found


def _fallback_places(candidate: EventCandidate, speech: frozenset[str]) -> list[list[Span]]:
    """Where to look when the event's own place phrases name nothing resolvable, in order:
    places named inside its clause ("a Moscow court", "a Minneapolis police station", "Kenya's parliament");
    places in its subordinate clauses ("killed 100 people when they broke up a sit-in in Khartoum"); places of
    the clauses it belongs to ("burst into a studio in Guayaquil ... and took staff hostage"); for physical
    events (and aid and withdrawals), any place the sentence names outside the attribution."""
    trigger = candidate.trigger
    tiers = [_entities_under(trigger, own_clause=True), _entities_under(trigger, own_clause=False)]
    governing: list[Span] = []
    current = trigger
    for _ in range(4):
        if current.dep_ not in _CLAUSE_LINKS or current.head.i == current.i:
            break
        if current.dep_ == "ccomp" and current.head.lemma_.lower() in speech:
            break  # "the governor said ...": the speaker's place is not the event's
        current = current.head
        governing.extend(_entities_under(current, own_clause=True))
    tiers.append(governing)
    if QUAD_CODES[candidate.event] == 4 or candidate.event in ("AID", "RETREAT"):  # material events
        said = candidate.attribution
        tiers.append(
            [
                e
                for e in span_ents(candidate.sentence)
                if e.label_ in ("GPE", "LOC") and not (said is not None and said.start <= e.start < said.end)
            ]
        )
    return tiers


def event_location(
    candidate: EventCandidate,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    kb: ActorKB,
    context: frozenset[str],
    readings: Mapping[int, Place | None] | None = None,
) -> EventLocation | None:
    """The most precise resolvable place among the event's own place phrases, nearest the trigger first;
    failing those, the fallbacks of ``_fallback_places`` in order. ``readings``: the geoparser's reading of
    each place mention, by its first token, resolved together with the document's other places."""
    best = _best_location(candidate.places, candidate, lexicon, gazetteer, kb, context, readings or {})
    if best is not None:
        return best
    for spans in _fallback_places(candidate, lexicon.words("speech_verbs")):
        best = _best_location(spans, candidate, lexicon, gazetteer, kb, context, readings or {})
        if best is not None:
            return best
    return None


def _best_location(
    spans: list[Span],
    candidate: EventCandidate,
    lexicon: Lexicon,
    gazetteer: Gazetteer,
    kb: ActorKB,
    context: frozenset[str],
    readings: Mapping[int, Place | None],
) -> EventLocation | None:
    best: EventLocation | None = None
    phrases = sorted(spans, key=lambda s: abs(s.root.i - candidate.trigger.i))
    for span in phrases:
        capital = _capital_of(span, gazetteer, kb, context)
        core = _core(span, lexicon) if capital is None else None
        if capital is not None:
            place: Place | None = capital
        elif core is not None:
            # the geoparser's reading, even none: what it could not place among the story's places stays unplaced
            if core[2] in readings:
                place = readings[core[2]]
            else:
                place = resolve_place_text(core[0], core[1], gazetteer, kb, context)
        else:
            continue
        if place is None or (place.resolution == 1 and _neighbour(span)) or _route(span, gazetteer):
            continue
        location = _location(span.text, place)
        if best is None or (location.resolution or 0) > (best.resolution or 0):
            best = location
    return best


_BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})


def _neighbour(span: Span) -> bool:
    """ "moved troops to its frontier with Belarus": the country across a border is not where the event is."""
    root = span.root
    return root.dep_ == "pobj" and root.head.lower_ == "with" and root.head.head.lemma_.lower() in _BORDER_NOUNS


_ROUTE_NOUNS = frozenset(
    {"highway", "motorway", "road", "railway", "railroad", "line", "route", "pipeline", "corridor"}
)
_LINKED_NAMES = re.compile(r"\b[A-Z][\w'’]+(?:-[A-Z][\w'’]+)+\b")


def _route(span: Span, gazetteer: Gazetteer) -> bool:
    """ "blocked the Athens-Thessaloniki highway": a road named for the towns it joins is in neither (a town whose
    own name has a hyphen is one place: "the Ivano-Frankivsk road")."""
    words = [*span, span.root.head] + ([span.doc[span.end]] if span.end < len(span.doc) else [])
    linked = _LINKED_NAMES.search(span.text)
    return (
        linked is not None
        and any(t.lemma_.lower() in _ROUTE_NOUNS for t in words)
        and not gazetteer.lookup(linked.group())
    )
