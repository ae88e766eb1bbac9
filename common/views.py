"""View helpers every app shares."""

from functools import wraps

from django.http import HttpResponse
from django.template.loader import render_to_string

from common.errors import DomainError


def domain_error_page(template: str):
    """Turn a domain error into a clear 4xx page (``template``), in the user's
    language, with the error's own status."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            try:
                return view(request, *args, **kwargs)
            except DomainError as error:
                return error_page(request, error, template=template)

        return wrapper

    return decorator


def error_page(request, error: DomainError, *, template: str) -> HttpResponse:
    body = render_to_string(template, {"error": error}, request=request)
    return HttpResponse(body, status=error.status)


def health(request) -> HttpResponse:
    """Answer "ok" while the process serves requests: for load balancers and
    monitors, and the floor of the load benchmark (bench/load/).

    It reads neither the database nor the session, so it says the web process
    is up, not that PostgreSQL or Redis are.
    """
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")
