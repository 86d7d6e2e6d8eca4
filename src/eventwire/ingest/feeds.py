"""RSS and Atom feeds (``feedparser``): one document per item, from its full content or else its summary."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from eventwire.errors import InputError
from eventwire.ingest.ids import content_hash, doc_id_from_hash, doc_id_from_url
from eventwire.ingest.text import replace_lone_surrogates
from eventwire.models import Document

FEED_SUFFIXES = (".rss", ".atom", ".xml")


def _html_to_text(fragment: str) -> str:
    """Text of an item's HTML, one paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(f"<div>{fragment}</div>")
    except Exception:  # lxml raises assorted errors on broken markup; keep the raw text
        return fragment.strip()
    for element in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "blockquote"):
        element.tail = "\n\n" + (element.tail or "")
    lines = [line.strip() for line in root.text_content().splitlines()]
    return "\n\n".join(line for line in lines if line)


def _date(entry) -> dt.date | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    return dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None


#: a numeric character reference, also escaped once or more inside a feed's HTML ("&amp;#55296;")
_CHAR_REF = re.compile(rb"(&(?:amp;)*#)([xX][0-9a-fA-F]{1,8}|[0-9]{1,10});")


def _no_surrogate_refs(data: bytes) -> bytes:
    """References to UTF-16 surrogates ("&#xD800;") made U+FFFD: feedparser turns them into characters no
    encoder accepts and fails on the whole feed."""

    def fix(match: re.Match[bytes]) -> bytes:
        ref = match.group(2)
        value = int(ref[1:], 16) if ref[:1] in (b"x", b"X") else int(ref)
        return match.group(1) + b"xFFFD;" if 0xD800 <= value <= 0xDFFF else match.group(0)

    return _CHAR_REF.sub(fix, data) if b"#" in data else data


def read_feed(data: bytes, source: str, published: dt.date | None) -> Iterator[Document | InputError]:
    import feedparser

    parsed = feedparser.parse(_no_surrogate_refs(data))
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"not an RSS/Atom feed ({type(problem).__name__})" if problem else "feed has no items"
        yield InputError(source, reason)
        return
    site = replace_lone_surrogates(parsed.feed.get("title"))
    for index, entry in enumerate(parsed.entries, 1):
        contents = entry.get("content") or []
        body = contents[0].get("value", "") if contents else entry.get("summary", "")
        # "&#55296;" decodes to a lone surrogate, which no encoder accepts
        text = replace_lone_surrogates(_html_to_text(body or ""))
        if not text.strip():
            yield InputError(f"{source}#{index}", "feed item has no text")
            continue
        url = replace_lone_surrogates(entry.get("link"))
        raw_hash = content_hash(text.encode("utf-8"))
        yield Document(
            doc_id=doc_id_from_url(url) if url else doc_id_from_hash(raw_hash),
            source_path=f"{source}#{index}",
            raw_hash=raw_hash,
            text=text,
            title=replace_lone_surrogates(entry.get("title")),
            url=url,
            source=site,
            author=replace_lone_surrogates(entry.get("author")),
            published=_date(entry) or published,
        )
