"""Markdown rendered and sanitised. (Search folding lives in portal.lib.text.)"""

import markdown as markdown_lib
import nh3
from django.utils.html import linebreaks

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "h2", "h3", "h4", "a", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}


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
