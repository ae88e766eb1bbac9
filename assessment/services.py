"""Writes of the positioning test: start, answer, attach to an account.

The server scores: the page sends the indexes chosen for the question the
engine asked, and only that question is accepted. Every answer of a person with
an account is an xAPI statement; an anonymous test's answers become statements
when it is attached to the account made afterwards.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.images import get_image_model

from assessment import exceptions, statements
from assessment.bank import DEFAULT_PATH, Question, load_questions
from assessment.engine import next_item, profile
from assessment.models import Attempt, Item, ItemLanguage
from assessment.questions import bank, questions
from badges import services as badges
from learners.learning_mode import current_accompaniment
from learners.statements import platform_authority
from xapi import services as lrs


def attempt_start(*, user=None) -> Attempt:
    """A new test, for a person signed in or not; accompanied if they are now."""
    accompanied = current_accompaniment()
    return Attempt.objects.create(
        user=user if user and user.is_authenticated else None,
        accompanied_by_id=accompanied["facilitator_id"] if accompanied else None,
    )


def answer_record(
    *, attempt: Attempt, item_id: str, chosen: list[int], request=None
) -> bool:
    """Score the answer to the question asked now; True if it was right."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(id=attempt.id)
        current = bank(request)
        seed = str(locked.uuid)
        asked = next_item(current, current.known(locked.engine_answers), seed=seed)
        if asked is None or asked.id != item_id:
            raise exceptions.NotTheQuestionAsked()
        # Scored and told in French: a translation marks the same answers right.
        question = questions(request, language="fr")[item_id]
        _check_shape(question, chosen)
        correct = question.is_right(chosen)
        locked.answers = [*locked.answers, [item_id, correct, chosen]]
        if next_item(current, current.known(locked.engine_answers), seed=seed) is None:
            locked.finished_at = timezone.now()
        locked.save(update_fields=["answers", "finished_at"])
        if locked.user_id:
            _statement_store(locked, question, chosen, correct)
            if locked.finished_at:
                _badges_award(locked)
    attempt.refresh_from_db()
    return correct


def _check_shape(question: Question, chosen: list[int]) -> None:
    count = len(question.answers)
    if not chosen or any(not 0 <= index < count for index in chosen):
        raise exceptions.AnswerMissing()
    if question.type == "order" and sorted(chosen) != list(range(count)):
        raise exceptions.AnswerMissing()
    if question.type not in ("multiple", "order") and len(chosen) != 1:
        raise exceptions.AnswerMissing()


def paper_test_record(
    *, accompaniment, facilitator, results: dict[str, bool]
) -> Attempt:
    """A paper test typed in by the facilitator of a person they accompany:
    ``results`` says, for each question the person answered, if it was right.
    The profile reads it like any test (the ladder counts the levels right)."""
    from desk.models import OnBehalfAction
    from desk.services import action_record

    with transaction.atomic():
        attempt = Attempt.objects.create(
            user=accompaniment.learner,
            accompanied_by=facilitator,
            answers=[[item_id, right, []] for item_id, right in results.items()],
            finished_at=timezone.now(),
        )
        known = questions(language="fr")
        for item_id, right, _chosen in attempt.answers:
            if item_id in known:
                _statement_store(attempt, known[item_id], [], right)
        action_record(
            accompaniment,
            facilitator,
            OnBehalfAction.Kind.PAPER_TEST,
            f"{sum(results.values())}/{len(results)}",
        )
        _badges_award(attempt)
    return attempt


def result_share(*, attempt: Attempt) -> str:
    """Make the result readable by whoever has its link (the person chose to)."""
    if attempt.share_key is None:
        attempt.share_key = secrets.token_urlsafe(18)
        attempt.save(update_fields=["share_key"])
    return attempt.share_key


def result_unshare(*, attempt: Attempt) -> None:
    """The shared link stops working."""
    attempt.share_key = None
    attempt.save(update_fields=["share_key"])


def attempts_attach(*, uuids: list[str], user) -> int:
    """Give a person the tests they took before signing in (this browser's)."""
    with transaction.atomic():
        found = list(
            Attempt.objects.select_for_update().filter(uuid__in=uuids, user=None)
        )
        known = questions(language="fr")
        for attempt in found:
            attempt.user = user
            attempt.save(update_fields=["user"])
            for item_id, correct, chosen in attempt.answers:
                # A question unpublished since has no statement to make.
                if item_id in known:
                    _statement_store(attempt, known[item_id], chosen, correct)
            if attempt.finished_at:
                _badges_award(attempt)
    return len(found)


def _badges_award(attempt: Attempt) -> None:
    """The badges of the levels this test shows (badges aligned to DigComp)."""
    current = bank()
    shown = profile(current, current.known(attempt.engine_answers))
    levels = {result.code: result.level for result in shown.competences}
    badges.badges_for_levels(recipient=attempt.user, levels=levels)


def _statement_store(attempt, question, chosen, correct) -> None:
    lrs.statement_store(
        statement=statements.answer_statement(
            attempt=attempt, question=question, chosen=chosen, correct=correct
        ),
        authority=platform_authority(),
    )


def item_bank_load(*, path: Path = DEFAULT_PATH, user=None) -> int:
    """Publish the items of a bank file as questions of the Wagtail bank; an
    item already there (same identifier) is left as the editors made it.
    Checks the whole file first (BankError); returns how many were added."""
    found = load_questions(path)
    present = set(
        Item.objects.filter(translation_of=None).values_list("slug", flat=True)
    )
    added = 0
    with transaction.atomic():
        for question in found.values():
            if question.id in present:
                continue
            item = Item(
                slug=question.id,
                language=ItemLanguage.FR,
                competence=question.competence,
                level=question.level,
                type=question.type,
                prompt=question.prompt,
                answers=[
                    {"type": "answer", "value": _answer_value(answer)}
                    for answer in question.answers
                ],
                live=False,
            )
            if question.picture is not None:
                item.picture = _picture_image(path.parent / "pictures", question)
                item.picture_alt = question.picture.alt
            item.full_clean()
            item.save()
            item.save_revision(user=user).publish(user=user, log_action=False)
            added += 1
    return added


def _answer_value(answer) -> dict:
    return {
        "text": answer.text,
        "feedback": answer.feedback,
        "correct": answer.correct,
        "x": answer.x,
        "y": answer.y,
    }


def _picture_image(folder: Path, question: Question):
    """The Wagtail image of a picture item's file, made once (by its title)."""
    Image = get_image_model()
    title = f"Test : {question.picture.src}"
    image = Image.objects.filter(title=title).first()
    if image is None:
        with (folder / question.picture.src).open("rb") as handle:
            image = Image(
                title=title, file=ImageFile(handle, name=question.picture.src)
            )
            image.save()
    return image
