"""What an independent xAPI 1.0.3 conformance suite still found, one cause at
a time, each from the specification's text: the Date header under the servers
the README documents, context activities returned as arrays, Activities as
their id alone in format=ids, version "1.0", and HEAD without a body."""

import time
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
import requests
from django.utils import timezone

from tests.xapi.conftest import IN_PROCESS
from tests.xapi.test_api import COURSE, QUIZ, URL, basic, statement
from xapi import services
from xapi.clients import client_create
from xapi.models import Scope, Statement

pytestmark = pytest.mark.django_db

PARENT = "http://example.com/xapi/activities/module-1"


def _assert_date_is_now(response) -> None:
    # RFC 9110 6.6.1: an origin server with a clock MUST send Date; the xAPI
    # clients compare it with X-Experience-API-Consistent-Through.
    assert "Date" in response.headers
    sent = parsedate_to_datetime(response.headers["Date"])
    assert abs((timezone.now() - sent).total_seconds()) < 60


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("server", ["daphne_api", "gunicorn_api"])
def test_each_server_the_readme_documents_sends_one_date_header(request, server):
    """Daphne as ``make run`` serves the site, gunicorn as production serves
    the API."""
    url = request.getfixturevalue(server)

    about = requests.get(f"{url}/xapi/about", timeout=10)
    refused = requests.get(f"{url}/xapi/statements", timeout=10)  # no version

    _assert_date_is_now(about)
    _assert_date_is_now(refused)
    assert refused.status_code == 400
    assert len(about.raw.headers.getlist("Date")) == 1


@pytest.fixture
def lrs(http):
    """Through Django's test client, then over HTTP to gunicorn as production
    serves the API (``http``)."""
    from tests.xapi.test_api import Lrs

    return Lrs(http, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


@pytest.fixture
def in_process_lrs(client):
    """For the tests that slow the store down in this process."""
    from tests.xapi.test_api import Lrs

    return Lrs(client, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def _with_single_parent() -> dict:
    return statement(
        context={
            "contextActivities": {
                "parent": {"id": PARENT},  # one Activity, not an array
                "grouping": [{"id": COURSE}],
            }
        }
    )


@pytest.mark.parametrize("fmt", ["exact", "ids", "canonical"])
def test_a_single_context_activity_comes_back_as_an_array_of_one(lrs, fmt):
    """Data 2.4.6.2: the LRS MUST return a single Activity Object as an array
    of length one containing the same Activity."""
    sent = _with_single_parent()
    assert lrs.post(sent).status_code == 200

    single = lrs.get(statementId=sent["id"], format=fmt).json()
    listed = lrs.get(format=fmt).json()["statements"][0]

    for got in (single, listed):
        activities = got["context"]["contextActivities"]
        assert activities["parent"] == [{"id": PARENT}]
        assert activities["grouping"] == [{"id": COURSE}]


def test_inside_a_substatement_too(lrs):
    inner = _with_single_parent()
    del inner["id"], inner["timestamp"]
    sent = statement()
    sent["object"] = {"objectType": "SubStatement", **inner}
    assert lrs.post(sent).status_code == 200

    got = lrs.get(statementId=sent["id"]).json()

    assert got["object"]["context"]["contextActivities"]["parent"] == [{"id": PARENT}]


def test_the_same_statement_sent_again_is_still_the_same(lrs):
    """Returned as an array, stored as sent: a re-send is no conflict."""
    sent = _with_single_parent()
    lrs.post(sent)

    assert lrs.post(sent).status_code == 200


def test_format_ids_gives_an_activity_as_its_id_alone(lrs):
    """Comm. 2.1.3, format: "ids" only includes the id of an Activity."""
    sent = statement()
    lrs.post(sent)

    got = lrs.get(statementId=sent["id"], format="ids").json()

    assert got["object"] == {"id": QUIZ}


def test_a_statement_of_version_1_0_is_accepted_and_keeps_it(lrs):
    """Data 2.4.10.s3: accepted as 1.0.x, returned with the version it came with."""
    sent = statement(version="1.0")

    assert lrs.post(sent).status_code == 200
    assert lrs.get(statementId=sent["id"]).json()["version"] == "1.0"


@IN_PROCESS
@pytest.mark.parametrize("version", ["1.1.0", "0.95", "2.0"])
def test_other_versions_are_still_refused(lrs, version):
    assert lrs.post(statement(version=version)).status_code == 400


def test_head_sends_the_headers_of_get_and_no_body(client, in_process_lrs):
    """Comm. 1.1: HEAD is GET without the body, whatever its size."""
    for _ in range(30):
        in_process_lrs.post(statement())
    get = in_process_lrs.get(limit=30)

    head = client.head(URL, {"limit": 30}, **in_process_lrs.headers)

    assert head.status_code == 200
    assert head.content == b""
    assert int(head["Content-Length"]) == len(get.content) > 10_000
    assert head["X-Experience-API-Consistent-Through"]


def test_head_of_a_refused_request_has_no_body_either(client):
    record, secret = client_create(name="reader", scopes=[Scope.STATEMENTS_READ])

    head = client.head(
        URL,
        {"format": "nonsense"},
        HTTP_AUTHORIZATION=basic(record.key, secret),
        HTTP_X_EXPERIENCE_API_VERSION="1.0.3",
    )

    assert head.status_code == 400
    assert head.content == b""
    assert int(head["Content-Length"]) > 0


# -- X-Experience-API-Consistent-Through ------------------------------------------


def test_consistent_through_is_two_seconds_behind_and_holds(lrs):
    """Comm. 2.1.3: every statement stored before the header's instant is
    readable. The LRS bounds a store's stamp-to-commit time (one second,
    else rolled back and stamped again), plus one second for the commit."""
    sent = statement()
    lrs.post(sent)
    Statement.objects.filter(id=sent["id"]).update(
        stored=timezone.now() - timedelta(seconds=3)
    )

    response = lrs.get()
    through = datetime.fromisoformat(response["X-Experience-API-Consistent-Through"])

    read = [s["id"] for s in response.json()["statements"]]
    lag = timezone.now() - through
    assert timedelta(seconds=2) <= lag < timedelta(seconds=3)
    assert Statement.objects.get(id=sent["id"]).stored < through
    assert sent["id"] in read


def test_a_store_slower_than_the_bound_is_stamped_again(in_process_lrs, monkeypatch):
    """A disk stall on the first attempt: undone, stamped and stored again;
    its "stored" is then within the bound of its commit."""
    slow_once = {"left": 1}
    real_insert = services.rows_insert

    def stalling_insert(*args, **kwargs):
        if slow_once["left"]:
            slow_once["left"] -= 1
            time.sleep(0.3)
        return real_insert(*args, **kwargs)

    monkeypatch.setattr(services, "STAMP_TO_COMMIT", timedelta(seconds=0.2))
    monkeypatch.setattr(services, "rows_insert", stalling_insert)
    sent = statement()

    response = in_process_lrs.post(sent)

    assert response.status_code == 200
    assert Statement.objects.filter(id=sent["id"]).count() == 1
    assert slow_once["left"] == 0


def test_a_store_too_slow_every_time_answers_503_and_stores_nothing(
    in_process_lrs, monkeypatch
):
    monkeypatch.setattr(services, "STAMP_TO_COMMIT", timedelta(0))
    sent = statement()

    response = in_process_lrs.post(sent)

    assert response.status_code == 503
    assert response["Retry-After"] == "1"
    assert "send again" in response.json()["error"]
    assert not Statement.objects.filter(id=sent["id"]).exists()


# -- Authority ------------------------------------------------------------------


def test_an_authority_the_spec_forbids_is_refused_not_silently_replaced(lrs):
    """Data 2.4.9: a Group authority is 3-legged OAuth, two Agents of which
    one is the OAuth consumer (identified by an account)."""
    two_people = {
        "objectType": "Group",
        "member": [
            {"mbox": "mailto:one@example.com"},
            {"mbox": "mailto:two@example.com"},
        ],
    }
    sent = statement(authority=two_people)

    response = lrs.post(sent)

    assert response.status_code == 400
    assert "OAuth consumer" in response.json()["error"]
    assert not Statement.objects.filter(id=sent["id"]).exists()


def test_an_authority_it_accepts_is_the_clients_own_as_basic_auth_requires(lrs):
    """Data 2.4.9.s3.b2: with HTTP Basic credentials the LRS MUST include the
    user as the entire authority."""
    oauth_pair = {
        "objectType": "Group",
        "member": [
            {"account": {"homePage": "https://lms.example.com", "name": "key-1"}},
            {"mbox": "mailto:user@example.com"},
        ],
    }
    sent = statement(authority=oauth_pair)

    assert lrs.post(sent).status_code == 200
    stored = lrs.get(statementId=sent["id"]).json()["authority"]
    assert stored["account"]["name"] == lrs.record.key


@pytest.mark.parametrize("name", ["verb", "activity"])
def test_a_verb_or_activity_filter_that_is_no_iri_is_refused(lrs, name):
    """Comm. 2.1.3: verb and activity are IRIs (XAPI-00012); a query that
    could match nothing is refused rather than answered empty."""
    response = lrs.get(**{name: "not.a.valid.iri.com/verb"})

    assert response.status_code == 400
    assert name in response.json()["error"]
    assert lrs.get(**{name: QUIZ}).status_code == 200
