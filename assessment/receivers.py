"""Reactions of the positioning test to signals of other apps and of Wagtail."""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import published, unpublished

from assessment import services
from assessment.models import Item, TestDefinition
from assessment.selectors import SESSION_KEY
from common.page_cache import CONTENT, pages_changed


def attempts_attach_on_sign_in(sender, request, user, **kwargs) -> None:
    """The tests taken in this browser before signing in become the person's."""
    uuids = request.session.get(SESSION_KEY, []) if request is not None else []
    if uuids:
        services.attempts_attach(uuids=uuids, user=user)


@receiver(published, sender=Item)
@receiver(unpublished, sender=Item)
@receiver(post_delete, sender=Item)
@receiver(post_save, sender=TestDefinition)
@receiver(m2m_changed, sender=TestDefinition.competences.through)
def bank_changed(sender, **kwargs) -> None:
    """The bank every process remembers is read again (assessment.questions)."""
    pages_changed(CONTENT)
