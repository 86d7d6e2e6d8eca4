"""Store: DuckDB documents and events; exports in the formats analysts load."""

from eventwire.store.duckdb import EventFilter, Store

__all__ = ["EventFilter", "Store"]
