"""Unused accounts made at the desk are erased, after their spaces are told.

An assisted account (made at an EPN desk for a person without e-mail, who
signs in with a card) left unused for ``ASSISTED_ACCOUNT_RETENTION_DAYS`` is
erased with everything in it, statements included, as the person was told when
it was made (``desk.consent``). Used means signed in (with the card or not) or
learned (a course followed, a workshop booked); an account never used counts
from the day it was made.

``ASSISTED_ACCOUNT_NOTICE_DAYS`` before, the facilitators of the spaces that
accompany the person (or last did) are told once, so that they can ask the
person to come back; the notice names the day, and the erasure never comes
sooner than that many days after it. A person who comes back before the day is
kept; if they later stop again, a new notice starts a new count. The apps
above tell whom else the person belongs to through the
``assisted_account_erasure_notice`` hook (``desk.notifications``): a child's
class tells the members of its partner.

An account with an e-mail address is never erased here: its holder decides.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import (
    DateTimeField,
    Exists,
    F,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from common.commit import task_after_commit
from desk.models import ErasureNotice
from learners import services as learning
from learners.models import Enrolment, LoginCard, User
from scheduling.models import Booking

logger = logging.getLogger(__name__)


def _retention() -> timedelta:
    return timedelta(days=settings.ASSISTED_ACCOUNT_RETENTION_DAYS)


def _notice_period() -> timedelta:
    return timedelta(days=settings.ASSISTED_ACCOUNT_NOTICE_DAYS)


def _latest(rows: QuerySet, field: str) -> Subquery:
    """The latest ``field`` among a person's ``rows`` (None without any)."""
    return Subquery(
        rows.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(latest=Max(field))
        .values("latest")[:1],
        output_field=DateTimeField(),
    )


def assisted_accounts_with_last_use() -> QuerySet[User]:
    """Accounts without e-mail, each with ``last_used_at``: the last time the
    person signed in or learned, else when the account was made."""
    live_bookings = Booking.objects.exclude(status=Booking.Status.CANCELLED)
    uses = [
        F("last_login"),
        _latest(LoginCard.objects.all(), "last_used_at"),
        _latest(Enrolment.objects.all(), "enrolled_at"),
        _latest(Enrolment.objects.all(), "last_activity_at"),
        _latest(Booking.objects.all(), "created_at"),
        # A seat in a workshop to come: the person means to come back.
        _latest(live_bookings, "session__starts_at"),
    ]
    # Each falls back on the day the account was made: SQLite's GREATEST is
    # NULL as soon as one value is.
    return User.objects.filter(Q(email__isnull=True) | Q(email="")).annotate(
        last_used_at=Greatest(*(Coalesce(use, F("date_joined")) for use in uses))
    )


def erasure_day(*, last_used_at: datetime, now: datetime) -> date:
    """The local day an account unused since ``last_used_at`` is erased: the
    day after its retention ends, and never within the notice period."""
    return max(
        timezone.localdate(last_used_at + _retention()) + timedelta(days=1),
        timezone.localdate(now) + _notice_period(),
    )


def _notice_pending(*, today: date | None = None) -> Exists:
    """A notice about the account's present stretch of disuse (and, given
    ``today``, whose day has come)."""
    notices = ErasureNotice.objects.filter(
        person=OuterRef("pk"), last_used_at__gte=OuterRef("last_used_at")
    )
    if today is not None:
        notices = notices.filter(erase_on__lte=today)
    return Exists(notices)


def assisted_accounts_notify_due(*, now: datetime | None = None) -> int:
    """Beat, daily: tell the spaces of each assisted account unused for the
    retention period less the notice period when it will be erased; once.

    The notice is recorded first and sent after commit: a crash in between
    never sends it twice. Returns how many accounts were noticed.
    """
    now = now or timezone.now()
    due = (
        assisted_accounts_with_last_use()
        .filter(last_used_at__lte=now - (_retention() - _notice_period()))
        .filter(~_notice_pending())
        .values_list("id", "last_used_at")
    )
    noticed = 0
    for person_id, last_used_at in due:
        noticed += _notice_record(person_id, last_used_at, now)
    if noticed:
        logger.info("Erasure notices recorded for %d unused assisted accounts", noticed)
    return noticed


def _notice_record(person_id: int, last_used_at: datetime, now: datetime) -> bool:
    from desk import tasks

    try:
        with transaction.atomic():
            notice = ErasureNotice.objects.create(
                person_id=person_id,
                last_used_at=last_used_at,
                erase_on=erasure_day(last_used_at=last_used_at, now=now),
                sent_at=now,
            )
            task_after_commit(tasks.erasure_notice_send, notice.id)
    except IntegrityError:  # recorded meanwhile by another run of the beat
        return False
    return True


def assisted_accounts_erase_due(*, now: datetime | None = None) -> int:
    """Beat, daily: erase the assisted accounts whose notice's day has come and
    that nobody used since (statements and everything else). Returns how many."""
    now = now or timezone.now()
    due = list(_erasable(now).values_list("id", flat=True))
    erased = sum(assisted_account_erase_if_due(person_id=pid, now=now) for pid in due)
    if erased:
        logger.info("Erased %d unused assisted accounts", erased)
    return erased


def assisted_account_erase_if_due(
    *, person_id: int, now: datetime | None = None
) -> bool:
    """Erase one unused assisted account if it is still due, checked again under
    a lock: a person signing in right now is kept."""
    now = now or timezone.now()
    with transaction.atomic():
        person = User.objects.select_for_update().filter(id=person_id).first()
        if person is None or not _erasable(now).filter(id=person_id).exists():
            return False
        learning.learner_erase(user=person)
    return True


def _erasable(now: datetime) -> QuerySet[User]:
    return (
        assisted_accounts_with_last_use()
        .filter(last_used_at__lte=now - _retention())
        .filter(_notice_pending(today=timezone.localdate(now)))
    )
