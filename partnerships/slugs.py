"""Readable, unique addresses for companies, initiatives and practices."""

from django.utils.text import slugify

# Letters NFKD does not take apart into an ASCII letter and a mark; slugify would drop them ("Łódź" → "odz").
_TRANSLITERATION = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE"})


def unique_slug(instance, text, fallback, max_length=200):
    """A slug of `text` not yet used by another row of `instance`'s model: "zielona-przyszlosc", then "-2", "-3"…"""
    base = slugify((text or "").translate(_TRANSLITERATION))[:max_length] or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug
