"""Reactions of badges to other apps' signals: progress may earn badges."""

from __future__ import annotations

from learners import selectors as learning
from learners import statements as xs


def statements_stored_check_badges(*, statements: list[dict], **kwargs) -> None:
    """A course completed may meet a badge's rule: check the learner's badges."""
    from badges import tasks

    for user_id in _learners_completing_courses(statements):
        tasks.badges_check.delay(user_id)


def _learners_completing_courses(statements: list[dict]) -> set[int]:
    users = set()
    for statement in statements:
        if statement["verb"]["id"] != xs.COMPLETED:
            continue
        parsed = xs.parse_activity_iri(statement["object"].get("id", ""))
        registration = statement.get("context", {}).get("registration")
        if parsed is None or parsed[0] != "courses" or not registration:
            continue
        enrolment = learning.enrolment_by_registration(registration=registration)
        if enrolment is not None:
            users.add(enrolment.user_id)
    return users
