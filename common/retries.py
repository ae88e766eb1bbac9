"""How Celery tasks that tell people or publish events ride out a bad moment.

A database restart, a full connection pool, a broker or an SMS gateway that
drops the line: the task is retried with a growing, jittered delay instead of
being lost. Tasks are acknowledged late (settings), so a worker that dies
mid-task leaves the message for another worker.
"""

from __future__ import annotations

from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerError

# ConnectionError and TimeoutError are OSErrors: networks, SMTP, SMS gateways.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, BrokerError, OSError)

RETRY_ON_TRANSIENT_ERRORS = {
    "autoretry_for": TRANSIENT_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 12,
}
