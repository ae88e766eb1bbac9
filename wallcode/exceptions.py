"""Domain errors of Wallcode, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class WallcodeError(DomainError):
    code = "wallcode_error"
    status = 400
    message = _("This action is not possible.")


class NotWallcodeSession(WallcodeError):
    code = "not_wallcode_session"
    status = 404
    message = _("This is not a Wallcode activity.")


class GenderCountsOverSeats(WallcodeError):
    code = "gender_counts_over_seats"
    message = _("There are more girls and boys than children in the group.")


class GroupLargerThanSession(WallcodeError):
    code = "group_larger_than_session"

    def __init__(self, *, capacity: int):
        super().__init__(
            _(
                "This activity has %(capacity)s seats in all: "
                "register a smaller group, or split it."
            )
            % {"capacity": capacity}
        )


class AgeOutsideActivity(WallcodeError):
    code = "age_outside_activity"

    def __init__(self, *, age_min: int | None, age_max: int | None):
        if age_min is not None and age_max is not None:
            message = _(
                "This activity is for young people aged %(min)s to %(max)s: "
                "choose another activity for this age."
            )
        elif age_min is not None:
            message = _(
                "This activity is for young people aged %(min)s and over: "
                "choose another activity for this age."
            )
        else:
            message = _(
                "This activity is for young people up to %(max)s years old: "
                "choose another activity for this age."
            )
        super().__init__(message % {"min": age_min, "max": age_max})


class PartnerHasActivities(WallcodeError):
    code = "partner_has_activities"
    message = _(
        "This partner has activities: it cannot be deleted, "
        "or its reach figures would be lost."
    )


class ConfirmationLinkInvalid(WallcodeError):
    code = "confirmation_link_invalid"
    status = 404
    message = _(
        "This confirmation link is not valid. Copy the whole link from the "
        "message we sent, or register again."
    )


class ConfirmationLinkExpired(WallcodeError):
    code = "confirmation_link_expired"
    status = 410
    message = _(
        "This confirmation link has expired: the registration was not kept and "
        "holds no seat. Please register again."
    )
