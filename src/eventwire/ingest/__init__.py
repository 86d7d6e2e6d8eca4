"""Ingest: files, directories, JSONL and standard input → ``Document`` records."""

from eventwire.ingest.files import SUPPORTED_SUFFIXES, iter_documents, parse_date

__all__ = ["SUPPORTED_SUFFIXES", "iter_documents", "parse_date"]
