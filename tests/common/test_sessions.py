"""Sessions read from Redis and kept in the database (config.settings: Django's
cached_db on ``SESSION_CACHES``): who asks is known without a database read,
a sign-out ends the session for every process, and a copy that a sign-out
could not delete ends by itself."""

import os
from types import SimpleNamespace

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.core.cache.backends import locmem
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

DASHBOARD = "/learn/"


@pytest.fixture(
    params=["memory", "redis"] if os.environ.get("REDIS_URL") else ["memory"]
)
def sessions_in_cache(request, settings):
    """The production shape of sessions; the "redis" alias is Redis itself when
    the run has one, otherwise a stand-in in this process's memory."""
    store = (
        settings.CACHES["redis"]
        if request.param == "redis"
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
    settings.CACHES = {
        **settings.CACHES,
        "redis": store,
        **settings.SESSION_CACHES,
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    caches["redis"].clear()
    yield request.param
    caches["redis"].clear()


def _signed_in(client, learner) -> str:
    response = client.post(
        "/accounts/login/", {"login": learner.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client.cookies[django_settings.SESSION_COOKIE_NAME].value


def _client_with(session_key: str) -> Client:
    """Another browser (or process) holding the same session cookie."""
    other = Client()
    other.cookies[django_settings.SESSION_COOKIE_NAME] = session_key
    return other


def test_a_signed_in_page_knows_who_asks_without_reading_the_session_row(
    client, learner, sessions_in_cache
):
    session_key = _signed_in(client, learner)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)

    assert response.status_code == 200
    assert response.wsgi_request.user == learner
    assert not [q for q in queries if "django_session" in q["sql"]]
    # The database still holds it: Redis only saves the read.
    assert Session.objects.filter(session_key=session_key).exists()


def test_a_session_missing_from_the_cache_is_read_from_the_database(
    client, learner, sessions_in_cache
):
    session_key = _signed_in(client, learner)
    caches["redis"].clear()

    response = _client_with(session_key).get(DASHBOARD)

    assert response.status_code == 200
    assert response.wsgi_request.user == learner


def test_signing_out_ends_the_session_for_whoever_kept_its_cookie(
    client, learner, sessions_in_cache
):
    session_key = _signed_in(client, learner)
    client.get(DASHBOARD)

    client.post("/accounts/logout/")

    response = _client_with(session_key).get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert caches["sessions"].get(KEY_PREFIX + session_key) is None
    assert not Session.objects.filter(session_key=session_key).exists()


def test_a_copy_that_a_sign_out_could_not_delete_ends_by_itself(
    client, learner, sessions_in_cache, monkeypatch
):
    if sessions_in_cache == "redis":
        pytest.skip("the clock is moved in this process's memory cache only")
    session_key = _signed_in(client, learner)
    # A sign-out in a process that could not reach Redis: the row is gone,
    # the copy stays.
    Session.objects.filter(session_key=session_key).delete()
    assert _client_with(session_key).get(DASHBOARD).status_code == 200

    now = locmem.time.time()
    later = now + django_settings.SESSION_CACHE_SECONDS + 1
    monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))

    response = _client_with(session_key).get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_copy_in_redis_is_kept_no_longer_than_the_bound(
    client, learner, sessions_in_cache
):
    if sessions_in_cache != "redis":
        pytest.skip("Redis's own expiry: runs where REDIS_URL is set")
    session_key = _signed_in(client, learner)

    seconds_left = caches["redis"].ttl(KEY_PREFIX + session_key)

    assert 0 < seconds_left <= django_settings.SESSION_CACHE_SECONDS
    # What the session itself lasts is unchanged: two weeks by default.
    assert client.session.get_expiry_age() > django_settings.SESSION_CACHE_SECONDS
