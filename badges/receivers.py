"""Reactions of badges to other apps' signals: progress may earn badges."""

from __future__ import annotations

from common.commit import task_send
from learners import selectors as learning
from learners import statements as xs
from scheduling.statements import ATTENDED


def statements_stored_check_badges(*, statements: list[dict], **kwargs) -> None:
    """A course completed or a workshop attended may meet a badge's rule."""
    from badges import tasks

    users = _learners_completing_courses(statements) | _learners_attending(statements)
    for user_id in users:
        task_send(tasks.badges_check, user_id)


def _learners_attending(statements: list[dict]) -> set[int]:
    uids = [
        s["actor"].get("account", {}).get("name")
        for s in statements
        if s["verb"]["id"] == ATTENDED
    ]
    return learning.user_ids_by_learner_uid(uids=[uid for uid in uids if uid])


def _learners_completing_courses(statements: list[dict]) -> set[int]:
    completions = [
        statement
        for statement in statements
        if statement["verb"]["id"] == xs.COMPLETED
        and learning.statement_about_platform_activity(statement)
        and xs.parse_activity_iri(statement["object"]["id"])[0] == "courses"
        and statement.get("context", {}).get("registration")
    ]
    if not completions:
        return set()
    # The rule progress follows: an untrusted client's "completed" earns nothing.
    authority_keys = learning.progress_authority_keys()
    users = set()
    for statement in completions:
        if not learning.statement_counts_for_progress(
            statement, authority_keys=authority_keys
        ):
            continue
        registration = statement["context"]["registration"]
        enrolment = learning.enrolment_by_registration(registration=registration)
        if enrolment is not None:
            users.add(enrolment.user_id)
    return users
