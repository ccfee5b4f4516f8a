"""``sitrep.open(db)``: the store as pandas DataFrames, for notebooks and scripts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..store import Store
from ..store.export import QUERIES
from . import relations as _relations


class Sitrep:
    """A read-only view of a store. Each method returns a new DataFrame; use as a context manager."""

    def __init__(self, db: str | Path) -> None:
        self.store = Store(db, read_only=True)

    def __enter__(self) -> Sitrep:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def _frame(self, name: str) -> Any:
        return self.store.con.execute(QUERIES[name]).df()

    def articles(self) -> Any:
        return self._frame("articles")

    def actors(self) -> Any:
        return self._frame("actors")

    def events(self, flat: bool = True) -> Any:
        """One row per event and article; ``flat`` gives source_*/target_* columns, else nested."""
        return self._frame("events_flat" if flat else "events")

    def clusters(self) -> Any:
        return self._frame("clusters")

    def relations(self, period: str | None = "year", **filters: Any) -> Any:
        """Dyads per period with cooperation, conflict and net score (asserted events by default)."""
        import pandas as pd

        rows, _ = _relations(self.store, period=period, limit=10_000, **filters)
        return pd.DataFrame(rows)


def open_store(db: str | Path) -> Sitrep:
    return Sitrep(db)
