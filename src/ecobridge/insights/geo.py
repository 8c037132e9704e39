"""Natural Earth 1:110m country boundaries (shipped) and small geometry helpers.

Coordinates are (lon, lat) as in GeoJSON. Good enough to say which countries an alert
area touches at world scale; not a GIS.
"""

from __future__ import annotations

import json
import math
from functools import cache

from ecobridge.insights.catalogue import DATA

GEOJSON = DATA / "geo" / "ne_110m_admin_0_countries.geojson"
KEEP = ("ISO_A3", "ADM0_A3", "ISO_A2", "NAME", "SUBREGION")


def feature_alpha3(props: dict) -> str:
    code = props.get("ISO_A3") or "-99"
    return props.get("ADM0_A3", code) if code == "-99" else code  # FRA, NOR quirk


@cache
def world_geojson() -> dict:
    """The boundaries with a few properties kept and ``iso_a3`` added (for the map)."""
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        keep = {k: props.get(k) for k in KEEP}
        keep["iso_a3"] = feature_alpha3(props)
        features.append({"type": "Feature", "properties": keep, "geometry": feature["geometry"]})
    return {"type": "FeatureCollection", "features": features}


@cache
def country_shapes() -> dict[str, list[list[tuple[float, float]]]]:
    """``{alpha3: [outer ring, ...]}`` (holes ignored)."""
    shapes: dict[str, list] = {}
    for feature in world_geojson()["features"]:
        geom = feature["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        shapes[feature["properties"]["iso_a3"]] = [[tuple(pt) for pt in poly[0]] for poly in polys]
    return shapes


def _bbox(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def point_in_ring(x: float, y: float, ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _segments_cross(a, b, c, d) -> bool:
    def orient(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    return (orient(a, b, c) > 0) != (orient(a, b, d) > 0) and (orient(c, d, a) > 0) != (
        orient(c, d, b) > 0
    )


def rings_intersect(r1, r2) -> bool:
    b1, b2 = _bbox(r1), _bbox(r2)
    if b1[2] < b2[0] or b2[2] < b1[0] or b1[3] < b2[1] or b2[3] < b1[1]:
        return False
    if any(point_in_ring(x, y, r2) for x, y in r1) or any(point_in_ring(x, y, r1) for x, y in r2):
        return True
    return any(
        _segments_cross(r1[i - 1], r1[i], r2[j - 1], r2[j])
        for i in range(1, len(r1))
        for j in range(1, len(r2))
    )


def haversine_km(lon1, lat1, lon2, lat2) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def countries_for_polygon(latlon_points: list[list[float]]) -> set[str]:
    ring = [(lon, lat) for lat, lon in latlon_points]
    if len(ring) < 3:
        return set()
    return {
        alpha3
        for alpha3, rings in country_shapes().items()
        if any(rings_intersect(ring, country) for country in rings)
    }


def countries_for_circle(lat: float, lon: float, radius_km: float) -> set[str]:
    found = set()
    for alpha3, rings in country_shapes().items():
        for ring in rings:
            if point_in_ring(lon, lat, ring) or any(
                haversine_km(lon, lat, x, y) <= radius_km for x, y in ring
            ):
                found.add(alpha3)
                break
    return found
