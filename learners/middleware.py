"""Speak to a signed-in learner in the language of their profile."""

from django.conf import settings
from django.utils import translation


class ProfileLanguageMiddleware:
    """The profile language applies unless the visitor picked one with the switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if user is not None and user.is_authenticated and not chosen:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)
