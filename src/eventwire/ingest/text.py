"""Plain-text documents: UTF-8, the first line may be a headline."""

from __future__ import annotations

import datetime as dt

from eventwire.errors import InputError
from eventwire.ingest.ids import content_hash, doc_id_from_hash
from eventwire.models import Document

_MAX_TITLE_CHARS = 160


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes as UTF-8 text, refusing empty and binary input with a clear reason."""
    if not data.strip():
        raise InputError(source, "empty input")
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(source, f"not valid UTF-8 (byte {err.start})") from None


def split_title(text: str) -> tuple[str | None, str]:
    """Take the first line as a headline when it looks like one: short, unpunctuated, then a blank line."""
    stripped = text.lstrip("\ufeff")
    head, sep, rest = stripped.partition("\n")
    head = head.strip()
    looks_like_title = (
        bool(head)
        and len(head) <= _MAX_TITLE_CHARS
        and not head.endswith((".", ",", ";", ":"))
        and rest.startswith(("\n", "\r\n"))
    )
    if sep and looks_like_title:
        return head, rest.lstrip("\r\n")
    return None, stripped


def read_text(data: bytes, source: str, published: dt.date | None) -> Document:
    """A ``.txt`` file (or stdin) as a Document."""
    text = decode_text(data, source)
    title, body = split_title(text)
    if not body.strip():
        raise InputError(source, "no text after the headline")
    raw_hash = content_hash(data)
    return Document(
        doc_id=doc_id_from_hash(raw_hash),
        source_path=source,
        raw_hash=raw_hash,
        text=body,
        title=title,
        published=published,
    )
