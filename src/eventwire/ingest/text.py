"""Plain-text documents: UTF-8, the first line may be a headline."""

from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import replace
from typing import TypeVar

from eventwire.errors import InputError
from eventwire.ingest.ids import content_hash, doc_id_from_hash
from eventwire.models import Document

T = TypeVar("T")

_MAX_TITLE_CHARS = 160
#: how much of a non-UTF-8 file charset-normalizer looks at
_DETECT_BYTES = 200_000
log = logging.getLogger(__name__)


def decode_text(data: bytes, source: str) -> str:
    """Decode bytes as text — UTF-8, else the encoding charset-normalizer detects — refusing empty and binary
    input with a clear reason."""
    if not data.strip():
        raise InputError(source, "empty input")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")  # UTF-16 with its byte-order mark (Windows exports)
        except UnicodeDecodeError:
            raise InputError(source, "broken UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        utf8_error = err.start
    # not UTF-8: let charset-normalizer find the encoding (cp1252, latin-1, cp1251, UTF-16 ...)
    from charset_normalizer import from_bytes

    best = from_bytes(data[:_DETECT_BYTES]).best()
    if best is None or best.encoding is None:
        raise InputError(source, f"not valid UTF-8 (byte {utf8_error}) and no other text encoding fits") from None
    try:
        text = data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(source, f"not valid UTF-8 (byte {utf8_error}); {best.encoding} does not fit either") from None
    log.info("%s: decoded as %s", source, best.encoding)
    return text.lstrip("\ufeff")


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


#: a text longer than this is not one article (a dump, a book, a log): it is split into parts at paragraph
#: breaks, each coded as its own document ``<doc_id>#<n>`` (spaCy's parser needs memory in proportion)
MAX_DOCUMENT_CHARS = 200_000


#: a lone UTF-16 surrogate ("\ud800" in JSON, "&#55296;" in a feed): not a character, so it cannot be encoded,
#: hashed or stored
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_lone_surrogates(value: T) -> T:
    """A string with lone surrogates replaced by U+FFFD, one character for one (offsets do not move); any other
    value as it is."""
    if isinstance(value, str) and _LONE_SURROGATE.search(value):
        return _LONE_SURROGATE.sub("\ufffd", value)  # type: ignore[return-value]
    return value


def split_large(document: Document, limit: int = MAX_DOCUMENT_CHARS) -> list[Document]:
    """The document itself, or its parts when its text is longer than ``limit`` characters."""
    text = document.text or ""
    if len(text) <= limit:
        return [document]
    parts: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)  # a paragraph break in the second half
            if cut == -1:
                cut = text.rfind(". ", start + limit // 2, end)
                cut = cut + 1 if cut != -1 else end
            end = cut
        parts.append(text[start:end])
        start = end
    log.info("%s: %d characters, split into %d parts", document.source_path, len(text), len(parts))
    return [
        replace(
            document,
            doc_id=f"{document.doc_id}#{number}",
            source_path=f"{document.source_path}#{number}",
            raw_hash=content_hash(f"{document.raw_hash}#{number}"),
            text=part,
            title=document.title if number == 1 else None,
        )
        for number, part in enumerate(parts, 1)
        if part.strip()
    ]
