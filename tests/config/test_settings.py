import asyncio
import os
import subprocess
import sys

import pytest
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings
from django.core.cache import cache, caches
from django.db import connection

from config import env as config_env
from tests.production import SITE


def run_settings(environment: dict) -> subprocess.CompletedProcess:
    """Import the settings in a fresh interpreter with exactly this environment."""
    return subprocess.run(
        [sys.executable, "-c", "import config.settings"],
        env={"PATH": os.environ["PATH"], **environment},
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_secret_postgres_and_redis():
    result = run_settings({"PRODUCTION": "true"})

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
    assert "DATABASE_URL (PostgreSQL)" in result.stderr
    assert "REDIS_URL" in result.stderr
    assert "SITE_BASE_URL" in result.stderr
    assert "DEFAULT_FROM_EMAIL" in result.stderr


def test_production_starts_with_what_it_needs():
    result = run_settings(
        {
            "PRODUCTION": "true",
            "SECRET_KEY": "x" * 50,
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/skills",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            **SITE,
        }
    )

    assert result.returncode == 0, result.stderr


def test_fresh_clone_defaults_need_no_environment():
    result = run_settings({})

    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
def test_suite_runs_on_the_database_named_by_the_environment():
    wanted = os.environ.get("DATABASE_URL", "sqlite")
    expected = "postgresql" if wanted.startswith("postgres") else "sqlite"

    assert connection.vendor == expected


def test_channel_layer_and_cache_use_redis_when_configured():
    layer = get_channel_layer()

    async def round_trip():
        # One event loop for the whole exchange: network layers bind to a loop.
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "ping"})
        return await asyncio.wait_for(layer.receive(channel), timeout=5)

    assert async_to_sync(round_trip)() == {"type": "ping"}
    cache.set("ci-probe", 42)
    assert cache.get("ci-probe") == 42
    if os.environ.get("REDIS_URL"):
        assert type(layer).__name__ == "RedisPubSubChannelLayer"
        assert settings.CACHES["redis"]["BACKEND"] == "django_redis.cache.RedisCache"
        # The value went to Redis, not to the process's fallback.
        assert caches["redis"].get("ci-probe") == 42


@pytest.mark.django_db
def test_public_pages_send_a_strict_content_security_policy(client, catalogue):
    policy = client.get("/")["Content-Security-Policy"]

    assert "script-src 'self'" in policy
    assert "object-src 'none'" in policy


@pytest.mark.parametrize("settings_module", ["config.settings", "config.settings_api"])
def test_production_settings_pass_the_deployment_checklist(settings_module):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": settings_module,
            "PRODUCTION": "true",
            "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp" * 10,
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/skills",
            "REDIS_URL": "redis://127.0.0.1:6379/0",
            "ALLOWED_HOSTS": "skills.example.be",
            **SITE,
        },
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_xapi_only_processes_serve_the_lrs_and_nothing_else(client, settings):
    from config import settings_api

    settings.MIDDLEWARE = settings_api.MIDDLEWARE
    settings.ROOT_URLCONF = settings_api.ROOT_URLCONF

    about = client.get("/xapi/about")
    catalogue = client.get("/")

    assert about.status_code == 200
    assert "1.0.3" in about.json()["version"]
    assert catalogue.status_code == 404
    assert "No xAPI resource" in catalogue.json()["error"]


def _prepare_threshold(environment: dict) -> str:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings as s;"
            "print(s.DATABASES['default']['OPTIONS'].get('prepare_threshold'))",
        ],
        env={
            "PATH": os.environ["PATH"],
            "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/skills",
            **environment,
        },
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_postgresql_prepares_repeated_queries_unless_a_pooler_forbids_it():
    assert _prepare_threshold({}) == "5"
    assert _prepare_threshold({"DB_PREPARE_THRESHOLD": "0"}) == "None"


@pytest.mark.django_db
def test_a_query_run_again_and_again_is_planned_once_on_postgresql(django_user_model):
    if connection.vendor != "postgresql":
        pytest.skip("prepared statements are PostgreSQL's (this run is on SQLite)")
    threshold = settings.DATABASES["default"]["OPTIONS"]["prepare_threshold"]
    if threshold is None:
        pytest.skip("turned off here (DB_PREPARE_THRESHOLD=0)")

    for _ in range(threshold + 1):
        list(django_user_model.objects.filter(email="nobody@example.be"))

    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('FROM "learners_user"' in statement for statement in prepared)
