"""Training path pages for managers, and the page of a path for the person
it is assigned to: each parses input and calls one service or selector. An
organisation one does not manage is a 404 on every manager's page, as is a
path or an assignment outside what one may see; a learner's path is a 404 to
anyone but that learner."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.idempotency import FormAlreadySent, form_token_refuse
from common.views import domain_error_page
from organisations.selectors import ManagerScope, manager_scope
from training import exceptions, report_exports, reports, selectors, services
from training.forms import (
    AssignmentForm,
    CourseChoiceForm,
    DueDateForm,
    PathForm,
    PeopleSearchForm,
    ReportFilterForm,
    WorkshopChoiceForm,
)
from training.models import ItemKind
from training.reports import STATUS_ORDER, Filters, Sort, Status, SummaryRow

training_errors = domain_error_page("organisations/error.html")
# Sent by the assignment page's search button, to tell it from the assignment.
SEARCH = "search"


def _scope_or_404(request, organisation_id: int) -> ManagerScope:
    scope = manager_scope(user=request.user, organisation_id=organisation_id)
    if scope is None:  # another organisation, a member only, or none
        raise Http404
    return scope


def _path_or_404(request, organisation_id: int, path_id: int):
    scope = _scope_or_404(request, organisation_id)
    path = selectors.path_visible(scope=scope, path_id=path_id)
    if path is None:
        raise Http404
    return scope, path


def _editable_path_or_404(request, organisation_id: int, path_id: int):
    scope, path = _path_or_404(request, organisation_id, path_id)
    if not selectors.can_edit(scope=scope, user=request.user, path=path):
        raise Http404
    return scope, path


@login_required
def paths(request, organisation_id: int):
    """The organisation's paths, the platform's to reuse, and the assignments."""
    scope = _scope_or_404(request, organisation_id)
    context = {
        "organisation": scope.organisation,
        "paths": selectors.paths_of(scope=scope),
        "platform_paths": selectors.platform_paths(),
        "assignments": selectors.assignments_with_counts(
            scope=scope, user=request.user
        ),
    }
    return render(request, "training/paths.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def path_create(request, organisation_id: int):
    """Name a new path; its items are chosen next."""
    scope = _scope_or_404(request, organisation_id)
    form = PathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        path = services.path_create(
            scope=scope, created_by=request.user, **form.cleaned_data
        )
        messages.success(request, _("The path is made: now add its items."))
        return redirect("training:path", organisation_id, path.id)
    context = {"organisation": scope.organisation, "form": form}
    return render(request, "training/path_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def path_edit(request, organisation_id: int, path_id: int):
    """A path's name, description and expected effort."""
    scope, path = _editable_path_or_404(request, organisation_id, path_id)
    form = PathForm(
        request.POST or None,
        initial={
            "name": path.name,
            "description": path.description,
            "effort_hours": path.effort_hours,
        },
    )
    if request.method == "POST" and form.is_valid():
        services.path_update(path=path, **form.cleaned_data)
        messages.success(request, _("The path is updated."))
        return redirect("training:path", organisation_id, path.id)
    context = {"organisation": scope.organisation, "form": form, "path": path}
    return render(request, "training/path_form.html", context)


@login_required
def path_detail(request, organisation_id: int, path_id: int):
    """A path's items in order; for one who may edit it, the buttons that add
    and move them (each a small form: no script needed), and a link to remove
    each, which asks first."""
    scope, path = _path_or_404(request, organisation_id, path_id)
    editable = selectors.can_edit(scope=scope, user=request.user, path=path)
    context = {
        "organisation": scope.organisation,
        "path": path,
        "items": selectors.path_items(path=path),
        "editable": editable,
        "has_test": path.items.filter(kind=ItemKind.POSITIONING_TEST).exists(),
    }
    if editable:
        context["course_form"] = CourseChoiceForm()
        context["workshop_form"] = WorkshopChoiceForm()
    return render(request, "training/path_detail.html", context)


def _item_form_for(kind: str, data):
    if kind == ItemKind.COURSE:
        return CourseChoiceForm(data)
    if kind == ItemKind.WORKSHOP:
        return WorkshopChoiceForm(data)
    return None


@login_required
@require_POST
@training_errors
def path_item_add(request, organisation_id: int, path_id: int):
    """Add the course, workshop or test chosen at the end of the path."""
    _scope, path = _editable_path_or_404(request, organisation_id, path_id)
    kind = request.POST.get("kind", "")
    if kind not in ItemKind.values:
        raise Http404
    form = _item_form_for(kind, request.POST)
    if form is not None and not form.is_valid():
        messages.error(request, _("Choose an item in the list."))
        return redirect("training:path", organisation_id, path.id)
    target = form.cleaned_data if form is not None else {}
    try:
        services.path_item_add(path=path, kind=kind, **target)
    except exceptions.ItemAlreadyInPath as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The item is added at the end of the path."))
    return redirect("training:path", organisation_id, path.id)


@login_required
@require_POST
def path_item_move(request, organisation_id: int, path_id: int, item_id: int):
    """Move an item one place up or down."""
    _scope, path = _editable_path_or_404(request, organisation_id, path_id)
    step = -1 if request.POST.get("direction") == "up" else 1
    services.path_item_move(path=path, item_id=item_id, step=step)
    url = reverse("training:path", args=[organisation_id, path.id])
    return redirect(f"{url}#item-{item_id}")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def path_item_remove(request, organisation_id: int, path_id: int, item_id: int):
    """Take an item out of the path (the page asks first, naming the item,
    and says how many people follow the path)."""
    scope, path = _editable_path_or_404(request, organisation_id, path_id)
    if request.method == "POST":
        services.path_item_remove(path=path, item_id=item_id)
        messages.success(request, _("The item is removed from the path."))
        return redirect("training:path", organisation_id, path.id)
    item = selectors.path_item(path=path, item_id=item_id)
    if item is None:  # another path's, or removed already
        raise Http404
    context = {
        "organisation": scope.organisation,
        "path": path,
        "item": item,
        "people_count": selectors.people_following(path=path),
        "back_url": reverse("training:path", args=[organisation_id, path.id])
        + f"#item-{item.id}",
    }
    return render(request, "training/path_item_remove.html", context)


@login_required
@require_POST
def path_copy(request, organisation_id: int, path_id: int):
    """Make the organisation's own copy of a path, to adapt."""
    scope, path = _path_or_404(request, organisation_id, path_id)
    copy = services.path_copy(scope=scope, path=path, copied_by=request.user)
    messages.success(request, _("The path is copied: it is now yours to adapt."))
    return redirect("training:path", organisation_id, copy.id)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@training_errors
def path_assign(request, organisation_id: int, path_id: int):
    """Give the path to a team or to people, with a due date."""
    scope, path = _path_or_404(request, organisation_id, path_id)
    # The search is posted, not put in the address: it holds people's names.
    # It posts the whole form: what was chosen comes back, not checked yet.
    search = PeopleSearchForm(request.POST or None)
    searching = SEARCH in request.POST
    form = AssignmentForm(
        None if searching else (request.POST or None),
        scope=scope,
        query=search.text(),
        carried=request.POST if searching else None,
    )
    if request.method == "POST" and not searching and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                scope=scope,
                assigned_by=request.user,
                path=path,
                due_on=data["due_on"],
                team=data["team"],
                users=data["people"],
                form_token=data["form_token"],
            )
        except FormAlreadySent:
            form_token_refuse(form)
        except exceptions.DueDateInThePast as error:
            form.add_error("due_on", error.message)
        except exceptions.NobodyToAssign as error:
            form.add_error("people", error.message)
        except exceptions.EmptyPath as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The path is assigned."))
            return redirect("training:assignment", organisation_id, assignment.id)
    context = {
        "organisation": scope.organisation,
        "path": path,
        "form": form,
        "search": None if form.everyone_listed else search,
        "search_marker": SEARCH,
    }
    return render(request, "training/path_assign.html", context)


def _assignment_or_404(request, organisation_id: int, assignment_id: int):
    scope = _scope_or_404(request, organisation_id)
    assignment = selectors.assignment_in(
        scope=scope, user=request.user, assignment_id=assignment_id
    )
    if assignment is None:
        raise Http404
    return scope, assignment


@login_required
def assignment_detail(request, organisation_id: int, assignment_id: int):
    """Who follows an assigned path, how far each is, and who is late."""
    scope, assignment = _assignment_or_404(request, organisation_id, assignment_id)
    trainees = selectors.trainees_of(scope=scope, assignment=assignment)
    context = {
        "organisation": scope.organisation,
        "assignment": assignment,
        "trainees": trainees,
        "done_count": sum(1 for trainee in trainees if trainee.complete),
        "overdue_count": sum(1 for trainee in trainees if trainee.overdue),
    }
    return render(request, "training/assignment_detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def path_delete(request, organisation_id: int, path_id: int):
    """Delete a path and its assignments (the page asks first, and says how
    many people follow it)."""
    scope, path = _editable_path_or_404(request, organisation_id, path_id)
    if request.method == "POST":
        services.path_delete(path=path, deleted_by=request.user)
        messages.success(
            request, _("The path “%(name)s” is deleted.") % {"name": path.name}
        )
        return redirect("training:paths", organisation_id)
    context = {
        "organisation": scope.organisation,
        "path": path,
        "assignments_count": path.assignments.count(),
        "people_count": selectors.people_following(path=path),
    }
    return render(request, "training/path_delete.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_due_date(request, organisation_id: int, assignment_id: int):
    """Move an assignment's due date."""
    scope, assignment = _assignment_or_404(request, organisation_id, assignment_id)
    form = DueDateForm(request.POST or None, initial={"due_on": assignment.due_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.assignment_due_date_change(
                assignment=assignment,
                due_on=form.cleaned_data["due_on"],
                changed_by=request.user,
            )
        except exceptions.DueDateInThePast as error:
            form.add_error("due_on", error.message)
        else:
            messages.success(request, _("The due date is changed."))
            return redirect("training:assignment", organisation_id, assignment.id)
    context = {
        "organisation": scope.organisation,
        "assignment": assignment,
        "form": form,
    }
    return render(request, "training/assignment_due_date.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def assignment_withdraw(request, organisation_id: int, assignment_id: int):
    """Take back an assignment (the page asks first)."""
    scope, assignment = _assignment_or_404(request, organisation_id, assignment_id)
    if request.method == "POST":
        services.assignment_withdraw(assignment=assignment, withdrawn_by=request.user)
        messages.success(request, _("The assignment is withdrawn."))
        return redirect("training:paths", organisation_id)
    context = {"organisation": scope.organisation, "assignment": assignment}
    return render(request, "training/assignment_withdraw.html", context)


REPORT_PER_PAGE = 50
CHART_WIDTH = 300  # a full bar, in the units of the summary chart's viewBox


def _report_filters(request, scope: ManagerScope):
    form = ReportFilterForm(request.GET or None, scope=scope)
    return form, form.filters()


def _filters_text(filters: Filters, form: ReportFilterForm) -> str:
    """The filters in words, for the PDF's reader."""
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return " — ".join(
        [
            str(data["path"]) if data.get("path") else _("All paths"),
            str(data["team"]) if data.get("team") else _("All teams"),
            str(Status(filters.status).label) if filters.status else _("All statuses"),
        ]
    )


def _bar_segments(row: SummaryRow) -> list[dict]:
    """The summary chart's bar of one row: a segment per status, in the
    units of its viewBox (the table beside it gives the same numbers)."""
    segments, x = [], 0.0
    for status in STATUS_ORDER:
        width = (
            round(CHART_WIDTH * row.count(status) / row.total, 1) if row.total else 0
        )
        if width:
            segments.append({"status": status, "x": x, "width": width})
        x += width
    return segments


@login_required
def report(request, organisation_id: int):
    """Per path and team, who has not started, is on the way, is done or is
    late; then the people, filtered, sorted and by pages."""
    scope = _scope_or_404(request, organisation_id)
    form, filters = _report_filters(request, scope)
    summary = reports.summary(scope, filters)
    for row in summary:
        row.segments = _bar_segments(row)
        row.columns = [(Status(s).label, row.count(s)) for s in STATUS_ORDER]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "organisation": scope.organisation,
        "form": form,
        "summary": summary,
        "statuses": [(value, Status(value).label) for value in STATUS_ORDER],
        "page": reports.people_page(
            scope, filters, request.GET.get("page"), per_page=REPORT_PER_PAGE
        ),
        "query": query.urlencode(),
    }
    return render(request, "training/report.html", context)


def _export_name(scope: ManagerScope, extension: str) -> str:
    return f"report-{scope.organisation.id}-{timezone.localdate():%Y%m%d}.{extension}"


@login_required
def report_csv(request, organisation_id: int):
    """The report's people, every row, as a spreadsheet opens it."""
    scope = _scope_or_404(request, organisation_id)
    _form, filters = _report_filters(request, scope)
    rows = reports.people_for_export(scope, filters)
    response = HttpResponse(
        "\ufeff" + report_exports.people_csv(rows),
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(scope, "csv")}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def report_pdf(request, organisation_id: int):
    """The report with a chart per path, to print or to send."""
    scope = _scope_or_404(request, organisation_id)
    form, filters = _report_filters(request, scope)
    pdf = report_exports.report_pdf(
        organisation=scope.organisation,
        summary=reports.summary(scope, filters),
        people=reports.people(scope, filters),
        filters_text=_filters_text(filters, form),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_export_name(scope, "pdf")}"'
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def report_person(request, organisation_id: int, user_id: int):
    """One person's paths, the courses in them with score and time spent,
    and the badges earned with them; never their answers."""
    scope = _scope_or_404(request, organisation_id)
    membership = reports.person_in(scope=scope, user_id=user_id)
    if membership is None:
        raise Http404
    person = membership.user
    context = {
        "organisation": scope.organisation,
        "membership": membership,
        "person": person,
        "paths": reports.people(scope, Filters(sort=Sort.DUE)).filter(user=person),
        "courses": reports.person_courses(scope=scope, user=person),
        "badges": reports.person_badges(scope=scope, user=person),
    }
    return render(request, "training/report_person.html", context)


@login_required
def my_path(request, organisation_id: int, trainee_id: int):
    """A path assigned to the person: every step in order, done or not, what
    is next, the due date and how many steps are done."""
    trainee = selectors.assignment_of_learner(
        user=request.user, organisation_id=organisation_id, trainee_id=trainee_id
    )
    if trainee is None:  # someone else's path, or an organisation one left
        raise Http404
    context = {
        "trainee": trainee,
        "steps": selectors.steps_for_learner(trainee=trainee),
    }
    return render(request, "training/my_path.html", context)
