"""Test settings: the same settings, with a file test database and fast hashing."""

import os

# Under pytest-xdist each worker has a database of its own (pytest-django adds
# the worker to its name) and must have its own Redis database too: a test
# empties the cache, which would empty the other worker's rate limits and
# fragments mid-test. Set before the settings read the environment.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker and os.environ.get("REDIS_URL"):
    _base, _, _db = os.environ["REDIS_URL"].rpartition("/")
    _offset = int(_worker.removeprefix("gw"))
    os.environ["REDIS_URL"] = f"{_base}/{(int(_db or 0) - _offset) % 16}"

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
