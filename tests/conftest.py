"""Shared fixtures: a site with a catalogue, a course tree, learners."""

import os

import pytest
from django.conf import settings

from tests.factories import CourseBuilder, learner_create, site_with_catalogue


def pytest_sessionstart(session):
    """In CI a configured service that is down is a failure, never a skip."""
    if "redis" in settings.CACHES:
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"]).ping()


def pytest_configure(config):
    _flush_postgresql_by_delete()


def _flush_postgresql_by_delete():
    """A transactional test ends by emptying every table (Django's flush). On
    PostgreSQL that is one TRUNCATE of ~120 tables: 0.5-0.7 s, each table
    given new files synced to disk, for tables holding a few rows. DELETE
    empties them in ~10 ms; the foreign keys Django makes are deferrable, so
    the order does not matter. Tests only: a sequence reset keeps TRUNCATE."""
    from django.db.backends.postgresql.operations import DatabaseOperations

    truncate = DatabaseOperations.sql_flush

    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or not tables:
            return truncate(
                self,
                style,
                tables,
                reset_sequences=reset_sequences,
                allow_cascade=allow_cascade,
            )
        deletes = [f"DELETE FROM {self.quote_name(table)};" for table in tables]
        return ["SET CONSTRAINTS ALL DEFERRED;", *deletes]

    DatabaseOperations.sql_flush = sql_flush


def pytest_collection_modifyitems(items):
    """Transactional tests late, browser tests last.

    A transactional test ends by emptying the database, rows of data migrations
    (competences, Wagtail's root collection) included: the tests that expect
    them run before. Playwright leaves an event loop in the main thread.
    """
    items.sort(key=lambda item: ("tests/browser/" in str(item.path), _flushes(item)))


def _flushes(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The positioning test's demo bank, published once for the whole run, as
    `make setup` does: every test finds it (rolled back to it after each).
    A transactional test empties it: those that need it ask ``item_bank``."""
    from assessment.services import item_bank_load

    with django_db_blocker.unblock():
        item_bank_load()
    yield
    with django_db_blocker.unblock():
        _others_leave_the_test_database()


def _others_leave_the_test_database():
    """The run ends by dropping its test database, which PostgreSQL refuses
    while another session is on it ("being accessed by other users"): each CI
    run left one behind on the machine. The sessions found there were the live
    server's (browser tests): its request threads end holding a connection of
    the pool, which closing the pool does not close. They are ended here."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture
def item_bank(db):
    """The demo bank, loaded again if a transactional test emptied it (its
    pictures need Wagtail's root collection, emptied too)."""
    from wagtail.models import Collection

    from assessment.services import item_bank_load

    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    item_bank_load()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits live in the cache (Redis in CI): no test inherits another's."""
    from django.core.cache import cache, caches

    from common.remembered import forget_all
    from xapi.events import watched_snapshot_forget
    from xapi.forwarding import active_remotes_forget

    cache.clear()
    caches["fragments"].clear()
    forget_all()  # the generations start again: nothing remembered may match
    watched_snapshot_forget()
    active_remotes_forget()  # a test's remotes are rolled back, without signals


@pytest.fixture
def catalogue(db):
    return site_with_catalogue()


@pytest.fixture
def course_builder(catalogue):
    return CourseBuilder(catalogue)


@pytest.fixture
def course(course_builder):
    """A live course of 2 modules x 2 lessons, each lesson with two questions."""
    return course_builder.build(title="Premiers pas", modules=2, lessons=2)


@pytest.fixture
def learner(db):
    return learner_create(email="jeanne@example.be", display_name="Jeanne")


@pytest.fixture
def other_learner(db):
    return learner_create(email="paul@example.be", display_name="Paul")


@pytest.fixture
def facilitator(db):
    """A facilitator of the EPN of Namur (``namur``)."""
    return learner_create(email="anim@epn-namur.be", display_name="Anim")


@pytest.fixture
def namur(facilitator):
    from tests.scheduling.factories import organiser_create

    return organiser_create(name="EPN de Namur", members=[facilitator])


@pytest.fixture
def lea(namur, facilitator):
    """Léa, without e-mail, accompanied by the EPN of Namur (her accompaniment)."""
    from desk import services
    from desk.consent import NOTICE_POINT_CODES

    issued = services.assisted_account_create(
        organiser=namur,
        facilitator=facilitator,
        display_name="Léa",
        explained=NOTICE_POINT_CODES,
        postal_code="5000",
    )
    return issued.card.user.accompaniments.get()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what is queued on commit (Celery tasks, eager here) at the block's end."""
    return django_capture_on_commit_callbacks


def _asgi_application():
    # Module-level, so that the server process can build it.
    from channels.routing import get_default_application
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    return ASGIStaticFilesHandler(get_default_application())


def daphne_started():
    """A Daphne process serving the whole ASGI site, forked from this one with
    its settings and its test database, ready for requests."""
    from daphne.testing import DaphneProcess
    from django.db import connections

    for each in connections.all():
        # A forked connection pool would share its sockets with this process.
        if hasattr(each, "close_pool"):
            each.close_pool()
    server = DaphneProcess("127.0.0.1", _asgi_application)
    server.daemon = True
    server.start()
    if not server.ready.wait(timeout=30):
        raise RuntimeError("Daphne did not start")
    return server


@pytest.fixture
def asgi_server(transactional_db, settings):
    """Start the whole ASGI site in a Daphne process on the test database.

    The process is forked with the test's settings: Celery is eager there and
    the in-memory channel layer is that process's. ``email_dir``: its e-mails
    are written there as files, for the test to count. Returns the server's URL.
    """
    servers = []

    def start(*, email_dir=None) -> str:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost", "127.0.0.1"]
        if email_dir is not None:
            settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
            settings.EMAIL_FILE_PATH = str(email_dir)
        server = daphne_started()
        servers.append(server)
        url = f"http://127.0.0.1:{server.port.value}"
        settings.SITE_BASE_URL = url
        return url

    yield start
    for server in servers:
        server.terminate()
        server.join(timeout=10)


UNREACHABLE_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def redis_down(settings, broker_down):
    """Redis unreachable for everything that uses it: cache, channel layer, broker.

    The production settings' shape (config.settings with REDIS_URL), pointed at
    a port nobody listens on.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "redis", "FALLBACK": "local"},
        },
        "redis": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fragments": settings.FRAGMENTS_CACHE,
        **settings.SESSION_CACHES,
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.SESSION_CACHE_ALIAS = "sessions"
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [UNREACHABLE_REDIS]},
        }
    }


@pytest.fixture
def broker_down(monkeypatch):
    """Celery queues to a broker nobody listens to, as when Redis is down."""
    from config.celery import app

    down = {
        "task_always_eager": False,
        "broker_url": UNREACHABLE_REDIS,
    }
    before = {key: app.conf[key] for key in down}
    app.conf.update(down)
    # The producers were made for the test broker: make new ones.
    monkeypatch.setattr(app.amqp, "_producer_pool", None)
    yield
    app.conf.update(before)
