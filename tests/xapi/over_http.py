"""The LRS as production serves it: gunicorn running ``config.wsgi_api`` on the
test database, spoken to over real HTTP with the same calls as Django's test
client, so one test runs under both (``http`` fixture, tests/xapi/conftest.py).

With PostgreSQL and Redis (CI's second run) the process runs in production
mode (PRODUCTION=true, DEBUG off, Redis cache); on SQLite it runs with DEBUG
off, production mode needing PostgreSQL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote, urlencode

import requests

from tests.production import SITE

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "a-test-secret-key-long-enough-for-the-production-checks-0123456789"


class Answer:
    """A requests response with the reading side of Django's test response."""

    def __init__(self, response: requests.Response):
        self.raw = response
        self.status_code = response.status_code
        self.content = response.content
        self.headers = response.headers

    def __getitem__(self, name: str) -> str:
        return self.headers[name]

    def __contains__(self, name: str) -> bool:
        return name in self.headers

    def has_header(self, name: str) -> bool:
        return name in self.headers

    def get(self, name: str, default=None):
        return self.headers.get(name, default)

    def json(self):
        return self.raw.json()


class OverHttp:
    """Django test client calls (``get``, ``post``, ``put``, ``generic``) sent
    to a running server: ``HTTP_X_FOO`` keyword arguments become headers."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.session = requests.Session()

    def generic(self, method, path, data=b"", content_type=None, **extra):
        headers = _headers(extra)
        if content_type and data:
            headers["Content-Type"] = content_type
        if isinstance(data, str):
            data = data.encode()
        response = self.session.request(
            method, self.base_url + path, data=data or None, headers=headers, timeout=30
        )
        return Answer(response)

    def get(self, path, data=None, **extra):
        query = extra.pop("query_params", None) or data or {}
        response = self.session.get(
            self.base_url + path, params=query, headers=_headers(extra), timeout=30
        )
        return Answer(response)

    def post(self, path, data=b"", content_type=None, **extra):
        return self._with_query("POST", path, data, content_type, extra)

    def put(self, path, data=b"", content_type=None, **extra):
        return self._with_query("PUT", path, data, content_type, extra)

    def _with_query(self, method, path, data, content_type, extra):
        query = extra.pop("query_params", None) or {}
        if query:
            path += "?" + urlencode(query)
        return self.generic(method, path, data, content_type, **extra)


def _headers(extra: dict) -> dict:
    return {
        key[5:].replace("_", "-").title(): value
        for key, value in extra.items()
        if key.startswith("HTTP_")
    }


def database_url(settings_dict: dict) -> str:
    """The URL of the test database the test process itself uses."""
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{settings_dict['NAME']}"
    user = quote(settings_dict.get("USER") or "")
    password = quote(settings_dict.get("PASSWORD") or "")
    credentials = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{credentials}{host}:{port}/{settings_dict['NAME']}"


def start_gunicorn(settings_dict: dict, log: Path) -> tuple[subprocess.Popen, str]:
    """gunicorn with two workers serving the xAPI API, its messages in ``log``
    (a file: a pipe nobody reads would block it); returns it and its URL once
    a worker answers."""
    port = _free_port()
    url = database_url(settings_dict)
    environment = {
        **os.environ,
        "DATABASE_URL": url,
        "SECRET_KEY": SECRET_KEY,
        "ALLOWED_HOSTS": "127.0.0.1",
        "DEBUG": "false",
        **SITE,
    }
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    if url.startswith("postgres://") and os.environ.get("REDIS_URL"):
        environment["PRODUCTION"] = "true"
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi_api:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace")[-3000:])
        try:  # the workers boot (Django loads) after the port listens
            about = requests.get(f"{base}/xapi/about", timeout=10)
            if about.status_code == 200:
                assert about.headers["Server"].startswith("gunicorn")
                return server, base
        except requests.RequestException:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("gunicorn did not answer within 60 s")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
