"""Domain errors of organisations, each with a stable code and a translatable
message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class OrganisationsError(DomainError):
    code = "organisations_error"
    status = 400
    message = _("This action is not possible.")


class NotManager(OrganisationsError):
    code = "not_manager"
    status = 404  # another organisation's: not even its existence is told
    message = _("This page does not exist, or is not yours to see.")


class AlreadyMember(OrganisationsError):
    code = "already_member"
    message = _("This person is already a member of the organisation.")


class AlreadyInvited(OrganisationsError):
    code = "already_invited"
    message = _(
        "This person is already invited. If the invitation expired, send it again "
        "from the list of invitations."
    )


class TeamNotManaged(OrganisationsError):
    code = "team_not_managed"
    message = _("Choose one of the teams you manage.")


class TeamNameTaken(OrganisationsError):
    code = "team_name_taken"
    message = _("This organisation already has a team of that name.")


class OwnMembership(OrganisationsError):
    code = "own_membership"
    status = 403
    message = _("You cannot change or remove your own place: ask another manager.")


class InvitationUnknown(OrganisationsError):
    code = "invitation_unknown"
    status = 404
    message = _(
        "This invitation link is not valid: it may have been replaced by a newer "
        "one. Use the link of the latest e-mail, or ask your manager to send it "
        "again."
    )


class InvitationExpired(OrganisationsError):
    code = "invitation_expired"
    status = 410
    message = _(
        "This invitation has expired. Ask the manager who invited you to send it again."
    )


class InvitationAlreadyAccepted(OrganisationsError):
    code = "invitation_already_accepted"
    status = 409
    message = _("This invitation was already accepted.")


class InvitationForAnotherEmail(OrganisationsError):
    code = "invitation_for_another_email"
    status = 403
    message = _(
        "This invitation is for another e-mail address. Sign out, then sign in "
        "with the address the invitation was sent to."
    )


class ImportFileInvalid(OrganisationsError):
    """The uploaded file cannot be read as people to invite: nothing is stored."""

    code = "import_file_invalid"
