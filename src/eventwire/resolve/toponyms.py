"""Toponyms: every place a document names, resolved together (the geoparser behind ``eventwire geoparse``).

Mentions come from ``resolve.mentions`` (spaCy's GPE/LOC/FAC entities after the gazetteer ruler has fixed the ones
the small model misses) and nationality words ("Russian", "Iraqi" → the country). Resolution is joint:
each mention is first resolved with the support of what the other names could mean, then again in the
context of the countries, admin-1 regions (weighed by how many names point there) and points the *other*
mentions settled on, until nothing changes. So "Alexandria" next to "Rapides Parish" and "Louisiana" is
Alexandria, Louisiana, "Huntsville" next to "Walker County" is Huntsville, Texas, "Georgia" next to
"Atlanta" is the US state, and "Barrow" in a story that names "Barrow County" is that county.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from eventwire.resolve.actors import ActorKB
from eventwire.resolve.mentions import ARTICLES, PART, find_mentions, hyphenated
from eventwire.resolve.places import Context, Gazetteer, Place, distance_km

#: "Laurel County", "Rapides Parish", "the Donetsk region": a unit word after the name
_UNIT = re.compile(
    r"^(?:the\s+)?(.+?)\s+(county|parish|district|province|region|state|oblast|governorate|prefecture|municipality|"
    r"township|twp\.?|borough|city|town|village)$",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s$")
#: a town named like a county the story names, this close to the county's centre, is that county's town
_SHORT_KM = 60.0
#: how many readings of each name lend support to the others' before any is chosen
_READINGS = 8
_REGION_UNITS = frozenset({"province", "region", "state", "oblast", "governorate", "prefecture", "department"})
#: a mention's name, whether a region word follows it ("Donetsk" vs "Donetsk region"), and the region or
#: country that an "X, Y" pattern puts it in ("Belgrade, Minn.": US.MN; "" when none)
_Key = tuple[str, bool, str]


def _key(span: Span, within: dict[int, Place], aliases: dict[int, str], regional: frozenset[int] = frozenset()) -> _Key:
    after = span.doc[span.end] if span.end < len(span.doc) else None
    place = within.get(span.start)
    inside = (place.admin1_code if place.resolution == 2 else place.country_code) if place else None
    text = aliases.get(span.start, span.text)
    doc = span.doc
    # "the province of Arauca", "the department of Cochabamba": a region word before the name
    before = span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].lower_ in _REGION_UNITS
    region = before or span.start in regional or (after is not None and after.lower_ in _REGION_UNITS)
    return text, region, inside or ""


@dataclass
class Toponym:
    span: Span
    place: Place | None
    demonym: bool = False
    #: character offsets and text when the mention is part of a token ("Texas" in "Texas-based")
    chars: tuple[int, int, str] | None = None

    @property
    def start(self) -> int:
        return self.chars[0] if self.chars else self.span.start_char

    @property
    def end(self) -> int:
        return self.chars[1] if self.chars else self.span.end_char

    @property
    def text(self) -> str:
        return self.chars[2] if self.chars else self.span.text

    def to_dict(self, doc_id: str) -> dict:
        place = self.place
        return {
            "doc_id": doc_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "resolved_place": place.name if place else None,
            "geonameid": place.geonameid if place else None,
            "lat": place.lat if place else None,
            "lon": place.lon if place else None,
            "feature_code": place.feature_code if place else None,
            "country_code": place.country_code if place else None,
            "admin1": place.admin1_name if place else None,
            "resolution": place.resolution if place else None,
        }


class Geoparser:
    """Resolves all the place mentions of a document together."""

    def __init__(self, gazetteer: Gazetteer, kb: ActorKB, rounds: int = 5) -> None:
        self.gazetteer = gazetteer
        self.kb = kb
        self.rounds = rounds

    def resolve_text(self, text: str, context: Context) -> Place | None:
        """One place name: the name itself; else a unit phrase's name ("Laurel County" → Laurel)."""
        text = _POSSESSIVE.sub("", text.strip())  # "Boone County's"
        place = self.gazetteer.best(text, context)
        if place is not None:
            return place
        if "-" in text:  # "Logan-Rogersville" (a school district named for two towns): the first that resolves
            pieces = [piece for piece in text.split("-") if piece and piece.lower() not in ARTICLES]  # not "Al-"
            return next(filter(None, (self.resolve_text(piece, context) for piece in pieces)), None)
        part = PART.match(text)
        if part:
            return self.resolve_text(part.group(1), context)
        unit = _UNIT.match(text)
        if unit:
            name, kind = unit.group(1), unit.group(2).lower()
            if kind in _REGION_UNITS:
                place = self.gazetteer.best(name, context, kind="region")
            return place or self.gazetteer.best(name, context)
        return None

    def _demonym(self, span: Span) -> Place | None:
        entry = self.kb.lookup(span.text)
        return self.gazetteer.country(entry.code) if entry is not None else None

    def _known_place(self, text: str) -> bool:
        """Worth reading as a place inside an organisation's name: a country, a region, a big city."""
        return any(p.resolution <= 3 or p.population >= 100_000 for p in self.gazetteer.lookup(text) if p.main_name)

    def _named(self, text: str) -> bool:
        """The gazetteer knows the name, or the name in a unit phrase ("Laurel County", "Northeast Georgia")."""
        text = _POSSESSIVE.sub("", text.strip())
        if self.gazetteer.lookup(text):
            return True
        match = PART.match(text) or _UNIT.match(text)
        return bool(match and self.gazetteer.lookup(match.group(1)))

    def _resolve(self, key: _Key, context: Context) -> Place | None:
        text, region, _ = key
        entry = self.kb.lookup(text)
        named = self.gazetteer.country(entry.code) if entry is not None and entry.kind == "country" else None
        best = self._resolve_name(text, region, context)
        if named is None or best is None:
            return best or named  # "U.S.", "Britain": the actor KB knows forms the gazetteer lacks
        # "Georgia": the country, unless the rest of the story is in the US state
        return max((named, best), key=lambda p: self.gazetteer.score(p, context))

    def _resolve_name(self, text: str, region: bool, context: Context) -> Place | None:
        if region:
            place = self.gazetteer.best(text, context, kind="region")  # "Donetsk" in "Donetsk region"
            if place is not None:
                return place
        return self.resolve_text(text, context)

    def _context(
        self,
        name: str,
        current: dict[_Key, Place | None],
        fixed: list[tuple[str, Place | None]],
        countries: frozenset[str],
    ) -> Context:
        """What the other names (not this one) say about where this one is."""
        pairs = {(key[0], p) for key, p in current.items() if p is not None} | {(t, p) for t, p in fixed if p}
        others = [p for text, p in pairs if text != name]
        # one vote per distinct name and reading: the region most of the story's places lie in counts most
        region_votes = Counter(p.admin1_code for p in others if p.admin1_code)
        top = max(region_votes.values(), default=1)
        return Context(
            countries=countries | frozenset(p.country_code for p in others if p.country_code),
            admin1={code: votes / top for code, votes in region_votes.items()},
            near=tuple((p.lat, p.lon) for p in others if p.resolution >= 2),
        )

    def _readings(self, text: str, context: Context) -> tuple[tuple[float, float], ...]:
        """Points of the likeliest few places a name can mean (cities and regions, not countries)."""
        places = [p for p in self.gazetteer.lookup(text) if p.resolution >= 2]
        unit = _UNIT.match(text.strip())
        if not places and unit:
            places = [p for p in self.gazetteer.lookup(unit.group(1)) if p.resolution >= 2]
        places.sort(key=lambda p: self.gazetteer.score(p, context), reverse=True)
        return tuple((p.lat, p.lon) for p in places[:_READINGS])

    def _short_forms(self, current: dict[_Key, Place | None]) -> dict[_Key, Place | None]:
        """ "Barrow" in a story that names "Barrow County": the county, or the town of that name inside it."""
        units: dict[str, Place] = {}
        for (text, *_), place in current.items():
            unit = _UNIT.match(text)
            if unit and place is not None and place.resolution in (2, 3):
                units.setdefault(unit.group(1).lower(), place)
        if not units:
            return current
        out = dict(current)
        for key in current:
            unit = units.get(key[0].lower())
            if unit is None:
                continue
            centre = (unit.lat, unit.lon)
            towns = [p for p in self.gazetteer.cities(key[0]) if distance_km((p.lat, p.lon), centre) <= _SHORT_KM]
            out[key] = max(towns, key=lambda p: p.population) if towns else unit
        return out

    def _containers(self, found: list[tuple[Span, bool]]) -> tuple[dict[int, Place], dict[int, Place]]:
        """ "Belgrade, Minn.", "New Haven, Conn.", "Toronto, Ontario", "London, England": a place name, a comma
        and the region or country it lies in; "Ukraine's Kharkiv", "Dhaka's Mirpur area": a place and the
        place it belongs to. Returns (mention start → the region or country it lies in, mention start → its
        fixed reading: a container's, or the city of a district the gazetteer lacks)."""
        within: dict[int, Place] = {}
        containers: dict[int, Place] = {}
        for (owner, demonym), (span, _) in itertools.pairwise(found):
            # "Dhaka's Mirpur area", "Ukraine's Kharkiv": the place lies in the owner's country or region
            doc = span.doc
            if demonym or span.start != owner.end + 1 or doc[owner.end].lower_ not in ("'s", "’s"):
                continue
            owned = self.gazetteer.best(owner.text)
            place = owned
            if place is not None and place.resolution > 2 and place.country_code:
                place = self.gazetteer.country(place.country_code)  # a city's places: its country's
            if owned is None or place is None or place.resolution > 2:
                continue
            code = place.admin1_code if place.resolution == 2 else place.country_code
            inside = [p for p in self.gazetteer.lookup(span.text) if code and code in (p.admin1_code, p.country_code)]
            if owned.resolution >= 3:  # a city's places lie in or next to it ("Kharkiv's Kyivskyi district")
                centre = (owned.lat, owned.lon)
                inside = [p for p in inside if distance_km((p.lat, p.lon), centre) <= _SHORT_KM]
            if inside:
                within[span.start] = place
            elif owned.resolution >= 3:
                containers[span.start] = owned  # "Dhaka's Mirpur": a district the gazetteer lacks, in that city
        for (span, _), (after, demonym) in itertools.pairwise(found):
            doc = span.doc
            if demonym or after.start != span.end + 1 or doc[span.end].text != ",":
                continue
            place = self.gazetteer.best(after.text, kind="region") or self.gazetteer.best(after.text, kind="country")
            if place is None:
                continue
            code = place.admin1_code if place.resolution == 2 else place.country_code
            if any(p.resolution > place.resolution and code in (p.admin1_code, p.country_code)
                   for p in self.gazetteer.lookup(span.text)):  # fmt: skip
                within[span.start] = place
                containers[after.start] = place
        return within, containers

    def parse(self, doc: Doc, countries: frozenset[str] = frozenset()) -> list[Toponym]:
        """All place mentions of a document; ``countries``: where the outlet is, when the user says so.

        Each mention is first resolved with the support of what the other names could mean (the readings
        near other names' readings gain), then again, one by one, in the context of the others' latest
        readings until none changes (at most ``rounds`` times), so a cluster of places ("Paris", "Lamar
        County", "Dallas") settles on one region together."""
        found, aliases, regional = find_mentions(doc, self.kb, self._known_place, self._named)
        base = Context(countries=countries)
        within, containers = self._containers(found)
        # mentions of one name (and the same unit word after it) read alike: each is resolved once
        keys = {span.start: _key(span, within, aliases, regional) for span, _ in found}
        first = [keys[span.start] for span, demonym in found if not demonym and span.start not in containers]
        first = list(dict.fromkeys(first))
        fixed = [(span.text, self._demonym(span)) for span, demonym in found if demonym]
        readings = {key[0]: self._readings(key[0], base) for key in first}
        support = {name: tuple(pts for other, pts in readings.items() if other != name and pts) for name in readings}
        fixed += [(span.text, place) for span, demonym in found if (place := containers.get(span.start))]
        current = {key: self._resolve(key, replace(base, support=support[key[0]], within=key[2])) for key in first}
        current = self._short_forms(current)
        for _ in range(self.rounds):
            previous = dict(current)
            for key in first:  # in place: each reading sees the ones just revised
                current[key] = self._resolve(
                    key, replace(self._context(key[0], current, fixed, countries), within=key[2])
                )
            current = self._short_forms(current)
            if current == previous:
                break
        places = [
            self._demonym(span) if demonym else containers.get(span.start) or current[keys[span.start]]
            for span, demonym in found
        ]
        out = [Toponym(span, place, demonym=demonym) for (span, demonym), place in zip(found, places, strict=True)]
        country_votes = Counter(p.country_code for p in places if p is not None and p.country_code)
        context = Context(countries=countries | frozenset(c for c, n in country_votes.items() if n > 0))
        for start, end, text, demonym in hyphenated(doc, self.kb, self._known_place, self._named):
            entry = self.kb.lookup(text)
            place = self.gazetteer.country(entry.code) if demonym and entry else self.resolve_text(text, context)
            out.append(Toponym(doc.char_span(start, end, alignment_mode="expand"), place, demonym, (start, end, text)))
        return sorted(out, key=lambda t: t.start)
