"""allauth's sign-up form as the platform shows it.

Apart from ``learners.forms``: allauth builds its own forms on top of the
``SignupProfileForm`` there, so that module must not import allauth's forms.
"""

from allauth.account.forms import SignupForm as AllauthSignupForm


class SignupForm(AllauthSignupForm):
    """Sign-up, short and kind: one password field, its rules shown only if broken.

    Django's password validators still run; a person reads a rule only when their
    password breaks it, next to the field (and in the form's error summary).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        password = self.fields["password1"]
        password.help_text = ""
        password.widget.attrs["autocomplete"] = "new-password"
        self.fields["email"].widget.attrs["autocomplete"] = "email"
        self.fields["display_name"].widget.attrs["autocomplete"] = "nickname"
