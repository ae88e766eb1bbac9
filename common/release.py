"""Which release of the platform this process runs.

What is shared between processes through the cache (finished pages, routes and
pages prepared for learners, rendered blocks) is valid for one release only: a
page rendered by the last release names its static files, a pickled page its
fields, as that release had them. The content generations are kept per release
(common.page_cache), so a deploy starts from a fresh generation and nothing
the release before it stored is read.

``RELEASE`` in the environment names it (a tag, a commit); without it, it is a
digest of the platform's own code, templates, translations and static files,
the same in every process that runs the same files.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

from django.conf import settings

SUFFIXES = {".py", ".html", ".txt", ".json", ".mo", ".css", ".js", ".svg"}
SKIPPED = {"tests", "bench", "node_modules", "media", "staticfiles", "vendor"}
FILES = ("package-lock.json", "pyproject.toml")


@functools.cache
def release() -> str:
    if settings.RELEASE:
        return settings.RELEASE
    return _digest_of_the_code(Path(settings.BASE_DIR))


def _digest_of_the_code(base: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(_code_files(base)):
        digest.update(path.relative_to(base).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _code_files(base: Path):
    for name in FILES:
        if (base / name).is_file():
            yield base / name
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.is_file():  # the hashed names pages link to
        yield manifest
    for top in base.iterdir():
        if not top.is_dir() or top.name.startswith(".") or top.name in SKIPPED:
            continue
        if top.name.endswith(".egg-info"):
            continue
        for path in top.rglob("*"):
            if (
                path.suffix in SUFFIXES
                and path.is_file()
                and not SKIPPED.intersection(path.relative_to(base).parts)
            ):
                yield path
