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

# These processes listen on an internal port behind the TLS proxy, and never
# redirect to https. A redirect answers a POST of statements with a 301 that
# clients follow with a GET, so a load balancer's health check or an LRS client
# inside the network that speaks plain HTTP stores nothing; and a proxy that
# forgot X-Forwarded-Proto would loop. Refusing plain HTTP from the internet is
# the proxy's job, on its public listener (README, production shape).
SECURE_SSL_REDIRECT = False

# The admin is installed (the models are shared) but not served here: its
# middleware checks do not apply to this process.
SILENCED_SYSTEM_CHECKS = [
    *SILENCED_SYSTEM_CHECKS,  # noqa: F405
    "admin.E408",
    "admin.E409",
    "admin.E410",
    # The deployment checklist's page protections, deliberately absent here:
    # no page to frame (JSON only), no cookie that authenticates (clients send
    # their credentials in each request's Authorization header, which a
    # cross-site form cannot set: CSRF does not apply), and no redirect to
    # https (above).
    "security.W002",
    "security.W003",
    "security.W008",
]
