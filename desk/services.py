"""Writes of the EPN desk: accounts made for people, their cards, the spaces
that accompany them, and the log of what was done for whom.

Every action a facilitator does for a person goes through ``action_record`` in
the transaction of the action itself: no action without its line in the log.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from desk import exceptions
from desk.consent import NOTICE_POINT_CODES, NOTICE_VERSION
from desk.models import Accompaniment, OnBehalfAction
from learners import login_cards
from learners.login_cards import IssuedCard
from learners.models import AssistedConsent, User
from scheduling.models import Organiser

KIND = OnBehalfAction.Kind


def assisted_account_create(
    *,
    organiser: Organiser,
    facilitator: User,
    display_name: str,
    explained: list[str],
    language: str = "fr",
    age_band: str = "",
    postal_code: str = "",
    phone: str = "",
) -> IssuedCard:
    """Make an account for a person at the desk, with their consent and a card."""
    if set(NOTICE_POINT_CODES) - set(explained):
        raise exceptions.ConsentMissing()
    with transaction.atomic():
        person = User.objects.create_assisted_user(
            display_name=display_name.strip(),
            language=language,
            age_band=age_band,
            postal_code=postal_code,
            phone=phone,
        )
        AssistedConsent.objects.create(
            user=person,
            notice=NOTICE_VERSION,
            points=list(NOTICE_POINT_CODES),
            explained_by=facilitator,
        )
        accompaniment = Accompaniment.objects.create(
            organiser=organiser, learner=person, started_by=facilitator
        )
        action_record(accompaniment, facilitator, KIND.ACCOUNT_CREATED)
        return _card_issue(accompaniment, facilitator)


def card_reissue(*, accompaniment: Accompaniment, facilitator: User) -> IssuedCard:
    """A new card for a person (lost, forgotten PIN): the old one stops working."""
    with transaction.atomic():
        _live_check(accompaniment)
        return _card_issue(accompaniment, facilitator)


def _card_issue(accompaniment: Accompaniment, facilitator: User) -> IssuedCard:
    issued = login_cards.card_issue(user=accompaniment.learner, issued_by=facilitator)
    action_record(accompaniment, facilitator, KIND.CARD_ISSUED)
    return issued


def card_stop(*, accompaniment: Accompaniment, facilitator: User) -> None:
    """Stop a person's card (stolen, or they asked): nobody signs in with it."""
    with transaction.atomic():
        _live_check(accompaniment)
        login_cards.card_revoke(user=accompaniment.learner)
        action_record(accompaniment, facilitator, KIND.CARD_REVOKED)


def accompaniment_end(*, accompaniment: Accompaniment, ended_by: User) -> Accompaniment:
    """End an accompaniment, by the person or by a facilitator of the space."""
    by_person = ended_by.id == accompaniment.learner_id
    reason = Accompaniment.EndReason
    with transaction.atomic():
        ended = Accompaniment.objects.filter(
            id=accompaniment.id, ended_at__isnull=True
        ).update(
            ended_at=timezone.now(),
            end_reason=reason.PERSON if by_person else reason.FACILITATOR,
        )
        if ended:
            action_record(accompaniment, ended_by, KIND.ENDED)
    accompaniment.refresh_from_db()
    return accompaniment


def accompaniments_idle_end() -> int:
    """Beat, daily: end the accompaniments unused for ``DESK_IDLE_DAYS``."""
    before = timezone.now() - timedelta(days=settings.DESK_IDLE_DAYS)
    return Accompaniment.objects.filter(
        ended_at__isnull=True, last_activity_at__lt=before
    ).update(ended_at=timezone.now(), end_reason=Accompaniment.EndReason.INACTIVITY)


def action_record(
    accompaniment: Accompaniment, facilitator: User, kind: str, detail: str = ""
) -> OnBehalfAction:
    """Write what a facilitator did for a person, and keep the link alive."""
    now = timezone.now()
    Accompaniment.objects.filter(id=accompaniment.id).update(last_activity_at=now)
    return OnBehalfAction.objects.create(
        organiser_id=accompaniment.organiser_id,
        facilitator=facilitator,
        learner_id=accompaniment.learner_id,
        kind=kind,
        detail=detail[:200],
        at=now,
    )


def _live_check(accompaniment: Accompaniment) -> None:
    locked = Accompaniment.objects.select_for_update().get(id=accompaniment.id)
    if locked.ended_at is not None:
        raise exceptions.AccompanimentEnded()
