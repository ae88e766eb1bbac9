"""The health check: a plain "ok" that costs no database query."""

import pytest


@pytest.mark.django_db
def test_health_answers_ok_as_text_without_a_query(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content == b"ok"
    assert "Set-Cookie" not in response
    assert not response.cookies


@pytest.mark.django_db
def test_health_is_not_redirected_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    assert client.get("/health/").status_code == 200
    assert client.get("/agenda/").status_code == 301
