"""Reads of the site information: the operator's details and the footer links."""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Site

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
    per_site = cache.get(FOOTER_LINKS_CACHE_KEY) or {}
    if site.pk not in per_site:
        per_site[site.pk] = _footer_links_build(site)
        cache.set(FOOTER_LINKS_CACHE_KEY, per_site, FOOTER_LINKS_TIMEOUT)
    return per_site[site.pk]


def footer_links_forget() -> None:
    """Drop the cached footer links of every site (a page or the setting changed)."""
    cache.delete(FOOTER_LINKS_CACHE_KEY)


def _footer_links_build(site: Site) -> dict[str, str]:
    info = site_information_get(site=site)
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
