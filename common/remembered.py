"""What pages are made of, computed once per process until editors change it.

A signed-in learner's lesson page is personal (their answers, their progress)
and is never shared, but most of the work behind it is the same for everyone:
which site and page the URL names, whether a page above it is private, the
lesson's course and outline, its blocks. Measured on a lesson page, that was
two thirds of the queries and of the CPU (bench/README.md).

``remembered(request, group, key, compute)`` keeps such a value in the
process's memory together with the generation of the group it was computed
from (common.page_cache's "content" and "agenda" counters, in the shared
cache). Each request reads the generations once; a value computed under an
older generation is computed again, so an editor's publish reaches every
process at its next request, exactly as with the shared pages. While the cache
cannot be trusted (Redis down: bumps do not spread between processes), nothing
is remembered and every value is computed.

Values live in memory: no pickling, no round trip, and a value is shared
between requests, so callers hand out copies of anything a request may change
(a page object) and treat the rest as read-only. A value that pickles and costs
more than a round trip (a lesson's blocks as HTML, a course and its outline) is
also ``shared`` through the cache, under the same generation: a process that
meets a lesson for the first time takes it from there if another computed it.
"""

from __future__ import annotations

import copy
import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.core.cache import cache
from django.http import Http404
from django.http.request import split_domain_port
from wagtail.models import Page, PageViewRestriction, Site

from common.page_cache import CONTENT, GROUPS, KEPT_SECONDS, generations_now

# Per process; the least recently used go first. A lesson read is two values
# (its route, its blocks in one language), its course one more, ~14 KB a value
# on the benchmark's catalogue (tracemalloc): ~30 MB per process at most. Past
# the bound a lesson is prepared again: ~1.6 ms once its course is remembered.
MAX_VALUES = 2_000

logger = logging.getLogger(__name__)

_values: OrderedDict[tuple[str, Hashable], tuple[int, Any]] = OrderedDict()
_lock = threading.Lock()
_NOTHING = object()


def remembered(
    request,
    group: str,
    key: Hashable,
    compute: Callable[[], Any],
    *,
    shared: bool = False,
) -> Any:
    """``compute()``, or what it gave under the current generation of ``group``.

    ``shared``: a value other processes may have computed already (plain data
    that pickles: HTML, a course and its outline) is looked for in the cache
    too, before it is computed, and put there after.
    """
    generation = _generation(request, group)
    if generation is None:
        return compute()
    slot = (group, key)
    with _lock:
        found = _values.get(slot)
        if found is not None and found[0] == generation:
            _values.move_to_end(slot)
            return found[1]
    if shared:
        value = _from_the_cache(group, generation, key, compute)
    else:
        value = compute()
    with _lock:
        _values[slot] = (generation, value)
        _values.move_to_end(slot)
        while len(_values) > MAX_VALUES:
            _values.popitem(last=False)
    return value


def _from_the_cache(group: str, generation: int, key: Hashable, compute):
    digest = hashlib.sha256(repr(key).encode()).hexdigest()[:32]
    cache_key = f"remembered:{group}:{generation}:{digest}"
    try:
        value = cache.get(cache_key, _NOTHING)
    except Exception:  # never a 500 for a cache: computed here
        value = _NOTHING
    if value is _NOTHING:
        value = compute()
        try:
            cache.set(cache_key, value, KEPT_SECONDS)
        except Exception:
            logger.warning("remembered value not shared: cache unwritable")
    return value


def forget_all() -> None:
    """Tests: start from an empty memory."""
    with _lock:
        _values.clear()


def _generation(request, group: str) -> int | None:
    """Read once per request: every value of a request comes from one state."""
    generations = getattr(request, "_content_generations", _NOTHING)
    if generations is _NOTHING:
        generations = generations_now(GROUPS)
        request._content_generations = generations
    return None if generations is None else generations[group]


def serve_page(request, path):
    """Wagtail's page view, with the site and the routing remembered.

    Wagtail looks the site up (one query), walks to the page (three, see
    CataloguePage.route), makes it specific and reads the view restrictions of
    its ancestors (two) on every request. The page found for a path is the
    same for everyone until content changes; each request gets its own copy.
    """
    from wagtail import views as wagtail_views  # not at import: models use this module

    site = remembered(
        request, CONTENT, ("site", _host(request)), lambda: _site(request)
    )
    request._wagtail_site = site
    # Read by every page link ({% pageurl %}); Wagtail keeps them in the cache.
    request._wagtail_cached_site_root_paths = remembered(
        request, CONTENT, "site-root-paths", Site.get_site_root_paths
    )
    if site is not None:
        request._wagtail_route_for_request = _route(request, site, path)
    return wagtail_views.serve(request, path)


def _host(request) -> tuple[str, str]:
    # As Wagtail reads it (ALLOWED_HOSTS was checked before, by CommonMiddleware).
    return (split_domain_port(request._get_raw_host())[0], request.get_port())


def _site(request) -> Site | None:
    return Site._find_for_request(request)


def _route(request, site: Site, path: str):
    found = remembered(
        request,
        CONTENT,
        ("route", site.pk, path),
        lambda: _route_found(request, site, path),
        shared=True,
    )
    if found is None:
        return None
    page, args, kwargs = found
    return copy.copy(page), args, kwargs


def _route_found(request, site: Site, path: str):
    """Wagtail's own routing, and what the page's serving reads that is the
    same for everyone, computed once with it."""
    components = [component for component in path.split("/") if component]
    try:
        page, args, kwargs = site.root_page.localized.specific.route(
            request, components
        )
    except Http404:
        return None
    page.remembered_view_restrictions = _view_restrictions(request, page)
    prepare = getattr(page, "prepare_to_share", None)
    if prepare is not None:
        prepare(request)
    return page, args, kwargs


def _view_restrictions(request, page: Page) -> list[PageViewRestriction]:
    """The restrictions on the page and its ancestors, from all of the site's
    (a few, remembered), as Wagtail's query per page would find them."""
    restrictions, aliases = remembered(
        request, CONTENT, "view-restrictions", _all_restrictions
    )
    if aliases:  # an alias takes its source's restrictions: Wagtail knows how
        return list(Page.get_view_restrictions(page))
    return [each for each in restrictions if page.path.startswith(each.page.path)]


def _all_restrictions() -> tuple[list[PageViewRestriction], bool]:
    restrictions = list(PageViewRestriction.objects.select_related("page"))
    return restrictions, Page.objects.filter(alias_of__isnull=False).exists()


class RemembersViewRestrictions:
    """A page served through ``serve_page`` knows the view restrictions of its
    ancestors already (PageViewRestriction changes bump the content group)."""

    def get_view_restrictions(self):
        restrictions = self.__dict__.get("remembered_view_restrictions")
        if restrictions is None:
            return super().get_view_restrictions()
        return restrictions
