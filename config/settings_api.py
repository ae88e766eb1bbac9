"""Settings of the processes that serve only the xAPI HTTP API (/xapi/).

The LRS is called by machines thousands of times a second: it needs no session,
CSRF, messages, locale or page security headers, and its URLs are few. A proxy
sends /xapi/ to these processes (``config.wsgi_api``), the rest to the site.
"""

from config.settings import *  # noqa: F403

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Required by allauth's app check; it does nothing for /xapi/ requests.
    "allauth.account.middleware.AccountMiddleware",
]
ROOT_URLCONF = "config.urls_api"
