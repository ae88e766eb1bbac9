"""Wagtail's page and site events empty the page cache (and what processes
remember, common.remembered) of what editors publish, move, delete or restrict."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from common.page_cache import CONTENT, pages_changed


@receiver(page_published)
@receiver(page_unpublished)
@receiver(post_page_move)
def content_changed(sender, **kwargs):
    pages_changed(CONTENT)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def restriction_changed(sender, **kwargs):
    """A page now private (or public again): shared copies go at once."""
    pages_changed(CONTENT)


@receiver(post_delete)
def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        pages_changed(CONTENT)


@receiver(post_save, sender=Site)
@receiver(post_delete, sender=Site)
def site_changed(sender, **kwargs):
    """A site's host, port or root page: which page a URL names."""
    pages_changed(CONTENT)
