"""Fixtures of the desk tests; the space, its facilitator and Léa are shared
(tests/conftest.py)."""

import pytest
from django.conf import settings

from tests.factories import learner_create
from tests.scheduling.factories import organiser_create


@pytest.fixture
def client(client):
    """Pages in English: the assertions read them."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def stranger(db):
    """A facilitator of another space."""
    other = learner_create(email="anim@epn-mons.be", display_name="Mons")
    organiser_create(name="EPN de Mons", members=[other])
    return other
