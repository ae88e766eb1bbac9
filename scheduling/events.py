"""Live seat counts: each session's page listens on its own Channels group."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def session_group(session_id: int) -> str:
    """The Channels group of one session's live seat count."""
    return f"scheduling.session.{session_id}"


def seats_message(session) -> dict:
    return {
        "type": "seats.update",
        "seats_left": session.seats_left,
        "capacity": session.capacity,
        "status": session.status,
    }


def seats_publish(*, session) -> None:
    """Send the seat count to open pages; an outage never fails a booking."""
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            session_group(session.id), seats_message(session)
        )
    except Exception as error:  # the booking is stored; live pages are best effort
        logger.error("Could not publish the seat count: %r", error)
