"""What trafilatura left out of a page, kept as removed spans.

trafilatura decides which of a page's blocks are the article. To let a user audit that decision (the
dashboard shows removed text greyed, with its reason), the document's text is every visible text block of
the page, one paragraph each, and the blocks trafilatura did not keep are marked removed ("page": site
navigation, teasers, footers; "title": the headline, stored as the document's title). When the blocks cannot
be matched to trafilatura's text (unusual markup), the text is trafilatura's alone and nothing is marked.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

#: elements whose text is never shown
_HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head", "iframe", "object"})
#: elements that start a block of their own
_BLOCKS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "figcaption", "caption", "td",
     "th", "pre", "div", "section", "article", "aside", "header", "footer", "nav", "main", "ul", "ol", "dl",
     "table", "tr", "form", "button", "label", "address", "figure", "br", "hr"}
)  # fmt: skip
_SPACE = re.compile(r"\s+")
#: share of trafilatura's paragraphs that must be found among the page's blocks to trust the match
_MATCHED = 0.9


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def page_blocks(html: str) -> list[str]:
    """The visible text of a page, one string per block, in reading order."""
    try:
        root = lxml_html.document_fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return []
    body = root.find("body")
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = _norm("".join(current))
        if text:
            blocks.append(text)
        current.clear()

    def walk(element) -> None:
        tag = element.tag if isinstance(element.tag, str) else ""
        if tag.lower() in _HIDDEN:
            return
        block = tag.lower() in _BLOCKS
        if block:
            flush()
        if element.text:
            current.append(element.text)
        for child in element:
            walk(child)
            if child.tail:
                current.append(child.tail)
        if block:
            flush()

    walk(body if body is not None else root)
    flush()
    return blocks


def with_page_removals(html: str, kept: list[str], title: str | None) -> tuple[str, list[tuple[int, int, str]]] | None:
    """The page's blocks as text, and (start, end, reason) of each block trafilatura did not keep; None when
    the page's blocks do not line up with ``kept`` (trafilatura's paragraphs, headline already dropped)."""
    wanted = [_norm(p) for p in kept if _norm(p)]
    blocks = page_blocks(html)
    if not wanted or not blocks:
        return None
    remaining = list(wanted)
    text_parts: list[str] = []
    removed: list[tuple[int, int, str]] = []
    position = 0
    found = 0
    headline = _norm(title or "")
    for block in blocks:
        start = position + (2 if text_parts else 0)
        text_parts.append(block)
        position = start + len(block)
        if remaining and block == remaining[0]:
            remaining.pop(0)
            found += 1
            continue
        if block in remaining[:3]:  # trafilatura may drop a block we list before the next kept one
            while remaining and remaining[0] != block:
                remaining.pop(0)
            remaining.pop(0)
            found += 1
            continue
        removed.append((start, position, "title" if headline and block == headline else "page"))
    if found < _MATCHED * len(wanted):
        return None
    return "\n\n".join(text_parts), removed
