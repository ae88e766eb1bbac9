import logging
import uuid

import pytest

from xapi import services
from xapi.models import Statement

AUTHORITY = {
    "objectType": "Agent",
    "account": {"homePage": "https://x.be", "name": "t"},
}


@pytest.mark.django_db
def test_a_re_sent_statement_logs_no_warning(caplog):
    # On PostgreSQL the re-send fails inside a psycopg pipeline, the path that
    # logged "pipeline aborted"; on SQLite the same service path runs unpipelined.
    sent = {
        "id": str(uuid.uuid4()),
        "actor": {"account": {"homePage": "https://x.be", "name": "learner-1"}},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": "https://x.be/xapi/activities/lessons/9"},
    }

    with caplog.at_level(logging.DEBUG):
        first = services.statement_store(statement=dict(sent), authority=AUTHORITY)
        again = services.statement_store(statement=dict(sent), authority=AUTHORITY)

    assert first == again == sent["id"]
    assert Statement.objects.count() == 1
    loud = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert loud == []
