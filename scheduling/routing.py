from django.urls import path

from scheduling import consumers

websocket_urlpatterns = [
    path(
        "ws/sessions/<int:session_id>/seats/", consumers.SessionSeatsConsumer.as_asgi()
    ),
]
