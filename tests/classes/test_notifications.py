"""A child's account left unused for long is erased as every account without
e-mail is (desk.retention); the members of the class's partner are told first,
each in their language, since no EPN space accompanies the child."""

from datetime import datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from desk import retention
from desk.models import ErasureNotice
from learners.models import User
from scheduling.models import Membership
from tests.classes.factories import children_of
from tests.desk.test_retention import NOTICE, RETENTION, _periods  # noqa: F401
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


def notify(days: float, committed) -> int:
    with committed(execute=True):
        return retention.assisted_accounts_notify_due(
            now=timezone.now() + timedelta(days=days)
        )


def test_the_members_of_the_class_partner_are_told_before_a_child_is_erased(
    classroom, teacher, school, coach, committed
):
    teacher.language = "nl"
    teacher.save(update_fields=["language"])
    colleague = learner_create(
        email="direction@ecole-centre.be", display_name="Directrice", language="fr"
    )
    Membership.objects.create(organiser=school.organiser, user=colleague)
    children_of(classroom, teacher, "Zoé")

    assert notify(RETENTION - NOTICE + 0.01, committed) == 1

    erase_on = ErasureNotice.objects.get().erase_on
    by_address = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_address) == ["direction@ecole-centre.be", "prof@ecole-centre.be"]
    dutch = by_address["prof@ecole-centre.be"]
    assert dutch.body.startswith("Hallo Madame Dubois,")
    assert "Zoé" in dutch.subject
    assert "Zoé, een kind uit uw klas 5e B (École du Centre)" in dutch.body
    assert f"/classes/{classroom.id}/" in dutch.body
    french = by_address["direction@ecole-centre.be"]
    assert french.body.startswith("Bonjour Directrice,")
    assert "Zoé, un enfant de votre classe 5e B" in french.body
    assert f"{erase_on.year}" in french.subject
    # Told once; on the day told, the account is erased.
    assert notify(RETENTION - 1, committed) == 0
    assert len(mail.outbox) == 2
    day = timezone.make_aware(datetime.combine(erase_on, time(4)))
    assert retention.assisted_accounts_erase_due(now=day) == 1
    assert not User.objects.filter(display_name="Zoé").exists()
    assert not classroom.children.exists()


def test_a_person_in_no_class_tells_no_partner(teacher, school, committed):
    User.objects.create_assisted_user(display_name="Léa")

    assert notify(RETENTION - NOTICE + 0.01, committed) == 1

    assert mail.outbox == []
