"""The sign-in page's content security policy lets its buttons reach the providers.

Each provider's button posts to our sign-in view, which redirects to the
provider: browsers apply the page's ``form-action`` to that redirect too, and
``'self'`` alone would block it.
"""

from sso import selectors


class ProviderFormActionMiddleware:
    """After django-csp's middleware in MIDDLEWARE: it reads ``_csp_update``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.url_name == "account_login":
            origins = selectors.identity_provider_origins()
            if origins:
                response._csp_update = {"form-action": origins}
        return response
