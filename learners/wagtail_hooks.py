"""Learner state added to course and lesson pages through the courses hooks."""

from wagtail import hooks

from learners import selectors, services


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
    course = lesson.course
    enrolment = selectors.enrolment_for_course(user=request.user, course=course)
    if enrolment is None:
        return {"enrolment": None, "completed_lesson_ids": set(), "answers": {}}
    if not getattr(request, "is_preview", False):
        services.lesson_experience(enrolment=enrolment, lesson=lesson)
    progress = selectors.lesson_progress_get(enrolment=enrolment, lesson=lesson)
    return {
        "enrolment": enrolment,
        "finish_refused": request.GET.get("finish") == "refused",
        "lesson_progress": progress,
        "answers": progress.answers if progress else {},
        "completed_lesson_ids": selectors.completed_lesson_ids(enrolment=enrolment),
    }
