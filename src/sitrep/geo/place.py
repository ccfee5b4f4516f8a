"""The place record the geo stage hands out, and the distance used to judge it."""

from __future__ import annotations

import math
from dataclasses import dataclass

PRECISIONS = ("facility", "city", "region", "country")

_EARTH_RADIUS_KM = 6371.0088  # IUGG mean radius; the gold tolerances (25/50/161 km) dwarf the choice


@dataclass(frozen=True)
class Place:
    """A resolved toponym.

    ``precision`` says what the point stands for: a ``facility`` (an air base, a port) or a
    ``city`` is where the thing is; a ``region`` or a ``country`` is only a representative
    point (for countries the capital, for regions the point recorded in ``regions.yaml``), so
    a map should draw those as areas, not pins. ``country`` is ISO 3166-1 alpha-3, or None for
    regions spanning several countries (the Sahel, the Mediterranean).
    """

    name: str
    geonames_id: int | None
    country: str | None
    lat: float
    lon: float
    precision: str


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp = p2 - p1
    dl = math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
