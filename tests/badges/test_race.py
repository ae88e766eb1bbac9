"""Two awards of the same badge racing each other store it once."""

import threading

import pytest
from django.db import connection

from badges import services
from badges.models import Assertion
from badges.statements import EARNED
from tests.badges.factories import badge_class_create
from tests.factories import learner_create
from xapi.models import Statement

RACERS = 6


@pytest.mark.django_db(transaction=True)
def test_racing_awards_store_one_assertion_and_one_statement():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL (CI runs it)")
    badge = badge_class_create()
    learner = learner_create(email="lea@example.be")
    start = threading.Barrier(RACERS)
    results, errors = [], []

    def award():
        try:
            start.wait()
            results.append(services.badge_award(badge_class=badge, recipient=learner))
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=award) for _ in range(RACERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(result.created for result in results) == 1
    assert len({result.assertion.id for result in results}) == 1
    assert Assertion.objects.filter(badge_class=badge).count() == 1
    assert Statement.objects.filter(verb_id=EARNED).count() == 1
