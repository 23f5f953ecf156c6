from django import template
from django.conf import settings

register = template.Library()


@register.filter
def verbose_name(obj):
    return obj._meta.verbose_name


@register.filter
def absolute_url(url):
    """An address for use outside the site: a file in a bucket already has its own host, a local one gets SITE_URL."""
    url = str(url)
    return url if url.startswith(("https://", "http://")) else settings.SITE_URL + url
