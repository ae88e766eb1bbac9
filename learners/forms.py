"""Learner forms: shape only; rules live in models and services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from learners.models import User


class SignupProfileForm(forms.Form):
    """Extra fields on allauth's sign-up form (all optional but the name)."""

    display_name = forms.CharField(
        label=_("Your first name or a nickname"), max_length=80
    )

    def signup(self, request, user: User) -> None:
        user.display_name = self.cleaned_data["display_name"]
        user.language = (getattr(request, "LANGUAGE_CODE", "fr") or "fr")[:2]
        user.save(update_fields=["display_name", "language"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "display_name",
            "language",
            "postal_code",
            "commune",
            "age_band",
            "learner_type",
        ]
        widgets = {"postal_code": forms.TextInput(attrs={"inputmode": "numeric"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Optional facts about the person: saying nothing is an answer, not
        # Django's "---------".
        for name in ("age_band", "learner_type"):
            field = self.fields[name]
            field.choices = [("", _("I prefer not to say")), *field.choices[1:]]


class AccountDeleteForm(forms.Form):
    """Erasure is final: the learner confirms with their password.

    A person without a password (an account made at an EPN desk, signed in
    with a card) ticks a box saying they understand instead.
    """

    password = forms.CharField(
        label=_("Your password"), widget=forms.PasswordInput, strip=False
    )
    understood = forms.BooleanField(
        label=_(
            "I understand: my account and everything I did on the platform will "
            "be erased. This cannot be undone."
        ),
        error_messages={"required": _("Tick the box to confirm.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user.has_usable_password():
            del self.fields["understood"]
        else:
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("This is not your password."))
        return password


class CardSignInForm(forms.Form):
    """The short code and the PIN printed on a login card."""

    code = forms.CharField(
        label=_("The code on your card"),
        help_text=_("Six letters and digits, for example ACD-EFH."),
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    pin = forms.CharField(
        label=_("The PIN on your card"),
        help_text=_("Four digits."),
        max_length=12,
        strip=True,
        widget=forms.PasswordInput(
            attrs={"inputmode": "numeric", "autocomplete": "off"}
        ),
    )


class EmailAndPasswordForm(forms.Form):
    """An assisted account takes an e-mail address and a password, if wanted."""

    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    password = forms.CharField(
        label=_("A password"),
        help_text=_("At least 8 characters."),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        from django.contrib.auth.password_validation import validate_password

        password = self.cleaned_data["password"]
        validate_password(password, self.user)
        return password
