"""Test settings: the same settings, with a file test database and fast hashing."""

from config.settings import *  # noqa: F403
from config.settings import BASE_DIR, DATABASES

if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A file, not in-memory: the browser tests' server process must see it.
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "test_db.sqlite3")}
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA synchronous=OFF;"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True  # tests run tasks in-process; workers are tested apart
