"""Learner state added to course and lesson pages through the courses hooks."""

from django.urls import reverse
from django.utils.translation import gettext
from wagtail import hooks

from learners import selectors, services
from learners.navigation import MenuLink


def _edits_content(user) -> bool:
    return user.is_active and user.has_perm("wagtailadmin.access_admin")


@hooks.register("person_menu_links")
def editor_menu_links(user) -> list[MenuLink]:
    """Editors and moderators reach the content admin from the main menu."""
    if not _edits_content(user):
        return []
    return [MenuLink(gettext("Write and review content"), reverse("wagtailadmin_home"))]


@hooks.register("person_home_url")
def editor_home_url(user) -> str | None:
    """Editors and moderators land in the content admin after signing in."""
    return reverse("wagtailadmin_home") if _edits_content(user) else None


@hooks.register("course_page_context")
def course_page_context(request, course) -> dict:
    """Enrolment and completed lessons of the visitor on a course page."""
    enrolment = selectors.enrolment_for_course(user=request.user, course=course)
    if enrolment is None:
        return {"enrolment": None, "completed_lesson_ids": set()}
    return {
        "enrolment": enrolment,
        "completed_lesson_ids": selectors.completed_lesson_ids(enrolment=enrolment),
    }


@hooks.register("lesson_page_context")
def lesson_page_context(request, lesson) -> dict:
    """Record the visit of an enrolled learner; give their answers and progress."""
    state = selectors.lesson_page_state(
        user=request.user, course=lesson.course, lesson=lesson
    )
    if state.enrolment is None:
        return {"enrolment": None, "completed_lesson_ids": set(), "answers": {}}
    if not getattr(request, "is_preview", False):
        services.lesson_visit(enrolment=state.enrolment, lesson=lesson)
    return {
        "enrolment": state.enrolment,
        "finish_refused": request.GET.get("finish") == "refused",
        "unanswered_question": request.GET.get("unanswered"),
        "answers": state.answers,
        "completed_lesson_ids": state.completed,
    }
