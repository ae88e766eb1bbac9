"""Domain errors of classes, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class ClassesError(DomainError):
    code = "classes_error"
    status = 400
    message = _("This action is not possible.")


class GuardianConsentMissing(ClassesError):
    code = "guardian_consent_missing"
    message = _(
        "Tick that each child's parent or guardian consented through the "
        "Wallcode registration: without it, no account is made."
    )


class NoChildNames(ClassesError):
    code = "no_child_names"
    message = _("Write at least one first name or nickname, one per line.")


class TooManyChildren(ClassesError):
    code = "too_many_children"
    message = _("A class has at most %(most)s children.")

    def __init__(self, *, most: int):
        super().__init__(self.message % {"most": most})


class NotPartnerMember(ClassesError):
    code = "not_partner_member"
    status = 403
    message = _("Only the members of a Wallcode partner manage its classes.")


class ChildNotInClass(ClassesError):
    code = "child_not_in_class"
    status = 404
    message = _("This child is not in the class, or no longer.")


class ClassroomGone(ClassesError):
    code = "classroom_gone"
    status = 404
    message = _("This class no longer exists.")
