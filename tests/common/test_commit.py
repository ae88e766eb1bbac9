import logging

import pytest
from django.db import transaction
from kombu.exceptions import OperationalError

from common.commit import on_commit_safely
from scheduling import tasks


@pytest.mark.django_db
def test_work_after_commit_that_fails_is_logged_not_raised(committed, caplog):
    def hook():
        raise OperationalError("Error 111 connecting to jeanne@example.be")

    with committed(execute=True), transaction.atomic():
        on_commit_safely(hook)

    (record,) = [r for r in caplog.records if r.name == "common.commit"]
    assert record.levelno == logging.ERROR
    assert "OperationalError" in record.getMessage()
    assert "jeanne" not in record.getMessage()  # messages can carry personal data


@pytest.mark.django_db
def test_the_broker_down_fixture_makes_queueing_fail(broker_down):
    # Guards the tests that rely on it: without a real failure they prove nothing.
    with pytest.raises(OperationalError):
        tasks.seats_publish.delay(1)
