"""The demo administration's path: assigned to its reception service, one
agent done, the other late; loading the demo again changes nothing."""

import pytest
from django.core.management import call_command

from organisations.demo_content import ORGANISATION, SERVICE
from organisations.models import Organisation
from organisations.selectors import manager_scope
from training.demo_content import DONE_BY
from training.models import Assignment, TrainingPath
from training.selectors import trainees_of

pytestmark = pytest.mark.django_db


def test_the_demo_path_has_one_person_done_and_one_late(item_bank):
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)

    organisation = Organisation.objects.get(name=ORGANISATION)
    assignment = Assignment.objects.get(organisation=organisation)
    manager = organisation.memberships.get(role="manager").user
    scope = manager_scope(user=manager, organisation_id=organisation.id)

    progress = {
        trainee.user.email: (trainee.complete, trainee.overdue)
        for trainee in trainees_of(scope=scope, assignment=assignment)
    }
    assert TrainingPath.objects.filter(organisation=organisation).count() == 1
    assert assignment.team.name == SERVICE
    assert progress[DONE_BY] == (True, False)
    assert sorted(progress.values()) == [(False, True), (True, False)]
