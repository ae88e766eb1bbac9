"""Reads of the site information: the operator's details and the footer links."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Case, IntegerField, Q, When
from django.http import HttpRequest
from django.http.request import split_domain_port
from wagtail.models import Site

from common.page_cache import CONTENT
from common.remembered import remembered
from siteinfo.models import SiteInformation

FOOTER_LINKS_CACHE_KEY = "siteinfo:footer-links"
FOOTER_LINKS_TIMEOUT = 60 * 60
FOOTER_PAGES = {
    "contact": "contact_page",
    "legal_notice": "legal_notice_page",
    "privacy": "privacy_page",
    "accessibility": "accessibility_page",
}


def site_information_get(*, site: Site | None) -> SiteInformation | None:
    """The operator's details and footer pages of a site (None when unset)."""
    if site is None:
        return None
    # A filter, not for_site(): a read creates no row.
    return SiteInformation.base_queryset().filter(site=site).first()


def footer_links(*, site: Site | None) -> dict[str, str]:
    """URLs of the live footer pages of a site, by key, and its compliance status.

    One query per site, then cached until the setting or a page changes (see
    ``siteinfo.receivers``): every page of the site shows these links.
    """
    if site is None:
        return {}
    return _cached(f"site:{site.pk}", lambda: _footer_links_build(site))


def footer_links_for_request(request: HttpRequest | None) -> dict[str, str]:
    """The footer links of the site a request is for; no query once cached.

    Remembered by host (common.remembered), so that pages that are not
    Wagtail's (the agenda, the EPN directory) do not look their site up; a miss
    costs one query.
    """
    if request is None:  # the 400 and 500 pages render without a request
        return {}
    # In the process's memory: what changes them bumps the content generation.
    return remembered(
        request,
        CONTENT,
        ("footer-links", request.get_host()),
        lambda: _footer_links_for_host(request),
    )


def _footer_links_for_host(request: HttpRequest) -> dict[str, str]:
    site = getattr(request, "_wagtail_site", None)  # a Wagtail page found it
    if site is not None:
        return footer_links(site=site)
    # Wagtail's own order: host and port, then host, then the default site.
    hostname, port = split_domain_port(request.get_host())[0], request.get_port()
    info = (
        SiteInformation.base_queryset()
        .select_related("site")
        .filter(Q(site__hostname=hostname) | Q(site__is_default_site=True))
        .annotate(
            match=Case(
                When(site__hostname=hostname, site__port=port, then=0),
                When(site__hostname=hostname, then=1),
                default=2,
                output_field=IntegerField(),
            )
        )
        .order_by("match")
        .first()
    )
    return _footer_links_build(info.site, info) if info else {}


def _cached(key: str, build) -> dict[str, str]:
    entries = cache.get(FOOTER_LINKS_CACHE_KEY) or {}
    if key not in entries:
        entries[key] = build()
        cache.set(FOOTER_LINKS_CACHE_KEY, entries, FOOTER_LINKS_TIMEOUT)
    return entries[key]


def footer_links_forget() -> None:
    """Drop the cached footer links of every site (a page or the setting changed)."""
    cache.delete(FOOTER_LINKS_CACHE_KEY)


def _footer_links_build(
    site: Site, info: SiteInformation | None = None
) -> dict[str, str]:
    info = info or site_information_get(site=site)
    if info is None:
        return {}
    links = {}
    for key, attribute in FOOTER_PAGES.items():
        page = getattr(info, attribute)
        if page is not None and page.live:
            url = page.get_url(current_site=site)
            if url:
                links[key] = url
    if "accessibility" in links:
        links["accessibility_status"] = info.accessibility_status
    return links
