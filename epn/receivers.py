"""EPN spaces shown on the agenda's pages: a change renders them anew."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common.page_cache import AGENDA, pages_changed
from epn.models import Space


@receiver(post_save, sender=Space)
@receiver(post_delete, sender=Space)
def agenda_changed(sender, **kwargs):
    pages_changed(AGENDA)
