"""The beat's safety net for tasks the broker refused when they were due."""

from __future__ import annotations

import logging

from celery import current_app, shared_task
from django.db.models import F

from common.commit import BROKER_UNREACHABLE
from common.models import DeferredTask

logger = logging.getLogger(__name__)
BATCH = 500


@shared_task(ignore_result=True)
def deferred_tasks_send() -> int:
    """Beat, every minute: queue the deferred tasks again, oldest first.

    The beat itself runs only with a broker that answers; if it stops answering
    midway, the rest waits for the next minute. A task sent twice (the row's
    deletion failing after the send) is harmless: tasks are written to run twice.
    """
    sent = 0
    for deferred in DeferredTask.objects.all()[:BATCH]:
        task = current_app.tasks.get(deferred.name)
        if task is None:  # renamed since: a person must look
            logger.error("Deferred task %s is unknown", deferred.name)
            continue
        try:
            task.apply_async(args=deferred.args, kwargs=deferred.kwargs)
        except BROKER_UNREACHABLE as error:
            DeferredTask.objects.filter(id=deferred.id).update(
                attempts=F("attempts") + 1
            )
            logger.warning("Deferred tasks wait (%s)", type(error).__name__)
            break
        deferred.delete()
        sent += 1
    return sent
