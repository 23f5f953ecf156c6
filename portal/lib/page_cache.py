"""Public pages as an anonymous visitor gets them, rendered once and kept in the shared cache.

A view marked with @public_page is cached for visitors who have not signed in: no session cookie and no pending
message (a "messages" cookie), asking with GET or HEAD. Everyone else (signed in, staff, a visitor with a message
to show) gets the page rendered for them, as before, and nothing they see is stored.

Invalidation is exact, not by timeout. Every key holds the site's public content version, a random token replaced
whenever a model shown on public pages is saved or deleted (watch(), connected in portal.apps) or a bulk update
says so (bump()). A page rendered before the change sits under the old token and is never read again; it expires
after PAGE_CACHE_SECONDS, which bounds the memory and how late a page follows the clock alone (an initiative
moving to "past" when it ends). The token is replaced at the change, and again when its transaction commits: a page
rendered from the data of the moment between the two is stored under the first token, which is then already old.

A key also names the language, the scheme and host, the path and the query string, sorted. Only query parameters
the view names are cached, in a query string of bounded length, so that junk parameters cannot fill the cache. A
response is stored only when it is a 200 that sets no cookie and uses no CSP nonce (the nonce must be new on every
response).

The answers carry no `Vary: Cookie`: the page does not depend on a session the visitor does not have. What does
depend on a cookie, the language, is handled by `Cache-Control: no-cache` with an ETag: a browser or a proxy may
keep the page but asks every time, and gets 304 when its copy is the one this visitor would be sent.
"""

import functools
import hashlib
import logging
import secrets
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache as default_cache
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag

logger = logging.getLogger("portal.page_cache")

VERSION_KEY = "page-cache:version"
# The cache alias of the pages (settings.CACHES), or the default cache when there is none.
ALIAS = "pages"
# Longer query strings, or more parameters, are rendered but never stored.
MAX_QUERY_LENGTH = 300
MAX_QUERY_PARAMETERS = 12
# Headers of the stored response that are not replayed: the cookies it did not set, and what the cache decides.
_NOT_STORED = {"set-cookie", "vary", "cache-control", "etag"}


def public_page(view=None, *, query=()):
    """Mark a view whose anonymous GET answers may be cached; `query` names the query parameters it reads."""

    def mark(view):
        @functools.wraps(view)
        def page(request, *args, **kwargs):
            return view(request, *args, **kwargs)

        page.public_page_query = frozenset(query)
        return page

    return mark(view) if view is not None else mark


def _cache():
    return caches[ALIAS] if ALIAS in settings.CACHES else default_cache


def _new_version():
    """A random token, and the time of the change it stands for."""
    return f"{secrets.token_hex(8)}-{int(time.time())}"


def version():
    """The current public content version, created when there is none."""
    cache = _cache()
    token = cache.get(VERSION_KEY)
    if token is None:
        cache.add(VERSION_KEY, _new_version(), None)
        token = cache.get(VERSION_KEY)
    return token


def changed_at():
    """When public content last changed, as a Unix time (or when the cache lost the version: never earlier)."""
    return int(version().rsplit("-", 1)[1])


def _replace_version():
    _cache().set(VERSION_KEY, _new_version(), None)


def bump():
    """Public content changed: every cached page is out of date, now and once the transaction commits."""
    _replace_version()
    transaction.on_commit(_replace_version)


def _changed(sender, **kwargs):
    bump()


def watch(models):
    """Bump the version whenever one of these models is saved, deleted or has its many-to-many links changed."""
    for model in models:
        post_save.connect(_changed, sender=model, dispatch_uid=f"page-cache-save-{model._meta.label}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"page-cache-delete-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(
                _changed, sender=field.remote_field.through, dispatch_uid=f"page-cache-m2m-{field.remote_field.through}"
            )


def _anonymous(request):
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _query(request):
    """The query string's (name, value) pairs, sorted; None when it is too long to consider."""
    raw = request.META.get("QUERY_STRING", "")
    if len(raw) > MAX_QUERY_LENGTH:
        return None
    pairs = parse_qsl(raw, keep_blank_values=True)
    return None if len(pairs) > MAX_QUERY_PARAMETERS else sorted(pairs)


def _key(request, token, pairs):
    visitor_language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if visitor_language not in dict(settings.LANGUAGES):
        visitor_language = settings.LANGUAGE_CODE
    place = "|".join([visitor_language, request.scheme, request.get_host(), request.path, urlencode(pairs)])
    return f"page-cache:{token}:{hashlib.sha256(place.encode()).hexdigest()}"


def _public_query(request):
    """The query parameters of the public page the path leads to, or None when it leads to no public page."""
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return None
    return getattr(match.func, "public_page_query", None)


def _finish(request, response, etag):
    """The headers of every anonymous public page, and 304 when the visitor's copy is this one."""
    response["ETag"] = etag
    response["Cache-Control"] = "no-cache"
    vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip() and v.strip().lower() != "cookie"]
    if vary:
        response["Vary"] = ", ".join(vary)
    elif "Vary" in response:
        del response["Vary"]
    return get_conditional_response(request, etag=etag, response=response)


class PageCacheMiddleware:
    """Serves and stores the cached anonymous pages (see the module's description). It sits before the session, so
    a page from the cache reads neither the session nor the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        seconds = settings.PAGE_CACHE_SECONDS
        if seconds <= 0 or request.method not in ("GET", "HEAD") or not _anonymous(request):
            return self.get_response(request)
        allowed = _public_query(request)
        if allowed is None:  # not a public page: no round trip to the cache (/healthz, the admin…)
            return self.get_response(request)
        pairs = _query(request)
        key = None
        if pairs is not None:
            try:
                key = _key(request, version(), pairs)
                stored = _cache().get(key)
            except DisallowedHost:
                return self.get_response(request)  # Django answers 400 for it
            except Exception:  # noqa: BLE001  (a cache that is down must not take the pages with it)
                logger.warning("The page cache could not be read.", exc_info=True)
                key = stored = None
            if stored is not None:
                return self._replay(request, stored)
        response = self.get_response(request)
        if response.status_code != 200 or response.streaming or response.cookies:
            return response
        if getattr(request, "user", None) is not None and request.user.is_authenticated:
            return response  # signed in by this very request
        etag = response.get("ETag") or quote_etag(hashlib.sha256(response.content).hexdigest()[:32])
        storable = (
            key is not None
            and request.method == "GET"
            and all(name in allowed for name, _value in pairs)
            and getattr(request, "_csp_nonce", None) is None
        )
        response = _finish(request, response, etag)
        if storable and response.status_code == 200:
            headers = [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED]
            try:
                _cache().set(key, {"content": response.content, "headers": headers, "etag": etag}, seconds)
            except Exception:  # noqa: BLE001
                logger.warning("The page cache could not be written.", exc_info=True)
        return response

    def _replay(self, request, stored):
        response = HttpResponse(stored["content"])
        for header, value in stored["headers"]:
            response[header] = value
        return _finish(request, response, stored["etag"])
