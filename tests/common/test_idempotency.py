"""A form sent twice creates once: the token field and ``create_once``.

Problem reports stand in for any model with a ``form_token`` column.
"""

import uuid

import pytest
from django import forms
from django.db import IntegrityError
from django.utils import translation

from common.idempotency import (
    FormAlreadySent,
    create_once,
    form_token_field,
    form_token_refuse,
)
from siteinfo.models import ProblemReport

pytestmark = pytest.mark.django_db


class TokenForm(forms.Form):
    name = forms.CharField()
    form_token = form_token_field()


def report(message: str, token=None) -> ProblemReport:
    return ProblemReport.objects.create(message=message, form_token=token)


def test_each_form_shown_empty_carries_a_new_token():
    first = TokenForm()["form_token"].value()
    second = TokenForm()["form_token"].value()

    assert uuid.UUID(first).version == 4
    assert first != second


def test_a_form_shown_again_keeps_the_token_it_was_sent():
    token = uuid.uuid4()
    form = TokenForm({"name": "", "form_token": str(token)})

    assert not form.is_valid()
    assert f'value="{token}"' in str(form["form_token"])


@pytest.mark.parametrize("sent", ["", "abc", "9" * 1000, "a\x00b", None])
def test_a_missing_or_garbled_token_is_no_token_and_no_error(sent):
    data = {"name": "Léa"} | ({} if sent is None else {"form_token": sent})
    form = TokenForm(data)

    assert form.is_valid()
    assert form.cleaned_data["form_token"] is None


def test_without_a_token_every_sending_creates():
    made = [
        create_once(ProblemReport.objects.all(), None, lambda: report("Panne"))
        for _ in range(2)
    ]

    assert [created for _, created in made] == [True, True]
    assert ProblemReport.objects.count() == 2


def test_the_same_token_gives_back_what_it_made_and_creates_nothing(
    django_assert_num_queries,
):
    token = uuid.uuid4()
    first, created = create_once(
        ProblemReport.objects.all(), token, lambda: report("Panne", token)
    )

    with django_assert_num_queries(2):  # the token's holder, then within the scope
        again, again_created = create_once(
            ProblemReport.objects.all(), token, lambda: report("Panne", token)
        )

    assert (created, again_created) == (True, False)
    assert again == first
    assert ProblemReport.objects.count() == 1


def test_a_token_held_outside_the_scope_is_refused_and_nothing_is_stored():
    token = uuid.uuid4()
    held = report("Le bouton ne marche pas", token)

    with pytest.raises(FormAlreadySent) as refused:
        create_once(
            ProblemReport.objects.filter(message="Autre chose"),
            token,
            lambda: report("Autre chose", token),
        )

    assert refused.value.status == 400
    assert list(ProblemReport.objects.all()) == [held]


def test_another_constraint_refusing_the_object_is_the_callers_to_explain():
    def create():
        raise IntegrityError("another constraint")

    with pytest.raises(IntegrityError):
        create_once(ProblemReport.objects.all(), uuid.uuid4(), create)


def test_a_refused_form_says_why_and_gets_a_new_token():
    token = uuid.uuid4()
    form = TokenForm({"name": "Léa", "form_token": str(token)})
    form.is_valid()

    with translation.override("en"):
        form_token_refuse(form)
        assert "already sent" in form.non_field_errors()[0]
    shown = form["form_token"].value()
    assert shown not in ("", None, str(token))
    assert TokenForm({"name": "Léa", "form_token": shown}).is_valid()
