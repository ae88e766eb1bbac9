"""Django settings. Values come from ``config.env``; nothing here reads os.environ."""

from celery.schedules import crontab
from csp.constants import NONE, SELF

from config import env as cfg
from config.object_storage import media_origin, media_storage

BASE_DIR = cfg.BASE_DIR
DEBUG = cfg.DEBUG
# Development-only fallback; production mode refuses to start without SECRET_KEY.
SECRET_KEY = cfg.SECRET_KEY or "django-insecure-development-only-key"
RELEASE = cfg.RELEASE
ALLOWED_HOSTS = cfg.ALLOWED_HOSTS

INSTALLED_APPS = [
    "daphne",  # before staticfiles: runserver serves ASGI (HTTP + WebSocket)
    "channels",
    "common",
    "learners",
    "courses",
    "xapi",
    "badges",
    "scheduling",
    "django_ratelimit",
    "epn",
    "wallcode",
    "siteinfo",
    "desk",
    "assessment",
    "classes",
    "organisations",
    "sso",
    "training",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    # Anonymous visitors' shared pages, before sessions, CSRF and the rest.
    "common.page_cache.SharedPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "learners.shared_computer.SharedComputerMiddleware",
    "learners.learning_mode.LearningModeMiddleware",
    "learners.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSPMiddleware: the sign-in page lets its buttons reach the providers.
    "sso.middleware.ProviderFormActionMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            # {% load dates %}: local dates in the person's language (common.dates);
            # {% load phones %}: numbers as people read them (common.phones).
            "libraries": {"dates": "common.dates", "phones": "common.phones"},
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "learners.shared_computer.shared_computer",
                "learners.learning_mode.accompanied_banner",
            ],
        },
    },
]

# Forms render through the project's templates (templates/django/forms/): one
# error summary on every form, above the fields.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"


def _database(url: str) -> dict:
    database = cfg.env.db_url_config(url)
    database["ATOMIC_REQUESTS"] = False
    if database["ENGINE"].endswith("sqlite3"):
        # WAL lets the ASGI server read while a request writes.
        database.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"
    if database["ENGINE"].endswith("postgresql"):
        # Parameters travel apart from the SQL, in binary: client-side quoting of
        # the arrays that bulk inserts use cost more than the rest of an xAPI
        # request.
        database.setdefault("OPTIONS", {})["server_side_binding"] = True
        # Every query here is a short one among many at once: a parallel plan's
        # workers took 11 ms to start for a page that needs 0.6 ms serially
        # (an LRS course query, whose row estimate misleads the planner), and
        # JIT compiled for 22 ms on another. Neither pays on two cores busy
        # with other requests.
        database["OPTIONS"]["options"] = (
            "-c max_parallel_workers_per_gather=0 -c jit=off"
        )
        # Django turns psycopg's prepared statements off (for PgBouncer's sake):
        # each query was planned again at each run, ~1 ms of PostgreSQL's CPU for
        # one that joins Wagtail's page table, more than running it. The pool
        # keeps connections, so what they prepared keeps serving.
        database["OPTIONS"]["prepare_threshold"] = cfg.DB_PREPARE_THRESHOLD or None
        if cfg.DB_POOL_SIZE:
            # A bounded pool per process, however it is served: the ASGI server
            # runs each request's sync code in a thread of its own, and without a
            # bound 200 people at once opened 200 connections ("too many clients").
            database["OPTIONS"]["pool"] = {
                "min_size": 1,
                "max_size": cfg.DB_POOL_SIZE,
                "timeout": cfg.DB_POOL_TIMEOUT,
            }
    return database


DATABASES = {"default": _database(cfg.DATABASE_URL)}
if cfg.DATABASE_REPLICA_URL:
    # Reads that may lag (common.db_routing); tests read the primary through it.
    DATABASES["replica"] = _database(cfg.DATABASE_REPLICA_URL)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["common.db_routing.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "learners.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Forms posted from a page left open too long: the platform's own, kind page.
CSRF_FAILURE_VIEW = "siteinfo.views.csrf_failure"
LOGIN_URL = "account_login"
# A private page or document sends people to allauth's form (rate-limited, with
# the second factor), not Wagtail's own.
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"
# Each person lands where their work is (learners.navigation).
LOGIN_REDIRECT_URL = "learners:start"

# django-allauth: e-mail login, confirmed e-mail, built-in rate limits on login.
ACCOUNT_LOGIN_METHODS = {"email"}
# One password field with a "show" button: no confirmation field to mistype.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_FORMS = {"signup": "learners.signup.SignupForm"}
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SIGNUP_FORM_CLASS = "learners.forms.SignupProfileForm"
# E-mails name the platform and link to SITE_BASE_URL, not the request's host.
ACCOUNT_ADAPTER = "learners.adapter.AccountAdapter"
# The limits of every sign-in form: the admins' sign-in pages lead to allauth's.
# Behind the TLS proxy, every request comes from the proxy's address: a limit
# per address would count everyone together. Both limiters (allauth's and
# django-ratelimit's) read the client's address from the same rule.
ALLAUTH_TRUSTED_PROXY_COUNT = cfg.TRUSTED_PROXY_COUNT
RATELIMIT_IP_META_KEY = "common.ratelimits.client_address"
ACCOUNT_RATE_LIMITS = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}

# Single sign-on (sso): one allauth OpenID Connect app per organisation's
# identity provider, configured by platform admins in Wagtail's settings menu.
SOCIALACCOUNT_ADAPTER = "sso.adapter.SocialAccountAdapter"
# A first sign-in makes the account at once when the provider gives an e-mail
# address nobody here has.
SOCIALACCOUNT_AUTO_SIGNUP = True
# Never connect a provider's person to an existing account by e-mail: whoever
# controls a provider (or an account there with someone's address) would take
# over that local account, or an account of another provider. A taken address
# goes to allauth's "account already exists" e-mail, signed in nowhere.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# No access or refresh token kept: the sign-in needs them once.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

# A second factor (an authenticator app's code, with recovery codes) that staff
# set up from their profile; whoever has one is asked for it at every sign-in.
MFA_ADAPTER = "learners.adapter.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# The authenticator app lists the platform by name, not by the request's host.
MFA_TOTP_ISSUER = "Compétences numériques Wallonie"

LANGUAGE_CODE = "fr"
# Each language by its own name, never translated: a person finds theirs
# ("English" was shown as "Anglais" in French, beside "Deutsch").
LANGUAGES = [
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("nl", "Nederlands"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = cfg.MEDIA_ROOT
# Media in the S3 bucket when S3_BUCKET is set (config.object_storage), so that
# several web machines serve the same files; otherwise on the local disk.
S3 = {
    "bucket": cfg.S3_BUCKET,
    "endpoint_url": cfg.S3_ENDPOINT_URL,
    "region": cfg.S3_REGION,
    "custom_domain": cfg.S3_CUSTOM_DOMAIN,
}
STORAGES = {
    "default": media_storage(
        **S3,
        access_key_id=cfg.S3_ACCESS_KEY_ID,
        secret_access_key=cfg.S3_SECRET_ACCESS_KEY,
        querystring_auth=cfg.S3_QUERYSTRING_AUTH,
        querystring_expire=cfg.S3_QUERYSTRING_EXPIRE,
    ),
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if cfg.PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

vars().update(cfg.env.email_url_config(cfg.EMAIL_URL))
DEFAULT_FROM_EMAIL = cfg.DEFAULT_FROM_EMAIL

# Parts of the page frame that are the same for many requests ({% cache %} in
# base.html: the language buttons, the menu of a person), in each process's
# memory: no round trip, and about 2 KB each.
FRAGMENTS_CACHE = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "OPTIONS": {"MAX_ENTRIES": 5000},
}

# Sessions are read from Redis and kept in the database (Django's cached_db): a
# signed-in page no longer waits for PostgreSQL to know who asks. Never from a
# process's memory: a session kept there would outlive a sign-out done in
# another process. While Redis is unreachable the database answers alone
# ("nothing" is cached), and a copy stays in Redis at most SESSION_CACHE_SECONDS,
# so that a sign-out whose delete could not reach Redis ends there too.
SESSION_CACHE_SECONDS = 300
SESSION_CACHES = {
    "sessions": {
        "BACKEND": "common.cache.FallbackCache",
        "OPTIONS": {
            "PRIMARY": "redis",
            "FALLBACK": "nothing",
            "MAX_TIMEOUT": SESSION_CACHE_SECONDS,
        },
    },
    "nothing": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}

if cfg.REDIS_URL:
    # Redis, or each process's memory while Redis is unreachable (common.cache):
    # pages stay up and rate limits keep counting, per process, during an outage.
    CACHES = {
        "default": {
            "BACKEND": "common.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "local"},
        },
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": cfg.REDIS_URL,
            # A Redis that does not answer costs a second, not a minute.
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": FRAGMENTS_CACHE,
        **SESSION_CACHES,
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
    # The fallback cache wraps django-redis, which django-ratelimit supports.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
    # Pub/sub: a group send is one PUBLISH, cheap enough for every statement;
    # live views need no persistence or delivery guarantee beyond that.
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [cfg.REDIS_URL]},
        }
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": FRAGMENTS_CACHE,
    }
    # One process without Redis (development, tests): its own cache counts.
    SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# Celery: a Redis broker when REDIS_URL is set, otherwise tasks run in-process.
CELERY_BROKER_URL = cfg.REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not cfg.REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# A task is acknowledged once done, not once received: a worker killed mid-task
# leaves it to another (tasks are written to be run twice safely).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "publish-scheduled-pages": {
        "task": "courses.tasks.publish_scheduled_pages",
        "schedule": 60.0,
    },
    "booking-reminders": {
        "task": "scheduling.tasks.reminders_send",
        "schedule": crontab(hour=17, minute=0),
    },
    "purge-pending-registrations": {
        "task": "wallcode.tasks.pending_registrations_purge",
        "schedule": crontab(minute=7),
    },
    "send-deferred-tasks": {
        "task": "common.tasks.deferred_tasks_send",
        "schedule": 60.0,
    },
    "forward-statements": {
        "task": "xapi.tasks.outbox_deliver_all",
        "schedule": 60.0,
    },
    "purge-problem-reports": {
        "task": "siteinfo.tasks.problem_reports_purge",
        "schedule": crontab(hour=3, minute=30),
    },
    "end-idle-accompaniments": {
        "task": "desk.tasks.accompaniments_idle_end",
        "schedule": crontab(hour=4, minute=0),
    },
    # Notices first: an account due today is told about before any erasure.
    "notify-unused-assisted-accounts": {
        "task": "desk.tasks.assisted_accounts_notify_due",
        "schedule": crontab(hour=4, minute=10),
    },
    "erase-unused-assisted-accounts": {
        "task": "desk.tasks.assisted_accounts_erase_due",
        "schedule": crontab(hour=4, minute=20),
    },
    "purge-expired-invitations": {
        "task": "organisations.tasks.invitations_expired_purge",
        "schedule": crontab(hour=4, minute=40),
    },
    "purge-old-member-imports": {
        "task": "organisations.tasks.member_imports_old_purge",
        "schedule": crontab(hour=4, minute=45),
    },
    "training-path-reminders": {
        "task": "training.tasks.reminders_send",
        "schedule": crontab(hour=8, minute=10),
    },
    "training-path-overdue-reports": {
        "task": "training.tasks.overdue_report_send",
        "schedule": crontab(hour=8, minute=20),
    },
}

XAPI_IRI_BASE = cfg.XAPI_IRI_BASE
XAPI_PLATFORM = "Compétences numériques Wallonie"

# The platform's name wherever it speaks for itself (e-mails, admin), never the
# host name of the request.
SITE_NAME = "Compétences numériques Wallonie"
WAGTAIL_SITE_NAME = SITE_NAME
WAGTAILADMIN_BASE_URL = cfg.SITE_BASE_URL
# Absolute links that leave the site: Open Badges ids, links in e-mails.
SITE_BASE_URL = cfg.SITE_BASE_URL
BADGES_DEFAULT_ISSUER_NAME = "Compétences numériques Wallonie"
# Demo content of the apps above learners, loaded by `manage.py load_demo`.
DEMO_LOADERS = [
    "badges.demo_content.demo_badges_load",
    "epn.demo_content.demo_spaces_load",
    "wallcode.demo_content.demo_partners_load",
    "siteinfo.demo_content.demo_information_pages_load",
    "desk.demo_content.demo_assisted_load",
    "assessment.demo_content.demo_bank_load",
    "organisations.demo_content.demo_organisation_load",
    "training.demo_content.demo_paths_load",
]
# Posts of forms that take seats, per visitor (common.ratelimits).
# Login cards: per address, and per card code whoever types it.
RATE_LIMITS = {
    # Starting a single sign-on and coming back from the provider, per address.
    "sso": "30/m",
    "booking": "30/h",
    "registration": "20/h",
    "problem_report": "10/h",
    "card_sign_in": "10/m",
    "card_code": "5/15m",
    "card_sign_in_all": "120/m",
    "accompany_code": "10/h",
    "assessment_start": "30/h",
    # Each press of "play" runs the program on the server: a child tries a lot.
    "puzzle_run": "60/m",
    # A Python run is reported once it ends in the learner's browser.
    "exercise_report": "60/m",
}
# A login card's session ends after this long without a request (shared
# computers of the EPN): long enough to read a lesson slowly.
CARD_IDLE_SECONDS = 20 * 60
# An EPN space stops seeing a person it has not helped for this long.
DESK_IDLE_DAYS = 365
# An account made at the desk (no e-mail) unused for this long is erased, as
# its holder was told (desk.consent); the spaces that accompany the person are
# told this many days before.
ASSISTED_ACCOUNT_RETENTION_DAYS = 730
ASSISTED_ACCOUNT_NOTICE_DAYS = 30
# Text messages (booking confirmations, reminders): a class with send_messages().
SMS_BACKEND = cfg.SMS_BACKEND
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "svg"]
WAGTAILDOCS_EXTENSIONS = [
    "pdf",
    "odt",
    "docx",
    "txt",
    "vtt",
    "srt",
    "mp4",
    "mp3",
    "webm",
]
# Staff change and reset their password through allauth (/accounts/password/...),
# whose rate limits Wagtail's own forms lack; the admin sign-in page sends to
# allauth's too (config.urls).
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# No avatars fetched from gravatar.com: it would tell a third party who edits.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Public pages carry no inline script or style: a strict policy costs nothing.
# Wagtail's admin (and its previews) needs inline code, so it is left out.
# Images, videos and sounds come from the bucket when media are there (a
# document's URL redirects to it).
MEDIA_ORIGINS = [origin for origin in [media_origin(**S3)] if origin]
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "media-src": [SELF, *MEDIA_ORIGINS],
        "script-src": [SELF],
        "style-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

if cfg.PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    # Load balancers and monitors ask the processes themselves, in plain HTTP.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if "pool" not in DATABASES["default"].get("OPTIONS", {}):
        DATABASES["default"]["CONN_MAX_AGE"] = 60  # the pool keeps them otherwise
