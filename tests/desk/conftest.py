"""Fixtures of the desk tests: a space, its facilitator, a person it accompanies."""

import pytest
from django.conf import settings

from desk import services
from desk.consent import NOTICE_POINT_CODES
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


@pytest.fixture
def lea(namur, facilitator):
    """Léa, accompanied by the EPN of Namur (her accompaniment)."""
    issued = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Léa",
        explained=NOTICE_POINT_CODES,
        postal_code="5000",
    )
    return issued.card.user.accompaniments.get()
