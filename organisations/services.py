"""Writes of organisations: managers named, people invited (one by one or from
a CSV file), invitations sent again and accepted.

An invitation is one per person and organisation: inviting the same address
again, from a form or a file, changes nothing (the file's report says so);
sending it again gives it a new link and a new expiry, and the old link stops.
Its link's secret is made when the e-mail is sent and only its hash is kept.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Iterable
from datetime import timedelta

from allauth.account.models import EmailAddress
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from common.commit import on_commit_safely, task_after_commit
from learners.models import User
from organisations import exceptions, tasks
from organisations.member_files import MemberRow, member_rows_read
from organisations.models import (
    Invitation,
    MemberImport,
    Membership,
    Organisation,
    Role,
    Team,
)
from organisations.selectors import ManagerScope, manager_scope

logger = logging.getLogger(__name__)

INVITATION_DAYS = 14
# An invitation expired this long ago is forgotten, with the address of a
# person who never joined: the manager had time to send it again.
INVITATION_KEPT_AFTER_EXPIRY_DAYS = 90
# How often a running import writes its progress: each write is one UPDATE.
PROGRESS_EVERY = 20
NAME_LENGTH = Invitation._meta.get_field("first_name").max_length
JOB_TITLE_LENGTH = Invitation._meta.get_field("job_title").max_length
EMAIL_LENGTH = Invitation._meta.get_field("email").max_length


class RowRefusal(models.TextChoices):
    """Why a row of an import is refused (the codes are stored in its report)."""

    BAD_EMAIL = "bad_email", _("not a valid e-mail address")
    DUPLICATE_IN_FILE = "duplicate_in_file", _("this address is on an earlier line")
    NAME_TOO_LONG = "name_too_long", _("a name longer than 80 characters")
    UNKNOWN_TEAM = "unknown_team", _("no team of yours has this name")
    ALREADY_MEMBER = "already_member", _("already a member")
    ALREADY_INVITED = "already_invited", _("already invited")
    NO_LONGER_MANAGER = (
        "no_longer_manager",
        _("the person who sent the file no longer manages the organisation"),
    )


def token_hash(token: str) -> str:
    """What is stored of an invitation link's secret."""
    return hashlib.sha256(token.encode()).hexdigest()


def _unsent_token_hash() -> str:
    # A secret nobody ever receives: the invitation has no working link until
    # its e-mail is sent (invitation_send).
    return token_hash(secrets.token_urlsafe(32))


def _normalised_email(email: str) -> str:
    return email.strip().lower()


def team_create(*, scope: ManagerScope, name: str, parent: Team | None) -> Team:
    """Add a team, inside one the manager manages (a team manager adds services
    to their department; a manager adds departments too)."""
    if not scope.covers_team(parent.id if parent is not None else None):
        raise exceptions.TeamNotManaged()
    try:
        with transaction.atomic():
            return Team.objects.create(
                organisation=scope.organisation, name=name.strip(), parent=parent
            )
    except IntegrityError:  # the name, in any case, is the organisation's already
        raise exceptions.TeamNameTaken() from None


def _team_joined_tell(membership: Membership) -> None:
    """Once committed, tell the apps above (training paths) that a person
    joined a team: each ``organisation_team_joined`` hook gets the membership's
    id, and queues its own work."""
    if membership.team_id is None:
        return
    for hook in hooks.get_hooks("organisation_team_joined"):
        on_commit_safely(lambda hook=hook: hook(membership.id))


def _not_own_or_refuse(membership: Membership, user: User) -> None:
    # A manager who moved or removed themselves could lose the organisation.
    if membership.user_id == user.id:
        raise exceptions.OwnMembership()


def membership_update(
    *,
    scope: ManagerScope,
    membership: Membership,
    changed_by: User,
    team: Team | None,
    job_title: str,
    role: str | None = None,
) -> Membership:
    """Move a person to another of the manager's teams, change their job title,
    and (a manager of the whole organisation only) their role."""
    _not_own_or_refuse(membership, changed_by)
    if not scope.covers_team(team.id if team is not None else None):
        raise exceptions.TeamNotManaged()
    team_changed = membership.team_id != (team.id if team is not None else None)
    membership.team = team
    membership.job_title = job_title.strip()
    if scope.whole and role is not None:
        membership.role = role
    if membership.role == Role.TEAM_MANAGER and team is None:
        raise exceptions.TeamNotManaged()
    membership.save(update_fields=["team", "job_title", "role"])
    if team_changed:
        _team_joined_tell(membership)
    return membership


def membership_remove(*, membership: Membership, removed_by: User) -> None:
    """Take a person out of the organisation (they left): their account and
    their learning stay theirs."""
    _not_own_or_refuse(membership, removed_by)
    Membership.objects.filter(id=membership.id).delete()
    logger.info(
        "User %s removed from organisation %s by user %s",
        membership.user_id,
        membership.organisation_id,
        removed_by.id,
    )


def _invitation_make(
    *,
    organisation: Organisation,
    email: str,
    invited_by: User | None,
    first_name: str = "",
    last_name: str = "",
    team: Team | None = None,
    team_id: int | None = None,
    job_title: str = "",
    role: str = Role.MEMBER,
    member_import: MemberImport | None = None,
) -> Invitation:
    """Store an invitation and send it once committed; AlreadyMember or
    AlreadyInvited if the person is in, or invited, already."""
    email = _normalised_email(email)
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email
    ).exists():
        raise exceptions.AlreadyMember()
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                organisation=organisation,
                email=email,
                first_name=first_name,
                last_name=last_name,
                team_id=team.id if team is not None else team_id,
                job_title=job_title,
                role=role,
                invited_by=invited_by,
                member_import=member_import,
                token_hash=_unsent_token_hash(),
                expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
            )
    except IntegrityError:
        # The unique (organisation, e-mail): invited already, maybe this instant.
        raise exceptions.AlreadyInvited() from None
    task_after_commit(tasks.invitation_send, invitation.id)
    return invitation


def invitation_create(
    *,
    scope: ManagerScope,
    invited_by: User,
    email: str,
    first_name: str = "",
    last_name: str = "",
    team: Team | None = None,
    job_title: str = "",
    role: str = Role.MEMBER,
) -> Invitation:
    """Invite one person, by e-mail, into a team the manager manages.

    Only a manager of the whole organisation invites other managers; a team
    manager needs a team to manage.
    """
    if not scope.covers_team(team.id if team is not None else None):
        raise exceptions.TeamNotManaged()
    if not scope.whole:
        role = Role.MEMBER
    if role == Role.TEAM_MANAGER and team is None:
        raise exceptions.TeamNotManaged()
    return _invitation_make(
        organisation=scope.organisation,
        email=email,
        invited_by=invited_by,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        team=team,
        job_title=job_title.strip(),
        role=role,
    )


def invitation_send(*, invitation_id: int) -> str | None:
    """Give a pending invitation a fresh link and expiry, and e-mail it (the
    previous link stops working). Returns the link's secret, for the e-mail."""
    from organisations import notifications  # it renders this module's links

    token = secrets.token_urlsafe(32)
    updated = Invitation.objects.filter(
        id=invitation_id, accepted_at__isnull=True
    ).update(
        token_hash=token_hash(token),
        sent_at=timezone.now(),
        expires_at=timezone.now() + timedelta(days=INVITATION_DAYS),
    )
    if not updated:  # accepted, or its organisation deleted, meanwhile
        return None
    invitation = Invitation.objects.select_related("organisation", "team").get(
        id=invitation_id
    )
    notifications.invitation_email_send(invitation=invitation, token=token)
    return token


def invitation_resend(*, invitation: Invitation) -> Invitation:
    """Send a pending invitation again (expired, or the e-mail lost)."""
    if invitation.is_accepted:
        raise exceptions.InvitationAlreadyAccepted()
    task_after_commit(tasks.invitation_send, invitation.id)
    return invitation


def invitation_withdraw(*, invitation: Invitation, withdrawn_by: User) -> None:
    """Take back a pending invitation (sent to the wrong address, or the
    person left): its link stops working."""
    if invitation.is_accepted:
        raise exceptions.InvitationAlreadyAccepted()
    Invitation.objects.filter(id=invitation.id, accepted_at__isnull=True).delete()
    logger.info(
        "Invitation %s to organisation %s withdrawn by user %s",
        invitation.id,
        invitation.organisation_id,
        withdrawn_by.id,
    )


def invitations_expired_purge() -> int:
    """Delete the invitations not accepted and expired long ago; how many."""
    cutoff = timezone.now() - timedelta(days=INVITATION_KEPT_AFTER_EXPIRY_DAYS)
    deleted, _by_model = Invitation.objects.filter(
        accepted_at__isnull=True, expires_at__lt=cutoff
    ).delete()
    return deleted


def member_imports_old_purge() -> int:
    """Delete the reports of imports finished long ago (they name the people
    refused); how many."""
    cutoff = timezone.now() - timedelta(days=INVITATION_KEPT_AFTER_EXPIRY_DAYS)
    deleted, _by_model = MemberImport.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


def invitation_for_token(*, token: str) -> Invitation:
    """The invitation of a link; InvitationUnknown if none (a link replaced by
    a newer one, or mistyped)."""
    from organisations.selectors import invitation_by_token_hash

    invitation = invitation_by_token_hash(token_hash=token_hash(token))
    if invitation is None:
        raise exceptions.InvitationUnknown()
    return invitation


def _acceptable_or_refuse(invitation: Invitation) -> None:
    if invitation.is_accepted:
        raise exceptions.InvitationAlreadyAccepted()
    if invitation.is_expired():
        raise exceptions.InvitationExpired()


def invitation_accept(*, token: str, user: User) -> Membership:
    """Join the organisation (and the team) of the invitation, as the person
    signed in with the invitation's e-mail address."""
    with transaction.atomic():
        invitation = invitation_for_token(token=token)
        invitation = Invitation.objects.select_for_update().get(id=invitation.id)
        _acceptable_or_refuse(invitation)
        if (user.email or "").lower() != invitation.email:
            raise exceptions.InvitationForAnotherEmail()
        membership = _member_join(
            organisation_id=invitation.organisation_id,
            user=user,
            invitation=invitation,
        )
    logger.info(
        "Invitation %s accepted: user %s joined organisation %s",
        invitation.id,
        user.id,
        invitation.organisation_id,
    )
    return membership


def member_join_through_provider(
    *, organisation: Organisation, user: User
) -> Membership:
    """A person whom the organisation's own identity provider signed in joins
    it: as their invitation says (team, job title, role) when one waits for
    their address, which the provider confirmed; else as a member without a
    team, whom a manager places."""
    with transaction.atomic():
        invitation = _invitation_waiting_for(organisation=organisation, user=user)
        membership = _member_join(
            organisation_id=organisation.id, user=user, invitation=invitation
        )
    logger.info(
        "User %s joined organisation %s through its identity provider",
        user.id,
        organisation.id,
    )
    return membership


def _member_join(
    *, organisation_id: int, user: User, invitation: Invitation | None
) -> Membership:
    """Make ``user`` a member (as the invitation says, if any, which is then
    accepted) and tell the apps above of the team joined. Inside a transaction."""
    details = {}
    if invitation is not None:
        details = {
            "team_id": invitation.team_id,
            "job_title": invitation.job_title,
            "role": invitation.role,
        }
    membership, created = Membership.objects.get_or_create(
        organisation_id=organisation_id, user=user, defaults=details
    )
    if created:
        _team_joined_tell(membership)
    if invitation is not None:
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


def _invitation_waiting_for(*, organisation: Organisation, user: User):
    """The organisation's open invitation to the user's confirmed address."""
    if not EmailAddress.objects.filter(
        user=user, email__iexact=user.email or "", verified=True
    ).exists():
        return None
    invitation = (
        Invitation.objects.select_for_update()
        .filter(
            organisation=organisation,
            email=_normalised_email(user.email),
            accepted_at__isnull=True,
        )
        .first()
    )
    if invitation is None or invitation.is_expired():
        return None
    return invitation


def invitation_account_create(
    *, token: str, display_name: str, password: str, language: str = "fr"
) -> tuple[User, Membership]:
    """Make the account of a person invited who has none, and join: the link
    came to their address, so it counts as confirmed.

    ValidationError for a password too weak; InvitationForAnotherEmail if an
    account has the address already (its holder signs in instead).
    """
    with transaction.atomic():
        invitation = invitation_for_token(token=token)
        _acceptable_or_refuse(invitation)
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise exceptions.InvitationForAnotherEmail()
        user = User(email=invitation.email, display_name=display_name.strip())
        validate_password(password, user)
        user.language = language
        user.set_password(password)
        user.save()
        EmailAddress.objects.create(
            user=user, email=invitation.email, verified=True, primary=True
        )
        membership = invitation_accept(token=token, user=user)
    return user, membership


def member_import_create(
    *, scope: ManagerScope, uploaded_by: User, file_name: str, content: bytes
) -> MemberImport:
    """Check a CSV file of people's shape and queue its import; ImportFileInvalid
    (nothing stored) if it cannot be read."""
    rows = member_rows_read(content)
    member_import = MemberImport.objects.create(
        organisation=scope.organisation,
        uploaded_by=uploaded_by,
        file_name=file_name[:200],
        rows=[list(row) for row in rows],
        total=len(rows),
    )
    task_after_commit(tasks.member_import_run, member_import.id)
    return member_import


def member_import_run(*, import_id: int) -> MemberImport | None:
    """Invite the people of an import, row by row, writing its progress and
    its report as it goes. Run again (a worker lost), it goes on from the last
    progress written, and reports the same."""
    with transaction.atomic():
        member_import = (
            MemberImport.objects.select_for_update().filter(id=import_id).first()
        )
        if member_import is None or member_import.is_done:
            return member_import
        member_import.status = MemberImport.Status.RUNNING
        member_import.save(update_fields=["status"])
    run = _ImportRun(member_import)
    for index, row in enumerate(member_import.rows):
        if index < member_import.processed:
            run.seen.add(_normalised_email(row[1]))
            continue
        run.judge(MemberRow(*row))
        if (index + 1) % PROGRESS_EVERY == 0:
            run.save_progress(processed=index + 1)
    run.finish()
    return member_import


class _ImportRun:
    """One run of an import: what it knows of the organisation, and its tally."""

    def __init__(self, member_import: MemberImport):
        self.member_import = member_import
        organisation = member_import.organisation
        self.scope = (
            manager_scope(
                user=member_import.uploaded_by, organisation_id=organisation.id
            )
            if member_import.uploaded_by
            else None
        )
        self.teams = {
            team.name.casefold(): team.id
            for team in Team.objects.filter(organisation=organisation)
        }
        self.members = {
            email.lower()
            for email in Membership.objects.filter(
                organisation=organisation
            ).values_list("user__email", flat=True)
            if email
        }
        self.invited = dict(
            Invitation.objects.filter(organisation=organisation).values_list(
                "email", "member_import_id"
            )
        )
        self.seen: set[str] = set()
        self.accepted = member_import.accepted
        self.rejections = list(member_import.rejections)

    def judge(self, row: MemberRow) -> None:
        email = _normalised_email(row.email)
        refusal = self._refusal(row, email)
        self.seen.add(email)
        if refusal is None:
            refusal = self._invite(row, email)
        if refusal is None:
            self.accepted += 1
        else:
            self.rejections.append(
                {"line": row.line, "email": row.email, "reason": refusal}
            )

    def _refusal(self, row: MemberRow, email: str) -> str | None:
        try:
            validate_email(email)
        except ValidationError:
            return RowRefusal.BAD_EMAIL
        if len(email) > EMAIL_LENGTH:
            return RowRefusal.BAD_EMAIL
        if email in self.seen:
            return RowRefusal.DUPLICATE_IN_FILE
        if self.scope is None:
            return RowRefusal.NO_LONGER_MANAGER
        if len(row.first_name) > NAME_LENGTH or len(row.last_name) > NAME_LENGTH:
            return RowRefusal.NAME_TOO_LONG
        team_id = self._team_id(row)
        # A team the organisation does not have, or one of another manager's
        # (a team manager's rows without a team, too).
        if (row.team and team_id is None) or not self.scope.covers_team(team_id):
            return RowRefusal.UNKNOWN_TEAM
        if email in self.members:
            return RowRefusal.ALREADY_MEMBER
        if email in self.invited:
            if self.invited[email] == self.member_import.id:
                return None  # invited by this very import, before a restart
            return RowRefusal.ALREADY_INVITED
        return None

    def _team_id(self, row: MemberRow) -> int | None:
        return self.teams.get(row.team.casefold()) if row.team else None

    def _invite(self, row: MemberRow, email: str) -> str | None:
        if email in self.invited:
            return None
        try:
            _invitation_make(
                organisation=self.member_import.organisation,
                email=email,
                invited_by=self.member_import.uploaded_by,
                first_name=row.first_name,
                last_name=row.last_name,
                team_id=self._team_id(row),
                job_title=row.job_title[:JOB_TITLE_LENGTH],
                member_import=self.member_import,
            )
        except exceptions.AlreadyMember:
            return RowRefusal.ALREADY_MEMBER
        except exceptions.AlreadyInvited:
            return RowRefusal.ALREADY_INVITED
        self.invited[email] = self.member_import.id
        return None

    def save_progress(self, *, processed: int) -> None:
        MemberImport.objects.filter(id=self.member_import.id).update(
            processed=processed, accepted=self.accepted, rejections=self.rejections
        )

    def finish(self) -> None:
        # The rows as read are forgotten: the invitations and the report keep
        # what is needed.
        MemberImport.objects.filter(id=self.member_import.id).update(
            processed=self.member_import.total,
            accepted=self.accepted,
            rejections=self.rejections,
            status=MemberImport.Status.DONE,
            finished_at=timezone.now(),
            rows=[],
        )
        logger.info(
            "Member import %s done: %d accepted, %d refused",
            self.member_import.id,
            self.accepted,
            len(self.rejections),
        )


def organisation_managers_set(
    *, organisation: Organisation, emails: Iterable[str], named_by: User | None
) -> list[str]:
    """Make these people managers of the organisation (the operators' admin):
    a person with an account becomes one at once, anyone else is invited as a
    manager. Returns the addresses invited. Managers left out stay (remove
    them from the organisation's members)."""
    invited = []
    for email in sorted({_normalised_email(each) for each in emails if each.strip()}):
        user = User.objects.filter(email__iexact=email).first()
        if user is not None:
            Membership.objects.update_or_create(
                organisation=organisation, user=user, defaults={"role": Role.MANAGER}
            )
            continue
        try:
            _invitation_make(
                organisation=organisation,
                email=email,
                invited_by=named_by,
                role=Role.MANAGER,
            )
        except exceptions.AlreadyInvited:
            Invitation.objects.filter(organisation=organisation, email=email).update(
                role=Role.MANAGER
            )
        invited.append(email)
    return invited
