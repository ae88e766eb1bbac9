"""Forms that create things, sent twice, create them once.

A double click, or a retry after a network error, posts the same form again: a
second desk booking would take a second seat. Each form page (GET) carries a
fresh random token in a hidden field; what the form creates keeps it in a unique
column (``form_token``). The same form sent again finds that object and gets it
back, as if it were the first answer; two sent at the same instant are told
apart by the unique column, which refuses the second.

A token counts only within a scope the caller gives: the objects the same
person could have made by sending the same details. A token found outside it
was another form's (another person's, or this form sent back with other
details after the browser's back button): that is refused, never answered with
somebody else's object.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError

M = TypeVar("M", bound=models.Model)

FIELD_NAME = "form_token"
RESENT_ON_FORM = _(
    "This form was already sent. Check the details below: if you send it again, "
    "they are saved as a new entry."
)


class FormAlreadySent(DomainError):
    code = "form_already_sent"
    status = 400
    message = _("This form was already sent. Open the page again to fill in a new one.")


class FormTokenField(forms.UUIDField):
    """A form's hidden token: a new one each time the form is shown empty."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        # Callable: each unbound form gets its own token. A bound form shown
        # again (with errors, or asking "book anyway?") keeps the one it was sent.
        super().__init__(required=False, initial=uuid.uuid4, **kwargs)

    def to_python(self, value):
        # A garbled token is no token (the form works as it did without one):
        # a hidden field's error would be one the person cannot see or correct.
        try:
            return super().to_python(value)
        except ValidationError:
            return None


def form_token_field() -> FormTokenField:
    """The hidden ``form_token`` field of a form that creates something."""
    return FormTokenField()


def create_once(
    queryset: models.QuerySet[M], token: UUID | None, create: Callable[[], M]
) -> tuple[M, bool]:
    """The object the form with ``token`` made, else a new one from ``create``
    (which stores the token); and whether it is new.

    ``queryset``: what the same person sending the same details could have made.
    Without a token, ``create`` runs as it did before tokens.
    """
    if token is None:
        return create(), True
    made = _made_with(queryset, token)
    if made is not None:
        return made, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        # Sent twice at the same instant: the other request's object is committed
        # by now (the unique column waited for it). No such object: another
        # constraint refused this one, for the caller to explain.
        made = _made_with(queryset, token)
        if made is None:
            raise
        return made, False


def _made_with(queryset: models.QuerySet[M], token: UUID) -> M | None:
    """The object in ``queryset`` made with ``token``; FormAlreadySent if another
    object has it."""
    # One query for a token not used yet, the common case.
    holder = queryset.model._default_manager.filter(form_token=token).first()
    if holder is None:
        return None
    made = queryset.filter(pk=holder.pk).first()
    if made is None:
        raise FormAlreadySent()
    return made


def form_token_refuse(form: forms.BaseForm) -> None:
    """Say on a bound form that its token was another form's (FormAlreadySent),
    and give it a new one: sent again, it makes a new object, as the page opened
    again would, and the details typed stay."""
    form.add_error(None, RESENT_ON_FORM)
    data = form.data.copy()
    data[form.add_prefix(FIELD_NAME)] = str(uuid.uuid4())
    form.data = data
