"""Scheduling the whole per-document path on more than one process: a local process pool
(``--processes N``) or a Dask cluster (``--dask``). No stage knows how it is scheduled."""

from eventwire.scale.processes import process_in_pool

__all__ = ["process_in_pool"]
