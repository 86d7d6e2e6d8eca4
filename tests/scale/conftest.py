"""Documents for the scale tests: the bundled samples plus articles from the benchmark corpus generator."""

from __future__ import annotations

import sys

import pytest

from tests.conftest import ROOT, SAMPLES, SAMPLES_PUBLISHED


def generated_articles(n: int, seed: int = 11):
    """(name, title, text, published) of ``n`` articles from ``benchmarks/corpus.py``."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        import corpus
    finally:
        sys.path.pop(0)
    return list(corpus.generate(n, seed))


@pytest.fixture(scope="session")
def mixed_corpus(tmp_path_factory):
    """A directory with the ten samples and 30 generated articles (text and HTML, long and short)."""
    root = tmp_path_factory.mktemp("mixed")
    for path in SAMPLES.iterdir():
        if path.suffix in (".txt", ".html"):
            (root / path.name).write_bytes(path.read_bytes())
    for name, title, text, _published in generated_articles(30):
        (root / f"gen-{name}.txt").write_text(f"{title}\n\n{text}", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def mixed_documents(mixed_corpus):
    from eventwire.ingest import iter_documents, parse_date

    return [
        d for d in iter_documents([str(mixed_corpus)], parse_date(SAMPLES_PUBLISHED)) if not isinstance(d, Exception)
    ]


@pytest.fixture(scope="session")
def single_process_records(pipeline, mixed_documents):
    """Every event record of the mixed corpus, coded in this process: what every scheduler must reproduce."""
    return [event.to_dict() for result in pipeline.process(mixed_documents) for event in result.events]
