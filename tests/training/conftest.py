"""Fixtures of the training path tests: the organisations' administration,
its people and another administration (tests.organisations), a course of the
catalogue, and a path of the administration made of it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.selectors import manager_scope
from tests.organisations import conftest as organisations
from training import services
from training.models import Assignment, ItemKind

# The organisations' fixtures, by name.
administration = organisations.administration
client = organisations.client
manager = organisations.manager
member = organisations.member
other_administration = organisations.other_administration
other_manager = organisations.other_manager
scope = organisations.scope
team_manager = organisations.team_manager


@pytest.fixture
def path(scope, manager, course):
    """ "Premiers pas" then the positioning test."""
    made = services.path_create(
        scope=scope, created_by=manager, name="Bases du numérique", effort_hours=3
    )
    services.path_item_add(path=made, kind=ItemKind.COURSE, course=course)
    services.path_item_add(path=made, kind=ItemKind.POSITIONING_TEST)
    return made


@pytest.fixture
def team_manager_scope(team_manager, administration):
    return manager_scope(user=team_manager, organisation_id=administration.id)


def assignment_late(days: int, **arguments) -> Assignment:
    """An assignment whose due date passed ``days`` ago: made due today (a
    past date is refused), then the days went by."""
    assignment = services.assignment_create(due_on=timezone.localdate(), **arguments)
    assignment.due_on = timezone.localdate() - timedelta(days=days)
    assignment.save(update_fields=["due_on"])
    return assignment
