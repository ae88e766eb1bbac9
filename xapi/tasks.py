"""Celery entry points of the LRS: forwarding statements to external LRSs."""

from celery import shared_task

from xapi import events, forwarding
from xapi.models import ExternalLRS, Statement


@shared_task(bind=True, max_retries=None, ignore_result=True)
def outbox_deliver(self, remote_id: int) -> int:
    """Deliver the outbox of one external LRS; retried with back-off on failure."""
    try:
        return forwarding.outbox_deliver(remote_id=remote_id)
    except forwarding.DeliveryFailed:
        if self.request.is_eager:
            # In-process Celery (no broker): the entries wait, postponed, for the
            # next delivery; a learner's request must not fail for a remote's sake.
            return 0
        countdown = forwarding.backoff(self.request.retries + 1).total_seconds()
        raise self.retry(countdown=countdown) from None


@shared_task(ignore_result=True)
def statements_publish(statement_ids: list[str]) -> None:
    """Publish stored statements to their Channels groups, off the request path."""
    data = Statement.objects.filter(id__in=statement_ids).values_list("data", flat=True)
    events.statements_publish(statements=list(data))


@shared_task(ignore_result=True)
def outbox_deliver_all() -> None:
    """Beat safety net: resume every remote's outbox (after a worker died, say)."""
    for remote_id in ExternalLRS.objects.filter(active=True).values_list(
        "id", flat=True
    ):
        outbox_deliver.delay(remote_id)
