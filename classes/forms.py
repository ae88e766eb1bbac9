"""Class forms: shape only; rules live in the models and the services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from classes import exceptions
from classes.services import MOST_CHILDREN
from common.choice_fields import ChoiceByIdField
from common.idempotency import form_token_field
from learners.models import User

NAME_LENGTH = User._meta.get_field("display_name").max_length


class ClassroomForm(forms.Form):
    organiser = ChoiceByIdField(
        label=_("For the partner"), queryset=None, empty_label=None
    )
    name = forms.CharField(
        label=_("Name of the class"),
        max_length=80,
        help_text=_("As you and the children call it, for example: 5th grade B."),
    )
    form_token = form_token_field()

    def __init__(self, *args, organisers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = organisers
        if len(organisers) == 1:
            self.fields["organiser"].widget = forms.HiddenInput()
            self.fields["organiser"].initial = organisers[0]


class ChildrenForm(forms.Form):
    """Several children at once: one first name or nickname per line."""

    names = forms.CharField(
        label=_("First names or nicknames, one per line"),
        widget=forms.Textarea(attrs={"rows": 8, "autocomplete": "off"}),
        help_text=_(
            "No surname and nothing else: each child gets an account and a "
            "login card, without e-mail."
        ),
        error_messages={"required": exceptions.NoChildNames.message},
    )
    language = forms.ChoiceField(
        label=_("Language of the cards and of the platform"),
        choices=User._meta.get_field("language").choices,
        initial="fr",
    )
    guardian_consent = forms.BooleanField(
        label=_(
            "Each child's parent or guardian consented, as the Wallcode "
            "registration records."
        ),
        error_messages={"required": exceptions.GuardianConsentMissing.message},
    )
    form_token = form_token_field()

    def clean_names(self) -> list[str]:
        lines = [line.strip() for line in self.cleaned_data["names"].splitlines()]
        names = [line for line in lines if line]
        if not names:
            raise forms.ValidationError(exceptions.NoChildNames.message)
        if len(names) > MOST_CHILDREN:
            raise forms.ValidationError(
                exceptions.TooManyChildren(most=MOST_CHILDREN).message
            )
        too_long = [name for name in names if len(name) > NAME_LENGTH]
        if too_long:
            raise forms.ValidationError(
                _("A first name has at most %(most)s characters: %(name)s")
                % {"most": NAME_LENGTH, "name": too_long[0]}
            )
        return names


class CourseForm(forms.Form):
    course = ChoiceByIdField(label=_("Course"), queryset=None)

    def __init__(self, *args, courses, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = courses
