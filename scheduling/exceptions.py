"""Domain errors of scheduling, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class SchedulingError(DomainError):
    code = "scheduling_error"
    status = 400
    message = _("This action is not possible.")


class SessionPast(SchedulingError):
    code = "session_past"
    message = _("This session has already taken place: it cannot be booked.")


class SessionCancelled(SchedulingError):
    code = "session_cancelled"
    message = _("This session was cancelled: it cannot be booked.")


class SessionNotPublished(SchedulingError):
    code = "session_not_published"
    status = 404
    message = _("This session is not open for booking.")


class SessionStarted(SchedulingError):
    code = "session_started"
    message = _(
        "This session has already started: its booking can no longer be cancelled."
    )


class AlreadyBooked(SchedulingError):
    code = "already_booked"
    message = _("You have already booked this session.")


class BookingAlreadyCancelled(SchedulingError):
    code = "booking_already_cancelled"
    message = _("This booking was already cancelled.")


class CapacityBelowBookings(SchedulingError):
    code = "capacity_below_bookings"
    message = _("There are more confirmed seats than that: cancel bookings first.")


class EndBeforeStart(SchedulingError):
    code = "end_before_start"
    message = _("The session must end after it starts.")


class ContactMissing(SchedulingError):
    code = "contact_missing"
    message = _("Give a name, and a phone number or an e-mail address.")


class GuardianConsentMissing(SchedulingError):
    code = "guardian_consent_missing"
    message = _("A parent or guardian must consent to a minor's registration.")


class SeatsInvalid(SchedulingError):
    code = "seats_invalid"
    message = _("Book at least one seat.")


class NotConfirmed(SchedulingError):
    code = "not_confirmed"
    status = 409  # the booking's state, not the request, is what stands in the way
    message = _("Only confirmed bookings can be marked as present.")


class AttendanceListInvalid(SchedulingError):
    code = "attendance_list_invalid"
    message = _(
        "This attendance list names someone not booked on this session: "
        "nothing was saved."
    )


class MoreSeatsThanCapacity(SchedulingError):
    code = "more_seats_than_capacity"
    message = _("This session does not have that many seats.")


class LikelyDuplicate(SchedulingError):
    code = "likely_duplicate"
    status = 409
    message = _("This person seems to be booked on this session already.")

    def __init__(self, bookings=()):
        self.bookings = list(bookings)
        super().__init__()


class PlaceUnknown(SchedulingError):
    code = "place_unknown"
    message = _("We do not know this place: try a postal code such as 5000.")
