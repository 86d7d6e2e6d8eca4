"""Walk the user's inputs (files, directories, ``-``) and dispatch each to its reader."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from fnmatch import fnmatch
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import ConfigError, InputError
from eventwire.ingest.feeds import FEED_SUFFIXES, read_feed
from eventwire.ingest.html import read_html
from eventwire.ingest.jsonl import read_jsonl
from eventwire.ingest.text import read_text, split_large
from eventwire.ingest.warc import WARC_SUFFIXES, is_warc, read_warc
from eventwire.models import Document

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES = (".txt", ".text", ".html", ".htm", ".jsonl", *FEED_SUFFIXES, *WARC_SUFFIXES)


def parse_date(value: str | None) -> dt.date | None:
    """Parse a YYYY-MM-DD option value."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ConfigError(f"not a date (expected YYYY-MM-DD): {value!r}") from None


def _split_each(items: Iterable[Document | InputError]) -> Iterator[Document | InputError]:
    """Every document of a feed or archive, split into parts when it is huge (as files and JSONL lines are):
    one oversized item must not stop the run at spaCy's length limit."""
    for item in items:
        if isinstance(item, InputError):
            yield item
        else:
            yield from split_large(item)


def _read_file(path: Path, published: dt.date | None) -> Iterator[Document | InputError]:
    source = str(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".jsonl":
            with path.open("rb") as handle:
                yield from read_jsonl(iter(handle), source, published)
            return
        if is_warc(path.name):
            with path.open("rb") as handle:  # streamed record by record: archives are large
                yield from _split_each(read_warc(handle, source, published))
            return
        data = path.read_bytes()
    except PermissionError:
        yield InputError(source, "permission denied")
        return
    except IsADirectoryError:
        yield InputError(source, "is a directory")
        return
    except OSError as err:
        yield InputError(source, err.strerror or "cannot be read")
        return
    if suffix in FEED_SUFFIXES:
        yield from _split_each(read_feed(data, source, published))
        return
    try:
        document = (
            read_html(data, source, published) if suffix in (".html", ".htm") else read_text(data, source, published)
        )
    except InputError as err:
        yield err
        return
    yield from split_large(document)


def _selected(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """Glob filters on the path below the walked directory ("**/*.html", "archive/*"); matched on the path
    and on the file name, so "*.html" works at any depth."""
    name = relative.rsplit("/", 1)[-1]
    if include and not any(fnmatch(relative, g) or fnmatch(name, g) for g in include):
        return False
    return not any(fnmatch(relative, g) or fnmatch(name, g) for g in exclude)


def _walk(directory: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[Path]:
    """Supported files below a directory, recursively, in a stable order, streamed (no full listing)."""
    for root, dirs, files in os.walk(directory):
        dirs.sort()
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root) / name
            if not (path.suffix.lower() in SUPPORTED_SUFFIXES or is_warc(name)):
                log.debug("skipping %s (unsupported type)", path)
            elif _selected(path.relative_to(directory).as_posix(), include, exclude):
                yield path


def iter_documents(
    inputs: Iterable[str],
    published: dt.date | None = None,
    stdin: BinaryIO | None = None,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
) -> Iterator[Document | InputError]:
    """Every document in the inputs, in order; unreadable inputs come out as InputError values.
    ``include``/``exclude``: glob patterns for files found in directories."""
    for name in inputs:
        if name == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                yield from split_large(read_text(stream.read(), "<stdin>", published))
            except InputError as err:
                yield err
            continue
        path = Path(name)
        if path.is_dir():
            found = False
            for file in _walk(path, include, exclude):
                found = True
                yield from _read_file(file, published)
            if not found:
                yield InputError(name, f"no {'/'.join(SUPPORTED_SUFFIXES)} files in directory")
        elif path.exists():
            yield from _read_file(path, published)
        else:
            yield InputError(name, "no such file or directory")
