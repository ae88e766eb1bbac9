"""Domain errors of learners, each with a stable code and a translatable message."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class LearnerError(DomainError):
    code = "learner_error"
    status = 400
    message = _("This action is not possible.")


class CourseNotAvailable(LearnerError):
    code = "course_not_available"
    status = 404
    message = _("This course or lesson is not available.")


class NotEnrolled(LearnerError):
    code = "not_enrolled"
    status = 403
    message = _("Enrol in the course first.")


class QuestionNotFound(LearnerError):
    code = "question_not_found"
    status = 404
    message = _("This question does not exist in this lesson.")


class PuzzleNotFound(LearnerError):
    code = "puzzle_not_found"
    status = 404
    message = _("This puzzle does not exist in this lesson.")


class ExerciseNotFound(LearnerError):
    code = "exercise_not_found"
    status = 404
    message = _("This exercise does not exist in this lesson.")


class ReportRefused(LearnerError):
    """A Python exercise's report that does not match the exercise's tests."""

    code = "report_refused"
    status = 400
    message = _(
        "This result does not match the exercise. Reload the page and run it again."
    )


class ProgramRefused(LearnerError):
    """A puzzle program refused before it runs; `program_code` says why."""

    code = "program_refused"
    status = 400
    message = _("This program cannot run.")

    def __init__(self, message=None, *, program_code: str, block_id=None):
        self.program_code = program_code
        self.block_id = block_id
        super().__init__(message)


class InvalidAnswer(LearnerError):
    code = "invalid_answer"
    status = 400
    message = _("Choose one of the proposed answers.")


class EmailUnavailable(LearnerError):
    code = "email_unavailable"
    status = 409
    message = _(
        "This address belongs to another account. If it is yours, sign in with it."
    )
