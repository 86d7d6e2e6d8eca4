"""Streaming: documents are pulled from the input as they are needed and results leave as they are made, so
memory stays flat however large the input (here generated on the fly, never a checked-in file)."""

from __future__ import annotations

import datetime as dt
import gc
import tracemalloc
from collections.abc import Iterator

import pytest

from eventwire.clean import clean_document
from eventwire.ingest import iter_documents
from eventwire.pipeline import make_document

PUBLISHED = dt.date(2022, 9, 29)
STORY = (
    "Police in {city} detained {n} protesters on Sunday, a rights group said. Thousands had marched through the "
    "centre of the city demanding the release of political prisoners.\n\nSupport our journalism. Donate now.\n"
)
CITIES = ["Minsk", "Khartoum", "Tbilisi", "Caracas", "Dhaka", "Lima", "Nairobi", "Yerevan"]


class Counted:
    """A generator of small documents that counts how many it has handed out."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.produced = 0

    def __iter__(self) -> Iterator:
        for i in range(self.n):
            self.produced += 1
            text = STORY.format(city=CITIES[i % len(CITIES)], n=i % 90 + 10)
            yield make_document(text, PUBLISHED, doc_id=f"stream-{i}", title=f"Story {i}")


def _growth(items: Iterator, warmup: int) -> tuple[int, int]:
    """Traced memory growth between item ``warmup`` and the last item (bytes), and the item count."""
    tracemalloc.start()
    try:
        baseline = count = 0
        for count, _ in enumerate(items, 1):
            if count == warmup:
                gc.collect()
                baseline = tracemalloc.get_traced_memory()[0]
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - baseline, count
    finally:
        tracemalloc.stop()


def test_the_pipeline_pulls_documents_only_as_it_needs_them(pipeline):
    documents = Counted(10_000)
    results = pipeline.process(documents)
    next(results)
    # one spaCy batch ahead, not the whole input
    assert documents.produced <= 2 * pipeline.settings.batch_size
    results.close()


@pytest.mark.slow
def test_the_process_pool_keeps_a_bounded_number_of_batches_in_flight(pipeline):
    documents = Counted(10_000)
    results = pipeline.process(documents, n_process=2)
    next(results)
    assert documents.produced <= 5 * pipeline.settings.batch_size
    results.close()


def test_reading_and_cleaning_20k_documents_keeps_memory_flat(tmp_path):
    corpus = tmp_path / "corpus"
    for shard in range(20):  # written by a generator, 20 directories of 1,000 files
        directory = corpus / f"{shard:02d}"
        directory.mkdir(parents=True)
        for i in range(1000):
            n = shard * 1000 + i
            (directory / f"{n:05d}.txt").write_text(STORY.format(city=CITIES[n % 8], n=n % 90 + 10), "utf-8")
    stream = (clean_document(d) for d in iter_documents([str(corpus)], PUBLISHED))
    growth, count = _growth(stream, warmup=2000)
    assert count == 20_000
    assert growth < 512 * 1024, f"memory grew by {growth} bytes over 18,000 documents"


@pytest.mark.slow
def test_coding_a_stream_of_documents_keeps_memory_flat(pipeline):
    growth, count = _growth(pipeline.process(Counted(900)), warmup=300)
    assert count == 900
    # holding on to each result would cost well over 1 KB a document
    assert growth < 512 * 1024, f"memory grew by {growth} bytes over 600 documents"
