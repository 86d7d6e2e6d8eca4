"""Resolve: EventCandidate → the public Event record (actors, places, dates, counts, provenance)."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from spacy.tokens import Doc, Span, Token

from eventwire.events.candidate import EventCandidate
from eventwire.events.lexicon import Lexicon, load_cameo_defaults
from eventwire.events.relevance import is_commerce, political_sectors
from eventwire.models import QUAD_CODES, Actor, CleanDocument, Event, EventLocation, Size, TextInfo
from eventwire.resolve.actors import ActorKB
from eventwire.resolve.coref import FIRST_PERSON, PRONOUNS, Antecedents, is_short_form
from eventwire.resolve.dates import is_historical, resolve_date
from eventwire.resolve.locations import event_location, place_summary
from eventwire.resolve.places import Context, Gazetteer, Place
from eventwire.resolve.toponyms import Geoparser, Toponym
from eventwire.settings import Settings

__all__ = ["Resolver"]

#: cities at least this big count as evidence of the document's country
_CONTEXT_CITY_POPULATION = 250_000


#: a capitalised word ("Peru's" → "Peru")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")


class Resolver:
    """Turns candidates into records; holds the actor KB and the gazetteer (loaded once)."""

    def __init__(self, settings: Settings, lexicon: Lexicon, kb: ActorKB, gazetteer: Gazetteer) -> None:
        self.settings = settings
        self.lexicon = lexicon
        self.kb = kb
        self.gazetteer = gazetteer
        self.geoparser = Geoparser(gazetteer, kb)
        #: the last document's countries and geoparse (``resolve`` and ``document_place`` share them)
        self._parsed: tuple[Doc, frozenset[str], list[Toponym]] | None = None
        self.cameo_defaults = load_cameo_defaults()
        self.political_sectors = political_sectors()
        self.military_nouns = frozenset(
            entry.lemma for entry in lexicon.triggers.values() if entry.event == "ASSAULT" and entry.pos == "NOUN"
        )

    # ------------------------------------------------------------------ document context
    def document_countries(self, doc: Doc, clean: CleanDocument) -> frozenset[str]:
        """ISO3 codes of countries the document names (for place disambiguation)."""
        codes: set[str] = set()
        for ent in doc.ents:
            # the small model sometimes tags a nationality as a person ("Ugandan opposition candidates")
            if ent.label_ in ("GPE", "NORP", "LOC") or (ent.label_ == "PERSON" and len(ent) == 1):
                entry = self.kb.lookup(ent.text)
                if entry is not None and entry.kind in ("country", "demonym", "capital"):
                    codes.add(entry.code)
                elif entry is None and ent.label_ == "GPE":
                    # a big city named in the story ("Kharkiv") tells the country too
                    city = self.gazetteer.best_city(ent.text)
                    # (by its own name, or a metropolis: "Boni" in Mali is not Bonn, whose old name it is)
                    known = city is not None and (city.main_name or city.population >= 1_000_000)
                    if known and city.population >= _CONTEXT_CITY_POPULATION:
                        codes.add(city.country_code)
        # a nationality the model left untagged ("Bangladeshi garment workers" opening a sentence)
        for word in set(_CAPITALISED.findall(clean.text)):
            entry = self.kb.lookup(word)
            if entry is not None and entry.kind in ("country", "demonym"):
                codes.add(entry.code)
        if clean.dateline:
            for part in clean.dateline.replace("(", ",").split(","):
                entry = self.kb.lookup(part.strip().title())
                if entry is not None and entry.kind in ("country", "capital"):
                    codes.add(entry.code)
        # the headline is not coded, but it says where the story is ("Explainer: why Peru's miners are on the road")
        words = _CAPITALISED.findall(clean.document.title or "")
        for word in words + [" ".join(pair) for pair in itertools.pairwise(words)]:
            entry = self.kb.lookup(word)
            if entry is not None and entry.kind in ("country", "demonym"):
                codes.add(entry.code)
        return frozenset(codes)

    def _place_country(self, context: frozenset[str]) -> Callable[[Span], tuple[str, str] | None]:
        def lookup(span: Span) -> tuple[str, str] | None:
            root = span.root
            if root.ent_type_ not in ("GPE", "LOC") and root.pos_ != "PROPN":
                return None
            city = self.gazetteer.best_city(span.text.removeprefix("the ").strip(), context)
            return (city.country_code, city.name) if city else None

        return lookup

    # ------------------------------------------------------------------ records
    def resolve(self, candidates: Iterable[EventCandidate], doc: Doc, clean: CleanDocument) -> list[Event]:
        context = self.document_countries(doc, clean)
        place_country = self._place_country(context)
        when = clean.document.published
        antecedents = Antecedents(
            doc,
            lambda s: self.kb.resolve(s, military_nouns=self.military_nouns, when=when),
            is_place=self._is_place,
        )
        events = []
        readings: dict[int, Place | None] | None = None
        for candidate in candidates:
            if readings is None:  # the document's places, resolved together (only when it has an event)
                # (a mention the geoparser could not place stays unplaced: "Boni" beside Douentza is not Bonn)
                readings = {t.span.start: t.place for t in self._toponyms(doc, context) if not t.chars}
            event = self.to_event(candidate, clean, context, place_country, antecedents, readings)
            if self._political(event, candidate):
                events.append(event)
        return events

    def _toponyms(self, doc: Doc, context: frozenset[str]) -> list[Toponym]:
        """The geoparser's reading of the document's places, once per document."""
        if self._parsed is None or self._parsed[0] is not doc:
            self._parsed = (doc, context, self.geoparser.parse(doc, context))
        return self._parsed[2]

    def document_place(self, doc: Doc, clean: CleanDocument) -> dict[str, Any] | None:
        """Where the story is: its dateline's place, else the town or region it names most (first named on a
        tie). Not an event's place — a fallback that lets incidents group reports that name none."""
        parsed = self._parsed
        context = parsed[1] if parsed is not None and parsed[0] is doc else self.document_countries(doc, clean)
        if clean.dateline:
            name = clean.dateline.replace("(", ",").split(",")[0].strip().title()
            place = self.geoparser.resolve_text(name, Context(countries=context)) if name else None
            if place is not None and place.feature_code == "PPLC" and place.country_code:
                # a wire story filed from the capital ("BAMAKO, Mali —") is about the country, not the city
                place = self.gazetteer.country(place.country_code) or place
            if place is not None and place.resolution >= 1:
                return place_summary(place)
        counts: Counter[tuple[str, float, float]] = Counter()
        first: dict[tuple[str, float, float], Place] = {}
        for toponym in self._toponyms(doc, context):
            place = toponym.place
            if place is not None and place.resolution >= 2 and not toponym.demonym:
                key = (place.name, place.lat, place.lon)
                counts[key] += 1
                first.setdefault(key, place)
        if not counts:
            return None
        top = max(counts.values())
        return place_summary(next(first[k] for k in first if counts[k] == top))

    def _named(self, actor: Actor) -> bool:
        """A state, organisation, leader or political role — not a company or a celebrity."""
        if actor.sector in self.political_sectors:
            return True
        entry = self.kb.lookup(actor.entity_text)
        return entry is not None and entry.kind != "demonym"

    def _political(self, event: Event, candidate: EventCandidate) -> bool:
        """Verbal and cooperative events need an identified actor or recipient (PETRARCH's rule); in a sentence
        about money, cooperation needs a political one ("a Swiss drugmaker agreed to buy ..." is commerce)."""
        parties = event.actor + event.recipient
        # aid that arrives or is delivered somewhere is an event whoever sent it ("relief supplies arrived in
        # Dadu"); the noun alone is not ("pressed Israel to allow more aid into Gaza")
        delivered = event.event == "AID" and event.event_loc is not None and candidate.trigger.pos_ == "VERB"
        if event.quad_code < 4 and not delivered and not any(p.code or p.sector for p in parties):
            return False
        if event.quad_code <= 2 and is_commerce(candidate.sentence):
            return any(self._named(p) for p in parties)
        return True

    def _actors(
        self,
        spans: list[Span],
        place_country: Callable[[Span], tuple[str, str] | None],
        antecedents: Antecedents,
        when,
        home: str | None = None,
        as_place: bool = False,
        single_country: bool = False,
        speaker: Span | None = None,
    ) -> list[Actor]:
        actors: list[Actor] = []
        for span in spans:
            found = self.kb.resolve_all(
                span, military_nouns=self.military_nouns, place_country=place_country, as_place=as_place, when=when
            )
            first_person = span.root.lower_ in FIRST_PERSON or any(
                c.dep_ == "poss" and c.lower_ in FIRST_PERSON for c in span.root.children
            )
            if found[0].code is None and first_person and speaker is not None:
                said = self.kb.resolve(speaker, military_nouns=self.military_nouns, when=when)
                if said.code is None and said.sector is not None and home is not None:
                    said = said.model_copy(update={"code": home})
                found = [_borrowed(span, found[0], said)]
            if found[0].code is None:
                pronoun = len(span) == 1 and span.root.lower_ in PRONOUNS
                if pronoun or is_short_form(span, self.kb.sector_of):
                    referent = antecedents.find(span, short_form=not pronoun)
                    if referent is not None:
                        found = [_borrowed(span, found[0], referent)]
            actors.extend(self._at_home(span, actor, home, single_country, victim=as_place) for actor in found)
        return actors

    def _is_place(self, token: Token) -> bool:
        entry = self.kb.lookup(token.text)
        return entry is not None and entry.kind in ("country", "capital")

    def _at_home(
        self, span: Span, actor: Actor, home: str | None, single_country: bool = False, victim: bool = False
    ) -> Actor:
        """A group named only by its role ("rebels", "protesters", "police") belongs to the country where the
        event happened, or to the one country the story is about (ACLED's and PLOVER's convention). A named
        person or group we do not know keeps its unknown code."""
        if home is None or actor.code is not None:
            return actor
        if actor.sector is None and not (victim and span.root.pos_ in ("NOUN", "NUM")):
            return actor  # a thing, not a group; but the victims of an attack ("killed three") are local
        named = span.root.pos_ == "PROPN" or span.root.ent_type_ in ("PERSON", "ORG")
        if named and not single_country:
            return actor  # an unknown named person or group: only a one-country story tells whose it is
        return actor.model_copy(update={"code": home, "identifier_text": self.kb.country_names.get(home)})

    def to_event(
        self,
        candidate: EventCandidate,
        clean: CleanDocument,
        context: frozenset[str],
        place_country: Callable[[Span], tuple[str, str] | None],
        antecedents: Antecedents,
        readings: Mapping[int, Place | None] | None = None,
    ) -> Event:
        as_place = candidate.event in ("ASSAULT", "COERCE")
        when = clean.document.published
        location = event_location(candidate, self.lexicon, self.gazetteer, self.kb, context, readings)
        home = location.country_code if location is not None else None
        if home is None and len(context) == 1:
            home = next(iter(context))
        single = len(context) == 1
        actors = self._actors(
            candidate.actors,
            place_country,
            antecedents,
            when,
            home=home,
            single_country=single,
            speaker=candidate.attribution,
        )
        recipients = self._actors(
            candidate.recipients,
            place_country,
            antecedents,
            when,
            home=home,
            as_place=as_place,
            single_country=single,
            speaker=candidate.attribution,
        )
        published = clean.document.published
        when = resolve_date(candidate, published)
        aux = candidate.aux_mode
        if aux is None and published is not None and is_historical(when, published, self.settings.historical_days):
            aux = "historical"
        start, end = _evidence(candidate.sentence)
        text = clean.text[start:end]
        event_id = hashlib.sha256(
            f"{clean.doc_id}|{candidate.trigger.idx}|{candidate.event}|{candidate.part}".encode()
        ).hexdigest()[:16]
        return Event(
            id=event_id,
            doc_id=clean.doc_id,
            date=when.date.isoformat() if when.date else None,
            date_precision=when.precision,  # type: ignore[arg-type]
            event=candidate.event,  # type: ignore[arg-type]
            mode=candidate.mode,
            context=candidate.context,
            aux_mode=aux,  # type: ignore[arg-type]
            actor=actors,
            recipient=recipients,
            event_loc=location,
            size=Size(**candidate.counts),
            quad_code=QUAD_CODES[candidate.event],  # type: ignore[arg-type]
            cameo=candidate.cameo
            or self.cameo_defaults.get((candidate.event, candidate.mode))
            or self.cameo_defaults.get((candidate.event, None)),
            event_text=candidate.event_text,
            text=text,
            text_info=TextInfo(start=start, end=end),
            attribution=candidate.attribution.text if candidate.attribution is not None else None,
            confidence=_confidence(candidate, actors, recipients, location),
        )


def _borrowed(span: Span, own: Actor, source: Actor) -> Actor:
    """The phrase's own text and sector, the code of whom it stands for (a pronoun's antecedent, a quote's
    speaker)."""
    return Actor(
        entity_text=span.text,
        code=source.code,
        sector=own.sector or source.sector,
        identifier_text=source.identifier_text,
    )


def _evidence(sentence: Span) -> tuple[int, int]:
    """Character offsets of the sentence, without surrounding whitespace."""
    raw = sentence.text
    start = sentence.start_char + (len(raw) - len(raw.lstrip()))
    end = sentence.start_char + len(raw.rstrip())
    return start, max(start, end)


def _confidence(candidate: EventCandidate, actors: list, recipients: list, location: EventLocation | None) -> float:
    """A heuristic 0..1 score: how much of the event the text pinned down (documented in the README)."""
    score = 0.55 if candidate.trigger.pos_ == "VERB" else 0.45
    if any(a.code for a in actors):
        score += 0.15
    elif actors:
        score += 0.05
    if any(r.code for r in recipients):
        score += 0.1
    if location is not None:
        score += 0.05
    if candidate.aux_mode == "hypothetical":
        score -= 0.15
    score -= 0.1 * min(candidate.depth, 3)  # an act mentioned in a subordinate clause is less surely reported
    return round(min(0.95, max(0.05, score)), 2)
