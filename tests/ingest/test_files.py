"""Reading inputs: text, HTML, JSONL, directories, stdin, and bad input reported without stopping."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from eventwire.clean import clean_document
from eventwire.errors import ConfigError, InputError
from eventwire.ingest import iter_documents, parse_date
from eventwire.ingest.text import split_title

PUB = dt.date(2022, 9, 29)

ARTICLE = """Rebels seize border post in eastern Congo

By Amina Diallo

GOMA (Eventwire) — Rebels seized a border post near Bunagana on Monday, local officials said.
"""

HTML = """<html><head><title>Sanctions widen | Example News</title>
<meta name="author" content="Lena Berg">
<meta property="article:published_time" content="2022-10-03T09:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>EU widens sanctions on Iran over protest crackdown</h1>
<p>BRUSSELS (Example) — European Union foreign ministers agreed on Monday to impose sanctions on eleven Iranian
officials over the violent suppression of protests, diplomats said.</p>
<p>The measures freeze assets and ban travel to the bloc, the diplomats said after a meeting in Luxembourg.</p>
</article><footer>© Example News. All rights reserved.</footer></body></html>"""


def _docs(items):
    return [d for d in items if not isinstance(d, InputError)]


def _errors(items):
    return [d for d in items if isinstance(d, InputError)]


def test_text_file_headline_becomes_title(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    [doc] = list(iter_documents([str(path)], PUB))
    assert doc.title == "Rebels seize border post in eastern Congo"
    assert doc.text.startswith("By Amina Diallo")
    assert doc.published == PUB
    assert doc.doc_id.startswith("sha256:")


def test_a_first_sentence_is_not_mistaken_for_a_title():
    title, body = split_title("Rebels seized a border post on Monday.\n\nOfficials said five died.")
    assert title is None and body.startswith("Rebels")


def test_a_page_of_navigation_only_is_no_article(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav><footer>Log in</footer></body></html>")
    items = list(iter_documents([str(path)], PUB))
    assert not _docs(items)
    assert [e.reason for e in _errors(items)] == ["no article text found in HTML"]


def test_html_article_text_and_metadata_via_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [doc] = list(iter_documents([str(path)], None))
    clean = clean_document(doc)
    assert "impose sanctions on eleven Iranian" in clean.text
    assert "Home" not in clean.text and "All rights reserved" not in clean.text
    # what trafilatura left out is kept as removed spans, with offsets into the document's text
    removed = {r.text: r.reason for r in clean.removed_spans}
    assert any("Home" in text for text in removed) and any("All rights reserved" in text for text in removed)
    assert all(doc.text[r.start : r.end] == r.text for r in clean.removed_spans)
    assert doc.author == "Lena Berg"
    assert doc.published == dt.date(2022, 10, 3)  # the page's own date wins over --published


def test_jsonl_good_lines_processed_bad_lines_reported_with_line_numbers(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [
        json.dumps({"id": "a", "text": "Troops shelled the village.", "published": "2022-09-01"}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps({"id": "c", "html": HTML, "url": "https://example.org/x"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(iter_documents([str(path)], PUB))
    docs, errors = _docs(items), _errors(items)
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert docs[0].published == dt.date(2022, 9, 1)
    assert docs[1].url == "https://example.org/x"
    assert [e.source for e in errors] == [f"{path}:2", f"{path}:3"]
    assert "malformed JSON" in errors[0].reason and "'text' or 'html'" in errors[1].reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary", "binary")],
)
def test_bad_files_are_reported_not_raised(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    [error] = list(iter_documents([str(path)], PUB))
    assert isinstance(error, InputError) and reason in str(error) and str(path) in str(error)


def test_missing_input_is_reported_and_others_still_read(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Protesters marched in Tbilisi.", encoding="utf-8")
    items = list(iter_documents([str(tmp_path / "nope.txt"), str(good)], PUB))
    assert "no such file" in str(items[0])
    assert _docs(items)[0].text == "Protesters marched in Tbilisi."


def test_directory_is_walked_recursively_in_stable_order_skipping_other_types(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "1.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    assert [d.text for d in _docs(iter_documents([str(tmp_path)], PUB))] == ["First story.", "Second story."]


def test_stdin_is_plain_text():
    [doc] = list(iter_documents(["-"], PUB, stdin=io.BytesIO(b"Troops withdrew from Kherson.")))
    assert doc.text == "Troops withdrew from Kherson." and doc.source_path == "<stdin>"


def test_content_hash_id_is_stable(tmp_path):
    (tmp_path / "x.txt").write_text("Same text.", encoding="utf-8")
    first = _docs(iter_documents([str(tmp_path / "x.txt")], PUB))[0].doc_id
    (tmp_path / "y.txt").write_text("Same text.", encoding="utf-8")
    assert _docs(iter_documents([str(tmp_path / "y.txt")], PUB))[0].doc_id == first


def test_bad_date_option_is_a_config_error():
    with pytest.raises(ConfigError, match="YYYY-MM-DD"):
        parse_date("29/09/2022")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1", "utf-16"])
def test_text_in_other_encodings_is_decoded(tmp_path, encoding):
    text = "Café owners in Montréal protested on Sunday against the new tax, police in Québec said."
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    [document] = list(iter_documents([str(path)], None))
    assert not isinstance(document, InputError)
    assert "Montréal" in document.text and "Québec" in document.text


def test_non_english_documents_are_kept_with_a_note_but_not_coded(pipeline):
    from eventwire.pipeline import make_document

    german = make_document(
        "Die russischen Truppen haben am Dienstag die Stadt Charkiw beschossen, drei Menschen wurden getötet.",
        "2022-09-29",
    )
    english = make_document("Russian forces shelled Kharkiv on Tuesday, killing three people, officials said.")
    declared = make_document("Russian forces shelled Kharkiv on Tuesday, killing three people, officials said.")
    declared.language = "fr"
    results = list(pipeline.process([german, english, declared]))
    assert results[0].events == [] and "not English" in results[0].note and results[0].document.language == "de"
    assert results[1].events and results[1].note is None and results[1].document.language == "en"
    assert results[2].events == [] and "declared" in results[2].note


_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Eastern Wire</title>
<item><title>Shelling hits Kharkiv</title><link>https://www.example.org/a/1/?utm_source=feed</link>
<pubDate>Tue, 27 Sep 2022 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Russian forces shelled Kharkiv on Tuesday.&lt;/p&gt;
&lt;p&gt;Rescuers searched the rubble.&lt;/p&gt;</description></item>
<item><title>Nothing here</title><link>https://example.org/a/2</link><description></description></item>
</channel></rss>"""


def test_rss_items_are_documents_and_empty_items_are_reported(tmp_path):
    path = tmp_path / "wire.rss"
    path.write_text(_FEED, encoding="utf-8")
    first, second = list(iter_documents([str(path)], None))
    assert not isinstance(first, InputError)
    assert first.title == "Shelling hits Kharkiv" and first.source == "Eastern Wire"
    assert first.published == dt.date(2022, 9, 27)
    assert first.text == "Russian forces shelled Kharkiv on Tuesday.\n\nRescuers searched the rubble."
    assert isinstance(second, InputError) and "no text" in str(second)


def test_a_file_that_is_not_a_feed_is_one_error(tmp_path):
    path = tmp_path / "broken.rss"
    path.write_text("this is not XML {", encoding="utf-8")
    [error] = list(iter_documents([str(path)], None))
    assert isinstance(error, InputError) and "not an RSS/Atom feed" in str(error)


def test_the_same_article_by_two_links_gets_one_id():
    from eventwire.ingest.ids import doc_id_from_url

    a = doc_id_from_url("http://www.Example.org/news/123/?utm_source=rss#top")
    b = doc_id_from_url("https://example.org/news/123")
    assert a == b and a.startswith("url:")
    assert doc_id_from_url("https://example.org/news/124") != a


def test_warc_html_responses_are_documents(tmp_path):
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = (
        b"<html><head><title>Shelling hits Kharkiv</title></head><body><article><h1>Shelling hits Kharkiv</h1>"
        b"<p>Russian forces shelled Kharkiv on Tuesday, killing two people, the regional governor said.</p>"
        b"<p>Rescue teams searched the rubble of a five-storey building for survivors into the night.</p>"
        b"</article></body></html>"
    )
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            "https://example.org/kharkiv", "response", payload=BytesIO(page), http_headers=headers
        )
        writer.write_record(record)
        writer.write_record(writer.create_warc_record("https://example.org/robots", "metadata", payload=BytesIO(b"x")))
    [document] = list(iter_documents([str(path)], None))
    assert not isinstance(document, InputError), document
    assert document.url == "https://example.org/kharkiv" and document.doc_id.startswith("url:")
    assert "shelled Kharkiv" in document.text


def test_a_broken_archive_is_one_error(tmp_path):
    path = tmp_path / "broken.warc"
    path.write_bytes(b"this is not an archive")
    errors = list(iter_documents([str(path)], None))
    assert len(errors) == 1 and isinstance(errors[0], InputError)


def test_a_huge_text_is_split_into_parts_at_paragraph_breaks():
    from eventwire.ingest.text import split_large
    from eventwire.pipeline import make_document

    paragraph = "Russian forces shelled Kharkiv on Tuesday, killing two people, officials said. " * 20
    document = make_document("\n".join([paragraph] * 50), "2022-09-29", title="")
    parts = split_large(document, limit=10_000)
    assert len(parts) > 1 and all(len(p.text) <= 10_000 for p in parts)
    assert "".join(p.text for p in parts) == document.text
    assert [p.doc_id for p in parts] == [f"{document.doc_id}#{n}" for n in range(1, len(parts) + 1)]


def test_include_and_exclude_globs_filter_what_directories_yield(tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "archive").mkdir()
    for name in ("news/a.txt", "news/b.html", "archive/c.txt"):
        (tmp_path / name).write_text(
            "<html><body><article><p>Police detained ten protesters in Minsk on Sunday, a rights group said in"
            " a statement published on its website.</p></article></body></html>"
            if name.endswith(".html")
            else "Police detained ten protesters in Minsk on Sunday, a rights group said.",
            encoding="utf-8",
        )

    def names(**filters):
        return sorted(
            d.source_path.rsplit("/", 2)[-2] + "/" + d.source_path.rsplit("/", 1)[-1]
            for d in iter_documents([str(tmp_path)], None, **filters)
            if not isinstance(d, InputError)
        )

    assert names() == ["archive/c.txt", "news/a.txt", "news/b.html"]
    assert names(include=["*.txt"]) == ["archive/c.txt", "news/a.txt"]
    assert names(exclude=["archive/*"]) == ["news/a.txt", "news/b.html"]
