"""The alternate request syntax (xAPI-Communication 1.3): a form POSTed with ?method=.

Every request here carries its credentials and version in the form only, as a
browser without CORS would, unless a test says otherwise.
"""

import json
from urllib.parse import urlencode

import pytest

from tests.xapi.test_api import URL, Lrs, statement
from xapi.models import Document, Scope, Statement

pytestmark = pytest.mark.django_db

STATE = "/xapi/activities/state"
ABOUT = "/xapi/about"
FORM = "application/x-www-form-urlencoded"
QUIZ = "http://example.com/xapi/activities/quiz-1"
AGENT = json.dumps({"objectType": "Agent", "mbox": "mailto:alice@example.com"})


@pytest.fixture
def lrs(client):
    return Lrs(
        client,
        "browser",
        [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ, Scope.STATE],
    )


def credentials(lrs: Lrs) -> dict:
    """The header parameters every xAPI request needs, as form parameters."""
    return {
        "Authorization": lrs.headers["HTTP_AUTHORIZATION"],
        "X-Experience-API-Version": "1.0.3",
    }


def alternate(
    lrs: Lrs,
    method: str,
    form: dict,
    *,
    path: str = URL,
    query: str | None = None,
    content_type: str = FORM,
    **headers,
):
    """POST ``form`` to ``path?method=...`` without any xAPI header."""
    return lrs.http.post(
        f"{path}?{query or urlencode({'method': method})}",
        urlencode(form),
        content_type=content_type,
        **headers,
    )


def put_form(lrs: Lrs, sent: dict, **extra) -> dict:
    return {
        **credentials(lrs),
        "statementId": sent["id"],
        "Content-Type": "application/json",
        "content": json.dumps(sent),
        **extra,
    }


# -- Statement resource -------------------------------------------------------------


def test_put_as_a_form_stores_the_statement(lrs):
    """Comm. Appendix C, without the statementId it also puts in the query."""
    sent = statement()

    response = alternate(lrs, "PUT", put_form(lrs, sent))

    assert response.status_code == 204, response.content
    assert response["X-Experience-API-Version"] == "1.0.3"
    assert response["X-Experience-API-Consistent-Through"]
    assert Statement.objects.get(id=sent["id"]).data["verb"] == sent["verb"]


def test_content_without_content_type_is_taken_as_json(lrs):
    sent = statement()
    form = put_form(lrs, sent)
    del form["Content-Type"]

    response = alternate(lrs, "PUT", form)

    assert response.status_code == 204, response.content
    assert Statement.objects.filter(id=sent["id"]).exists()


def test_content_is_read_as_utf8(lrs):
    """Comm. 1.3.s3.b5."""
    sent = statement(
        actor={
            "objectType": "Agent",
            "name": "Amélie Çedille ✓",
            "mbox": "mailto:amelie@example.be",
        }
    )

    response = alternate(lrs, "PUT", put_form(lrs, sent))

    assert response.status_code == 204, response.content
    stored = Statement.objects.get(id=sent["id"]).data
    assert stored["actor"]["name"] == "Amélie Çedille ✓"


def test_post_as_a_form_stores_a_batch(lrs):
    batch = [statement(), statement()]
    form = {**credentials(lrs), "content": json.dumps(batch)}

    response = alternate(lrs, "POST", form)

    assert response.status_code == 200, response.content
    assert response.json() == [s["id"] for s in batch]


def test_get_as_a_form_queries_statements(lrs):
    """Comm. 2.1.2.s2.b2/b3: a POST that lists statements."""
    for _ in range(2):
        assert lrs.post(statement()).status_code == 200

    response = alternate(lrs, "GET", {**credentials(lrs), "limit": "1"})

    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["statements"]) == 1
    assert body["more"]


def test_get_as_a_form_fetches_one_statement(lrs):
    sent = statement()
    assert lrs.post(sent).status_code == 200

    response = alternate(
        lrs, "GET", {**credentials(lrs), "statementId": sent["id"], "format": "ids"}
    )

    assert response.status_code == 200, response.content
    assert response.json()["id"] == sent["id"]
    assert response["Last-Modified"]


def listed_ids(response) -> list[str]:
    """The ids of a StatementResult, the answer to a statements query."""
    assert response.status_code == 200, response.content
    assert response["X-Experience-API-Version"] == "1.0.3"
    return [s["id"] for s in response.json()["statements"]]


def test_method_value_is_read_whatever_its_case(lrs):
    sent = statement()
    assert lrs.post(sent).status_code == 200

    response = alternate(lrs, "get", credentials(lrs))

    assert listed_ids(response) == [sent["id"]]


def test_header_names_in_the_form_are_read_whatever_their_case(lrs):
    sent = statement()
    assert lrs.post(sent).status_code == 200
    form = {k.lower(): v for k, v in credentials(lrs).items()}

    response = alternate(lrs, "GET", form)

    assert listed_ids(response) == [sent["id"]]


def test_form_header_parameters_take_the_place_of_real_headers(lrs):
    """Comm. 1.3.s3.b7: what the form says is what counts."""
    form = {**credentials(lrs), "X-Experience-API-Version": "0.95"}

    response = alternate(lrs, "GET", form, HTTP_X_EXPERIENCE_API_VERSION="1.0.3")

    assert response.status_code == 400
    assert "0.95" in response.json()["error"]


def test_headers_not_in_the_form_are_still_read(lrs):
    """Comm. 1.3.s3.b8: other headers go in the HTTP header as normal."""
    sent = statement()
    assert lrs.post(sent).status_code == 200
    form = {"X-Experience-API-Version": "1.0.3"}

    response = alternate(
        lrs, "GET", form, HTTP_AUTHORIZATION=lrs.headers["HTTP_AUTHORIZATION"]
    )

    assert listed_ids(response) == [sent["id"]]


def test_wrong_credentials_in_the_form_get_401(lrs):
    assert lrs.post(statement()).status_code == 200
    form = {**credentials(lrs), "Authorization": "Basic bm9ib2R5Om5vdGhpbmc="}

    response = alternate(lrs, "GET", form)

    assert response.status_code == 401
    assert "credentials" in response.json()["error"]
    assert "statements" not in response.json()


def test_missing_version_in_the_form_is_400(lrs):
    form = credentials(lrs)
    del form["X-Experience-API-Version"]

    response = alternate(lrs, "GET", form)

    assert response.status_code == 400
    assert "X-Experience-API-Version" in response.json()["error"]


def test_other_form_parameters_are_query_parameters(lrs):
    """Comm. 1.3.s3.b14: so unknown ones are refused as such (3.2.s3.b7)."""
    response = alternate(lrs, "GET", {**credentials(lrs), "colour": "blue"})

    assert response.status_code == 400
    assert "colour" in response.json()["error"]


# -- refusals -----------------------------------------------------------------------


def test_other_query_parameters_beside_method_are_refused(lrs):
    """Comm. 1.3.s3.b3: e.g. statementId in the query, as Appendix C shows it."""
    sent = statement()
    query = urlencode({"method": "PUT", "statementId": sent["id"]})

    response = alternate(lrs, "PUT", put_form(lrs, sent), query=query)

    assert response.status_code == 400
    assert "form body" in response.json()["error"]
    assert not Statement.objects.exists()


def test_method_given_twice_is_refused(lrs):
    sent = statement()
    query = urlencode([("method", "GET"), ("method", "PUT")])

    response = alternate(lrs, "PUT", put_form(lrs, sent), query=query)

    assert response.status_code == 400
    assert "method=" in response.json()["error"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize("verb", ["GET", "PUT", "DELETE"])
def test_method_parameter_on_anything_but_post_is_refused(lrs, verb):
    """Comm. 1.3.s3.b1: alternate syntax requests are POSTs."""
    response = lrs.http.generic(
        verb,
        f"{URL}?method=POST",
        urlencode({"content": json.dumps(statement())}),
        content_type=FORM,
        **lrs.headers,
    )

    assert response.status_code == 400
    assert "POST only" in response.json()["error"]
    assert not Statement.objects.exists()


@pytest.mark.parametrize("method", ["HEAD", "OPTIONS", "PATCH", "TRACE", ""])
def test_methods_xapi_does_not_define_are_refused(lrs, method):
    response = alternate(lrs, method, credentials(lrs))

    assert response.status_code == 400
    assert "GET, PUT, POST, DELETE" in response.json()["error"]


def test_body_that_is_not_a_form_is_refused(lrs):
    sent = statement()

    response = lrs.http.post(
        f"{URL}?method=PUT",
        json.dumps(put_form(lrs, sent)),
        content_type="application/json",
        **lrs.headers,
    )

    assert response.status_code == 400
    assert FORM in response.json()["error"]
    assert not Statement.objects.exists()


def test_put_without_content_is_refused(lrs):
    form = put_form(lrs, statement())
    del form["content"]

    response = alternate(lrs, "PUT", form)

    assert response.status_code == 400
    assert not Statement.objects.exists()


def test_attachments_cannot_be_sent_this_way(lrs):
    """Comm. 1.3: binary data is not supported with this syntax."""
    form = put_form(lrs, statement(), **{"Content-Type": "multipart/mixed; boundary=x"})

    response = alternate(lrs, "PUT", form)

    assert response.status_code == 400
    assert "Attachments" in response.json()["error"]


def test_ordinary_post_is_untouched(lrs):
    sent = statement()

    response = lrs.post(sent)

    assert response.status_code == 200
    assert response.json() == [sent["id"]]


# -- other resources ----------------------------------------------------------------


def state_form(lrs: Lrs, **extra) -> dict:
    return {
        **credentials(lrs),
        "activityId": QUIZ,
        "agent": AGENT,
        "stateId": "bookmark",
        **extra,
    }


def test_state_document_round_trip_with_preconditions(lrs):
    """Every resource takes the syntax; If-Match/If-None-Match are headers."""
    created = alternate(
        lrs,
        "PUT",
        state_form(lrs, content='{"page": 3}', **{"If-None-Match": "*"}),
        path=STATE,
    )
    assert created.status_code == 204, created.content

    again = alternate(
        lrs,
        "PUT",
        state_form(lrs, content='{"page": 4}', **{"If-None-Match": "*"}),
        path=STATE,
    )
    assert again.status_code == 412

    fetched = alternate(lrs, "GET", state_form(lrs), path=STATE)
    assert fetched.status_code == 200
    assert fetched.json() == {"page": 3}
    assert fetched["Content-Type"] == "application/json"

    stale = alternate(
        lrs, "DELETE", state_form(lrs, **{"If-Match": '"0000"'}), path=STATE
    )
    assert stale.status_code == 412
    deleted = alternate(
        lrs, "DELETE", state_form(lrs, **{"If-Match": fetched["ETag"]}), path=STATE
    )
    assert deleted.status_code == 204
    assert not Document.objects.exists()


def test_document_content_type_comes_from_the_form(lrs):
    form = state_form(lrs, content="plain words", **{"Content-Type": "text/plain"})

    assert alternate(lrs, "PUT", form, path=STATE).status_code == 204

    assert Document.objects.get().content_type == "text/plain"


def test_document_resource_refuses_extra_query_parameters_too(lrs):
    query = urlencode({"method": "GET", "stateId": "bookmark"})

    alternate(lrs, "PUT", state_form(lrs, content='{"page": 3}'), path=STATE)

    response = alternate(lrs, "GET", state_form(lrs), path=STATE, query=query)

    assert response.status_code == 400
    assert "form body" in response.json()["error"]
    assert "page" not in response.json()


def test_about_answers_the_alternate_syntax(lrs):
    response = alternate(lrs, "GET", {}, path=ABOUT)

    assert response.status_code == 200
    assert "1.0.3" in response.json()["version"]
