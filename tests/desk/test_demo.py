"""The demo: the demo facilitator accompanies two people without e-mail, one
with progress, whose cards `load_demo` prints and which sign them in."""

import re

import pytest
from django.core.management import call_command

from desk.models import Accompaniment
from learners import login_cards

pytestmark = pytest.mark.django_db


def test_the_demo_facilitator_accompanies_two_people_who_can_sign_in(capsys):
    call_command("load_demo")
    call_command("load_demo")  # idempotent: the same two people
    printed = capsys.readouterr().out

    accompanied = Accompaniment.objects.filter(
        started_by__email="animateur@demo.example", ended_at__isnull=True
    )
    people = {a.learner.display_name: a.learner for a in accompanied}
    assert set(people) == {"Josiane", "Ahmed"}
    assert people["Josiane"].enrolments.get().lessons_completed == 1
    assert not people["Ahmed"].enrolments.exists()
    # The last printed card of Josiane signs her in (the first was replaced).
    code, pin = re.findall(r"Josiane: carte (\S+) / PIN (\d{4})", printed)[-1]
    assert login_cards.card_check(code=code, pin=pin).user == people["Josiane"]
