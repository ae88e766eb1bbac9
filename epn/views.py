"""Public pages of the EPN directory, and its open data files."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from common import csv_safe
from common.page_cache import AGENDA, shared_page
from epn import exceptions, hours, open_data, selectors
from epn.forms import DirectorySearchForm

PER_PAGE = 20
# Accented names stay readable in the JSON files (still UTF-8 JSON).
UNESCAPED = {"ensure_ascii": False}


@require_safe
@shared_page(AGENDA)
def directory(request):
    """The spaces, nearest a commune or postal code first, or found by name."""
    form = DirectorySearchForm(_directory_query(request.GET) or None)
    text = form.cleaned_data["q"] if form.is_valid() else ""
    try:
        search = selectors.spaces_searched(text=text)
    except exceptions.EpnError as error:
        form.add_error("q", error.message)
        # The whole directory follows, said as such (not "found for 1000").
        text, search = "", selectors.spaces_searched(text="")
    context = {
        "form": form,
        "text": text,
        "near": search.near,
        "page": Paginator(search.found, PER_PAGE).get_page(request.GET.get("page")),
        "count": len(search.found),
    }
    return render(request, "epn/directory.html", context)


def _directory_query(query) -> dict:
    """The search's one box; ``near`` is what it was called when the directory
    had a second box for postal codes, and links to it are still around."""
    text = query.get("q", "") or query.get("near", "")
    return {"q": text} if text else {}


@require_safe
@shared_page(AGENDA)
def space(request, slug: str):
    """A space's page: how to reach it, when it opens, its next workshops."""
    found = selectors.space_public(slug=slug)
    if found is None:
        raise Http404
    context = {
        "space": found,
        "status": found.opening_status,
        "week": hours.week(found.opening_hours, start=timezone.localdate()),
        "sessions": list(selectors.space_upcoming_sessions(space=found)),
    }
    return render(request, "epn/space.html", context)


def _open_data(response: HttpResponse) -> HttpResponse:
    # Open data: anyone's page or tool may read it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _csv(rows, columns, *, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    writer = csv_safe.writer(response)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(open_data.csv_cells(row, columns))
    return _open_data(response)


def _space_rows(request):
    return [
        open_data.space_row(space, absolute=request.build_absolute_uri)
        for space in selectors.spaces_open_data()
    ]


def _session_rows(request):
    return [
        open_data.session_row(session, absolute=request.build_absolute_uri)
        for session in selectors.sessions_open_data()
    ]


@require_safe
@cache_control(public=True, max_age=300)
def spaces_csv(request):
    """The directory as CSV (columns in ``epn.open_data``)."""
    return _csv(
        _space_rows(request), open_data.SPACE_COLUMNS, filename="epn-spaces.csv"
    )


@require_safe
@cache_control(public=True, max_age=300)
def spaces_json(request):
    """The directory as JSON: {"spaces": [...]} (fields in ``epn.open_data``)."""
    return _open_data(
        JsonResponse({"spaces": _space_rows(request)}, json_dumps_params=UNESCAPED)
    )


@require_safe
@cache_control(public=True, max_age=300)
def agenda_csv(request):
    """The spaces' upcoming workshops as CSV (columns in ``epn.open_data``)."""
    return _csv(
        _session_rows(request), open_data.SESSION_COLUMNS, filename="epn-agenda.csv"
    )


@require_safe
@cache_control(public=True, max_age=300)
def agenda_json(request):
    """The spaces' upcoming workshops as JSON: {"sessions": [...]}."""
    return _open_data(
        JsonResponse({"sessions": _session_rows(request)}, json_dumps_params=UNESCAPED)
    )
