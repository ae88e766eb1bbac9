"""Statement queries read from a PostgreSQL replica when one is configured
(common.db_routing); what must see its own writes stays on the primary.
Without a replica, every test of tests/xapi reads the primary through the same
code.

The "replica" here is a second connection to the test database, as Django's
test mirrors are: the routing is what is tested, not PostgreSQL's replication.
"""

import copy
import json
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from common.db_routing import REPLICA
from tests.xapi.test_api import ALICE, Lrs, statement
from xapi.models import Scope

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup, django_db_blocker):
    """A "replica" alias on the primary's test database, for this module only
    (set before each test's database access is arranged)."""
    settings = copy.deepcopy(connection.settings_dict)
    settings["TEST"] = {**settings.get("TEST", {}), "MIRROR": "default"}
    connections.settings[REPLICA] = settings
    yield
    with django_db_blocker.unblock():
        connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica():
    return connections[REPLICA]


@pytest.fixture
def lrs(client):
    return Lrs(client, "report-tool", [Scope.ALL])


def _statement_reads(captured) -> list[str]:
    return [
        query["sql"] for query in captured if 'FROM "xapi_statement"' in query["sql"]
    ]


def test_a_query_reads_from_the_replica_and_says_how_fresh_it_is(replica, lrs):
    sent = statement()
    assert lrs.post(sent).status_code == 200

    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connection) as on_primary,
    ):
        response = lrs.get(agent=json.dumps(ALICE))

    assert [each["id"] for each in response.json()["statements"]] == [sent["id"]]
    assert _statement_reads(on_replica)
    assert not _statement_reads(on_primary)
    through = datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])
    # The replica has replayed everything: as fresh as the primary, less the
    # bound a storing transaction may take (services.STAMP_TO_COMMIT + 1 s).
    assert timezone.now() - timedelta(seconds=4) < through
    assert through < timezone.now() - timedelta(seconds=2)


def test_a_statement_fetched_by_its_id_comes_from_the_primary(replica, lrs):
    sent = statement()
    lrs.post(sent)

    with CaptureQueriesContext(replica) as on_replica:
        response = lrs.get(statementId=sent["id"])

    assert response.json()["id"] == sent["id"]
    assert not _statement_reads(on_replica)
