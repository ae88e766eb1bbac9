"""Run a verifier outside the platform's code and read its JSON verdict."""

import json
import subprocess
from pathlib import Path


def verdict_of(command: list[str], *, cwd: Path | None = None) -> dict:
    """The JSON a verifier prints on stdout; its stderr when it fails."""
    done = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)
