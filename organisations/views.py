"""Organisation pages for managers, and the invitation page for the people
invited: each parses input and calls one service or selector. An organisation
one does not manage is a 404 on every page, as is anything outside a team
manager's teams: not even its existence is told."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail import hooks

from common.views import domain_error_page
from organisations import exceptions, selectors, services
from organisations.forms import (
    InvitationForm,
    InvitedAccountForm,
    MemberImportForm,
    MembershipForm,
    TeamForm,
)
from organisations.selectors import ManagerScope

organisation_errors = domain_error_page("organisations/error.html")
MEMBERS_A_PAGE = 100
INVITATIONS_SHOWN = 200


def _scope_or_404(request, organisation_id: int) -> ManagerScope:
    scope = selectors.manager_scope(user=request.user, organisation_id=organisation_id)
    if scope is None:  # another organisation, a member only, or none
        raise Http404
    return scope


@login_required
def home(request):
    """The organisations the person manages; straight to it if only one."""
    organisations = list(selectors.organisations_managed(user=request.user))
    if not organisations:
        raise Http404
    if len(organisations) == 1:
        return redirect("organisations:detail", organisation_id=organisations[0].id)
    return render(request, "organisations/home.html", {"organisations": organisations})


@login_required
def detail(request, organisation_id: int):
    """The people the manager manages, their teams, invitations and imports."""
    scope = _scope_or_404(request, organisation_id)
    members = Paginator(selectors.members_in(scope=scope), MEMBERS_A_PAGE).get_page(
        request.GET.get("page")
    )
    invitations = selectors.invitations_pending_in(scope=scope)
    context = {
        "scope": scope,
        "organisation": scope.organisation,
        "teams": selectors.teams_in(scope=scope),
        "members": members,
        "invitations": invitations[:INVITATIONS_SHOWN],
        "invitations_count": invitations.count(),
        "imports": selectors.imports_of(scope=scope, user=request.user)[:5],
        # Apps above (training paths) add their pages for this organisation.
        "more_links": [
            link
            for hook in hooks.get_hooks("organisation_manager_links")
            for link in hook(scope)
        ],
    }
    return render(request, "organisations/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def invite(request, organisation_id: int):
    """Invite one person by e-mail."""
    scope = _scope_or_404(request, organisation_id)
    form = InvitationForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                scope=scope,
                invited_by=request.user,
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                team=data["team"],
                job_title=data["job_title"],
                role=data.get("role") or "member",
            )
        except (exceptions.AlreadyMember, exceptions.AlreadyInvited) as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("organisations:detail", organisation_id=organisation_id)
    context = {"organisation": scope.organisation, "form": form}
    return render(request, "organisations/invite.html", context)


def _membership_or_404(request, organisation_id: int, membership_id: int):
    scope = _scope_or_404(request, organisation_id)
    membership = selectors.membership_in(scope=scope, membership_id=membership_id)
    if membership is None:
        raise Http404
    return scope, membership


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def member_edit(request, organisation_id: int, membership_id: int):
    """A person's team, job title and role."""
    scope, membership = _membership_or_404(request, organisation_id, membership_id)
    form = MembershipForm(
        request.POST or None,
        scope=scope,
        initial={
            "team": membership.team_id,
            "job_title": membership.job_title,
            "role": membership.role,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.membership_update(
            scope=scope,
            membership=membership,
            changed_by=request.user,
            team=data["team"],
            job_title=data["job_title"],
            role=data.get("role"),
        )
        messages.success(request, _("%(name)s is updated.") % {"name": membership.user})
        return redirect("organisations:detail", organisation_id=organisation_id)
    context = {
        "organisation": scope.organisation,
        "membership": membership,
        "form": form,
    }
    return render(request, "organisations/member_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def member_remove(request, organisation_id: int, membership_id: int):
    """Take a person out of the organisation (the page asks first)."""
    scope, membership = _membership_or_404(request, organisation_id, membership_id)
    if request.method == "POST":
        services.membership_remove(membership=membership, removed_by=request.user)
        messages.success(
            request,
            _("%(name)s is no longer in %(organisation)s.")
            % {"name": membership.user, "organisation": scope.organisation.name},
        )
        return redirect("organisations:detail", organisation_id=organisation_id)
    context = {"organisation": scope.organisation, "membership": membership}
    return render(request, "organisations/member_remove.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def team_create(request, organisation_id: int):
    """Add a team (a department, or a service inside one)."""
    scope = _scope_or_404(request, organisation_id)
    form = TeamForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        try:
            team = services.team_create(
                scope=scope,
                name=form.cleaned_data["name"],
                parent=form.cleaned_data["parent"],
            )
        except exceptions.TeamNameTaken as error:
            form.add_error("name", error.message)
        else:
            messages.success(
                request, _("The team %(name)s is added.") % {"name": team.name}
            )
            return redirect("organisations:detail", organisation_id=organisation_id)
    context = {"organisation": scope.organisation, "form": form}
    return render(request, "organisations/team_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def import_new(request, organisation_id: int):
    """Upload a CSV file of people to invite; its import runs in the background."""
    scope = _scope_or_404(request, organisation_id)
    form = MemberImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            member_import = services.member_import_create(
                scope=scope,
                uploaded_by=request.user,
                file_name=upload.name,
                content=upload.read(),
            )
        except exceptions.ImportFileInvalid as error:
            form.add_error("file", error.message)
        else:
            return redirect(
                "organisations:import",
                organisation_id=organisation_id,
                import_id=member_import.id,
            )
    context = {"organisation": scope.organisation, "form": form}
    return render(request, "organisations/import_new.html", context)


def _import_or_404(request, organisation_id: int, import_id: int):
    scope = _scope_or_404(request, organisation_id)
    member_import = selectors.import_in(
        scope=scope, user=request.user, import_id=import_id
    )
    if member_import is None:
        raise Http404
    return scope, member_import


@login_required
@never_cache
def import_detail(request, organisation_id: int, import_id: int):
    """An import's progress while it runs, then its report row by row."""
    scope, member_import = _import_or_404(request, organisation_id, import_id)
    reasons = dict(services.RowRefusal.choices)
    rejections = [
        {**rejection, "reason_text": reasons.get(rejection["reason"], "")}
        for rejection in member_import.rejections
    ]
    context = {
        "organisation": scope.organisation,
        "member_import": member_import,
        "rejections": rejections,
        "progress_url": reverse(
            "organisations:import_progress", args=[organisation_id, import_id]
        ),
    }
    return render(request, "organisations/import_detail.html", context)


@login_required
@never_cache
def import_progress(request, organisation_id: int, import_id: int):
    """The import's progress for the page's polling script (JSON)."""
    _scope, member_import = _import_or_404(request, organisation_id, import_id)
    return JsonResponse(
        {
            "processed": member_import.processed,
            "total": member_import.total,
            "done": member_import.is_done,
        }
    )


def _invitation_or_404(request, organisation_id: int, invitation_id: int):
    """A pending invitation of the manager's scope; 404 for any other."""
    scope = _scope_or_404(request, organisation_id)
    invitation = selectors.invitation_in(scope=scope, invitation_id=invitation_id)
    if invitation is None:
        raise Http404
    return scope, invitation


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def invitation_resend(request, organisation_id: int, invitation_id: int):
    """Send an invitation again, with a new link (the page asks first)."""
    scope, invitation = _invitation_or_404(request, organisation_id, invitation_id)
    if request.method == "POST":
        services.invitation_resend(invitation=invitation)
        messages.success(
            request,
            _("Invitation sent again to %(email)s; the previous link no longer works.")
            % {"email": invitation.email},
        )
        return redirect("organisations:detail", organisation_id=organisation_id)
    context = {"organisation": scope.organisation, "invitation": invitation}
    return render(request, "organisations/invitation_resend.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def invitation_withdraw(request, organisation_id: int, invitation_id: int):
    """Take back an invitation not accepted yet (the page asks first)."""
    scope, invitation = _invitation_or_404(request, organisation_id, invitation_id)
    if request.method == "POST":
        services.invitation_withdraw(invitation=invitation, withdrawn_by=request.user)
        messages.success(
            request,
            _("The invitation to %(email)s is withdrawn: its link no longer works.")
            % {"email": invitation.email},
        )
        return redirect("organisations:detail", organisation_id=organisation_id)
    context = {"organisation": scope.organisation, "invitation": invitation}
    return render(request, "organisations/invitation_withdraw.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@organisation_errors
def invitation(request, token: str):
    """The page of an invitation's link: join, or make an account and join, or
    sign in first with the address invited."""
    found = services.invitation_for_token(token=token)
    if found.is_accepted:
        raise exceptions.InvitationAlreadyAccepted()
    if found.is_expired():
        raise exceptions.InvitationExpired()
    if request.user.is_authenticated:
        return _invitation_signed_in(request, token, found)
    if selectors.account_exists(email=found.email):
        context = {
            "invitation": found,
            "sign_in_url": reverse("account_login") + "?next=" + request.path,
        }
        return render(request, "organisations/invitation_sign_in.html", context)
    return _invitation_new_account(request, token, found)


def _invitation_signed_in(request, token, found):
    if (request.user.email or "").lower() != found.email:
        raise exceptions.InvitationForAnotherEmail()
    if request.method == "POST":
        membership = services.invitation_accept(token=token, user=request.user)
        messages.success(
            request,
            _("Welcome to %(organisation)s.")
            % {"organisation": membership.organisation.name},
        )
        return redirect("learners:dashboard")
    return render(request, "organisations/invitation.html", {"invitation": found})


def _invitation_new_account(request, token, found):
    form = InvitedAccountForm(
        request.POST or None, initial={"display_name": found.first_name}
    )
    if request.method == "POST" and form.is_valid():
        try:
            user, membership = services.invitation_account_create(
                token=token,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password"],
                language=(get_language() or "fr")[:2],
            )
        except ValidationError as error:
            form.add_error("password", error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Your account is made. Welcome to %(organisation)s.")
                % {"organisation": membership.organisation.name},
            )
            return redirect("learners:dashboard")
    context = {"invitation": found, "form": form}
    return render(request, "organisations/invitation_account.html", context)
