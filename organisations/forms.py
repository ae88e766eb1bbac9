"""Organisation forms: shape only; rules live in the models and the services."""

from __future__ import annotations

from django import forms
from django.contrib.auth.password_validation import password_validators_help_texts
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from common.choice_fields import ChoiceByIdField
from learners.models import User
from organisations import services
from organisations.member_files import MOST_BYTES
from organisations.models import Role
from organisations.selectors import ManagerScope, manager_emails, teams_in


class InvitationForm(forms.Form):
    """One person to invite by e-mail."""

    email = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    first_name = forms.CharField(label=_("First name"), max_length=80, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=80, required=False)
    team = ChoiceByIdField(label=_("Team"), queryset=None, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.MEMBER)

    def __init__(self, *args, scope: ManagerScope, **kwargs):
        super().__init__(*args, **kwargs)
        _team_and_role_for(self, scope)

    def clean(self):
        return _team_manager_has_a_team(self, super().clean())


class MembershipForm(forms.Form):
    """A person's team, job title and (for a manager) role."""

    team = ChoiceByIdField(label=_("Team"), queryset=None, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(self, *args, scope: ManagerScope, **kwargs):
        super().__init__(*args, **kwargs)
        _team_and_role_for(self, scope)

    def clean(self):
        return _team_manager_has_a_team(self, super().clean())


def _team_and_role_for(form: forms.Form, scope: ManagerScope) -> None:
    """The teams a manager may choose; a team manager places people in their
    teams, as members (no role to choose)."""
    form.fields["team"].queryset = teams_in(scope=scope)
    if scope.whole:
        form.fields["team"].empty_label = _("No team (the whole organisation)")
    else:
        form.fields["team"].required = True
        form.fields["team"].empty_label = None
        del form.fields["role"]


def _team_manager_has_a_team(form: forms.Form, cleaned: dict) -> dict:
    if cleaned.get("role") == Role.TEAM_MANAGER and not cleaned.get("team"):
        form.add_error("team", _("A team manager needs a team to manage."))
    return cleaned


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Name of the team"), max_length=120)
    parent = ChoiceByIdField(
        label=_("Part of"),
        queryset=None,
        required=False,
        help_text=_("The department this service belongs to, if any."),
    )

    def __init__(self, *args, scope: ManagerScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = teams_in(scope=scope)
        if scope.whole:
            self.fields["parent"].empty_label = _("None: a department of its own")
        else:  # a team manager's new teams are inside theirs
            self.fields["parent"].required = True
            self.fields["parent"].empty_label = None


class MemberImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_(
            "One person a line. The first line names the columns: email, first "
            "name, last name, team, and optionally job title. Commas or "
            "semicolons, as your spreadsheet saves it (at most 5,000 people, 2 MB)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MOST_BYTES:
            raise forms.ValidationError(
                _("The file is too big: at most %(most)s MB.")
                % {"most": MOST_BYTES // (1024 * 1024)}
            )
        return upload


class InvitedAccountForm(forms.Form):
    """The account of a person invited who has none yet."""

    display_name = forms.CharField(
        label=_("Your first name"),
        max_length=User._meta.get_field("display_name").max_length,
        help_text=_("How the platform greets you."),
    )
    password = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = " ".join(password_validators_help_texts())


class OrganisationAdminForm(WagtailAdminModelForm):
    """The operators' organisation form, with its managers by e-mail address."""

    managers = forms.CharField(
        label=_("Managers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "E-mail addresses of the organisation's managers, one a line. A person "
            "with an account becomes a manager at once; anyone else gets an "
            "invitation by e-mail. Removing an address here removes no one."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault(
                "managers", "\n".join(manager_emails(organisation=self.instance))
            )

    def save(self, commit: bool = True):
        organisation = super().save(commit=commit)
        if commit:
            services.organisation_managers_set(
                organisation=organisation,
                emails=self.cleaned_data["managers"],
                named_by=getattr(self, "for_user", None),
            )
        return organisation

    def clean_managers(self) -> list[str]:
        emails = [
            line.strip().lower()
            for line in self.cleaned_data["managers"].replace(",", "\n").splitlines()
            if line.strip()
        ]
        field = forms.EmailField()
        for email in emails:
            try:
                field.clean(email)
            except forms.ValidationError:
                raise forms.ValidationError(
                    _("“%(value)s” is not an e-mail address.") % {"value": email}
                ) from None
        return emails
