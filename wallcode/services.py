"""Writes of Wallcode: partners and their members, group and child registrations.

Registrations go through ``scheduling.services.booking_create`` (which keeps seats
and the waiting list); the participant fields that reach reports read are set on
the booking in the same transaction, so a notification sent on commit and a
report never see a booking without them.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.text import slugify

from scheduling import services as scheduling
from scheduling.models import Booking, Membership, Organiser, Session
from wallcode import exceptions
from wallcode.models import Partner

ROLE = Membership.Role


def partner_save(*, partner: Partner) -> Partner:
    """Create or change a partner, with the scheduling organiser it runs sessions as.

    A new partner gets a new organiser (kind "partner"); a renamed one renames it.
    """
    with transaction.atomic():
        if partner.organiser_id is None:
            partner.organiser = Organiser.objects.create(
                name=partner.name, kind=Organiser.Kind.PARTNER
            )
        else:
            Organiser.objects.filter(id=partner.organiser_id).exclude(
                name=partner.name
            ).update(name=partner.name)
        if not partner.slug:
            partner.slug = _slug_free(partner.name, exclude_id=partner.pk)
        partner.save()
    return partner


def _slug_free(name: str, *, exclude_id: int | None) -> str:
    base = slugify(name)[:70] or "partenaire"
    taken = set(
        Partner.objects.filter(slug__startswith=base)
        .exclude(id=exclude_id)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def partner_delete(*, partner: Partner) -> None:
    """Delete a partner and its organiser, unless it has activities to report on."""
    with transaction.atomic():
        if Session.objects.filter(organiser_id=partner.organiser_id).exists():
            raise exceptions.PartnerHasActivities()
        organiser_id = partner.organiser_id
        partner.delete()
        partner_organisers_forget(organiser_ids=[organiser_id])


def partner_organisers_forget(*, organiser_ids: list[int]) -> None:
    """Delete partner organisers left with no partner and no activity."""
    Organiser.objects.filter(
        id__in=organiser_ids,
        kind=Organiser.Kind.PARTNER,
        wallcode_partner__isnull=True,
        sessions__isnull=True,
    ).delete()


def partner_members_set(*, partner: Partner, managers, facilitators) -> None:
    """Make these people the partner's members, and no one else.

    Someone named in both lists is a manager.
    """
    roles = {user.id: ROLE.FACILITATOR for user in facilitators}
    roles |= {user.id: ROLE.MANAGER for user in managers}
    with transaction.atomic():
        memberships = Membership.objects.filter(organiser_id=partner.organiser_id)
        memberships.exclude(user_id__in=list(roles)).delete()
        for role in (ROLE.MANAGER, ROLE.FACILITATOR):
            users = [user_id for user_id, held in roles.items() if held == role]
            memberships.filter(user_id__in=users).exclude(role=role).update(role=role)
        present = set(memberships.values_list("user_id", flat=True))
        Membership.objects.bulk_create(
            Membership(organiser_id=partner.organiser_id, user_id=user_id, role=role)
            for user_id, role in roles.items()
            if user_id not in present
        )


def partner_member_add(*, partner: Partner, user, role: str = ROLE.MANAGER) -> None:
    """Give someone a role in the partner (kept if they already have one)."""
    Membership.objects.get_or_create(
        organiser_id=partner.organiser_id, user=user, defaults={"role": role}
    )


def group_booking_create(
    *,
    session: Session,
    leader_name: str,
    group_name: str,
    seats: int,
    age_band: str,
    postal_code: str,
    email: str = "",
    phone: str = "",
    girls: int | None = None,
    boys: int | None = None,
    booked_by=None,
) -> Booking:
    """Register a group (a class, a club): confirmed while seats last, else waiting.

    The children have no accounts: the leader is the contact.
    """
    _wallcode_check(session)
    if (girls or 0) + (boys or 0) > seats:
        raise exceptions.GenderCountsOverSeats()
    if seats > session.capacity:
        raise exceptions.GroupLargerThanSession(capacity=session.capacity)
    leader_name, group_name = leader_name.strip(), group_name.strip()
    name = f"{leader_name} ({group_name})" if leader_name and group_name else ""
    with transaction.atomic():
        booking = scheduling.booking_create(
            session=session,
            name=name or leader_name,
            phone=phone,
            email=email,
            seats=seats,
            booked_by=booked_by,
        )
        return _participants_set(
            booking,
            age_band=age_band,
            participant_postal_code=postal_code,
            girls=girls,
            boys=boys,
        )


def child_booking_create(
    *,
    session: Session,
    first_name: str,
    age_band: str,
    postal_code: str,
    guardian_name: str,
    guardian_consents: bool,
    gender: str = "",
    email: str = "",
    phone: str = "",
    booked_by=None,
) -> Booking:
    """Register one minor, with the consent of a parent or guardian (who is told)."""
    _wallcode_check(session)
    with transaction.atomic():
        booking = scheduling.booking_create(
            session=session,
            name=first_name,
            phone=phone,
            email=email,
            booked_by=booked_by,
            guardian_name=guardian_name,
            guardian_consents=guardian_consents,
            minor=True,
        )
        return _participants_set(
            booking,
            age_band=age_band,
            gender=gender,
            participant_postal_code=postal_code,
        )


def _wallcode_check(session: Session) -> None:
    if not Partner.objects.filter(organiser_id=session.organiser_id).exists():
        raise exceptions.NotWallcodeSession()


def _participants_set(booking: Booking, **fields) -> Booking:
    for field, value in fields.items():
        setattr(booking, field, value)
    booking.save(update_fields=list(fields))
    return booking
