"""A cache that keeps working when Redis does not: each process falls back to its
own memory until Redis answers again.

What the platform keeps in the cache is optional or can be counted per process
for a while: menus and footers (rebuilt from the database), Wagtail's site root
paths, the watched live groups, and rate-limit counters (django-ratelimit's and
allauth's). With Redis unreachable, django-redis raises on every call and each
page that reads the cache answers 500; its ``IGNORE_EXCEPTIONS`` would answer
"nothing cached" instead, which silently disables every rate limit (allauth
counts nothing) or refuses everyone (django-ratelimit fails closed). Falling
back to the process's memory keeps pages up and keeps limits holding, per
process: an attacker gets at most the limit times the number of processes
during an outage.

After a failure, Redis is not asked again for ``RETRY_SECONDS``: a Redis that
does not answer costs a connect timeout per call, and a page reads the cache
several times. The outage is logged once when it starts and once when it ends.

django-cache-fallback does the same in spirit, but catches every exception (a
missing key's ``incr`` would switch caches), logs a traceback per call and has
no pause between attempts; this is the part of it the platform needs.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# django-redis wraps connection errors in ConnectionInterrupted, then re-raises
# the cause: redis-py's ConnectionError or TimeoutError (and OSError below them).
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)
RETRY_SECONDS = 10


class FallbackCache(BaseCache):
    """The ``PRIMARY`` cache alias, or the ``FALLBACK`` one while it is down."""

    def __init__(self, location, params):
        super().__init__(params)
        options = params.get("OPTIONS", {})
        self._primary_alias = options["PRIMARY"]
        self._fallback_alias = options["FALLBACK"]
        self._max_timeout = options.get("MAX_TIMEOUT")
        self._down_until = 0.0
        self._lock = threading.Lock()

    @property
    def primary(self) -> BaseCache:
        return caches[self._primary_alias]

    @property
    def fallback(self) -> BaseCache:
        return caches[self._fallback_alias]

    def is_down(self) -> bool:
        """Whether calls go to the fallback now (Redis failed a moment ago)."""
        return time.monotonic() < self._down_until

    def _call(self, method: str, *args, **kwargs):
        if not self.is_down():
            try:
                result = getattr(self.primary, method)(*args, **kwargs)
            except UNREACHABLE as error:
                self._mark_down(error)
            else:
                self._mark_up()
                return result
        return getattr(self.fallback, method)(*args, **kwargs)

    def _bounded(self, timeout):
        """The timeout asked for, at most ``MAX_TIMEOUT`` seconds when set."""
        if self._max_timeout is None:
            return timeout
        if timeout is DEFAULT_TIMEOUT:
            timeout = self.default_timeout
        if timeout is None:
            return self._max_timeout
        return min(timeout, self._max_timeout)

    def _mark_down(self, error: Exception) -> None:
        with self._lock:
            starting = self._down_until == 0.0
            self._down_until = time.monotonic() + RETRY_SECONDS
        if starting:
            logger.warning(
                "Cache %r unreachable (%s): this process uses its own memory",
                self._primary_alias,
                type(error).__name__,
            )

    def _mark_up(self) -> None:
        if self._down_until:
            with self._lock:
                self._down_until = 0.0
            logger.warning("Cache %r reachable again", self._primary_alias)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add", key, value, timeout=self._bounded(timeout), version=version
        )

    def get(self, key, default=None, version=None):
        return self._call("get", key, default=default, version=version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set", key, value, timeout=self._bounded(timeout), version=version
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", key, timeout=self._bounded(timeout), version=version)

    def delete(self, key, version=None):
        return self._call("delete", key, version=version)

    def get_many(self, keys, version=None):
        return self._call("get_many", keys, version=version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many", data, timeout=self._bounded(timeout), version=version
        )

    def delete_many(self, keys, version=None):
        return self._call("delete_many", keys, version=version)

    def has_key(self, key, version=None):
        return self._call("has_key", key, version=version)

    def incr(self, key, delta=1, version=None):
        return self._call("incr", key, delta=delta, version=version)

    def decr(self, key, delta=1, version=None):
        return self._call("decr", key, delta=delta, version=version)

    def clear(self):
        # Both: what the fallback holds would be served during the next outage.
        self.fallback.clear()
        return self._call("clear")
