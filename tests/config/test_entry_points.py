"""Each WSGI entry point serves its own settings, imported in a fresh process."""

import json
import os
import subprocess
import sys

import pytest

from config import env as config_env
from tests.production import SITE

# Imports an entry point as gunicorn does, then calls its WSGI application.
PROBE = """
import importlib, json, sys
from wsgiref.util import setup_testing_defaults

entry = importlib.import_module(sys.argv[1])
from django.conf import settings

def get(path, **headers):
    environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", **headers}
    setup_testing_defaults(environ)
    started = []
    body = b"".join(
        entry.application(environ, lambda status, headers: started.append(status))
    )
    return {"status": int(started[0].split()[0]), "body": body.decode()[:200]}

print(json.dumps({
    "settings": settings.SETTINGS_MODULE,
    "about": get("/xapi/about"),
    "about_via_proxy": get("/xapi/about", HTTP_X_FORWARDED_PROTO="https"),
    "agenda": get("/agenda/"),
}))
"""

PRODUCTION = {
    "PRODUCTION": "true",
    "SECRET_KEY": "a-long-random-production-secret-" + "x7Qp" * 10,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/skills",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    **SITE,
}


def probe(entry_point: str, environment: dict) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PROBE, entry_point],
        env={"PATH": os.environ["PATH"], **environment},
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


@pytest.mark.parametrize(
    "already_set", [{}, {"DJANGO_SETTINGS_MODULE": "config.settings"}]
)
def test_the_api_entry_point_runs_the_api_settings(already_set):
    # The config package's Celery app sets the site's settings as the default
    # before wsgi_api runs; a shell may have exported them for manage.py too.
    served = probe("config.wsgi_api", already_set)

    assert served["settings"] == "config.settings_api"


def test_the_api_entry_point_serves_the_lrs_and_no_page():
    served = probe("config.wsgi_api", {"DEBUG": "false"})

    assert served["about"]["status"] == 200
    assert "1.0.3" in served["about"]["body"]
    assert served["agenda"]["status"] == 404
    assert "No xAPI resource" in served["agenda"]["body"]


def test_the_site_entry_point_runs_the_site_settings():
    served = probe("config.wsgi", {})

    assert served["settings"] == "config.settings"


def test_in_production_the_api_answers_plain_http_behind_the_proxy():
    served = probe("config.wsgi_api", PRODUCTION)

    assert served["about"]["status"] == 200
    assert served["about_via_proxy"]["status"] == 200


def test_in_production_the_site_redirects_plain_http_to_https():
    served = probe("config.wsgi", PRODUCTION)

    assert served["about"]["status"] == 301
    assert served["about_via_proxy"]["status"] == 200


@pytest.mark.parametrize("settings_module", ["config.settings", "config.settings_api"])
def test_each_processs_settings_pass_the_system_checks(settings_module):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--fail-level", "WARNING"],
        env={"PATH": os.environ["PATH"], "DJANGO_SETTINGS_MODULE": settings_module},
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
