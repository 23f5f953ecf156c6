"""What a request says about its sender."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page


def client_ip(request):
    """The client's address, as allauth's rate limits see it, for the portal's own limits and the security log.

    That is REMOTE_ADDR, or behind the proxy (DJANGO_BEHIND_PROXY=1, so ALLAUTH_TRUSTED_PROXY_COUNT = 1) the last
    address in X-Forwarded-For, the one the proxy appended; "-" without a request or a valid address.
    """
    if request is None:
        return "-"
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:  # allauth's answer when the address is missing or is not an IP address
        return "-"


def revalidated(view):
    """A file that clients and proxies may keep but must revalidate (Cache-Control: no-cache): an ETag of its content
    (and its Last-Modified, if the view sets one), with 304 when the client's copy is current."""
    return cache_control(no_cache=True)(conditional_page(view))
