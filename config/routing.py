"""WebSocket routes of every app, gathered in one list."""

from scheduling.routing import websocket_urlpatterns as scheduling_routes

websocket_urlpatterns: list = [*scheduling_routes]
