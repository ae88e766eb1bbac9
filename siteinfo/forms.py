"""The report-a-problem form: shape only."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from common.idempotency import form_token_field
from siteinfo.models import ProblemReport


class ProblemReportForm(forms.ModelForm):
    # The server checks and explains; the browser's own bubbles are not read
    # out well and differ from one browser to the next.
    use_required_attribute = False
    # Not a model field of the form (Meta.fields): it is the service's to store.
    form_token = form_token_field()

    class Meta:
        model = ProblemReport
        fields = ["kind", "message", "page_address", "name", "email"]
        widgets = {
            "kind": forms.RadioSelect,
            "message": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "message": _(
                "Describe what you tried to do and what went wrong. Do not give "
                "passwords or your national register number."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].error_messages["required"] = _(
            "Tell us what happened: this field is empty."
        )
        self.fields["email"].error_messages["invalid"] = _(
            "Enter an e-mail address like name@example.be, or leave it empty."
        )
        for field in self.fields.values():
            if not field.required:
                field.label = format_lazy("{} ({})", field.label, _("optional"))
