"""Training path forms: shape only; rules live in the models and the services."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.choice_fields import ChoiceByIdField, ChoicesByIdField
from learners.models import User
from organisations.selectors import ManagerScope, members_in, teams_in
from training import exceptions, reports, selectors
from training.reports import Sort, Status


class PathForm(forms.Form):
    """A path's name, what it is for, and the effort it asks."""

    name = forms.CharField(label=_("Name"), max_length=150)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What the path is for and who it is for."),
    )
    effort_hours = forms.IntegerField(
        label=_("Expected effort (hours)"), min_value=1, max_value=500, initial=1
    )


class CourseChoiceForm(forms.Form):
    course = ChoiceByIdField(label=_("Course of the catalogue"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = selectors.courses_to_choose()


class WorkshopChoiceForm(forms.Form):
    session = ChoiceByIdField(label=_("Workshop of the agenda"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = selectors.workshops_to_choose()


class DueDateField(forms.DateField):
    """A due date: today or later (said on the form with the other errors;
    the services refuse a past date too)."""

    widget = forms.DateInput(attrs={"type": "date"})

    def validate(self, value):
        super().validate(value)
        if value and value < timezone.localdate():
            raise forms.ValidationError(exceptions.DueDateInThePast.message)


class DueDateForm(forms.Form):
    due_on = DueDateField(label=_("New due date"))


class AssignmentForm(forms.Form):
    """A team and/or people the manager manages, and the due date."""

    team = ChoiceByIdField(label=_("Team"), queryset=None, required=False)
    people = ChoicesByIdField(
        label=_("People"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    due_on = DueDateField(label=_("Due date"))

    def __init__(self, *args, scope: ManagerScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams_in(scope=scope)
        self.fields["team"].empty_label = _("No team: only the people chosen")
        self.fields["team"].help_text = _(
            "Everyone in the team and its inner teams, and whoever joins them later."
        )
        self.fields["people"].queryset = User.objects.filter(
            id__in=members_in(scope=scope).values("user_id")
        ).order_by("display_name", "email")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("team") and not cleaned.get("people"):
            raise forms.ValidationError(_("Choose a team or at least one person."))
        return cleaned


class ReportFilterForm(forms.Form):
    """The report's filters and order, read from the page's address."""

    path = ChoiceByIdField(label=_("Path"), queryset=None, required=False)
    team = ChoiceByIdField(label=_("Team"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False)

    def __init__(self, *args, scope: ManagerScope, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["path"].queryset = reports.paths_reported(scope)
        self.fields["path"].empty_label = _("All paths")
        self.fields["team"].queryset = teams_in(scope=scope)
        self.fields["team"].empty_label = _("All teams")
        self.fields["status"].choices = [("", _("All statuses")), *Status.choices]
        self.fields["sort"].choices = Sort.choices

    def filters(self) -> reports.Filters:
        """The filters chosen; none if the address holds a value not offered
        (the page then says which, and shows everything)."""
        if not self.is_valid():
            return reports.Filters()
        data = self.cleaned_data
        return reports.Filters(
            path_id=data["path"].id if data["path"] else None,
            team_id=data["team"].id if data["team"] else None,
            status=data["status"],
            sort=data["sort"] or Sort.NAME,
        )
