"""Domain errors of badges, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class BadgeError(DomainError):
    code = "badge_error"
    message = _("This badge action is not possible.")


class BadgeInactive(BadgeError):
    code = "badge_inactive"
    message = _("This badge is not active: it cannot be awarded.")


class RecipientUnknown(BadgeError):
    code = "recipient_unknown"
    message = _("No learner has this e-mail address.")


class RevocationReasonMissing(BadgeError):
    code = "revocation_reason_missing"
    message = _("Say why the badge is revoked.")


class AlreadyRevoked(BadgeError):
    code = "already_revoked"
    message = _("This badge was already revoked.")


class EvidenceUrlInvalid(BadgeError):
    code = "evidence_url_invalid"
    message = _("The evidence must be a web address (http or https).")


class CourseNotCompleted(BadgeError):
    code = "course_not_completed"
    message = _("A certificate comes with a completed course.")
