"""Text messages through a pluggable backend, as Django does for e-mail.

``SMS_BACKEND`` names a class with ``send_messages(messages) -> int``. The
console backend (the default) prints; the locmem backend keeps messages in
``scheduling.sms.outbox`` for tests. A provider's backend plugs in the same way.
Phone numbers and texts are never logged elsewhere.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

outbox: list[SMS] = []


@dataclass(frozen=True)
class SMS:
    to: str
    body: str


def sms_send(*, to: str, body: str) -> int:
    """Send one text message with the configured backend; return how many left."""
    backend = import_string(settings.SMS_BACKEND)()
    return backend.send_messages([SMS(to=to, body=body)])


class ConsoleBackend:
    def send_messages(self, messages: list[SMS]) -> int:
        for message in messages:
            sys.stdout.write(f"SMS to {message.to}:\n{message.body}\n\n")
        return len(messages)


class LocmemBackend:
    def send_messages(self, messages: list[SMS]) -> int:
        outbox.extend(messages)
        return len(messages)
