"""Sessions, bookings and organisers are on the agenda pages: a change renders
them anew."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from common.page_cache import AGENDA, pages_changed
from scheduling.models import Booking, Organiser, Session


@receiver(post_save, sender=Session)
@receiver(post_delete, sender=Session)
@receiver(post_save, sender=Booking)
@receiver(post_delete, sender=Booking)
@receiver(post_save, sender=Organiser)
@receiver(post_delete, sender=Organiser)
def agenda_changed(sender, **kwargs):
    pages_changed(AGENDA)
