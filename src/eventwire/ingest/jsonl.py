"""JSONL documents: one JSON object per line, ``id`` and ``text`` or ``html`` required."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from eventwire.errors import InputError
from eventwire.ingest.html import html_document
from eventwire.ingest.ids import content_hash
from eventwire.ingest.text import replace_lone_surrogates, split_large
from eventwire.models import Document


def _published(value: Any, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(where, f"'published' is not an ISO date: {value!r}") from None


def _document(obj: Any, where: str, published: dt.date | None) -> Document:
    if not isinstance(obj, dict):
        raise InputError(where, "expected a JSON object")
    doc_id = replace_lone_surrogates(obj.get("id"))
    if doc_id in (None, ""):
        raise InputError(where, "missing 'id'")
    text, html = replace_lone_surrogates(obj.get("text")), replace_lone_surrogates(obj.get("html"))
    if not isinstance(text, str) and not isinstance(html, str):
        raise InputError(where, "needs a 'text' or 'html' string")
    pub = _published(obj.get("published"), where) or published
    meta = {k: replace_lone_surrogates(obj.get(k)) for k in ("title", "url", "source", "language")}
    wrong = next((k for k, v in meta.items() if v is not None and not isinstance(v, str)), None)
    if wrong is not None:
        raise InputError(where, f"{wrong!r} must be a string, not {type(meta[wrong]).__name__}")
    if isinstance(text, str):
        if not text.strip():
            raise InputError(where, "empty 'text'")
        return Document(
            doc_id=str(doc_id),
            source_path=where,
            raw_hash=content_hash(text),
            text=text,
            title=meta["title"],
            url=meta["url"],
            source=meta["source"],
            language=meta["language"],
            published=pub,
        )
    assert isinstance(html, str)
    doc = html_document(
        html, where, content_hash(html), pub, doc_id=str(doc_id), url=meta["url"], title=meta["title"],
        site=meta["source"],
    )  # fmt: skip
    doc.language = meta["language"]
    return doc


def read_jsonl(lines: Iterator[bytes], source: str, published: dt.date | None) -> Iterator[Document | InputError]:
    """Yield a Document per good line and an InputError (naming the line) per bad one."""
    seen_any = False
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        seen_any = True
        where = f"{source}:{number}"
        try:
            obj = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as err:
            yield InputError(where, f"malformed JSON ({err.__class__.__name__})")
            continue
        try:
            yield from split_large(_document(obj, where, published))
        except InputError as err:
            yield err
    if not seen_any:
        yield InputError(source, "empty input")
