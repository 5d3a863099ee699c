"""Markdown in, safe HTML out: discussion and remarks are Markdown, sanitised with nh3."""

from __future__ import annotations

import functools
import hashlib
import html
import re

import markdown
import nh3
from django.core.cache import cache

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "td": {"colspan"},
    "th": {"colspan"},
}


# A text renders to the same HTML for ever, so the cache is keyed by the text itself: a saved
# discussion is rendered once, whichever page or process shows it first.
MARKDOWN_CACHE_SECONDS = 30 * 24 * 3600


def render_markdown(text: str) -> str:
    """Render Markdown to HTML that is safe to put in a page as it is (cached by text)."""
    text = text or ""
    if not text.strip():
        return ""
    key = "markdown:" + hashlib.sha256(text.encode()).hexdigest()
    html = cache.get(key)
    if html is None:
        html = _render(text)
        cache.set(key, html, MARKDOWN_CACHE_SECONDS)
    return html


def _render(text: str) -> str:
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )


# Where a block ends, a space keeps the words of two paragraphs or list items apart.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|td|th|tr|blockquote|pre)>|<br\s*/?>|<hr\s*/?>", re.I)


def plain_text(text: str | None) -> str:
    """The words a reader sees once the Markdown is rendered, without markup: for excerpts."""
    return _plain_text(text or "")


@functools.lru_cache(maxsize=4096)
def _plain_text(text: str) -> str:
    # A pure function of the text: each worker keeps the most recent answers.
    rendered = markdown.markdown(text, extensions=["tables", "sane_lists"])
    stripped = nh3.clean(_BLOCK_END.sub(" ", rendered), tags=set())
    return " ".join(html.unescape(stripped).split())
