"""Error pages are the platform's own, in the person's language (French here)."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import path
from django.utils import translation
from django.views.defaults import bad_request, server_error

from config.urls import urlpatterns as site_urlpatterns
from tests.siteinfo.factories import information_site_create

pytestmark = pytest.mark.django_db


def refuse(request):
    raise PermissionDenied


def crash(request):
    raise RuntimeError("boom")


urlpatterns = [path("refuse/", refuse), path("crash/", crash), *site_urlpatterns]


@pytest.fixture
def site_pages(catalogue):
    return information_site_create(catalogue)


def layout(html: str) -> bool:
    """The platform's layout: skip link, header, main, footer with its links."""
    return all(
        part in html
        for part in ['class="skip-link"', "<header", '<main id="main"', "/contact/"]
    )


@pytest.mark.urls(__name__)
def test_403_is_the_platform_page_in_french(client, site_pages):
    response = client.get("/refuse/")

    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in html
    assert layout(html)
    assert "Forbidden" not in html  # Django's bare page says "403 Forbidden"


def test_404_is_the_platform_page_in_french(client, site_pages):
    response = client.get("/nulle-part/")

    html = response.content.decode()
    assert response.status_code == 404
    assert '<html lang="fr">' in html
    assert layout(html)
    assert "Not Found" not in html  # Django's bare page


def test_csrf_failure_explains_kindly_in_the_platform_layout(site_pages):
    client = Client(enforce_csrf_checks=True)

    response = client.post(site_pages.accessibility_page.url, {"message": "Bonjour"})

    html = response.content.decode()
    assert response.status_code == 403
    assert '<html lang="fr">' in html
    assert layout(html)
    assert "CSRF verification failed" not in html
    assert "Forbidden" not in html
    with translation.override("en"):
        english = Client(enforce_csrf_checks=True).post(
            site_pages.accessibility_page.url,
            {"message": "Hello"},
            headers={"accept-language": "en"},
        )
    assert "The page was open for too long" in english.content.decode()


def test_500_needs_no_database_and_speaks_the_language(
    site_pages, django_assert_num_queries
):
    request = RequestFactory().get("/")
    with translation.override("en"), django_assert_num_queries(0):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="en">' in html
    assert "Something went wrong" in html
    assert "/static/css/site.css" in html


@pytest.mark.urls(__name__)
def test_an_unexpected_error_shows_the_platform_500_page(site_pages):
    client = Client(raise_request_exception=False)

    response = client.get("/crash/")

    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert 'class="site-header"' in html
    assert "Server Error" not in html


def test_400_is_the_platform_page(site_pages):
    with translation.override("en"):
        response = bad_request(RequestFactory().get("/"), Exception())

    html = response.content.decode()
    assert response.status_code == 400
    assert "Request not understood" in html
    assert 'class="skip-link"' in html
