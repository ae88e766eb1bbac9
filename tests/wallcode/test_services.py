"""Partners and their scheduling organiser; group and child registrations."""

import pytest
from django.utils import timezone

from scheduling import exceptions as scheduling_errors
from scheduling.models import Booking, Membership, Organiser
from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from tests.wallcode.factories import partner_create
from wallcode import exceptions, services
from wallcode.models import Partner

pytestmark = pytest.mark.django_db


def test_a_new_partner_gets_its_own_partner_organiser_and_a_slug():
    partner = partner_create(name="Les Petits Codeurs ASBL")

    assert partner.organiser.kind == Organiser.Kind.PARTNER
    assert partner.organiser.name == "Les Petits Codeurs ASBL"
    assert partner.slug == "les-petits-codeurs-asbl"


def test_renaming_a_partner_renames_its_organiser_and_slugs_stay_unique():
    first = partner_create(name="CoderDojo")
    second = partner_create(name="CoderDojo")

    first.name = "CoderDojo Liège"
    services.partner_save(partner=first)

    first.organiser.refresh_from_db()
    assert first.organiser.name == "CoderDojo Liège"
    assert (first.slug, second.slug) == ("coderdojo", "coderdojo-2")
    assert Organiser.objects.count() == 2


def test_members_are_set_by_role_and_others_removed():
    anne, bob, chloe = (
        learner_create(email=f"{name}@example.be") for name in ("anne", "bob", "chloe")
    )
    partner = partner_create(members=[chloe])

    services.partner_members_set(
        partner=partner, managers=[anne, bob], facilitators=[bob]
    )
    services.partner_members_set(partner=partner, managers=[anne], facilitators=[bob])

    roles = dict(
        Membership.objects.filter(organiser=partner.organiser).values_list(
            "user__email", "role"
        )
    )
    assert roles == {"anne@example.be": "manager", "bob@example.be": "facilitator"}


def test_a_partner_with_activities_cannot_be_deleted_one_without_can():
    busy, idle = partner_create(name="Busy"), partner_create(name="Idle")
    session_create(busy.organiser)

    with pytest.raises(exceptions.PartnerHasActivities):
        services.partner_delete(partner=busy)
    services.partner_delete(partner=idle)

    assert list(Partner.objects.values_list("name", flat=True)) == ["Busy"]
    assert not Organiser.objects.filter(name="Idle").exists()


def group(session, **fields):
    values = {
        "leader_name": "Mme Lenoir",
        "group_name": "École Saint-Joseph, 5e B",
        "email": "lenoir@ecole.example",
        "seats": 10,
        "age_band": "u12",
        "postal_code": "4020",
    }
    return services.group_booking_create(session=session, **(values | fields))


def test_a_group_booking_keeps_its_participant_fields():
    session = session_create(partner_create().organiser, capacity=20)

    booking = group(session, girls=4, boys=5)

    booking.refresh_from_db()
    assert booking.name == "Mme Lenoir (École Saint-Joseph, 5e B)"
    assert (booking.seats, booking.girls, booking.boys) == (10, 4, 5)
    assert (booking.age_band, booking.participant_postal_code) == ("u12", "4020")
    assert booking.user is None


def test_a_group_larger_than_the_activity_is_refused_before_anything_is_stored():
    session = session_create(partner_create().organiser, capacity=12)

    with pytest.raises(exceptions.GroupLargerThanSession) as refused:
        group(session, seats=13)

    assert "12" in str(refused.value.message)
    assert not Booking.objects.exists()


def test_registrations_are_for_wallcode_activities_only():
    session = session_create(organiser_create(), capacity=20)

    with pytest.raises(exceptions.NotWallcodeSession):
        group(session)
    assert not Booking.objects.exists()


def test_a_child_booking_records_who_consented_and_when():
    session = session_create(partner_create().organiser)
    before = timezone.now()

    booking = services.child_booking_create(
        session=session,
        first_name="Léa",
        age_band="12-15",
        gender="female",
        postal_code="4000",
        guardian_name="Marc Dupont",
        phone="0470 12 34 56",
        guardian_consents=True,
    )

    booking.refresh_from_db()
    assert booking.guardian_name == "Marc Dupont"
    assert booking.guardian_consent_at >= before
    assert (booking.gender, booking.age_band) == ("female", "12-15")


def test_a_child_without_consent_is_refused_by_scheduling():
    session = session_create(partner_create().organiser)

    with pytest.raises(scheduling_errors.GuardianConsentMissing):
        services.child_booking_create(
            session=session,
            first_name="Léa",
            age_band="12-15",
            postal_code="4000",
            guardian_name="Marc Dupont",
            phone="0470 12 34 56",
            guardian_consents=False,
        )
    assert not Booking.objects.exists()
