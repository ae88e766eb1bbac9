"""The one place that reads the environment.

A fresh clone runs with no environment at all: SQLite, in-memory channel layer,
eager Celery, console e-mail. Production mode (``PRODUCTION=true``) refuses to
start without a secret key, PostgreSQL, Redis, the site's address and the
sender of its e-mails.
"""

import os
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")  # optional; absent in CI and on a fresh clone

PRODUCTION = env.bool("PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("SECRET_KEY", default="")
DATABASE_URL = env.str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
REDIS_URL = env.str("REDIS_URL", default="")
# The release deployed (a tag, a commit): what one release stored in the shared
# cache is never read by another (common.release). Unset: a digest of the code.
RELEASE = env.str("RELEASE", default="")
# PostgreSQL connections per process (a pool; 0 turns it off): see README's
# connection budget. Requests beyond it wait up to DB_POOL_TIMEOUT seconds.
DB_POOL_SIZE = env.int("DB_POOL_SIZE", default=8)
# A streaming replica of DATABASE_URL for the reads that may lag a moment: the
# LRS's statement queries (common.db_routing). Unset: everything on the primary.
DATABASE_REPLICA_URL = env.str("DATABASE_REPLICA_URL", default="")
DB_POOL_TIMEOUT = env.float("DB_POOL_TIMEOUT", default=20.0)
# A query run this many times on a connection is prepared: PostgreSQL plans it
# once, not at each run. 0: never (behind PgBouncer before 1.21 in transaction
# mode, which cannot keep a connection's prepared statements).
DB_PREPARE_THRESHOLD = env.int("DB_PREPARE_THRESHOLD", default=5)
# Proxies in front of the platform that append to X-Forwarded-For (the TLS
# proxy: 1). Rate limits per address count the address that many hops from the
# right; 0 counts the connection's address (no proxy, or one that hides them).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
EMAIL_URL = env.str("EMAIL_URL", default="consolemail://")
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Compétences numériques <noreply@localhost>"
)
SITE_BASE_URL = env.str("SITE_BASE_URL", default="http://127.0.0.1:8000")
# Stable IRI roots of the platform's xAPI activities and learner accounts: they
# must not change when the site moves, so they are settings of their own.
SMS_BACKEND = env.str("SMS_BACKEND", default="scheduling.sms.ConsoleBackend")
XAPI_IRI_BASE = env.str("XAPI_IRI_BASE", default=f"{SITE_BASE_URL}/xapi/")
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# S3-compatible object storage for media (uploaded images and documents, their
# renditions), shared by every web machine; unset: MEDIA_ROOT on the local disk.
# S3_ENDPOINT_URL unset means AWS itself. Without keys, boto3 finds credentials
# itself (instance role). See config/object_storage.py.
S3_BUCKET = env.str("S3_BUCKET", default="")
S3_ENDPOINT_URL = env.str("S3_ENDPOINT_URL", default="")
S3_REGION = env.str("S3_REGION", default="")
S3_ACCESS_KEY_ID = env.str("S3_ACCESS_KEY_ID", default="")
S3_SECRET_ACCESS_KEY = env.str("S3_SECRET_ACCESS_KEY", default="")
# A public domain (a CDN) in front of the bucket: its URLs are never signed.
S3_CUSTOM_DOMAIN = env.str("S3_CUSTOM_DOMAIN", default="")
# Signed URLs (the bucket stays private) and how long one lasts: longer than a
# page is kept in the cache (common.page_cache, an hour), so that the images of
# a cached page still load when it is served at the end of its hour.
S3_QUERYSTRING_AUTH = env.bool("S3_QUERYSTRING_AUTH", default=True)
S3_QUERYSTRING_EXPIRE = env.int("S3_QUERYSTRING_EXPIRE", default=3 * 60 * 60)


def check_production() -> None:
    """Fail fast when production mode lacks what it cannot run without."""
    if not PRODUCTION:
        return
    missing = []
    if not SECRET_KEY:
        missing.append("SECRET_KEY")
    if not DATABASE_URL.startswith(("postgres://", "postgresql://", "pgsql://")):
        missing.append("DATABASE_URL (PostgreSQL)")
    if not REDIS_URL:
        missing.append("REDIS_URL")
    # Their defaults would send people mail from noreply@localhost with links
    # to 127.0.0.1 (a password reset, a booking's cancel link).
    for name in ("SITE_BASE_URL", "DEFAULT_FROM_EMAIL"):
        if not os.environ.get(name):
            missing.append(name)
    if missing:
        raise ImproperlyConfigured(
            "Production mode needs: " + ", ".join(missing) + ". See .env.example."
        )


check_production()
