"""A pool of worker processes, each loading the Pipeline (spaCy model, lexicon, gazetteer) once, fed batches of
documents; results come back in input order, streamed: at most a few batches per worker are in flight."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import TYPE_CHECKING, TypeVar

from eventwire.models import Document
from eventwire.settings import Settings

if TYPE_CHECKING:
    from eventwire.pipeline import DocumentResult, Pipeline

T = TypeVar("T")

#: the worker process's own pipeline, loaded once by the pool's initializer
_pipeline: Pipeline | None = None


def _start(settings: Settings) -> None:
    global _pipeline
    from eventwire.pipeline import Pipeline

    _pipeline = Pipeline(settings)
    _pipeline.nlp, _pipeline.coder, _pipeline.resolver  # noqa: B018  (load everything before the first batch)


def _run(documents: list[Document]) -> list[DocumentResult]:
    assert _pipeline is not None
    return list(_pipeline.process(documents))


def batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of ``size`` items (the last one shorter), taken from the iterable as they are needed."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def process_in_pool(
    settings: Settings, documents: Iterable[Document], n_process: int, batch_size: int | None = None
) -> Iterator[DocumentResult]:
    """Like ``Pipeline.process`` on ``n_process`` worker processes: the same results, in the same order."""
    size = batch_size or settings.batch_size
    # forkserver: workers start from a clean interpreter, never from a copy of a threaded parent
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(n_process, mp_context=context, initializer=_start, initargs=(settings,)) as pool:
        pending: deque[Future[list[DocumentResult]]] = deque()
        for batch in batches(documents, size):
            pending.append(pool.submit(_run, batch))
            if len(pending) >= 2 * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
