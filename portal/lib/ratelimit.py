"""Counting what one client does in a time window, for the portal's own rate limits (allauth has its own).

The counter lives in the cache: `cache.add` creates it with the window as its lifetime, `cache.incr` counts. Both are
single atomic operations in the in-memory and Redis caches, and in the portal's database cache (portal.lib.cache, the
default without REDIS_URL), so parallel requests never read the same count and each stores its own increment: a
read-then-write (`get`, then `set`) lets thirty requests at once all see "0" and pass.
"""

from django.core.cache import cache

from portal.lib.http import client_ip


def hit(request, scope, limit, seconds):
    """Count one more action of `scope` by this request's client; False when it is more than `limit` in the window.

    The window begins with the client's first action and lasts `seconds`; the count is not reset by later ones.
    """
    key = f"ratelimit:{scope}:{client_ip(request)}"
    cache.add(key, 0, seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add and incr: this action opens a new one
        cache.add(key, 0, seconds)
        count = cache.incr(key)
    return count <= limit
