"""Pages that are the same for every anonymous visitor, served from the cache.

When the region advertises the platform, thousands of people arrive on the
home page, the catalogue, the course pages and the agenda, all anonymous: each
such page is rendered once per language and address, kept in the cache (Redis
in production, the process's memory on the embedded default) and served from
there, until something it shows changes.

What is shared, and what never is:

- Only GET and HEAD from a visitor without a session cookie are served from the
  cache or stored in it; anybody signed in (or carrying a session, such as a
  message to show) gets the page rendered for them, marked ``private``.
- A page is stored only if it is the same for everyone: status 200, no cookie
  set, no message read, and no CSRF token in it (a token is a visitor's own, so
  a page with a form that needs one is never shared).
- The key holds the language the page was rendered in (LocaleMiddleware's choice
  from the language cookie or the browser's) and the full path with its query.

Freshness: each cached view belongs to groups ("content": what editors publish;
"agenda": sessions, bookings, spaces and partners). A group's generation is a
counter in the cache, part of every key; ``pages_changed(group)`` bumps it, so
every page of the group is rendered anew on its next request. Receivers call
it on Wagtail's publish and unpublish and on any save or delete of what the
agenda shows; it bumps again when the transaction commits, so a page rendered
meanwhile from the data before the commit is not kept.

For a reverse proxy in front: shared pages say ``public, no-cache`` with an
ETag and ``Vary: Cookie, Accept-Language``, so the proxy may keep them but asks
each time (a 304 costs one cache read here); personal pages say ``private``.

While Redis is unreachable (the fallback cache serves each process from its own
memory), nothing is served from or stored in the page cache: a generation bumped
in one process would not reach the others, and a visitor could see a stale page.
"""

from __future__ import annotations

import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
    set_response_etag,
)

logger = logging.getLogger(__name__)

CONTENT = "content"
AGENDA = "agenda"
GROUPS = (CONTENT, AGENDA)
KEPT_SECONDS = 60 * 60  # an unchanged page is rendered again after this long
_GENERATION_KEY = "pages:generation:{}"
_KEPT_HEADERS = ("Content-Type", "Content-Language")
# What a view tells django-csp about its page (a puzzle lesson's inline styles).
_KEPT_ATTRIBUTES = ("_csp_update", "_csp_replace", "_csp_exempt", "_csp_config")


def shared_page(*groups: str):
    """Serve the view's page from the cache to anonymous visitors; it shows
    what the ``groups`` hold and is rendered anew when one of them changes."""
    assert set(groups) <= set(GROUPS), groups
    assert groups, "a shared page shows something that changes"

    def decorator(view):
        @wraps(view)
        def cached_view(request, *args, **kwargs):
            if not _may_share(request):
                response = view(request, *args, **kwargs)
                patch_cache_control(response, private=True)
                return response
            key = _key(request, groups)
            if key is None:  # the cache cannot be trusted now
                return view(request, *args, **kwargs)
            stored = _get(key)
            if stored is not None:
                return _conditional(request, _response_from(stored))
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            if _is_the_same_for_everyone(request, response):
                _set(key, response)
                return _conditional(request, response)
            patch_cache_control(response, private=True)
            return response

        return cached_view

    return decorator


def pages_changed(group: str) -> None:
    """Every cached page of ``group`` is rendered again.

    Bumped now, and again once the current transaction commits: a page
    rendered in between, from the data before the commit, is not kept.
    """
    assert group in GROUPS, group
    _generation_bump(group)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _generation_bump(group))


def _may_share(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _is_the_same_for_everyone(request, response) -> bool:
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "used", False)
    )


def _key(request, groups: tuple[str, ...]) -> str | None:
    generations = generations_now(groups)
    if generations is None:
        return None
    versions = ".".join(str(generations[group]) for group in groups)
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"pages:{versions}:{request.LANGUAGE_CODE}:{request.method}:{path}"


def generations_now(groups: tuple[str, ...]) -> dict[str, int] | None:
    """The current generation of each group, or None when the cache cannot be
    trusted now (unreadable, or Redis down and each process on its own)."""
    keys = {group: _GENERATION_KEY.format(group) for group in groups}
    try:
        found = cache.get_many(list(keys.values()))
        for key in keys.values():
            if key not in found:  # first use, or evicted: a fresh start
                cache.add(key, _generation_start(), None)
                found[key] = cache.get(key)
    except Exception:  # never a 500 for a cache: the page is rendered
        logger.warning("page cache unreadable; pages rendered uncached")
        return None
    if _fallen_back():
        return None
    return {group: found[key] for group, key in keys.items()}


def _get(key: str):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("page cache unreadable; pages rendered uncached")
        return None


def _set(key: str, response: HttpResponse) -> None:
    headers = {name: response[name] for name in _KEPT_HEADERS if name in response}
    attributes = {
        name: getattr(response, name)
        for name in _KEPT_ATTRIBUTES
        if hasattr(response, name)
    }
    try:
        cache.set(key, (response.content, headers, attributes), KEPT_SECONDS)
    except Exception:
        logger.warning("page cache unwritable; pages rendered uncached")


def _response_from(stored) -> HttpResponse:
    content, headers, attributes = stored
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    for name, value in attributes.items():
        setattr(response, name, value)
    return response


def _conditional(request, response: HttpResponse) -> HttpResponse:
    """Shared: a proxy may keep it, revalidating each time (ETag, 304)."""
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    set_response_etag(response)
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _generation_bump(group: str) -> None:
    key = _GENERATION_KEY.format(group)
    try:
        try:
            cache.incr(key)
        except ValueError:  # no counter yet (or evicted)
            cache.set(key, _generation_start(), None)
    except Exception:
        logger.warning("page cache generation not bumped for %s", group)


def _generation_start() -> int:
    """A first generation above any a lost counter reached: the clock."""
    return time.time_ns() // 1_000


def _fallen_back() -> bool:
    """Redis unreachable: each process has its own cache, bumps do not spread."""
    is_down = getattr(cache, "is_down", None)  # common.cache.FallbackCache
    return bool(is_down and is_down())
