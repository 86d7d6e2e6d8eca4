"""The plain-text cleaner removes bylines, datelines, appeals and site furniture, and keeps the news."""

from __future__ import annotations

from eventwire.clean.appeals import clean_text, load_patterns

TEXT = """By Oksana Petrenko and Mark Ellis

ODESA, Ukraine, Oct. 2 (Eventwire) — Russian drones struck port facilities in Odesa overnight, the governor said.

A local charity said donations of blankets had doubled since the strike.

Support our journalism. Become a member today and help keep our reporting free.

"We will rebuild the terminal," the port director told reporters.

Share this article

Dear readers,

Independent reporting from Ukraine depends on you. Please consider a gift.

Remind me later
"""


def test_removed_spans_carry_reasons_and_point_into_the_raw_text():
    _clean, removed, dateline = clean_text(TEXT)
    reasons = [span.reason for span in removed]
    assert reasons == ["byline", "dateline", "appeal", "share", "appeal", "appeal", "appeal"]
    for span in removed:
        assert TEXT[span.start : span.end] == span.text
    assert dateline == "ODESA, Ukraine, Oct. 2 (Eventwire)"


def test_news_survives_even_when_it_mentions_donations_or_uses_we():
    clean, _, _ = clean_text(TEXT)
    assert clean.startswith("Russian drones struck port facilities")
    assert "donations of blankets had doubled" in clean
    assert '"We will rebuild the terminal," the port director told reporters.' in clean
    assert "member" not in clean and "Remind me later" not in clean and "Share" not in clean


def test_a_text_without_boilerplate_is_unchanged():
    text = "Troops withdrew from the city on Friday.\n\nResidents returned on Saturday."
    clean, removed, dateline = clean_text(text)
    assert clean == text and removed == [] and dateline is None


def test_pattern_file_loads():
    patterns = load_patterns()
    assert patterns.appeal and patterns.byline
    assert {kind for kind, compiled in patterns.furniture if compiled} >= {"newsletter", "cookie", "related", "credit"}


def test_furniture_is_removed_by_kind_and_listed_headlines_go_with_their_header():
    text = (
        "Police detained 40 protesters in Minsk on Sunday, rights groups said.\n\n"
        "Riot police detain a protester in Minsk. Photo: Jan Novak / AFP\n\n"
        "Read more:\n\n"
        "Belarus opposition leader sentenced in absentia\n\n"
        "Sign up for our Eastern Europe newsletter, delivered to your inbox every Monday.\n\n"
        "We use cookies to personalise content. Accept all\n\n"
        "(Reporting by Anna Novak; Editing by Tom Price)\n\n"
        "The UN launched an appeal for $2 billion to support displaced families."
    )
    clean, removed, _ = clean_text(text)
    assert [span.reason for span in removed] == ["credit", "related", "related", "newsletter", "cookie", "byline"]
    assert clean.startswith("Police detained") and clean.endswith("displaced families.")
