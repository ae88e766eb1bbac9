"""WebSocket of a session page: the seat count, live, as people book and cancel."""

from __future__ import annotations

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from scheduling import events, selectors


class SessionSeatsConsumer(AsyncJsonWebsocketConsumer):
    """Anyone may follow a published session's seat count; nothing is received."""

    async def connect(self):
        session_id = self.scope["url_route"]["kwargs"]["session_id"]
        session = await database_sync_to_async(selectors.session_public)(
            session_id=session_id
        )
        if session is None:
            await self.close()
            return
        self.group = events.session_group(session.id)
        await self.channel_layer.group_add(self.group, self.channel_name)
        await self.accept()
        # The count may have changed since the page was rendered.
        await self.send_json(events.seats_message(session))

    async def disconnect(self, code):
        if hasattr(self, "group"):
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        pass  # the page only listens

    async def seats_update(self, message):
        await self.send_json({k: v for k, v in message.items() if k != "type"})
