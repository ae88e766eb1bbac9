"""What scheduling adds to pages of the apps below it (through their hooks)."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from learners.navigation import MenuLink
from scheduling import selectors, services


@hooks.register("person_menu_links")
def facilitator_menu_links(user) -> list[MenuLink]:
    """A facilitator's sessions, in the main menu."""
    if not selectors.member_organisers(user=user):
        return []
    return [MenuLink(gettext("My sessions"), reverse("scheduling:facilitator"))]


@hooks.register("person_home_url")
def facilitator_home_url(user) -> str | None:
    """Facilitators land on their sessions after signing in."""
    if not selectors.member_organisers(user=user):
        return None
    return reverse("scheduling:facilitator")


@hooks.register("learner_data_export")
def bookings_of_learner(user) -> dict:
    """The person's own workshop bookings, for their data export."""
    return {
        "bookings": [
            {
                "name": booking.name,
                "phone": booking.phone,
                "email": booking.email,
                "session": booking.session.title,
                "starts_at": booking.session.starts_at.isoformat(),
                "status": booking.status,
                "seats": booking.seats,
                "booked_at": booking.created_at.isoformat(),
                "attended": booking.attended,
            }
            for booking in selectors.bookings_of(user=user)
        ]
    }


@hooks.register("learner_before_erase")
def bookings_release(user) -> None:
    """A person erased gives back their seats to come (the waiting list moves)."""
    for booking in selectors.bookings_to_release(user=user):
        services.booking_cancel(booking=booking)
