"""Training path forms: shape only; rules live in the models and the services."""

from __future__ import annotations

import re

from django import forms
from django.core.validators import validate_email
from django.http import QueryDict
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.choice_fields import ChoiceByIdField, ChoicesByIdField
from common.dates import WEEKDAY_DAY_TIME, local_format
from common.idempotency import form_token_field
from learners.models import User
from organisations.selectors import ManagerScope, teams_in
from scheduling.models import Session
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


def workshop_label(session: Session) -> str:
    """A workshop as the agenda shows it: its title, when it starts (local
    time, in the reader's language) and where, so that workshops of the same
    title and time in different spaces differ (read from the session row
    alone: listing them takes one query)."""
    when = local_format(session.starts_at, WEEKDAY_DAY_TIME)
    return f"{session.title} — {when} — {session.venue_name}, {session.commune}"


class WorkshopChoiceForm(forms.Form):
    session = ChoiceByIdField(label=_("Workshop of the agenda"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["session"]
        field.queryset = selectors.workshops_to_choose()
        field.label_from_instance = workshop_label


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


# Up to this many people in the manager's scope, the form lists them all;
# past it, the manager finds them with a search or pastes their addresses.
EVERYONE_LISTED_UP_TO = 30
# The people a search lists at most (the page says when there are more).
SEARCH_RESULTS_MAX = 30
SEARCH_TEXT_MAX_LENGTH = 100
# Addresses pasted at once at most: a whole service is better chosen as a team.
ADDRESSES_MAX = 1000

# An address between angle brackets (as an e-mail program copies "Name
# <address>"), or a run of text between spaces, commas and semicolons.
_ADDRESS_OR_WORD = re.compile(r"<([^<>]*)>|([^\s,;<>]+)")


def addresses_in(text: str) -> list[str]:
    """The e-mail addresses in pasted text, lower-cased, once each, in order.

    When some are written "Name <address>", the words outside the brackets
    are the names and are left out."""
    pieces = [
        (match[1] is not None, (match[1] or match[2] or "").strip(" \"'()"))
        for match in _ADDRESS_OR_WORD.finditer(text)
    ]
    named = any(bracketed for bracketed, _piece in pieces)
    kept = (
        piece.lower()
        for bracketed, piece in pieces
        if piece and (bracketed or not named or "@" in piece)
    )
    return list(dict.fromkeys(kept))


class AddressesField(forms.CharField):
    """E-mail addresses pasted as they come: one a line, or between commas,
    semicolons or spaces."""

    widget = forms.Textarea(attrs={"rows": 4, "autocomplete": "off"})

    def to_python(self, value) -> list[str]:
        return addresses_in(super().to_python(value))

    def validate(self, value: list[str]) -> None:
        super().validate(value)
        if len(value) > ADDRESSES_MAX:
            raise forms.ValidationError(
                _(
                    "Paste at most %(max)s addresses at a time: to give the path "
                    "to a whole service, choose its team."
                ),
                params={"max": ADDRESSES_MAX},
            )
        wrong = [address for address in value if not _is_address(address)]
        if wrong:
            raise forms.ValidationError(
                ngettext(
                    "This is not an e-mail address: %(wrong)s.",
                    "These are not e-mail addresses: %(wrong)s.",
                    len(wrong),
                ),
                params={"wrong": ", ".join(wrong)},
            )


def _is_address(text: str) -> bool:
    try:
        validate_email(text)
    except forms.ValidationError:
        return False
    return True


def _ids(values) -> list[int]:
    """The row ids among values sent, once each; what is not one is left out
    (a forged value, or one too large for the database)."""
    ids = []
    for value in values if isinstance(values, list | tuple) else [values]:
        try:
            number = int(value)
        except (TypeError, ValueError):
            continue
        if 0 < number < 2**63:
            ids.append(number)
    return list(dict.fromkeys(ids))


def _person_label(user: User) -> str:
    """A name and, to tell namesakes apart, the address."""
    return f"{user} ({user.email})" if user.email else str(user)


class PeopleSearchForm(forms.Form):
    """Words of the name or e-mail address of people to choose."""

    q = forms.CharField(
        label=_("Name or e-mail address"),
        max_length=SEARCH_TEXT_MAX_LENGTH,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        # Shown in the assignment form's <form>: ids apart from its fields'.
        kwargs.setdefault("auto_id", "search-%s")
        super().__init__(*args, **kwargs)

    def text(self) -> str:
        """The words searched; none when the search is too long."""
        return self.cleaned_data["q"] if self.is_valid() else ""


class AssignmentForm(forms.Form):
    """A team and/or people the manager manages, and the due date.

    A small scope lists everyone with a box to tick. A large one lists the
    people found by the search ``query`` and takes pasted e-mail addresses:
    the page stays light with ten thousand people, and works without a
    script. The search box and its button are in the same HTML form (the
    ``PeopleSearchForm``), so a search posts what was chosen too: given as
    ``carried``, it is shown again, the people ticked still ticked and listed
    (first, when the new search does not find them), until the path is
    assigned. An error shows the same list."""

    team = ChoiceByIdField(label=_("Team"), queryset=None, required=False)
    people = ChoicesByIdField(
        label=_("People"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    addresses = AddressesField(
        label=_("E-mail addresses"),
        required=False,
        help_text=_(
            "Of people you manage: one a line, or separated by commas, "
            "semicolons or spaces."
        ),
    )
    due_on = DueDateField(label=_("Due date"))
    form_token = form_token_field()

    def __init__(
        self,
        *args,
        scope: ManagerScope,
        query: str = "",
        carried: QueryDict | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.scope = scope
        self.query = query.strip()
        if carried is not None:
            self._carry(carried)
        self.fields["team"].queryset = teams_in(scope=scope)
        self.fields["team"].empty_label = _("No team: only the people chosen")
        self.fields["team"].help_text = _(
            "Everyone in the team and its inner teams, and whoever joins them later."
        )
        people = self.fields["people"]
        people.queryset = selectors.people_to_assign(scope=scope)
        # One query tells a small scope from a large one, and lists the small.
        listed = list(people.queryset[: EVERYONE_LISTED_UP_TO + 1])
        self.everyone_listed = len(listed) <= EVERYONE_LISTED_UP_TO
        self.more_found = False
        if self.everyone_listed:
            del self.fields["addresses"]
        else:
            found = selectors.people_matching(scope=scope, text=self.query)
            listed = list(found[: SEARCH_RESULTS_MAX + 1]) if self.query else []
            self.more_found = len(listed) > SEARCH_RESULTS_MAX
            listed = listed[:SEARCH_RESULTS_MAX]
            kept = self._ticked_not_in(listed)
            found_text = self._found_text(len(listed))
            kept_text = _("The people you already ticked are listed first.")
            people.help_text = f"{found_text} {kept_text}" if kept else found_text
            listed = kept + listed
        # Only those listed are shown; any person of the scope is accepted.
        people.widget.choices = [(user.pk, _person_label(user)) for user in listed]

    def _carry(self, data: QueryDict) -> None:
        """What the manager chose before searching, to show again as it was
        (a search is no attempt to assign: nothing is checked yet)."""
        for name in ("team", "addresses", "due_on"):
            if data.get(name):
                self.initial[name] = data[name]
        self.initial["people"] = _ids(data.getlist("people"))
        token = self.fields["form_token"].to_python(data.get("form_token"))
        if token:  # the same form still: sent twice, it assigns once
            self.initial["form_token"] = token

    def _ticked_not_in(self, listed: list[User]) -> list[User]:
        """The people of the scope ticked (sent with the form, or carried
        across a search) whom ``listed`` leaves out, by name."""
        if self.is_bound:
            field = self.fields["people"]
            ticked = field.widget.value_from_datadict(
                self.data, self.files, self.add_prefix("people")
            )
        else:
            ticked = self.initial.get("people")
        listed_ids = {user.pk for user in listed}
        ids = [number for number in _ids(ticked or []) if number not in listed_ids]
        if not ids:
            return []
        return list(selectors.people_among(scope=self.scope, ids=ids))

    def _found_text(self, count: int) -> str:
        """What the search found, said where the boxes are (help text is not
        escaped when shown: the words searched are, here)."""
        text = escape(self.query)
        if not self.query:
            return _("Search for them above, or paste their e-mail addresses below.")
        if not count:
            return _("Nobody you manage matches “%(text)s”.") % {"text": text}
        if self.more_found:
            return ngettext(
                "Only the first person matching “%(text)s” is listed: add words "
                "to the search to find others.",
                "Only the first %(count)s people matching “%(text)s” are listed: "
                "add words to the search to find others.",
                count,
            ) % {"count": count, "text": text}
        return ngettext(
            "%(count)s person matches “%(text)s”.",
            "%(count)s people match “%(text)s”.",
            count,
        ) % {"count": count, "text": text}

    def clean(self):
        cleaned = super().clean()
        chosen = list(cleaned.get("people") or [])
        addresses = cleaned.get("addresses") or []
        if addresses:
            pasted = list(
                selectors.people_with_addresses(scope=self.scope, addresses=addresses)
            )
            known = {user.email.lower() for user in pasted}
            unknown = [address for address in addresses if address not in known]
            if unknown:
                self.add_error(
                    "addresses",
                    ngettext(
                        "Nobody you manage has this address: %(addresses)s.",
                        "Nobody you manage has these addresses: %(addresses)s.",
                        len(unknown),
                    )
                    % {"addresses": ", ".join(unknown)},
                )
            chosen += pasted
        cleaned["people"] = list({user.pk: user for user in chosen}.values())
        refused = self.has_error("people") or self.has_error("addresses")
        if not cleaned.get("team") and not cleaned["people"] and not refused:
            # Beside the people to tick, where the person looks to fix it.
            self.add_error("people", _("Choose a team or at least one person."))
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
