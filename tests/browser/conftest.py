"""Playwright on Debian's chromium against pytest-django's live server."""

import os

import pytest

from tests.browser.helpers import CHROMIUM, CHROMIUM_ARGS, axe_violations, describe
from tests.factories import site_with_catalogue
from tests.sso.oidc import (  # noqa: F401 (single sign-on fixtures)
    identity_providers,
    oidc_providers,
)

# Playwright's sync API runs an event loop in the main thread; the ORM calls of
# the test itself are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args, live_server):
    return {**browser_context_args, "base_url": live_server.url, "locale": "fr-BE"}


@pytest.fixture(autouse=True)
def _site_base_url_is_the_live_server(live_server, settings):
    """Links in e-mails (SITE_BASE_URL) lead to the server the browser uses."""
    settings.SITE_BASE_URL = live_server.url


@pytest.fixture
def site(transactional_db):
    """The catalogue as site root, rebuilt after each test's flush."""
    return site_with_catalogue()


@pytest.fixture
def assert_accessible():
    def check(page):
        violations = axe_violations(page)
        assert not violations, f"WCAG 2.1 A/AA violations on {page.url}:\n" + (
            describe(violations)
        )

    return check


@pytest.fixture
def asgi_live_server(asgi_server):
    """The whole ASGI site (HTTP and WebSocket) in a Daphne process, on the test DB.

    pytest-django's live server speaks WSGI only: pages that follow a WebSocket
    are tested against this one (see ``asgi_server`` in tests/conftest.py).
    """
    return asgi_server()
