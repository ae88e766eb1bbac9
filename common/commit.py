"""Work queued for after a transaction commits, which cannot fail the request.

Once the data is committed, the request has succeeded: a message, a live
update or a Celery task queued afterwards is a consequence, not a condition.
When the broker is unreachable, ``delay()`` raises (kombu's OperationalError);
raised from an on-commit hook, it would answer 500 to a request whose booking or
statements are stored, and the person would try again.

A task that tells a person something (their booking, their badge) must not be
lost either: ``task_send`` keeps what the broker refused in the database
(``DeferredTask``), and the beat queues it again once the broker is back
(common.tasks). The statements' outbox and the reminders have their own nets.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# What ``delay()`` raises when the broker does not answer; OSError also covers
# an eager task (development) whose SMTP server or SMS gateway is down.
BROKER_UNREACHABLE = (BrokerError, OSError)


def on_commit_safely(hook: Callable[[], object], *, using: str | None = None) -> None:
    """Run ``hook`` once the current transaction commits; log it if it fails."""
    transaction.on_commit(lambda: run_safely(hook), using=using)


def run_safely(hook: Callable[[], object]) -> None:
    """Run ``hook`` and log (never raise) an exception: the data is stored."""
    try:
        hook()
    except Exception as error:
        # The exception's class only: its message can carry personal data (a
        # database error quotes the row). The traceback is for DEBUG logs.
        logger.error(
            "After-commit work %s failed (%s); the data is stored",
            getattr(hook, "__qualname__", repr(hook)),
            type(error).__name__,
        )
        logger.debug("After-commit failure", exc_info=True)


def task_send(task, *args, **kwargs) -> None:
    """Queue a Celery task, or keep it for the beat if the broker refuses it.

    Called after a commit (never raises): the data that the task is about is
    stored, and the person must still be told.
    """
    try:
        task.delay(*args, **kwargs)
    except BROKER_UNREACHABLE as error:
        _defer(task.name, args, kwargs, error)
    except Exception as error:
        logger.error("Task %s failed (%s)", task.name, type(error).__name__)
        logger.debug("Task failure", exc_info=True)


def task_after_commit(task, *args, **kwargs) -> None:
    """``task_send`` once the current transaction commits."""
    transaction.on_commit(lambda: task_send(task, *args, **kwargs))


def _defer(name: str, args: tuple, kwargs: dict, error: Exception) -> None:
    from common.models import DeferredTask

    try:
        DeferredTask.objects.create(name=name, args=list(args), kwargs=kwargs)
    except Exception as storing_error:  # the database is down too: say so
        logger.error(
            "Task %s lost: the broker (%s) and the database (%s) refused it",
            name,
            type(error).__name__,
            type(storing_error).__name__,
        )
        return
    logger.warning(
        "Task %s deferred: the broker refused it (%s)", name, type(error).__name__
    )
