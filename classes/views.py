"""Class pages for the members of Wallcode partners: each parses input and
calls one service or selector. A class of another partner is a 404, on every
page: not even its existence is told."""

from __future__ import annotations

import time

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from classes import cards, selectors, services
from classes.forms import ChildrenForm, ClassroomForm, CourseForm
from common.idempotency import FormAlreadySent, form_token_refuse
from common.pdf import login_cards_pdf_response
from common.views import domain_error_page
from learners.login_cards import IssuedCard

class_errors = domain_error_page("classes/error.html")
# How long a member may print the cards just made: their secrets are in the
# member's session only for that long, never in the database (as at the desk).
CARD_PRINT_SECONDS = 30 * 60
CARDS_KEY = "classes_cards"
# What this session erased in the last minutes, so that the form sent twice
# (a double click, a retry) answers as the first time did rather than with a
# 404. Briefly: the message names a child whose account is erased.
ERASED_KEY = "classes_erased"
ERASED_SECONDS = 10 * 60


def _partner_member_or_404(request) -> None:
    if not selectors.is_partner_member(user=request.user):
        raise Http404


def _classroom_or_404(request, classroom_id: int):
    found = selectors.classroom_for_member(user=request.user, classroom_id=classroom_id)
    if found is None:  # another partner's class, or none
        raise Http404
    return found


@login_required
def home(request):
    """The classes of the member's partners, and a way to make one."""
    _partner_member_or_404(request)
    context = {"classrooms": selectors.classrooms_for(user=request.user)}
    return render(request, "classes/home.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def create(request):
    _partner_member_or_404(request)
    organisers = selectors.partner_organisers(user=request.user)
    form = ClassroomForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            classroom = services.classroom_create(
                organiser=data["organiser"],
                created_by=request.user,
                name=data["name"],
                form_token=data["form_token"],
            )
        except FormAlreadySent:
            form_token_refuse(form)
        else:
            messages.success(request, _("The class is made. Add its children now."))
            return redirect("classes:children_add", classroom_id=classroom.id)
    return render(request, "classes/create.html", {"form": form})


@login_required
def detail(request, classroom_id: int):
    """A class: its children, its course, what to do next."""
    classroom = _classroom_or_404(request, classroom_id)
    context = {
        "classroom": classroom,
        "children": selectors.children_of(classroom=classroom),
    }
    return render(request, "classes/detail.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def children_add(request, classroom_id: int):
    """Several children at once, one first name per line, with their cards."""
    classroom = _classroom_or_404(request, classroom_id)
    form = ChildrenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _addition, issued = services.children_add(
                classroom=classroom,
                added_by=request.user,
                names=data["names"],
                guardian_consent=data["guardian_consent"],
                language=data["language"],
                form_token=data["form_token"],
            )
        except FormAlreadySent:
            form_token_refuse(form)
        else:
            _cards_keep(request, issued)
            messages.success(
                request,
                _("Accounts made. Print the class's login cards now."),
            )
            return redirect("classes:cards", classroom_id=classroom.id)
    context = {"classroom": classroom, "form": form}
    return render(request, "classes/children_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def course(request, classroom_id: int):
    """Give the class a course: every child is enrolled in it."""
    classroom = _classroom_or_404(request, classroom_id)
    form = CourseForm(
        request.POST or None,
        courses=selectors.courses_to_assign(),
        initial={"course": classroom.course_id},
    )
    if request.method == "POST" and form.is_valid():
        services.course_assign(classroom=classroom, course=form.cleaned_data["course"])
        messages.success(request, _("Every child of the class is enrolled."))
        return redirect("classes:detail", classroom_id=classroom.id)
    context = {"classroom": classroom, "form": form}
    return render(request, "classes/course_form.html", context)


@login_required
def card_sheet(request, classroom_id: int):
    """The cards just made, to print as one sheet; else how to get new ones."""
    classroom = _classroom_or_404(request, classroom_id)
    kept = _cards_kept(request, classroom)
    context = {"classroom": classroom, "kept": kept}
    return render(request, "classes/cards.html", context)


@login_required
def card_sheet_pdf(request, classroom_id: int):
    classroom = _classroom_or_404(request, classroom_id)
    kept = _cards_kept(request, classroom)
    if not kept:
        return redirect("classes:cards", classroom_id=classroom.id)
    pdf = cards.class_sheet_pdf(
        class_name=classroom.name, space=classroom.organiser.name, cards=kept
    )
    return login_cards_pdf_response(pdf, filename="cartes.pdf")


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def cards_reissue(request, classroom_id: int):
    """New cards for the whole class (the page asks first: the old ones stop)."""
    classroom = _classroom_or_404(request, classroom_id)
    if request.method == "POST":
        issued = services.cards_reissue(classroom=classroom, issued_by=request.user)
        _cards_keep(request, issued)
        messages.success(request, _("New cards made: the old ones no longer work."))
        return redirect("classes:cards", classroom_id=classroom.id)
    return render(request, "classes/cards_reissue.html", {"classroom": classroom})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def card_reissue(request, classroom_id: int, child_id: int):
    """A new card for one child (lost, forgotten PIN): their old one stops."""
    classroom = _classroom_or_404(request, classroom_id)
    child = selectors.children_of(classroom=classroom).filter(id=child_id).first()
    if child is None:
        raise Http404
    if request.method == "POST":
        issued = services.cards_reissue(
            classroom=classroom, issued_by=request.user, children=[child]
        )
        _cards_keep(request, issued)
        messages.success(
            request,
            _("New card for %(name)s: the old one no longer works.")
            % {"name": child.learner},
        )
        return redirect("classes:cards", classroom_id=classroom.id)
    context = {"classroom": classroom, "child": child}
    return render(request, "classes/cards_reissue.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def child_remove(request, classroom_id: int, child_id: int):
    """Take a child out of the class, erasing their account (the page asks
    first); sent twice, the second answer is the first one's."""
    classroom = _classroom_or_404(request, classroom_id)
    child = selectors.children_of(classroom=classroom).filter(id=child_id).first()
    if child is None:
        return _erased_again(request, "child", child_id, classroom_id=classroom.id)
    if request.method == "POST":
        services.child_remove(child=child, removed_by=request.user)
        if child.learner.is_assisted:
            message = _(
                "%(name)s is no longer in the class: their account and progress "
                "are erased, and their card no longer works."
            ) % {"name": child.learner}
        else:
            message = _(
                "%(name)s is no longer in the class; their account, which has "
                "an e-mail address, stays theirs."
            ) % {"name": child.learner}
        _erased_keep(request, "child", child_id, message)
        messages.success(request, message)
        return redirect("classes:detail", classroom_id=classroom.id)
    context = {"classroom": classroom, "child": child}
    return render(request, "classes/child_remove.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
@class_errors
def classroom_delete(request, classroom_id: int):
    """Delete the class and erase its children's accounts (the page asks first,
    saying how many); sent twice, the second answer is the first one's."""
    classroom = selectors.classroom_for_member(
        user=request.user, classroom_id=classroom_id
    )
    if classroom is None:
        return _erased_again(request, "classroom", classroom_id)
    if request.method == "POST":
        count = services.classroom_delete(classroom=classroom, deleted_by=request.user)
        if count:
            message = ngettext(
                "The class %(name)s is deleted, and the account of its child erased.",
                "The class %(name)s is deleted, and the accounts of its "
                "%(count)s children erased.",
                count,
            ) % {"name": classroom.name, "count": count}
        else:
            message = _("The class %(name)s is deleted.") % {"name": classroom.name}
        _erased_keep(request, "classroom", classroom_id, message)
        messages.success(request, message)
        return redirect("classes:home")
    context = {
        "classroom": classroom,
        "children_count": classroom.children.count(),
    }
    return render(request, "classes/classroom_delete.html", context)


@login_required
def progress(request, classroom_id: int):
    """Who is where in the course, puzzle by puzzle."""
    classroom = _classroom_or_404(request, classroom_id)
    context = {
        "classroom": classroom,
        "progress": selectors.class_progress(classroom=classroom),
    }
    return render(request, "classes/progress.html", context)


def _cards_keep(request, issued: list[tuple[object, IssuedCard]]) -> None:
    now = time.time()
    kept = {
        key: value
        for key, value in request.session.get(CARDS_KEY, {}).items()
        if value["until"] > now
    }
    for child, card in issued:
        kept[str(child.id)] = {
            "code": card.card.code,
            "pin": card.pin,
            "link_key": card.link_key,
            "until": now + CARD_PRINT_SECONDS,
        }
    request.session[CARDS_KEY] = kept


def _cards_kept(request, classroom) -> list[cards.SheetCard]:
    """The class's cards whose secrets the session still keeps, live ones only."""
    kept = request.session.get(CARDS_KEY, {})
    now = time.time()
    sheet = []
    for child in selectors.children_of(classroom=classroom):
        secrets = kept.get(str(child.id))
        # A card made since (elsewhere) is another card: its secrets are not these.
        if secrets is None or secrets["until"] < now:
            continue
        if secrets["code"] != child.live_card_code:
            continue
        sheet.append(
            cards.SheetCard(
                person=child.learner,
                code=secrets["code"],
                pin=secrets["pin"],
                link_key=secrets["link_key"],
            )
        )
    return sheet


def _erased_recent(request) -> list[list]:
    now = time.time()
    return [item for item in request.session.get(ERASED_KEY, []) if item[3] > now]


def _erased_keep(request, kind: str, object_id: int, message: str) -> None:
    until = time.time() + ERASED_SECONDS
    request.session[ERASED_KEY] = [
        *_erased_recent(request),
        [kind, object_id, message, until],
    ]


def _erased_again(request, kind: str, object_id: int, *, classroom_id=None):
    """The answer to an erasure sent again from this session; else a 404, as
    for what never was or is another partner's."""
    for erased_kind, erased_id, message, _until in _erased_recent(request):
        if request.method == "POST" and (erased_kind, erased_id) == (kind, object_id):
            messages.success(request, message)
            if classroom_id is None:
                return redirect("classes:home")
            return redirect("classes:detail", classroom_id=classroom_id)
    raise Http404
