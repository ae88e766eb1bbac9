"""The pages whose forms lead to a provider let them reach it.

Each provider's button posts to our sign-in view, which redirects to the
provider: browsers apply the page's ``form-action`` to that redirect too, and
``'self'`` alone would block it. Those pages: the sign-in page, the linked
accounts page (/accounts/3rdparty/) and allauth's "continue to the provider"
page (a GET of a provider's sign-in address).
"""

from sso import selectors

FORMS_TO_PROVIDERS = {"account_login", "socialaccount_connections", "sso:login"}


class ProviderFormActionMiddleware:
    """After django-csp's middleware in MIDDLEWARE: it reads ``_csp_update``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = request.resolver_match
        if match is not None and match.view_name in FORMS_TO_PROVIDERS:
            origins = selectors.identity_provider_origins()
            if origins:
                response._csp_update = {"form-action": origins}
        return response
