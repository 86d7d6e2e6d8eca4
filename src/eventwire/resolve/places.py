"""Places: the offline gazetteer (one SQLite file built by ``scripts/build_gazetteer.py``; no server, no network).

It holds GeoNames cities of 500+ people with their alternate names, Natural Earth admin-1 regions with their
GeoNames admin-1 codes, countries, our overrides for names the sources rank badly ("Crimea", "Gaza Strip")
and spelling variants ("Kiev" → Kyiv). A name gives candidates; the choice weighs what the place is
(country > admin-1 region > city by population), whether the name is its main name, and the document's
context: countries and admin-1 regions it mentions, so "Moscow" in a Ukraine story is not Moscow, Idaho, and
"Alexandria" in a story about Louisiana is Alexandria, Louisiana.
"""

from __future__ import annotations

import logging
import math
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from eventwire.errors import ConfigError
from eventwire.resolve.names import fold
from eventwire.settings import DATA_DIR

log = logging.getLogger(__name__)

GAZETTEER_PATH = DATA_DIR / "gazetteer" / "gazetteer.sqlite"

#: score of a country and of an admin-1 region named outright (a city scores log10 of its population)
_COUNTRY_SCORE = 8.0
_REGION_SCORE = 5.6
_DISTRICT_SCORE = 5.0
#: a candidate this close to the places the rest of the document names gains this much
_NEAR_KM = ((30.0, 3.0), (150.0, 2.0), (400.0, 1.0))
#: the soft version counts each other name's nearest reading, weighed and capped
_SUPPORT_WEIGHT = 1.0
_SUPPORT_CAP = 6.0
#: how many times bigger a town known by an alternate name must be than the towns known by it as their name
_ALTERNATE_RATIO = 20
_METROPOLIS = 500_000
#: a town this big keeps its reading beside a region of the same name ("Ontario", California)
_BIG_TOWN = 100_000
_CAPITAL_BONUS = 1.0
_MAIN_NAME_BONUS = 0.5
_COUNTRY_CONTEXT = 3.5
_ADMIN1_CONTEXT = 2.5


@dataclass(frozen=True)
class Place:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    country_code: str | None  # ISO3
    country: str | None
    feature_class: str  # P populated place, A administrative area
    feature_code: str  # PPL, PPLC, ADM1, PCLI, RGN
    population: int
    resolution: int  # 4 city, 2 admin-1 region, 1 country
    admin1_code: str | None = None
    admin1_name: str | None = None
    main_name: bool = True


@dataclass(frozen=True)
class Context:
    """What the document already says about where it is."""

    countries: frozenset[str] = frozenset()
    #: admin-1 regions the document points to, each with how strongly (its votes over the top region's)
    admin1: Mapping[str, float] = field(default_factory=dict)
    #: points of the other places the document names (for "spatial minimality")
    near: tuple[tuple[float, float], ...] = ()
    #: for each other name in the document, the points it could mean (a softer "near" before any is chosen)
    support: tuple[tuple[tuple[float, float], ...], ...] = ()
    #: the admin-1 code or ISO3 country the text puts the name in ("Belgrade, Minn."): only places there
    within: str = ""


class Gazetteer:
    """Name → candidate places, and the choice among them."""

    def __init__(self, path: Path = GAZETTEER_PATH) -> None:
        if not path.exists():
            raise ConfigError(
                f"gazetteer not built ({path}); run `make install` (or `npm ci && python scripts/build_gazetteer.py`)"
            )
        self.path = path
        self.db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self.country_name: dict[str, str] = {}
        self._countries: dict[str, Place] = {}
        for place in self._select("p.feature_code = 'PCLI'", ()):
            if place.country_code and place.country_code not in self._countries:
                self._countries[place.country_code] = replace(place, country=place.name)
                self.country_name[place.country_code] = place.name
        self.candidates = lru_cache(maxsize=65536)(self._candidates)

    def _select(self, where: str, params: tuple, join: bool = False) -> list[Place]:
        sql = (
            "SELECT p.geonameid, p.name, p.lat, p.lon, p.country_code, p.feature_class, p.feature_code,"
            " p.population, p.resolution, p.admin1_code, p.admin1_name, "
            + ("n.main" if join else "1")
            + " FROM places p"
            + (" JOIN names n ON n.place_id = p.id" if join else "")
            + f" WHERE {where}"
        )
        rows = self.db.execute(sql, params).fetchall()
        return [
            Place(
                geonameid=row[0],
                name=row[1],
                lat=row[2],
                lon=row[3],
                country_code=row[4],
                country=self.country_name.get(row[4]),
                feature_class=row[5],
                feature_code=row[6],
                population=row[7],
                resolution=row[8],
                admin1_code=row[9],
                admin1_name=row[10],
                main_name=bool(row[11]),
            )
            for row in rows
        ]

    def _candidates(self, key: str) -> tuple[Place, ...]:
        return tuple(self._select("n.key = ?", (key,), join=True))

    # ------------------------------------------------------------------ look-ups
    def lookup(self, name: str) -> tuple[Place, ...]:
        """Every place a name can mean."""
        return self.candidates(fold(name))

    def country(self, iso3: str) -> Place | None:
        return self._countries.get(iso3)

    def capital(self, iso3: str) -> Place | None:
        """The country's capital (its most populous seat of government, for a country with several)."""
        capitals = self._select("p.feature_code = 'PPLC' AND p.country_code = ?", (iso3,))
        return max(capitals, key=lambda p: p.population, default=None)

    def cities(self, name: str) -> list[Place]:
        return [p for p in self.lookup(name) if p.resolution >= 3]

    def score(self, place: Place, context: Context) -> float:
        if place.resolution == 1:
            value = _COUNTRY_SCORE
        elif place.resolution == 2:
            value = _REGION_SCORE
        elif place.resolution == 3:
            value = _DISTRICT_SCORE
        else:
            value = math.log10(place.population + 10) + (_CAPITAL_BONUS if place.feature_code == "PPLC" else 0)
        value += _MAIN_NAME_BONUS if place.main_name else -_MAIN_NAME_BONUS
        if place.country_code in context.countries:
            value += _COUNTRY_CONTEXT
        if place.admin1_code:
            value += _ADMIN1_CONTEXT * context.admin1.get(place.admin1_code, 0.0)
        if context.near and place.resolution >= 2:
            nearest = min(distance_km((place.lat, place.lon), point) for point in context.near)
            value += next((bonus for limit, bonus in _NEAR_KM if nearest <= limit), 0.0)
        if context.support and place.resolution >= 2:
            total = 0.0
            for points in context.support:
                nearest = min(distance_km((place.lat, place.lon), point) for point in points)
                total += next((bonus for limit, bonus in _NEAR_KM if nearest <= limit), 0.0)
            value += min(_SUPPORT_CAP, _SUPPORT_WEIGHT * total)
        return value

    def best(self, name: str, context: Context = Context(), kind: str | None = None) -> Place | None:
        """The most likely place of that name; ``kind``: "city", "region" or "country" to restrict."""
        candidates = list(self.lookup(name))
        if kind == "city":
            candidates = [p for p in candidates if p.resolution >= 3]
        elif kind == "region":
            candidates = [p for p in candidates if p.resolution == 2]
        elif kind == "country":
            candidates = [p for p in candidates if p.resolution == 1]
        if context.countries:
            # in a story about known countries, a foreign town that only shares an alternate name is a miss
            candidates = [
                p for p in candidates if p.country_code in context.countries or p.main_name or p.resolution <= 2
            ]
        else:
            # with nothing known, only a metropolis answers to one of its many alternate names ("Bombay"), not
            # Bonn to "Boni" or Passau to "Bassa"
            candidates = [p for p in candidates if p.main_name or p.resolution <= 2 or p.population >= _METROPOLIS]
        if context.within:
            inside = [p for p in candidates if context.within in (p.admin1_code, p.country_code)]
            candidates = inside or candidates
        main = max((p.population for p in candidates if p.main_name and p.resolution >= 3), default=None)
        if main is not None:
            # a town that only shares an alternate name must be far bigger than the towns called that outright
            # ("Kiev" is Kyiv, "Maryville" is not Beeville, Texas)
            candidates = [
                p for p in candidates if p.main_name or p.resolution <= 2 or p.population >= _ALTERNATE_RATIO * main
            ]
        if kind is None:
            # a bare name shared by a city and the region it lies in means the city ("Kharkiv"); the region
            # needs its unit word ("the Kharkiv region")
            cities = {(p.admin1_code, fold(p.name)) for p in candidates if p.resolution == 4 and p.main_name}
            candidates = [p for p in candidates if not (p.resolution == 2 and (p.admin1_code, fold(p.name)) in cities)]
        if kind is None and not context.within:
            # a region of a country the story is in means the region, not a small town that shares its name
            # elsewhere ("Florida" beside Springfield, Mass.; "Indiana" beside Boone County)
            regions = {
                fold(p.name)
                for p in candidates
                if p.resolution == 2 and p.main_name and p.country_code in context.countries
            }
            candidates = [
                p for p in candidates if p.resolution <= 2 or fold(p.name) not in regions or p.population >= _BIG_TOWN
            ]
        if not candidates:
            return None
        return max(candidates, key=lambda p: self.score(p, context))

    # compatibility helpers used by the event resolver
    def best_city(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        return self.best(name, Context(countries=context), kind="city")

    def region(self, name: str, context: frozenset[str] = frozenset()) -> Place | None:
        """An admin-1 region ("the Donetsk region", "Kherson oblast"); else the city's point at region level."""
        found = self.best(name, Context(countries=context), kind="region")
        if found is not None:
            return found
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
            admin1_code=city.admin1_code,
            admin1_name=city.admin1_name,
        )


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points (haversine, mean Earth radius)."""
    p1, p2 = math.radians(a[0]), math.radians(b[0])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[1] - a[1]) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


@lru_cache(maxsize=2)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The gazetteer, opened once per process ($EVENTWIRE_GAZETTEER overrides the packaged file)."""
    chosen = Path(path or os.environ.get("EVENTWIRE_GAZETTEER") or GAZETTEER_PATH)
    log.debug("opening gazetteer %s", chosen)
    return Gazetteer(chosen)
