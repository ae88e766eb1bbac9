"""Fixtures shared by the scheduling tests: a facilitator and their space."""

import pytest

from tests.factories import learner_create
from tests.scheduling.factories import organiser_create


@pytest.fixture
def facilitator(db):
    return learner_create(email="anim@epn-namur.be", display_name="Anim")


@pytest.fixture
def namur(facilitator):
    return organiser_create(name="EPN de Namur", members=[facilitator])
