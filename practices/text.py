"""Text helpers: Markdown rendered and sanitised, and the normalised form of text that search compares."""

import re
import unicodedata

import markdown as markdown_lib
import nh3
from django.utils.html import linebreaks

# Letters that Unicode does not decompose into a base letter and a mark (so NFKD alone would drop them).
_MANUAL = str.maketrans({"ł": "l", "Ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe"})
_NON_WORD = re.compile(r"[^a-z0-9]+")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "a", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


def normalise(text):
    """Lower-case ASCII words separated by single spaces: "Łódź, ul. Żółta" → "lodz ul zolta"."""
    text = (text or "").translate(_MANUAL)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_NON_WORD.split(text)).strip()


def search_words(query):
    """The words of a search query, normalised the same way as the stored text (at most ten)."""
    return normalise(query).split()[:10]


def render_markdown(text):
    """Markdown to HTML, then sanitised: no script, no event handler, no style, no javascript: link survives.

    Slow on some input (every "[" makes the parser read on to the end of the text, so a text of brackets costs the
    square of its length): call it when a text is saved, on a text whose length the form has limited, never while
    a page is shown. bench/markdown_worst_case.py measures the longest texts the forms accept.
    """
    try:
        html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    except RecursionError:
        # Lists nested a few hundred deep ("- - - - …") exhaust Python's recursion limit in the parser: such a text
        # is kept as plain, escaped paragraphs rather than refused with an error page.
        html = linebreaks(text, autoescape=True)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="nofollow noopener noreferrer",
    )
