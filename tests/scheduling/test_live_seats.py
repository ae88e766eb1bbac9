"""The live seat count of a session page, over its WebSocket."""

import pytest
from asgiref.sync import async_to_sync
from channels.routing import URLRouter
from channels.testing import WebsocketCommunicator

from config.routing import websocket_urlpatterns
from tests.scheduling.factories import session_create

pytestmark = pytest.mark.django_db(transaction=True)


def follow(session_id: int):
    """Connect to a session's seat count; the first message, or None if closed."""

    async def run():
        socket = WebsocketCommunicator(
            URLRouter(websocket_urlpatterns), f"/ws/sessions/{session_id}/seats/"
        )
        connected, _ = await socket.connect()
        first = await socket.receive_json_from(timeout=5) if connected else None
        await socket.disconnect()
        return connected, first

    return async_to_sync(run)()


def test_a_page_follows_the_seat_count(namur):
    session = session_create(namur, capacity=10)

    connected, first = follow(session.id)

    assert connected
    assert first["status"] == session.status
    assert first["seats_left"] == 10
    assert first["capacity"] == 10


def test_an_unknown_session_is_refused(namur):
    connected, _ = follow(999_999)

    assert not connected
