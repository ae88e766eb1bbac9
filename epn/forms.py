"""Forms of EPN spaces: the directory search, and the operators' space form.

Shape only: what a postal code is, which choices exist. Where a postal code
lies is the selectors' to say; making the space's organiser is the services'.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from epn import services
from epn.models import Equipment, ServiceOffered, SpokenLanguage


class DirectorySearchForm(forms.Form):
    q = forms.CharField(
        label=_("Your commune or postal code"),
        max_length=100,
        required=False,
        help_text=_(
            "E.g. Namur, Jambes or 5000: the nearest spaces come first. "
            "A space's name works too."
        ),
    )


class SpaceAdminForm(WagtailAdminModelForm):
    """The Wagtail form of a space: saved through the services, organiser included."""

    name = forms.CharField(
        label=_("Name"),
        max_length=services.NAME_MAX_LENGTH,
        help_text=_("As people know it, e.g. EPN de Jambes. Its workshops show it."),
    )
    equipment = forms.MultipleChoiceField(
        label=_("Equipment"),
        choices=Equipment.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    services_offered = forms.MultipleChoiceField(
        label=_("Services offered"),
        choices=ServiceOffered.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        choices=SpokenLanguage.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.organiser_id:
            self.initial.setdefault("name", self.instance.name)

    def save(self, commit: bool = True):
        if not commit:
            return super().save(commit=False)
        # The instance holds the cleaned values already (ModelForm's _post_clean).
        details = {
            field: getattr(self.instance, field)
            for field in self._meta.fields
            if field != "name"
        }
        if self.instance.pk is None:
            self.instance = services.space_create(
                name=self.cleaned_data["name"], **details
            )
        else:
            self.instance = services.space_update(
                space=self.instance, name=self.cleaned_data["name"], **details
            )
        return self.instance
