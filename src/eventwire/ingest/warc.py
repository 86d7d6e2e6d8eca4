"""Web archives (``warcio``): each HTML response record of a WARC file is one document, read by trafilatura."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.html import html_document
from eventwire.ingest.ids import content_hash, doc_id_from_url
from eventwire.ingest.text import decode_text
from eventwire.models import Document

WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")


def is_warc(name: str) -> bool:
    return name.lower().endswith(WARC_SUFFIXES)


def _capture_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def read_warc(stream: BinaryIO, source: str, published: dt.date | None) -> Iterator[Document | InputError]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    found = 0
    try:
        for record in ArchiveIterator(stream):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type:
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            where = f"{source}#{url or found + 1}"
            found += 1
            data = record.content_stream().read()
            try:
                html = decode_text(data, where)
                yield html_document(
                    html,
                    where,
                    content_hash(data),
                    published or _capture_date(record.rec_headers.get_header("WARC-Date")),
                    doc_id=doc_id_from_url(url) if url else None,
                    url=url or None,
                )
            except InputError as err:
                yield err
    except ArchiveLoadFailed as err:
        yield InputError(source, f"not a WARC/ARC archive ({str(err).splitlines()[0][:80]})")
        return
    if not found:
        yield InputError(source, "no HTML responses in archive")
