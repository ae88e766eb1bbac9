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

Where: a view marks its page as shareable (``shared_page``); the middleware
(``SharedPageMiddleware``, early in the chain, right after static files) stores
the page as it leaves the whole chain, headers included (the security policy,
the language), compressed once with gzip beside the plain copy, and serves the
next visitor from there before sessions, authentication, CSRF, the URL
resolver or the view run: one cache round trip per page (the entry and the
generations together).

For a reverse proxy in front: shared pages say ``public, no-cache`` with an
ETag and ``Vary: Cookie, Accept-Language, Accept-Encoding``, so the proxy may
keep them but asks each time (a 304 costs one cache read here); personal pages
say ``private``.

While Redis is unreachable (the fallback cache serves each process from its own
memory), nothing is served from or stored in the page cache: a generation bumped
in one process would not reach the others, and a visitor could see a stale page.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import time
from functools import wraps

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import quote_etag
from django.utils.regex_helper import _lazy_re_compile
from django.utils.translation import get_language_from_request

from common.release import release

logger = logging.getLogger(__name__)

CONTENT = "content"
AGENDA = "agenda"
GROUPS = (CONTENT, AGENDA)
KEPT_SECONDS = 60 * 60  # an unchanged page is rendered again after this long
# Per release: a deploy starts from a fresh generation (common.release).
_GENERATION_KEY = "pages:generation:{release}:{group}"
_ACCEPTS_GZIP = _lazy_re_compile(r"\bgzip\b")
# Set by the page's server, not by the page: never stored with it.
_NOT_KEPT_HEADERS = {"set-cookie", "date", "content-length"}


def shared_page(*groups: str):
    """Mark the view's page as the same for every anonymous visitor: it shows
    what the ``groups`` hold, and SharedPageMiddleware keeps it until one of
    them changes. Anybody else's page is marked ``private``."""
    assert set(groups) <= set(GROUPS), groups
    assert groups, "a shared page shows something that changes"

    def decorator(view):
        @wraps(view)
        def marked_view(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if _may_share(request):
                response.shared_page_groups = groups
            else:
                patch_cache_control(response, private=True)
            return response

        return marked_view

    return decorator


class SharedPageMiddleware:
    """Serve and store the pages ``shared_page`` marked (see the module's doc)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _may_share(request):
            return self.get_response(request)
        generations = generations_now(GROUPS)
        request._content_generations = generations  # common.remembered reads them
        if generations is None:  # the cache cannot be trusted now
            return self.get_response(request)
        language = get_language_from_request(request)
        zipped = bool(_ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")))
        stored = _get(_key(request, language, zipped=zipped))
        if stored is not None and _is_current(stored, generations):
            return _conditional(request, _response_from(stored))
        response = self.get_response(request)
        groups = getattr(response, "shared_page_groups", None)
        if groups and _is_the_same_for_everyone(request, response):
            _conditional_headers(response)
            _store(request, language, response, {g: generations[g] for g in groups})
            return get_conditional_response(
                request, etag=response["ETag"], response=response
            )
        return response


def pages_changed(group: str) -> None:
    """Every cached page of ``group`` is rendered again.

    Bumped now, and again once the current transaction commits: a page
    rendered in between, from the data before the commit, is not kept.
    """
    assert group in GROUPS, group
    _generation_bump(group)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: _generation_bump(group))


def generations_now(groups: tuple[str, ...]) -> dict[str, int] | None:
    """The current generation of each group, or None when the cache cannot be
    trusted now (unreadable, or Redis down and each process on its own)."""
    keys = {group: _generation_key(group) for group in groups}
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


def _may_share(request) -> bool:
    """A visitor's GET, with no session and no message waiting for them (a
    message travels in its own cookie: "You have signed out" must show on the
    page the person lands on, not on the next person's)."""
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
    )


def _is_the_same_for_everyone(request, response) -> bool:
    """Nothing of this visitor in it: no cookie set on the way out (a CSRF
    token, a session), no message read, nothing marked private."""
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        and not getattr(messages, "used", False)
        and "private" not in response.get("Cache-Control", "")
    )


def _key(request, language: str, *, zipped: bool) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    encoding = "gzip" if zipped else "identity"
    return f"pages:{language}:{encoding}:{request.method}:{path}"


def _is_current(stored, generations: dict[str, int]) -> bool:
    return all(generations[group] == value for group, value in stored[0].items())


def _get(key: str):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("page cache unreadable; pages rendered uncached")
        return None


def _store(request, language: str, response, generations: dict[str, int]) -> None:
    """Kept plain and gzipped: compressed once here, not at each request."""
    headers = [
        (name, value)
        for name, value in response.items()
        if name.lower() not in _NOT_KEPT_HEADERS
    ]
    zipped = gzip.compress(response.content, mtime=0)
    entries = {
        _key(request, language, zipped=False): (generations, headers, response.content),
        _key(request, language, zipped=True): (
            generations,
            [*headers, ("Content-Encoding", "gzip")],
            zipped,
        ),
    }
    try:
        cache.set_many(entries, KEPT_SECONDS)
    except Exception:
        logger.warning("page cache unwritable; pages rendered uncached")


def _response_from(stored) -> HttpResponse:
    _generations, headers, content = stored
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    response["Content-Length"] = str(len(content))
    return response


def _conditional_headers(response) -> None:
    """Shared: a proxy may keep it, revalidating each time (ETag, 304). The
    ETag is weak: the same page plain and gzipped."""
    patch_cache_control(response, public=True, no_cache=True)
    patch_vary_headers(response, ["Cookie", "Accept-Language", "Accept-Encoding"])
    digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
    response["ETag"] = "W/" + quote_etag(digest)


def _conditional(request, response: HttpResponse) -> HttpResponse:
    return get_conditional_response(request, etag=response["ETag"], response=response)


def _generation_key(group: str) -> str:
    return _GENERATION_KEY.format(release=release(), group=group)


def _generation_bump(group: str) -> None:
    key = _generation_key(group)
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
