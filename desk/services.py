"""Writes of the EPN desk: accounts made for people, their cards, the spaces
that accompany them, and the log of what was done for whom.

Every action a facilitator does for a person goes through ``action_record`` in
the transaction of the action itself: no action without its line in the log.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from uuid import UUID

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from common.idempotency import create_once
from desk import exceptions, selectors
from desk.consent import NOTICE_POINT_CODES, NOTICE_VERSION
from desk.models import Accompaniment, AccompanyCode, OnBehalfAction
from learners import login_cards
from learners import services as learning
from learners.login_cards import IssuedCard
from learners.models import AssistedConsent, User
from scheduling import services as scheduling
from scheduling.models import Organiser

KIND = OnBehalfAction.Kind
ACCOMPANY_CODE_LENGTH = 6
ACCOMPANY_CODE_LIFE = timedelta(minutes=15)


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
    form_token: UUID | None = None,
) -> IssuedCard:
    """Make an account for a person at the desk, with their consent and a card.

    The same form sent twice (a double click) makes one account: the second
    time raises AccountAlreadyMade, whose card the first answer gave.
    """
    if set(NOTICE_POINT_CODES) - set(explained):
        raise exceptions.ConsentMissing()
    issued: list[IssuedCard] = []

    def create() -> Accompaniment:
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
            organiser=organiser,
            learner=person,
            started_by=facilitator,
            form_token=form_token,
        )
        action_record(accompaniment, facilitator, KIND.ACCOUNT_CREATED)
        issued.append(_card_issue(accompaniment, facilitator))
        return accompaniment

    accompaniment, created = create_once(
        Accompaniment.objects.filter(organiser=organiser, started_by=facilitator),
        form_token,
        create,
    )
    if not created:
        raise exceptions.AccountAlreadyMade(accompaniment)
    return issued[0]


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


def enrol_on_behalf(*, accompaniment: Accompaniment, facilitator: User, course) -> None:
    """Enrol the person in a course, for them (logged)."""
    with transaction.atomic():
        _live_check(accompaniment)
        learning.enrolment_create(user=accompaniment.learner, course=course)
        action_record(accompaniment, facilitator, KIND.ENROLLED, course.title)


def book_on_behalf(*, accompaniment: Accompaniment, facilitator: User, session):
    """Book the person a seat in a workshop, for them (logged)."""
    person = accompaniment.learner
    with transaction.atomic():
        _live_check(accompaniment)
        booking = scheduling.booking_create(
            session=session,
            name=str(person),
            user=person,
            phone=person.phone,
            booked_by=facilitator,
        )
        action_record(accompaniment, facilitator, KIND.BOOKED, session.title)
    return booking


def booking_cancellation_record(*, booking, staff: User) -> None:
    """A facilitator of a space that accompanies the person cancelled their
    booking: written in the person's record, where they read what was done."""
    if booking.user_id is None:
        return
    accompaniment = (
        selectors.accompaniments_of_person(person=booking.user_id)
        .filter(organiser_id=booking.session.organiser_id)
        .first()
    )
    if accompaniment is not None:
        action_record(
            accompaniment, staff, KIND.BOOKING_CANCELLED, booking.session.title
        )


def profile_change_on_behalf(
    *, accompaniment: Accompaniment, facilitator: User, **fields
) -> User:
    """Change the person's profile, for them (logged, with the fields' names)."""
    # As stored: a model form has already copied the new values to its instance.
    person = User.objects.get(id=accompaniment.learner_id)
    changed = [name for name, value in fields.items() if getattr(person, name) != value]
    with transaction.atomic():
        _live_check(accompaniment)
        learning.user_profile_update(user=person, **fields)
        if changed:
            labels = ", ".join(
                str(person._meta.get_field(name).verbose_name) for name in changed
            )
            action_record(accompaniment, facilitator, KIND.PROFILE_CHANGED, labels)
    return person


def accompany_code_create(
    *, accompaniment: Accompaniment, facilitator: User
) -> AccompanyCode:
    """A code for the person's device: typed there, it opens an accompanied
    session (the facilitator sits with the person)."""
    with transaction.atomic():  # the check locks the row until the code is made
        _live_check(accompaniment)
        return AccompanyCode.objects.create(
            accompaniment=accompaniment,
            facilitator=facilitator,
            code="".join(
                secrets.choice("0123456789") for _ in range(ACCOMPANY_CODE_LENGTH)
            ),
            expires_at=timezone.now() + ACCOMPANY_CODE_LIFE,
        )


def accompanied_join(*, person: User, code: str) -> AccompanyCode:
    """The person's side: the code of a facilitator of a space accompanying
    them, unused and recent; it is used up, and the action is logged."""
    with transaction.atomic():
        found = (
            AccompanyCode.objects.select_for_update()
            .select_related("accompaniment__organiser", "facilitator")
            .filter(
                accompaniment__learner=person,
                accompaniment__ended_at__isnull=True,
                code=code.strip(),
                used_at__isnull=True,
                expires_at__gt=timezone.now(),
            )
            .first()
        )
        if found is None:
            raise exceptions.AccompanyCodeInvalid()
        found.used_at = timezone.now()
        found.save(update_fields=["used_at"])
        action_record(found.accompaniment, found.facilitator, KIND.ACCOMPANIED)
    return found


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
