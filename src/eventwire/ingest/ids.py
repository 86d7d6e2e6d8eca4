"""Stable identifiers: a document's id is given by the input or derived from its content."""

from __future__ import annotations

import hashlib


def content_hash(data: bytes | str) -> str:
    """SHA-256 of the raw input, hex."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.sha256(data).hexdigest()


def doc_id_from_hash(raw_hash: str) -> str:
    """A short, stable document id derived from the raw content hash."""
    return f"sha256:{raw_hash[:16]}"
