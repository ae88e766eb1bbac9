"""Test settings: the same settings, with a file test database and fast hashing."""

import os
from urllib.parse import urlsplit


def _worker_redis_url(url: str, worker: str) -> str:
    """``url`` with the database number moved down by the xdist worker's index
    (gw0 keeps it): redis://host:6379/15 is /15 for gw0, /14 for gw1..."""
    parts = urlsplit(url)
    database = int(parts.path.strip("/") or 0)
    index = int(worker.removeprefix("gw"))
    return parts._replace(path=f"/{(database - index) % 16}").geturl()


# Under pytest-xdist each worker has a database of its own (pytest-django adds
# the worker to its name) and must have its own Redis database too: a test
# empties the cache, which would empty the other worker's rate limits and
# fragments mid-test. Set before the settings read the environment.
if os.environ.get("PYTEST_XDIST_WORKER") and os.environ.get("REDIS_URL"):
    os.environ["REDIS_URL"] = _worker_redis_url(
        os.environ["REDIS_URL"], os.environ["PYTEST_XDIST_WORKER"]
    )

from config.settings import *  # noqa: E402, F403
from config.settings import BASE_DIR, DATABASES  # noqa: E402

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not in-memory: a browser test's server process must see it. One
    # per test run, so that two runs on one machine do not share it.
    DATABASES["default"]["TEST"] = {
        "NAME": str(BASE_DIR / f"test_db_{os.getpid()}.sqlite3")
    }
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA synchronous=OFF;"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True  # tests run tasks in-process; workers are tested apart
SMS_BACKEND = "scheduling.sms.LocmemBackend"
