"""Messages to people who booked show Belgian local time, in their language."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from scheduling import cancel_links, services, sms
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create

pytestmark = pytest.mark.django_db
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture(autouse=True)
def _empty_outboxes():
    sms.outbox.clear()
    mail.outbox.clear()


def _session_at_half_past_nine(day: datetime):
    starts = day.replace(hour=9, minute=30, tzinfo=BRUSSELS)
    return session_create(organiser_create(), starts_at=starts, capacity=5)


def test_a_winter_booking_is_told_at_brussels_time_in_french(committed):
    # 2031-12-06 09:30 in Brussels is 08:30 UTC (a date that stays ahead).
    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    learner = learner_create(email="lea@example.be", display_name="Léa")
    learner.language = "fr"
    learner.save(update_fields=["language"])

    with committed(execute=True):
        services.booking_create(
            session=session, name="Léa", user=learner, phone="0470 12 34 56"
        )

    [text] = [m.body for m in sms.outbox]
    [email] = mail.outbox
    for message in (text, email.body):
        assert "09:30" in message
        assert "08:30" not in message
        assert "samedi 6 décembre" in message
        assert f"/agenda/{session.id}/calendar.ics" in message
    assert "http" in text  # an absolute link, that a phone opens


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_summer_desk_booking_is_told_at_brussels_time_in_its_language(
    committed, language
):
    # 2031-07-05 09:30 in Brussels is 07:30 UTC (summer time).
    session = _session_at_half_past_nine(datetime(2031, 7, 5))
    session.language = language
    session.save(update_fields=["language"])

    with committed(execute=True):
        services.booking_create(
            session=session,
            name="Josiane",
            phone="081 22 33 44",
            email="josiane@example.be",
        )

    saturday, july = {"en": ("Saturday", "July"), "nl": ("zaterdag", "juli")}[language]
    for message in (sms.outbox[0].body, mail.outbox[0].body):
        assert "09:30" in message
        assert "07:30" not in message
        assert saturday in message
        assert july in message


def test_promotions_and_cancellations_show_local_time(committed):
    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    session.capacity = 1
    session.save(update_fields=["capacity"])
    first = services.booking_create(session=session, name="Anne", phone="0470 1")
    services.booking_create(session=session, name="Bob", phone="0470 2")
    sms.outbox.clear()

    with committed(execute=True):
        services.booking_cancel(booking=first)
    with committed(execute=True):
        services.session_cancel(session=session)

    promoted, cancelled = (m.body for m in sms.outbox)
    assert "09:30" in promoted
    assert "calendar.ics" in promoted
    assert "09:30" in cancelled
    assert "08:30" not in promoted + cancelled
    assert "calendar.ics" not in cancelled  # nothing to add to a calendar


def test_titles_are_not_html_escaped_in_plain_text_e_mails(committed):
    session = session_create(organiser_create(), title="Découvrir l'e-mail & co")

    with committed(execute=True):
        services.booking_create(session=session, name="Léa", email="lea@example.be")

    assert "Découvrir l'e-mail & co" in mail.outbox[0].body


def test_a_booking_cancelled_by_the_facilitator_tells_the_person(committed):
    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    sms.outbox.clear()

    with committed(execute=True):
        services.booking_cancel(booking=booking, tell_person=True)

    [text] = [m.body for m in sms.outbox]
    assert "Découvrir le courriel" in text
    assert "09:30" in text


def test_a_person_who_cancels_themselves_gets_no_message(committed):
    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    sms.outbox.clear()

    with committed(execute=True):
        services.booking_cancel(booking=booking)

    assert sms.outbox == []


class GatewayDownOnce:
    """An SMS gateway (the outside world) that drops the first message."""

    failures = 1

    def send_messages(self, messages) -> int:
        if GatewayDownOnce.failures:
            GatewayDownOnce.failures -= 1
            raise ConnectionError("gateway unreachable")
        sms.outbox.extend(messages)
        return len(messages)


def test_a_message_that_meets_a_dropped_line_is_retried_and_sent(settings):
    from scheduling import tasks

    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    booking = services.booking_create(session=session, name="Anne", phone="0470123456")
    sms.outbox.clear()
    settings.SMS_BACKEND = f"{__name__}.GatewayDownOnce"
    GatewayDownOnce.failures = 1

    tasks.booking_notify.apply(args=[booking.id, "booked"], throw=False)

    assert GatewayDownOnce.failures == 0  # the first attempt failed
    [text] = [m.body for m in sms.outbox]  # the retry sent it, once
    assert "09:30" in text


def test_a_parent_without_an_account_is_told_for_whom_and_given_a_link_to_cancel(
    committed,
):
    from tests.wallcode.factories import partner_create
    from wallcode import services as wallcode

    partner = partner_create()
    partner.contact_email = "contact@coderdojo.example"
    partner.save(update_fields=["contact_email"])
    session = session_create(partner.organiser, capacity=5)

    with committed(execute=True):
        wallcode.child_booking_create(
            session=session,
            first_name="Léa",
            age_band="12-15",
            postal_code="4000",
            guardian_name="Marc Dupont",
            email="marc@example.be",
            phone="0470 12 34 56",
            guardian_consents=True,
        )

    [text] = [m.body for m in sms.outbox]
    [email] = mail.outbox
    assert "Bonjour Marc Dupont" in email.body
    assert "Pour Léa" in email.body
    booking = session.bookings.get()
    for message in (text, email.body):
        assert f"Pour annuler\u00a0: {cancel_links.cancel_url(booking)}" in message


def test_a_person_with_an_account_is_given_their_own_cancel_page(committed):
    session = _session_at_half_past_nine(datetime(2031, 12, 6))
    learner = learner_create(email="lea@example.be", display_name="Léa")

    with committed(execute=True):
        booking = services.booking_create(session=session, name="Léa", user=learner)

    [email] = mail.outbox
    own_page = reverse("scheduling:cancel", args=[booking.uuid])
    assert f"Pour annuler\u00a0: {cancel_links.cancel_url(booking)}" in email.body
    assert cancel_links.cancel_url(booking).endswith(own_page)
