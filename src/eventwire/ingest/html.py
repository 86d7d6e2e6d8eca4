"""HTML pages: article text and metadata via trafilatura."""

from __future__ import annotations

import datetime as dt
import logging

import trafilatura

from eventwire.errors import InputError
from eventwire.ingest.ids import content_hash, doc_id_from_hash
from eventwire.ingest.page import with_page_removals
from eventwire.ingest.text import decode_text
from eventwire.models import Document

log = logging.getLogger(__name__)

#: fewer words than this extracted from a page is site furniture, not an article
_MIN_ARTICLE_WORDS = 5


def _to_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def extract_html(html: str, source: str) -> dict[str, str | None]:
    """Run trafilatura on a page; returns text (headline line dropped), title, author, date, url, sitename."""
    try:
        extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, include_tables=False)
        result = extracted.as_dict() if extracted is not None and not isinstance(extracted, dict) else extracted
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(source, f"could not parse HTML ({type(err).__name__})") from None
    if not result or len((result.get("text") or "").split()) < _MIN_ARTICLE_WORDS:
        # a page of menus and buttons leaves a word or two ("Home", "Log in"), which is no article
        raise InputError(source, "no article text found in HTML")
    text: str = result["text"]
    title = result.get("title")
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        text = rest
    # trafilatura separates paragraphs with single newlines; blank lines keep them apart for the cleaner
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    return {
        "text": text,
        "title": title,
        "author": result.get("author"),
        "date": result.get("date"),
        "url": result.get("url"),
        "sitename": result.get("sitename") or result.get("hostname"),
    }


def html_document(
    html: str,
    source: str,
    raw_hash: str,
    published: dt.date | None,
    *,
    doc_id: str | None = None,
    url: str | None = None,
    title: str | None = None,
    site: str | None = None,
) -> Document:
    """Build a Document from HTML; metadata given by the caller wins over what the page says."""
    meta = extract_html(html, source)
    text, page_removed = meta["text"] or "", []
    aligned = with_page_removals(html, text.split("\n\n"), meta["title"])
    if aligned is not None:  # the whole page, with what trafilatura left out marked removed
        text, page_removed = aligned
    return Document(
        doc_id=doc_id or doc_id_from_hash(raw_hash),
        source_path=source,
        raw_hash=raw_hash,
        text=text,
        page_removed=page_removed,
        html=html,
        title=title or meta["title"],
        url=url or meta["url"],
        source=site or meta["sitename"],
        author=meta["author"],
        published=_to_date(meta["date"]) or published,
    )


def read_html(data: bytes, source: str, published: dt.date | None) -> Document:
    """An ``.html`` file as a Document."""
    html = decode_text(data, source)
    return html_document(html, source, content_hash(data), published)
