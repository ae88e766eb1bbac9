"""Errors of the positioning test, each with a stable ``code`` for callers."""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class BankError(ValueError):
    """An item bank file that cannot be used, and which item is at fault."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class AssessmentError(DomainError):
    code = "assessment_error"
    status = 400
    message = _("This action is not possible.")


class NotTheQuestionAsked(AssessmentError):
    code = "not_the_question_asked"
    status = 409
    message = _(
        "This question was already answered, or is not the one asked now. "
        "Here is the next one."
    )


class AnswerMissing(AssessmentError):
    code = "answer_missing"
    message = _("Choose an answer, then press “Next”.")
