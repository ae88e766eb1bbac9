"""Training path pages for managers: each parses input and calls one service
or selector. An organisation one does not manage is a 404 on every page, as is
a path or an assignment outside what one may see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from common.views import domain_error_page
from organisations.selectors import ManagerScope, manager_scope
from training import exceptions, selectors, services
from training.forms import (
    AssignmentForm,
    CourseChoiceForm,
    PathForm,
    WorkshopChoiceForm,
)
from training.models import ItemKind

training_errors = domain_error_page("organisations/error.html")


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
    """A path's items in order; for one who may edit it, the buttons that add,
    move and remove them (each a small form: no script needed)."""
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
@require_POST
def path_item_remove(request, organisation_id: int, path_id: int, item_id: int):
    """Take an item out of the path."""
    _scope, path = _editable_path_or_404(request, organisation_id, path_id)
    services.path_item_remove(path=path, item_id=item_id)
    messages.success(request, _("The item is removed from the path."))
    return redirect("training:path", organisation_id, path.id)


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
    form = AssignmentForm(request.POST or None, scope=scope)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_create(
                scope=scope,
                assigned_by=request.user,
                path=path,
                due_on=data["due_on"],
                team=data["team"],
                users=data["people"],
            )
        except (exceptions.EmptyPath, exceptions.NobodyToAssign) as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The path is assigned."))
            return redirect("training:assignment", organisation_id, assignment.id)
    context = {"organisation": scope.organisation, "path": path, "form": form}
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
def assignment_withdraw(request, organisation_id: int, assignment_id: int):
    """Take back an assignment (the page asks first)."""
    scope, assignment = _assignment_or_404(request, organisation_id, assignment_id)
    if request.method == "POST":
        services.assignment_withdraw(assignment=assignment, withdrawn_by=request.user)
        messages.success(request, _("The assignment is withdrawn."))
        return redirect("training:paths", organisation_id)
    context = {"organisation": scope.organisation, "assignment": assignment}
    return render(request, "training/assignment_withdraw.html", context)
