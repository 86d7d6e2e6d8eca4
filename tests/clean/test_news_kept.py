"""The cleaner keeps news that looks like furniture to a word- or shape-based judge.

Each test is one general cause of lost news found by running the cleaner over pure-news corpora (LGL local
news and the event gold cut into one-sentence paragraphs) and over news written for these tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from eventwire.clean.appeals import _clean, clean_text
from eventwire.clean.classifier import ParagraphClassifier, load_classifier

ROOT = Path(__file__).resolve().parents[2]

#: a classifier that judges every paragraph to be an appeal: what it may not remove is what the cleaner's own
#: rules keep, whatever the weights say
EVERYTHING_IS_FURNITURE = ParagraphClassifier(classes=("appeal", "news"), bias=(5.0, 0.0), weights={}, threshold=0.5)


def kept_and_removed(text: str, classifier: ParagraphClassifier | None = None) -> tuple[str, list[str]]:
    clean, removed, _, _ = _clean(text, classifier=classifier)
    return clean, [span.text for span in removed if span.reason != "dateline"]


def test_short_news_sentences_and_the_headline_are_kept():
    """Wire copy and local news print one sentence a paragraph; the classifier learnt from long paragraphs
    that a short line is furniture, and removed "Twelve are missing." and the headline."""
    article = [
        "Ferry capsizes off Lombok",
        "MATARAM, Indonesia — A ferry carrying 60 passengers capsized in heavy seas off Lombok on Sunday.",
        "Rescuers pulled 48 people from the water.",
        "Twelve are missing.",
        "The ferry was not licensed to carry passengers.",
        "Its captain has been detained.",
        "Search teams will resume at dawn.",
        "Residents applauded.",
    ]
    for classifier in (None, EVERYTHING_IS_FURNITURE):  # the shipped weights, and the rules alone
        clean, removed = kept_and_removed("\n\n".join(article), classifier)
        assert removed == []
        assert clean.startswith("Ferry capsizes off Lombok\n\nMATARAM, Indonesia — A ferry")


def test_the_shipped_classifier_itself_judges_short_news_sentences_to_be_news():
    """Trained also on its articles cut into one sentence a paragraph (scripts/train_cleaner.py); the weights
    trained on long paragraphs alone judged 3 of these 7 to be news."""
    classifier = load_classifier()
    assert classifier is not None
    body = [
        "MATARAM, Indonesia — A ferry carrying 60 passengers capsized in heavy seas off Lombok on Sunday.",
        "Rescuers pulled 48 people from the water.",
        "Twelve are missing.",
        "The ferry was not licensed to carry passengers.",
        "Its captain has been detained.",
        "Heavy rain is forecast for the rest of the week.",
        "Search teams will resume at dawn.",
    ]
    judged = classifier.judge(["Ferry capsizes off Lombok", *body])[1:]
    assert sum(p_news >= classifier.threshold for p_news, _ in judged) >= 5


def test_training_cuts_news_into_sentences_and_leaves_furniture_whole():
    spec = importlib.util.spec_from_file_location("train_cleaner", ROOT / "scripts" / "train_cleaner.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_cleaner"] = module
    spec.loader.exec_module(module)
    paragraphs = [
        ('Gen. Ana Ruiz arrived in Quito on Sept. 3. She met the president. "We agreed," she said.', "news"),
        ("Support our work. Give $5 a month.", "appeal"),
    ]
    assert module.one_sentence_paragraphs(paragraphs) == [
        ("Gen. Ana Ruiz arrived in Quito on Sept. 3.", "news"),
        ("She met the president.", "news"),
        ('"We agreed," she said.', "news"),
        ("Support our work. Give $5 a month.", "appeal"),
    ]
    assert module.one_sentence_paragraphs([("One sentence only.", "news")]) is None


def test_what_the_classifier_may_not_remove_and_what_it_still_may():
    article = [
        "Charity run raises record sum",
        "DOVER, Del. —",
        "More than 3,000 runners raised a record $1.2 million for children's hospitals on Saturday.",
        "‘We never expected this many people,’ organiser Tom Reyes added.",
        "``It was a wonderful day for the city,'' Mayor Lopez wrote.",
        "Top fundraisers:",
        "- Sarah Kim, $24,000",
        "- The Okafor family, $18,500",
        "Who gets the money?",
        "Three hospitals in the county share it equally.",
        "Record turnout despite the rain",
        "Organisers counted 3,100 starters.",
        "Maybe later",
        "The race began at 8 a.m.",
        "Share  |  Print",
        "This website uses cookies",
    ]
    clean, removed = kept_and_removed("\n\n".join(article), EVERYTHING_IS_FURNITURE)
    assert removed == ["Maybe later", "Share  |  Print", "This website uses cookies"]
    assert clean.startswith("Charity run raises record sum\n\nDOVER, Del. —")


def test_a_question_in_a_list_of_headlines_is_still_furniture():
    article = [
        "Protesters block the capital's ring road on Monday, police said.",
        "Traffic was diverted for six hours.",
        "What is behind the fuel protests?",
        "Five things to know about the new tax",
        "Who are the truckers' leaders?",
    ]
    _, removed = kept_and_removed("\n\n".join(article), EVERYTHING_IS_FURNITURE)
    assert removed == article[2:]


def test_us_is_the_country_not_the_reader():
    """An appeal goes on while paragraphs speak to the reader ("us"), but "US" is the United States."""
    text = (
        "Trade talks in Geneva ended without a deal on Tuesday, officials said.\n\n"
        "Support our journalism. Become a member today.\n\n"
        "US and EU negotiators will meet again next week."
    )
    clean, removed, _ = clean_text(text)
    assert [span.reason for span in removed] == ["appeal"]
    assert clean.endswith("US and EU negotiators will meet again next week.")


def test_a_short_statement_with_an_appeal_word_is_news():
    """A line under 200 characters that matched an appeal pattern was removed even when it spoke of others."""
    for news in (
        "Donations to the food bank are tax-deductible.",
        "When paid out, the settlement will give $61 million to the state.",
        "Become a member, the gym's old advertising promised, and never pay more.",
        '"Our shelter needs your help," the director said.',
    ):
        clean, removed, _ = clean_text(f"Food bank sees record demand\n\n{news}")
        assert removed == [] and news in clean, news
    for appeal in (
        "Donate now",
        "Give monthly to keep this reporting free",
        "Support us today.",
        'Click "Donate" to support our reporting.',  # quote marks in the publisher's own words: still an appeal
    ):
        _, removed, _ = clean_text(f"Food bank sees record demand\n\n{appeal}")
        assert [span.reason for span in removed] == ["appeal"], appeal


def test_newsletter_and_cookie_words_in_a_news_statement_are_news():
    """Furniture patterns that look anywhere in a paragraph matched news: "register for the ... alert"."""
    for news in (
        "Emergency managers urged residents to register for the county's flood alert service before the thaw.",
        "The council's newsletter is delivered to every household, and residents can unsubscribe at any time.",
    ):
        clean, removed, _ = clean_text(news)
        assert removed == [] and clean == news, news
    for furniture in (
        "Sign up for our morning briefing, delivered to your inbox.",
        "Subscribe to the Harbor Briefing newsletter for the day's alerts",
    ):
        _, removed, _ = clean_text(furniture)
        assert [span.reason for span in removed] == ["newsletter"], furniture


def test_furniture_patterns_for_bylines_credits_and_comment_prompts():
    text = (
        "By Jonas Berg\nNordic Correspondent\nPublished 3 March 2024\n\n"
        "Fishermen in Tromsø blocked the harbour on Monday, police said.\n\n"
        "Boats at the quay in Tromsø on Monday. (AP Photo/Kari Lund)\n\n"
        "Have your say: leave a comment below.\n\n"
        "You might also like\n\n"
        "Why the cod quota was cut?"
    )
    clean, removed, _ = clean_text(text)
    reasons = [span.reason for span in removed]
    assert reasons == ["byline", "byline", "byline", "credit", "share", "related", "related"]
    assert clean == "Fishermen in Tromsø blocked the harbour on Monday, police said."


def test_fact_lines_and_one_word_subheadings_are_news_and_buttons_are_not():
    """A story's fact box ("Deaths: 14") and its one-word subheadings ("Cause") were lost to a classifier that
    learnt that short lines are furniture; a button as short ("Maybe later") may still go."""
    article = [
        "Wildfire forces thousands from homes near Valparaiso",
        "Fire crews battled a wildfire in the hills above Valparaiso for a third day on Monday.",
        "Deaths: 14",
        "Homes destroyed: about 1,200",
        "Cause",
        "Investigators said the fire started at a rubbish dump.",
        "Maybe later",
        "The regional government declared a state of emergency.",
    ]
    clean, removed = kept_and_removed("\n\n".join(article), EVERYTHING_IS_FURNITURE)
    assert removed == ["Maybe later"]
    assert "Deaths: 14" in clean and "\n\nCause\n\n" in clean


def test_a_headline_between_two_listed_headlines_is_listed_too():
    from eventwire.clean.appeals import _verdicts, load_patterns

    texts = [
        "Dam operators open spillways as rains continue in the north of the country.",
        "Officials said the reservoir was at 98 percent of capacity on Tuesday.",
        "Read: how the spillways work",
        "Army called in as river breaches embankment",
        "Aid agencies warn of cholera in relief camps",
    ]
    listed = ParagraphClassifier(
        classes=("news", "related"),
        bias=(0.0, 0.0),
        weights={"w:read": (0.0, 9.0), "w:aid": (0.0, 9.0)},
        threshold=0.5,
    )
    raw = "\n\n".join(texts)
    spans, start = [], 0
    for text in texts:
        spans.append((start, start + len(text)))
        start += len(text) + 2
    verdicts = _verdicts(raw, spans, listed, load_patterns())
    assert [raw[s:e] for s, e in spans if s in verdicts] == texts[2:]
