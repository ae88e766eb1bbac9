"""ASGI pieces shared by the site's processes."""

from __future__ import annotations

from django.utils.http import http_date


class DateHeader:
    """Adds the Date header to every HTTP response that has none.

    RFC 9110 6.6.1: an origin server with a clock MUST send Date, and xAPI
    clients read it beside X-Experience-API-Consistent-Through. Gunicorn
    writes it itself; Daphne (``make run``, and the WebSocket process) does
    not, so the ASGI application adds it.
    """

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)

        async def send_dated(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                if not any(name.lower() == b"date" for name, _ in headers):
                    headers.append((b"date", http_date().encode("latin-1")))
                    message = {**message, "headers": headers}
            await send(message)

        return await self.application(scope, receive, send_dated)
