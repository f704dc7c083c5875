"""Cached public data, and how a change to what readers may see retires all of it at once.

Every key for data that depends on published reports (facet counts, today) carries the current
generation. Publishing, unpublishing, deleting or relinking a report bumps the generation, so
the next request computes fresh figures instead of serving the old ones until they time out.
The bump happens at once and again after the transaction commits, so a request that cached
figures from before the commit cannot keep them.

With the default per-process memory cache a bump reaches only the process that made it; a
shared cache (Redis, Memcached) reaches every worker.
"""

from __future__ import annotations

import functools
import time

from django.core.cache import cache
from django.db import transaction
from django.views.decorators.cache import cache_page

GENERATION_KEY = "public:generation"


def generation() -> int:
    value = cache.get(GENERATION_KEY)
    if value is None:
        # Start from the clock, so a restarted process never reuses an old generation's keys.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        value = cache.get(GENERATION_KEY, 0)
    return value


def _bump() -> None:
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def public_changed() -> None:
    """Retire every cached figure built from published reports."""
    _bump()
    transaction.on_commit(_bump)


def public_key(prefix: str, digest: str) -> str:
    return f"public:{generation()}:{prefix}:{digest}"


def public_cache_page(timeout: int):
    """``cache_page`` for pages built from published reports: a new generation, a new key."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            cached = cache_page(timeout, key_prefix=f"public-{generation()}")(view)
            return cached(request, *args, **kwargs)

        return wrapped

    return decorator
