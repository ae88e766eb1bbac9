"""Unused accounts made at the desk: the spaces are told once, 30 days before;
the account is erased on the day told, statements and all, unless the person
came back; an account with an e-mail address is never erased this way."""

import logging
from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from desk import retention, services, tasks
from desk.consent import NOTICE_POINT_CODES
from desk.models import Accompaniment, ErasureNotice, OnBehalfAction
from learners import services as learning
from learners import statements as xs
from learners.models import AssistedConsent, LoginCard, User
from scheduling.models import Membership
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create
from xapi.models import Statement

pytestmark = pytest.mark.django_db

RETENTION = 730
NOTICE = 30


@pytest.fixture(autouse=True)
def _periods(settings):
    settings.ASSISTED_ACCOUNT_RETENTION_DAYS = RETENTION
    settings.ASSISTED_ACCOUNT_NOTICE_DAYS = NOTICE


@pytest.fixture
def facilitator(db):
    return learner_create(email="anim@epn-namur.be", display_name="Anim", language="nl")


@pytest.fixture
def lea(namur, facilitator):
    """Léa's account, made at the desk now and never used since."""
    issued = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Léa",
        explained=NOTICE_POINT_CODES,
    )
    return issued.card.user


def days_later(days: float, *, after=None):
    return (after or timezone.now()) + timedelta(days=days)


def local_time(day, hours: float = 0):
    """``hours`` after the start of ``day`` in Brussels."""
    return timezone.make_aware(datetime.combine(day, time())) + timedelta(hours=hours)


def notify(now, committed):
    with committed(execute=True):
        return retention.assisted_accounts_notify_due(now=now)


def test_the_spaces_are_told_once_when_the_notice_period_starts(lea, committed):
    assert notify(days_later(RETENTION - NOTICE - 1), committed) == 0
    assert mail.outbox == []

    assert notify(days_later(RETENTION - NOTICE + 0.01), committed) == 1

    [message] = mail.outbox
    assert message.to == ["anim@epn-namur.be"]
    notice = ErasureNotice.objects.get(person=lea)
    assert notice.erase_on == timezone.localdate(days_later(RETENTION + 1))
    # Told again the next days? No: once.
    assert notify(days_later(RETENTION - NOTICE + 1), committed) == 0
    assert notify(days_later(RETENTION - 1), committed) == 0
    assert len(mail.outbox) == 1
    assert ErasureNotice.objects.count() == 1


def test_the_notice_names_the_person_the_space_and_the_day_in_the_facilitators_language(
    lea, committed
):
    notify(days_later(RETENTION - NOTICE + 0.01), committed)

    [message] = mail.outbox
    erase_on = ErasureNotice.objects.get(person=lea).erase_on
    assert "Léa" in message.subject
    assert "Léa" in message.body
    assert "EPN de Namur" in message.body
    # Dutch, as the facilitator chose; the day in words, in Dutch too.
    assert message.body.startswith("Hallo Anim,")
    months = [
        "januari", "februari", "maart", "april", "mei", "juni", "juli",
        "augustus", "september", "oktober", "november", "december",
    ]  # fmt: skip
    assert f"{erase_on.day} {months[erase_on.month - 1]} {erase_on.year}" in (
        message.subject
    )


def test_every_member_of_the_spaces_that_accompany_the_person_is_told(
    lea, namur, committed
):
    manager = learner_create(email="chef@epn-namur.be", display_name="Chef")
    Membership.objects.create(organiser=namur, user=manager, role="manager")
    stranger = learner_create(email="anim@epn-mons.be", display_name="Mons")
    organiser_create(name="EPN de Mons", members=[stranger])

    notify(days_later(RETENTION - NOTICE + 0.01), committed)

    assert sorted(m.to[0] for m in mail.outbox) == [
        "anim@epn-namur.be",
        "chef@epn-namur.be",
    ]


def test_the_space_that_accompanied_the_person_last_is_told(
    lea, namur, facilitator, committed
):
    services.accompaniment_end(accompaniment=lea.accompaniments.get(), ended_by=lea)

    notify(days_later(RETENTION - NOTICE + 0.01), committed)

    assert [m.to for m in mail.outbox] == [["anim@epn-namur.be"]]


def test_nothing_is_erased_before_the_day_told(lea, committed):
    notify(days_later(RETENTION - NOTICE + 0.01), committed)
    erase_on = ErasureNotice.objects.get(person=lea).erase_on

    for moment in (days_later(RETENTION - 1), days_later(RETENTION)):
        assert retention.assisted_accounts_erase_due(now=moment) == 0
    the_eve = local_time(erase_on, hours=-0.01)
    assert retention.assisted_accounts_erase_due(now=the_eve) == 0

    assert User.objects.filter(id=lea.id).exists()


def test_without_a_notice_nothing_is_erased(lea):
    """The beat that tells was down: the account waits for its notice period."""
    assert retention.assisted_accounts_erase_due(now=days_later(RETENTION + 5)) == 0

    assert User.objects.filter(id=lea.id).exists()


def test_a_late_notice_still_gives_the_whole_notice_period(lea, committed):
    late = days_later(RETENTION + 100)
    notify(late, committed)

    notice = ErasureNotice.objects.get(person=lea)
    assert notice.erase_on == timezone.localdate(late) + timedelta(days=NOTICE)
    # The eve of the day told, in Brussels: NOTICE - 1 days of 24 hours after
    # a late evening may already be that day once summer time has begun.
    the_eve = local_time(notice.erase_on, hours=-0.01)
    assert retention.assisted_accounts_erase_due(now=the_eve) == 0
    assert User.objects.filter(id=lea.id).exists()


def test_on_the_day_told_the_account_is_erased_with_its_statements(
    lea, course, committed
):
    learning.enrolment_create(user=lea, course=course)
    agent = xs.agent_of(lea)
    assert Statement.objects.filter(data__actor=agent).exists()
    other = learner_create(email="jeanne@example.be")
    learning.enrolment_create(user=other, course=course)
    notify(days_later(RETENTION - NOTICE + 0.01), committed)
    erase_on = ErasureNotice.objects.get(person=lea).erase_on
    morning = local_time(erase_on, hours=4.33)  # the beat's hour

    assert retention.assisted_accounts_erase_due(now=morning) == 1

    assert not User.objects.filter(id=lea.id).exists()
    assert not Statement.objects.filter(data__actor=agent).exists()
    assert Statement.objects.filter(data__actor=xs.agent_of(other)).exists()
    for model in (LoginCard, AssistedConsent, ErasureNotice):
        assert not model.objects.exists(), model
    assert not Accompaniment.objects.exists()
    assert not OnBehalfAction.objects.exists()
    # Once erased, nothing more to do.
    assert retention.assisted_accounts_erase_due(now=morning) == 0


@pytest.mark.parametrize("comes_back", ["signs_in", "card", "learns", "books"])
def test_a_person_who_comes_back_before_the_day_is_kept(
    lea, course, committed, comes_back
):
    notify(days_later(RETENTION - NOTICE + 0.01), committed)
    back = days_later(RETENTION - 10)
    if comes_back == "signs_in":
        User.objects.filter(id=lea.id).update(last_login=back)
    elif comes_back == "card":
        LoginCard.objects.filter(user=lea).update(last_used_at=back)
    elif comes_back == "learns":
        enrolment = learning.enrolment_create(user=lea, course=course)
        type(enrolment).objects.filter(id=enrolment.id).update(
            enrolled_at=back, last_activity_at=back
        )
    else:
        from scheduling.models import Booking
        from tests.scheduling.factories import session_create

        session = session_create(lea.accompaniments.get().organiser)
        Booking.objects.create(
            session=session, user=lea, name="Léa", status="cancelled", created_at=back
        )

    for moment in (days_later(RETENTION + 2), days_later(RETENTION + 60)):
        assert retention.assisted_accounts_erase_due(now=moment) == 0
    assert User.objects.filter(id=lea.id).exists()

    # Gone again for as long: a new notice, and a new day.
    mail.outbox.clear()
    assert notify(days_later(RETENTION - NOTICE + 0.01, after=back), committed) == 1
    assert len(mail.outbox) == 1
    assert ErasureNotice.objects.filter(person=lea).count() == 2


def test_a_seat_in_a_workshop_to_come_keeps_the_account(lea, committed):
    from scheduling.models import Booking
    from tests.scheduling.factories import session_create

    far = days_later(RETENTION + 30)
    session = session_create(lea.accompaniments.get().organiser, starts_at=far)
    Booking.objects.create(session=session, user=lea, name="Léa", status="confirmed")

    assert notify(days_later(RETENTION + 1), committed) == 0


def test_a_person_with_an_email_address_is_never_erased(committed):
    jeanne = learner_create(email="jeanne@example.be", display_name="Jeanne")
    User.objects.filter(id=jeanne.id).update(
        date_joined=days_later(-3000), last_login=days_later(-3000)
    )

    assert notify(timezone.now(), committed) == 0
    assert retention.assisted_accounts_erase_due(now=days_later(3000)) == 0

    assert User.objects.filter(id=jeanne.id).exists()
    assert mail.outbox == []


def test_a_person_who_added_an_email_during_the_notice_is_kept(lea, committed):
    notify(days_later(RETENTION - NOTICE + 0.01), committed)
    User.objects.filter(id=lea.id).update(email="lea@example.be")

    assert retention.assisted_accounts_erase_due(now=days_later(RETENTION + 60)) == 0

    assert User.objects.filter(id=lea.id).exists()


def test_the_beat_tasks_tell_then_erase_and_log_no_personal_data(
    lea, committed, caplog
):
    # The tasks run the services at the real time: the account is made long ago.
    User.objects.filter(id=lea.id).update(date_joined=days_later(-RETENTION - 40))
    caplog.set_level(logging.INFO)

    with committed(execute=True):
        assert tasks.assisted_accounts_notify_due.delay().get() == 1
    assert len(mail.outbox) == 1
    assert tasks.assisted_accounts_erase_due.delay().get() == 0  # not yet
    ErasureNotice.objects.update(erase_on=timezone.localdate())
    assert tasks.assisted_accounts_erase_due.delay().get() == 1

    assert not User.objects.filter(id=lea.id).exists()
    assert "Erased 1 unused assisted accounts" in caplog.text
    for personal in ("Léa", str(lea.learner_uid), "anim@epn-namur.be"):
        assert personal not in caplog.text, personal
    desk_records = [r for r in caplog.records if r.name.startswith("desk")]
    assert desk_records
    assert all(r.args == (1,) for r in desk_records)  # counts, never who
