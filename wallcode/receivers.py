"""Wallcode partners shown on the agenda's pages: a change renders them anew."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common.page_cache import AGENDA, pages_changed
from wallcode.models import Partner


@receiver(post_save, sender=Partner)
@receiver(post_delete, sender=Partner)
def agenda_changed(sender, **kwargs):
    pages_changed(AGENDA)
