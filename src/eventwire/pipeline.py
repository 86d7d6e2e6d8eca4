"""The recipe: ingest → clean → nlp → events → resolve, one model load per process.

pipeline = Pipeline()
for result in pipeline.process(documents):   # nlp.pipe batching underneath; n_process=N for N processes
    result.clean, result.events
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from eventwire.clean import clean_document
from eventwire.events import EventCoder
from eventwire.events.lexicon import load_lexicon
from eventwire.ingest.ids import content_hash, doc_id_from_hash
from eventwire.ingest.language import screen
from eventwire.ingest.text import split_title
from eventwire.models import CleanDocument, Document, Event
from eventwire.nlp import load_pipeline
from eventwire.resolve import Resolver
from eventwire.resolve.actors import load_actor_kb
from eventwire.resolve.places import load_gazetteer
from eventwire.resolve.proper_names import proper_names
from eventwire.resolve.toponyms import Geoparser, Toponym
from eventwire.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class DocumentResult:
    """One processed document: its cleaned form and the events found in it."""

    clean: CleanDocument
    events: list[Event] = field(default_factory=list)
    #: why the document was not coded (e.g. not English), kept in the store
    note: str | None = None
    #: where the story is (its dateline, else the place it names most), for grouping events that name no
    #: place of their own into incidents; None when the document has no events or names no place
    place: dict[str, Any] | None = None
    #: the proper names the story gives (``resolve.proper_names``): reports of one incident that the gazetteer
    #: cannot place meet on them ("Kenyatta Avenue", "Boni"); empty when the document has no events
    names: frozenset[str] = frozenset()

    @property
    def document(self) -> Document:
        return self.clean.document


class Pipeline:
    """Loads the spaCy pipeline, lexicon, actor KB and gazetteer once; processes many documents."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    @cached_property
    def nlp(self):
        return load_pipeline(self.settings.spacy_model)

    @cached_property
    def coder(self) -> EventCoder:
        return EventCoder(load_lexicon(), load_actor_kb().sector_terms())

    @cached_property
    def resolver(self) -> Resolver:
        return Resolver(self.settings, load_lexicon(), load_actor_kb(), load_gazetteer())

    def process(self, documents: Iterable[Document], *, n_process: int = 1) -> Iterator[DocumentResult]:
        """Clean, identify the language, parse (batched with ``nlp.pipe``), code and resolve each document, in
        input order. A document that is not English is kept, with a note, but not parsed or coded.
        ``n_process`` > 1 runs this whole path on that many worker processes (each loads the model once); the
        results and their order are the same."""
        if n_process > 1:
            from eventwire.scale import process_in_pool

            yield from process_in_pool(self.settings, documents, n_process)
            return
        cleaned = (self._screen(clean_document(document)) for document in documents)
        pairs = (("" if note else clean.text, (clean, note)) for clean, note in cleaned)
        for doc, (clean, note) in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            if note:
                yield DocumentResult(clean, [], note)
                continue
            candidates = self.coder.code(doc)
            events = self.resolver.resolve(candidates, doc, clean)
            place = self.resolver.document_place(doc, clean) if events else None
            names = proper_names(clean.text) if events else frozenset()
            yield DocumentResult(clean, events, place=place, names=names)

    def _screen(self, clean: CleanDocument) -> tuple[CleanDocument, str | None]:
        language, note = screen(clean.text, clean.document.language)
        clean.document.language = language
        return clean, note

    @cached_property
    def geoparser(self) -> Geoparser:
        return Geoparser(load_gazetteer(), load_actor_kb())

    def geoparse(
        self, documents: Iterable[Document], countries: frozenset[str] = frozenset()
    ) -> Iterator[tuple[CleanDocument, list[Toponym]]]:
        """Every place each document names, resolved (offsets into the cleaned text, like events).
        ``countries``: where the outlets are, if known (a prior for ambiguous names)."""
        cleaned = (clean_document(document) for document in documents)
        pairs = ((clean.text, clean) for clean in cleaned)
        for doc, clean in self.nlp.pipe(pairs, as_tuples=True, batch_size=self.settings.batch_size):
            # the mentions are each other's context (a country named "Georgia" must not vote for itself)
            yield clean, self.geoparser.parse(doc, countries)

    def extract(
        self,
        text: str,
        published: str | dt.date | None = None,
        *,
        doc_id: str | None = None,
        title: str | None = None,
    ) -> list[Event]:
        """Events of one plain-text document."""
        document = make_document(text, published, doc_id=doc_id, title=title)
        return next(self.process([document])).events


def make_document(
    text: str, published: str | dt.date | None = None, *, doc_id: str | None = None, title: str | None = None
) -> Document:
    """A Document from a Python string (the API's way in)."""
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    if title is None:
        title, text = split_title(text)
    raw_hash = content_hash(text)
    return Document(
        doc_id=doc_id or doc_id_from_hash(raw_hash),
        source_path="<api>",
        raw_hash=raw_hash,
        text=text,
        title=title,
        published=published,
    )


_default: Pipeline | None = None


def extract(text: str, published: str | dt.date | None = None, *, doc_id: str | None = None) -> list[Event]:
    """Events of one text, with a process-wide default Pipeline (models load on the first call)."""
    global _default
    if _default is None:
        _default = Pipeline()
    return _default.extract(text, published, doc_id=doc_id)
