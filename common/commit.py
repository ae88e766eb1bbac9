"""Work queued for after a transaction commits, which cannot fail the request.

Once the data is committed, the request has succeeded: a message, a live
update or a Celery task queued afterwards is a consequence, not a condition.
When the broker is unreachable, ``delay()`` raises (kombu's OperationalError);
raised from an on-commit hook, it would answer 500 to a request whose booking or
statements are stored, and the person would try again. The beat's safety nets
(outbox delivery, reminders) pick up what was not queued.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction

logger = logging.getLogger(__name__)


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
