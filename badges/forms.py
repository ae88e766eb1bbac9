"""Operators' forms of badges: the shape of an award by hand and of a revocation.

Who the recipient is and whether the badge may be awarded are the services' to
say (``services.recipient_by_email``, ``services.badge_award``); these forms only
check that the input is well formed.
"""

from __future__ import annotations

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from badges.models import BadgeClass
from common.choice_fields import ChoiceByIdField


class AwardForm(forms.Form):
    badge_class = ChoiceByIdField(
        label=_("Badge"),
        queryset=BadgeClass.objects.filter(active=True),
        help_text=_("Only active badges can be awarded."),
    )
    recipient_email = forms.EmailField(
        label=_("Recipient's e-mail address"),
        help_text=_("The address the learner signs in with."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence (URL)"),
        required=False,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text=_("Optional: a web page showing what the learner did."),
    )
    evidence_narrative = forms.CharField(
        label=_("Evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Optional: in plain words, why the learner earns this badge."),
    )


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for revocation"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Required, and public: the badge page and the hosted assertion show it."
        ),
    )
