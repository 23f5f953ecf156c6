"""Text helpers: readable unique slugs, the folded form of text that search compares (from one table), and the
language version of a text staff write in Polish and optionally in English."""

import re
import unicodedata

from django.utils.text import slugify
from django.utils.translation import get_language

# Letters NFKD does not take apart into an ASCII letter and a mark, so both slugify and search folding would drop
# them ("Łódź" → "odz"); they are replaced first.
TRANSLITERATION = str.maketrans(
    {"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"}
)
_NON_WORD = re.compile(r"[^a-z0-9]+")


def ascii_fold(text):
    """`text` in ASCII letters: "Łódź" → "Lodz"."""
    text = (text or "").translate(TRANSLITERATION)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def normalise(text):
    """Lower-case ASCII words separated by single spaces: "Łódź, ul. Żółta" → "lodz ul zolta"."""
    return " ".join(_NON_WORD.split(ascii_fold(text).lower())).strip()


def search_words(query):
    """The words of a search query, normalised the same way as the stored text (at most ten)."""
    return normalise(query).split()[:10]


def unique_slug(instance, text, fallback, max_length=200):
    """A slug of `text` not yet used by another row of `instance`'s model: "zielona-przyszlosc", then "-2", "-3"…"""
    base = slugify(ascii_fold(text))[:max_length] or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def in_visitors_language(obj, name, polish=None, english=None):
    """The English text of `obj` (its field `<name>_en`) on an English page when staff have written it, the Polish
    (`<name>_pl`) otherwise: staff write in Polish first and English when they can. `polish` and `english` name other
    fields (the rendered HTML of a Markdown text, say) to return, chosen by whether `<name>_en` is written."""
    if (get_language() or "").startswith("en") and getattr(obj, f"{name}_en"):
        return getattr(obj, english or f"{name}_en")
    return getattr(obj, polish or f"{name}_pl")
