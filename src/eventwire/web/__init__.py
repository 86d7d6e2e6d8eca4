"""The analyst's desk: HTTP API and dashboard (``eventwire serve``), self-contained HTML reports."""
