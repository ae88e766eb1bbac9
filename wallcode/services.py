"""Writes of Wallcode: partners and their members, group and child registrations.

A registration made without an account first waits for its maker to follow the
link sent to them (``registration_request_create``), holding no seat; following
it (``registration_confirm``) makes the registration as a direct one is made.

Registrations go through ``scheduling.services.booking_create`` (which keeps seats
and the waiting list); the participant fields that reach reports read are written
with the booking, so a notification sent on commit and a report never see a
booking without them.

Each registration form carries a token (``common.idempotency``): sent twice, it
registers once and sends one confirmation link.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify

from common.commit import task_after_commit
from common.idempotency import create_once
from scheduling import services as scheduling
from scheduling.models import Booking, Membership, Organiser, Session
from wallcode import confirmation, exceptions, tasks
from wallcode.confirmation import CONFIRMATION_TIME
from wallcode.models import Partner, PendingRegistration

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
    form_token: UUID | None = None,
) -> Booking:
    """Register a group (a class, a club): confirmed while seats last, else waiting.

    The children have no accounts: the leader is the contact. ``form_token``:
    the form's; sent again, it gets the registration it made.
    """
    booking_fields, participant_fields = _group_fields(
        session=session,
        leader_name=leader_name,
        group_name=group_name,
        seats=seats,
        age_band=age_band,
        postal_code=postal_code,
        email=email,
        phone=phone,
        girls=girls,
        boys=boys,
    )
    return scheduling.booking_create(
        session=session,
        booked_by=booked_by,
        participants=participant_fields,
        form_token=form_token,
        **booking_fields,
    )


def _group_fields(
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
) -> tuple[dict, dict]:
    """The booking's and the participants' fields of a group; Wallcode's refusals."""
    _wallcode_check(session)
    _age_check(session, age_band)
    if (girls or 0) + (boys or 0) > seats:
        raise exceptions.GenderCountsOverSeats()
    if seats > session.capacity:
        raise exceptions.GroupLargerThanSession(capacity=session.capacity)
    leader_name, group_name = leader_name.strip(), group_name.strip()
    name = f"{leader_name} ({group_name})" if leader_name and group_name else ""
    booking_fields = {
        "name": name or leader_name,
        "phone": phone,
        "email": email,
        "seats": seats,
    }
    participant_fields = {
        "age_band": age_band,
        "participant_postal_code": postal_code,
        "girls": girls,
        "boys": boys,
    }
    return booking_fields, participant_fields


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
    form_token: UUID | None = None,
) -> Booking:
    """Register one minor, with the consent of a parent or guardian (who is told).

    ``form_token``: the form's; sent again, it gets the registration it made.
    """
    booking_fields, participant_fields = _child_fields(
        session=session,
        first_name=first_name,
        age_band=age_band,
        postal_code=postal_code,
        guardian_name=guardian_name,
        guardian_consents=guardian_consents,
        gender=gender,
        email=email,
        phone=phone,
    )
    return scheduling.booking_create(
        session=session,
        booked_by=booked_by,
        participants=participant_fields,
        form_token=form_token,
        **booking_fields,
    )


def _child_fields(
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
) -> tuple[dict, dict]:
    """The booking's and the participant's fields of a child; Wallcode's refusals."""
    _wallcode_check(session)
    _age_check(session, age_band)
    booking_fields = {
        "name": first_name,
        "phone": phone,
        "email": email,
        "guardian_name": guardian_name,
        "guardian_consents": guardian_consents,
        "minor": True,
    }
    participant_fields = {
        "age_band": age_band,
        "gender": gender,
        "participant_postal_code": postal_code,
    }
    return booking_fields, participant_fields


KIND = PendingRegistration.Kind
_FIELDS = {KIND.GROUP: _group_fields, KIND.CHILD: _child_fields}
_CREATE = {KIND.GROUP: group_booking_create, KIND.CHILD: child_booking_create}


def registration_request_create(
    *, session: Session, kind: str, details: dict, form_token: UUID | None = None
) -> PendingRegistration:
    """Keep a registration made without an account until its maker confirms it.

    It takes no seat. It is refused now for whatever would refuse it at
    confirmation (seats will be counted then); the link goes out on commit.
    ``details`` are the keyword arguments of the group or child registration.
    ``form_token``: the form's; sent again, it gets this request and no second
    link.
    """
    pending, created = create_once(
        _same_request(session=session, kind=kind, details=details),
        form_token,
        lambda: _request_insert(session, kind, details, form_token),
    )
    if created:
        language = translation.get_language()
        # Like every after-commit dispatch: a broker that is down must not turn
        # the stored request into an error (the person would register again),
        # and the link is sent once it is back.
        task_after_commit(tasks.registration_confirmation_send, pending.id, language)
    return pending


def _request_insert(
    session: Session, kind: str, details: dict, form_token: UUID | None
) -> PendingRegistration:
    booking_fields, _participants = _FIELDS[kind](session=session, **details)
    scheduling.booking_check(session=session, **booking_fields)
    pending_registrations_purge()
    now = timezone.now()
    return PendingRegistration.objects.create(
        session=session,
        kind=kind,
        details=details,
        created_at=now,
        expires_at=now + CONFIRMATION_TIME,
        form_token=form_token,
    )


def _same_request(
    *, session: Session, kind: str, details: dict
) -> QuerySet[PendingRegistration]:
    """The requests that the same form, sent again, made: with no account to
    tell its maker by, the same details say it is the same form.

    A request confirmed since holds no details any more: its form sent again
    then is refused (FormAlreadySent) rather than answered, which a retry within
    seconds of the first sending never meets.
    """
    # The whole JSON value compared: both are this form's cleaned data, in the
    # form's order (SQLite compares the text, PostgreSQL the jsonb value).
    return PendingRegistration.objects.filter(
        session=session, kind=kind, details=details
    )


def registration_confirm(*, token: str) -> Booking:
    """Turn the pending registration a link names into a booking, which takes
    seats or joins the waiting list. Following the link again gives that booking.
    """
    uuid = confirmation.pending_uuid(token)
    with transaction.atomic():
        # The request's row alone is locked (PostgreSQL locks no outer join).
        pending = (
            PendingRegistration.objects.select_for_update(of=("self",))
            .select_related("session")
            .filter(uuid=uuid)
            .first()
        )
        if pending is not None and pending.booking is not None:
            return pending.booking
        if pending is None or not pending.details:
            raise exceptions.ConfirmationLinkExpired()  # purged, or its booking gone
        if pending.expires_at <= timezone.now():
            raise exceptions.ConfirmationLinkExpired()
        booking = _CREATE[pending.kind](session=pending.session, **pending.details)
        # The booking holds the details now; the request keeps only the link.
        pending.booking, pending.details = booking, {}
        pending.save(update_fields=["booking", "details"])
        return booking


def pending_registrations_purge() -> int:
    """Delete registration requests past their link's life; return how many."""
    deleted, _per_model = PendingRegistration.objects.filter(
        expires_at__lte=timezone.now()
    ).delete()
    return deleted


def _age_check(session: Session, age_band: str) -> None:
    """Refuse an age band that shares no year with the activity's ages."""
    if not session.welcomes_age_band(age_band):
        raise exceptions.AgeOutsideActivity(
            age_min=session.age_min, age_max=session.age_max
        )


def _wallcode_check(session: Session) -> None:
    if not Partner.objects.filter(organiser_id=session.organiser_id).exists():
        raise exceptions.NotWallcodeSession()
