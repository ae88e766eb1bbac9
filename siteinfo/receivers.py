"""Forget the cached footer links (and the pages showing them) when what they
are built from changes."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from wagtail.signals import (
    page_published,
    page_slug_changed,
    page_unpublished,
    post_page_move,
)

from common.page_cache import AGENDA, CONTENT, pages_changed
from siteinfo.selectors import footer_links_forget


def footer_links_changed(sender, **kwargs) -> None:
    """The setting or an information page changed: the footer is rebuilt, and
    with it every page shared from the cache."""
    footer_links_forget()
    pages_changed(CONTENT)
    pages_changed(AGENDA)


def connect() -> None:
    from wagtail.models import Site

    from siteinfo.models import InformationPage, SiteInformation

    for signal, sender in [
        (post_save, SiteInformation),
        (post_delete, SiteInformation),
        (post_save, Site),
        (post_delete, InformationPage),
        (page_published, InformationPage),
        (page_unpublished, InformationPage),
        (page_slug_changed, InformationPage),
    ]:
        signal.connect(
            footer_links_changed,
            sender=sender,
            dispatch_uid=f"siteinfo.footer.{id(signal)}.{sender.__name__}",
        )
    # Any moved page may be, or hold, a footer page.
    post_page_move.connect(footer_links_changed, dispatch_uid="siteinfo.footer.move")
