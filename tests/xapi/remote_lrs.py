"""A second, real LRS in its own process: this platform on its own SQLite file."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RemoteLRSProcess:
    """Starts, stops and restarts a separate LRS server on a fixed port."""

    def __init__(self, workdir: Path):
        self.port = free_port()
        self.database = workdir / "remote-lrs.sqlite3"
        self.process: subprocess.Popen | None = None
        self.env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": f"sqlite:///{self.database}",
            "MEDIA_ROOT": str(workdir / "media"),
            "SITE_BASE_URL": f"http://127.0.0.1:{self.port}",
        }

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}/xapi/"

    def manage(self, *args: str) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout

    def prepare(self) -> tuple[str, str]:
        """Migrate the remote's database; return a client's (key, secret)."""
        self.manage("migrate", "--noinput", "-v0")
        output = self.manage("lrs_client", "create", "forwarding", "--scope", "all")
        key = re.search(r"key:\s+(\S+)", output).group(1)
        secret = re.search(r"secret:\s+(\S+)", output).group(1)
        return key, secret

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "daphne"),
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "config.asgi:application",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{self.endpoint}about", timeout=1)
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("The remote LRS did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None

    def statement_ids(self) -> list[str]:
        """Every statement id the remote holds, read from its own database."""
        import sqlite3

        with sqlite3.connect(self.database) as connection:
            rows = connection.execute("SELECT id FROM xapi_statement").fetchall()
        return [str(uuid.UUID(row[0])) for row in rows]

    def statements(self) -> dict[str, dict]:
        """Every statement the remote holds, by id, as it stored them."""
        import json
        import sqlite3

        with sqlite3.connect(self.database) as connection:
            rows = connection.execute("SELECT id, data FROM xapi_statement").fetchall()
        return {str(uuid.UUID(row[0])): json.loads(row[1]) for row in rows}

    def forget(self, statement_id: str) -> None:
        """Remove a statement from the remote's database, as if never received."""
        import sqlite3

        with sqlite3.connect(self.database) as connection:
            connection.execute(
                "DELETE FROM xapi_statement WHERE id = ?", [uuid.UUID(statement_id).hex]
            )
