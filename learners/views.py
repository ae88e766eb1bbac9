"""Learner pages and actions; each parses input and calls one service."""

import json
import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language
from wagtail import hooks

from common.ratelimits import post_limited
from common.views import domain_error_page
from courses import selectors as course_selectors
from courses.models import CoursePage, LessonPage
from learners import exceptions, login_cards, selectors, services
from learners.forms import (
    AccountDeleteForm,
    CardSignInForm,
    EmailAndPasswordForm,
    ProfileForm,
)
from learners.learning_mode import accompanied_end
from learners.navigation import person_home_url
from learners.shared_computer import (
    card_session_end,
    card_session_start,
    is_card_session,
)
from puzzles import MAX_PROGRAM_BYTES

domain_errors = domain_error_page("learners/error.html")


@login_required
def start(request):
    """Where a person lands after signing in: where their work is."""
    return redirect(person_home_url(user=request.user))


def admin_sign_in(request):
    """Wagtail's and Django admin's sign-in pages send people to allauth's.

    One sign-in form for everyone: allauth's failed-login limits (per account
    and per address, ``ACCOUNT_RATE_LIMITS``) and its second factor then guard
    the admin too; the admins' own login views would check neither. The
    ``next`` parameter travels along, so staff land back in the admin.
    """
    if request.user.is_authenticated:
        # Signed in without admin access: the admin sends them here, and
        # allauth would send them back to the admin, round and round.
        raise PermissionDenied
    query = request.GET.urlencode()
    return redirect(reverse("account_login") + (f"?{query}" if query else ""))


@csrf_exempt
@require_POST
def language_choose(request):
    """The header's language buttons; a signed-in person's profile remembers it.

    A visitor's choice only sets the language cookie: forged, it changes the
    language of the pages, nothing stored. So visitors' pages carry no CSRF
    token in this form, and can be shared from the cache. A signed-in person's
    profile changes: that still needs the token.
    """
    if request.user.is_authenticated:
        return _language_remember(request)
    return set_language(request)


@csrf_protect
def _language_remember(request):
    language = request.POST.get("language", "")
    if language in dict(settings.LANGUAGES):
        services.user_profile_update(user=request.user, language=language)
    return set_language(request)


@login_required
def dashboard(request):
    context = {"enrolments": selectors.enrolments_for_dashboard(user=request.user)}
    # Higher apps (badges) add what the person earned, without an import cycle.
    for hook in hooks.get_hooks("learner_dashboard_context"):
        context.update(hook(request.user))
    return render(request, "learners/dashboard.html", context)


@login_required
def enrolment_detail(request, enrolment_id: int):
    enrolment = selectors.enrolment_get(user=request.user, enrolment_id=enrolment_id)
    if enrolment is None:
        raise Http404(_("No such enrolment."))
    outline = course_selectors.course_outline(course=enrolment.course, request=request)
    done = selectors.completed_lesson_ids(enrolment=enrolment)
    return render(
        request,
        "learners/enrolment_detail.html",
        {"enrolment": enrolment, "outline": outline, "completed_lesson_ids": done},
    )


@require_POST
@login_required
@domain_errors
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage, id=course_id)
    services.enrolment_create(user=request.user, course=course)
    messages.success(request, _("You are enrolled. Let's start!"))
    return redirect("learners:resume", course_id=course.id)


@login_required
@domain_errors
def resume(request, course_id: int):
    enrolment = selectors.enrolment_for_course(
        user=request.user, course=get_object_or_404(CoursePage, id=course_id)
    )
    if enrolment is None:
        raise exceptions.NotEnrolled()
    lessons = course_selectors.outline_lessons(
        course_selectors.course_outline(course=enrolment.course)
    )
    lesson = selectors.resume_lesson(enrolment=enrolment, lessons=lessons)
    return redirect(lesson.url if lesson else enrolment.course.url)


def _lesson(request, lesson_id: int) -> LessonPage:
    """The lesson a learner acts on, remembered as its page is (common.remembered):
    its course, module and availability come without a query."""
    lesson = LessonPage.remembered(request, lesson_id)
    if lesson is None:
        raise Http404(_("No such lesson."))
    return lesson


@require_POST
@login_required
@domain_errors
def answer(request, lesson_id: int, question_id: str):
    lesson = _lesson(request, lesson_id)
    try:
        result = services.question_answer(
            user=request.user,
            lesson=lesson,
            question_id=question_id,
            response=request.POST.getlist("answer"),
        )
    except exceptions.InvalidAnswer:
        # Back to the question, which says what is missing: not a page of its
        # own that takes the learner out of their lesson.
        query = urlencode({"unanswered": question_id})
        return redirect(f"{lesson.url}?{query}#question-{question_id}")
    if result.success:
        messages.success(request, _("Correct answer!"))
    else:
        messages.warning(request, _("Not quite. Read the feedback and try again."))
    return redirect(f"{lesson.url}#question-{question_id}")


# What the learner reads after a run, by the interpreter's Reason.
RUN_MESSAGES = {
    "solved": gettext_lazy("You did it!"),
    "hit_wall": gettext_lazy("Bump! The robot hit a wall."),
    "left_grid": gettext_lazy("Oops! The robot went off the grid."),
    "not_at_goal": gettext_lazy("The program ended before the robot reached the flag."),
    "items_left": gettext_lazy("There are still objects to pick up."),
    "too_many_steps": gettext_lazy(
        "The robot went round and round: the program never ends."
    ),
    "too_many_blocks": gettext_lazy("Too many blocks: try with fewer."),
}


def _json_error(message, *, status: int, code: str, block_id=None) -> JsonResponse:
    return JsonResponse(
        {"error": {"code": code, "message": str(message), "block_id": block_id}},
        status=status,
    )


@require_POST
@post_limited(name="puzzle_run", key="user_or_ip")
def puzzle_run(request, lesson_id: int, puzzle_id: str):
    """Run the learner's program on the server; answer the replay as JSON."""
    if not request.user.is_authenticated:
        return _json_error(_("Sign in first."), status=403, code="not_signed_in")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > 2 * MAX_PROGRAM_BYTES:
        return _json_error(
            services.PROGRAM_ERROR_MESSAGES["too_large"], status=400, code="too_large"
        )
    lesson = LessonPage.objects.filter(id=lesson_id).first()
    if lesson is None:
        return _json_error(
            exceptions.CourseNotAvailable.message, status=404, code="not_found"
        )
    try:
        result = services.puzzle_run(
            user=request.user,
            lesson=lesson,
            puzzle_id=puzzle_id[:64],
            program=request.body.decode("utf-8", errors="replace"),
        )
    except exceptions.ProgramRefused as error:
        return _json_error(
            error.message, status=400, code=error.program_code, block_id=error.block_id
        )
    except exceptions.LearnerError as error:
        return _json_error(error.message, status=error.status, code=error.code)
    outcome = result.outcome
    data = outcome.as_dict()
    data["message"] = str(RUN_MESSAGES[outcome.reason])
    data["lesson_completed"] = result.lesson_completed
    if outcome.solved:
        data["success"] = lesson.puzzles[puzzle_id]["success"]
    return JsonResponse(data)


@require_POST
@post_limited(name="puzzle_run", key="user_or_ip")
def puzzle_hint(request, lesson_id: int, puzzle_id: str):
    """The learner opened the puzzle's hint (sent by the page's script)."""
    if not request.user.is_authenticated:
        return _json_error(_("Sign in first."), status=403, code="not_signed_in")
    try:
        services.puzzle_hint_open(
            user=request.user, lesson=_lesson_get(lesson_id), puzzle_id=puzzle_id
        )
    except exceptions.LearnerError as error:
        return _json_error(error.message, status=error.status, code=error.code)
    return HttpResponse(status=204)


MAX_EXERCISE_REPORT_BYTES = 64_000  # the code is kept to 8,000 characters


@require_POST
@post_limited(name="exercise_report", key="user_or_ip")
def exercise_report(request, lesson_id: int, exercise_id: str):
    """Record a Python run the learner's browser reports: {code, passed: [bool
    per test], timed_out}. Answers whether it passed and, once offered, the
    model solution."""
    if not request.user.is_authenticated:
        return _json_error(_("Sign in first."), status=403, code="not_signed_in")
    length = request.META.get("CONTENT_LENGTH") or "0"
    if not length.isdigit() or int(length) > MAX_EXERCISE_REPORT_BYTES:
        return _json_error(
            exceptions.ReportRefused.message, status=400, code="too_large"
        )
    report = _exercise_report_read(request.body)
    if report is None:
        return _json_error(
            exceptions.ReportRefused.message, status=400, code="report_refused"
        )
    try:
        lesson = _lesson_get(lesson_id)
        result = services.exercise_report(
            user=request.user, lesson=lesson, exercise_id=exercise_id[:64], **report
        )
    except exceptions.LearnerError as error:
        return _json_error(error.message, status=error.status, code=error.code)
    return JsonResponse(
        {
            "success": result.success,
            "lesson_completed": result.lesson_completed,
            "help_html": _exercise_help_html(request, lesson, exercise_id),
        }
    )


def _exercise_report_read(body: bytes) -> dict | None:
    """The report's fields, or None when it is not one."""
    try:
        data = json.loads(body)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    code, passed = data.get("code"), data.get("passed", [])
    timed_out = data.get("timed_out", False)
    if not isinstance(code, str) or not isinstance(passed, list):
        return None
    if not isinstance(timed_out, bool):
        return None
    return {
        "code": code,
        "passed": passed,
        "timed_out": timed_out,
        "run_id": _run_id(data.get("run_id")),
    }


def _run_id(value) -> uuid.UUID | None:
    """The run's id given by the browser (a page from before it had none, or
    a garbled one, counts each report as a run, as before)."""
    try:
        return uuid.UUID(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _lesson_get(lesson_id: int) -> LessonPage:
    lesson = LessonPage.objects.filter(id=lesson_id).first()
    if lesson is None:
        raise exceptions.CourseNotAvailable()
    return lesson


def _wants_json(request) -> bool:
    return "application/json" in request.headers.get("Accept", "")


@require_POST
@login_required
@domain_errors
def exercise_hint(request, lesson_id: int, exercise_id: str):
    """Open the next hint (a form, so that it works without JavaScript)."""
    lesson = get_object_or_404(LessonPage, id=lesson_id)
    number = request.POST.get("hint", "")
    services.exercise_hint_reveal(
        user=request.user,
        lesson=lesson,
        exercise_id=exercise_id,
        number=int(number) if number.isdigit() else None,
    )
    if _wants_json(request):
        help_html = _exercise_help_html(request, lesson, exercise_id)
        return JsonResponse({"help_html": help_html})
    return redirect(f"{lesson.url}#exercise-{exercise_id}-hints")


@require_POST
@login_required
@domain_errors
def exercise_solution(request, lesson_id: int, exercise_id: str):
    """The learner gives up and asks for the model solution."""
    lesson = get_object_or_404(LessonPage, id=lesson_id)
    services.exercise_solution_show(
        user=request.user, lesson=lesson, exercise_id=exercise_id
    )
    if _wants_json(request):
        help_html = _exercise_help_html(request, lesson, exercise_id)
        return JsonResponse({"help_html": help_html})
    return redirect(f"{lesson.url}#exercise-{exercise_id}-solution")


def _exercise_help_html(request, lesson: LessonPage, exercise_id: str) -> str:
    """The exercise's hints and solution as the lesson page shows them now, for
    the script to swap in without reloading (and losing) the learner's code."""
    enrolment = selectors.enrolment_for_lesson(user=request.user, lesson=lesson)
    progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
    record = progress.answers.get(exercise_id) if progress else None
    value = lesson.exercises[exercise_id]
    return render_to_string(
        "courses/blocks/_exercise_help.html",
        {
            "block": {"id": exercise_id},
            "page": lesson,
            "enrolment": enrolment,
            "view": course_selectors.exercise_view(value, record=record),
        },
        request=request,
    )


@require_POST
@login_required
@domain_errors
def complete(request, lesson_id: int):
    lesson = _lesson(request, lesson_id)
    result = services.lesson_complete(user=request.user, lesson=lesson)
    if not result.passed:
        # Shown beside the button the person just pressed, not at the page top.
        return redirect(f"{lesson.url}?finish=refused#finish")
    enrolment = result.enrolment
    if enrolment.completed_at:
        messages.success(request, _("Congratulations, you completed the course!"))
        return redirect("learners:enrolment", enrolment_id=enrolment.id)
    messages.success(request, _("Lesson done."))
    return redirect("learners:resume", course_id=enrolment.course_id)


@login_required
def data_export(request):
    data = services.learner_data_export(user=request.user)
    response = JsonResponse(
        data, json_dumps_params={"ensure_ascii": False, "indent": 2}
    )
    response["Content-Disposition"] = 'attachment; filename="mes-donnees.json"'
    return response


@login_required
def account_delete(request):
    # Bound on any POST: an empty one (the box left unticked) says what is missing.
    data = request.POST if request.method == "POST" else None
    form = AccountDeleteForm(data, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.learner_erase(user=request.user)
        logout(request)
        messages.success(
            request, _("Your account and your learning records are erased.")
        )
        return redirect("/")
    return render(request, "learners/account_delete.html", {"form": form})


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = services.user_profile_update(user=request.user, **form.cleaned_data)
        translation.activate(user.language)
        messages.success(request, _("Your profile is saved."))
        response = redirect("learners:profile")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language)
        return response
    return render(request, "learners/profile.html", {"form": form})


def _typed_card_code(group, request) -> str:
    # Counted per card, whoever types it and from wherever.
    return login_cards.code_normalise(request.POST.get("code", ""))[:20]


def _everyone(group, request) -> str:
    # Typed codes from every address together: a network of machines guessing
    # cards meets this limit; QR links are not counted in it and still work.
    return "all"


@require_http_methods(["GET", "HEAD", "POST"])
@post_limited(name="card_sign_in_all", key=_everyone)
@post_limited(name="card_sign_in", key="ip")
@post_limited(name="card_code", key=_typed_card_code)
def card_sign_in(request):
    """Sign in with the code and the PIN of a login card."""
    form = CardSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        card = login_cards.card_check(**form.cleaned_data)
        if card is not None:
            return _card_signed_in(request, card)
        # One answer for an unknown code and a wrong PIN: nothing to learn.
        form.add_error(None, _("This code and this PIN do not match a live card."))
    return render(request, "learners/card_sign_in.html", {"form": form})


@require_http_methods(["GET", "HEAD", "POST"])
@post_limited(name="card_sign_in", key="ip")
def card_link(request, link_key: str):
    """The QR code of a card: a page that asks, then a button that signs in.

    Signing in on a GET would let a link preview or a phone's prefetch sign
    someone in; the person sees their name and presses the button.
    """
    card = login_cards.card_by_link(link_key=link_key[:64])
    if card is None:
        return render(request, "learners/card_invalid.html", status=404)
    if request.method == "POST":
        return _card_signed_in(request, card)
    return render(request, "learners/card_link.html", {"holder": card.user})


def _card_signed_in(request, card):
    card_session_start(request, card)
    login_cards.card_used(card=card)
    return redirect("learners:start")


@require_http_methods(["GET", "HEAD", "POST"])
def card_finish(request):
    """ "I am done": the person leaves a shared computer; nothing stays behind."""
    if request.method == "POST":
        response = render(request, "learners/card_finished.html")
        return card_session_end(request, response)
    if request.user.is_authenticated:
        # Not signed out by opening this address: the button does it.
        return redirect("learners:start")
    return render(request, "learners/card_finished.html")


def card_signed_out(request):
    """Where an idle card session lands: signed out, and told so."""
    response = render(request, "learners/card_finished.html", {"idle": True})
    if is_card_session(request):
        # The page's own timer brought the browser here: a shared computer
        # that nobody touched. A card session only: others sign out by POST.
        return card_session_end(request, response)
    return response


@login_required
@require_POST
def accompanied_finish(request):
    """The learner (or the facilitator beside them) ends the accompanied session."""
    accompanied_end(request)
    messages.success(request, _("The accompanied session is over."))
    return redirect("learners:dashboard")


@login_required
def email_and_password_add(request):
    """A person without e-mail (a card holder) adds one, and a password."""
    if not request.user.is_assisted:
        return redirect("account_email")
    form = EmailAndPasswordForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.email_and_password_add(
                request=request, user=request.user, **form.cleaned_data
            )
        except exceptions.LearnerError as error:
            form.add_error("email", str(error.message))
        else:
            messages.success(
                request,
                _(
                    "Done. We sent you an e-mail: open the link in it to confirm "
                    "your address. Your card still works until you ask for it to "
                    "be stopped."
                ),
            )
            return redirect("learners:profile")
    return render(request, "learners/email_and_password.html", {"form": form})
