"""The fallback cache: Redis when it answers, the process's memory when it does not,
and Redis again once it is back."""

import logging
from types import SimpleNamespace

import pytest
from django.core.cache import caches
from django.core.cache.backends import locmem

from common import cache as fallback_cache
from tests.conftest import UNREACHABLE_REDIS


@pytest.fixture
def two_caches(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "fallen": {
            "BACKEND": "common.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "down", "FALLBACK": "local"},
        },
        "down": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 1, "SOCKET_TIMEOUT": 1},
        },
        "up": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "up",
        },
        "local": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "local",
        },
    }
    return caches["fallen"]


@pytest.fixture
def clock(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(fallback_cache.time, "monotonic", lambda: now[0])
    return now


def test_values_go_to_the_process_memory_while_redis_is_down(two_caches):
    two_caches.set("menu", ["Accueil"], 60)

    assert two_caches.get("menu") == ["Accueil"]
    assert caches["local"].get("menu") == ["Accueil"]
    assert two_caches.is_down()


def test_counters_stay_atomic_and_a_missing_key_is_still_an_error(two_caches):
    assert two_caches.add("hits", 1, 60)
    assert two_caches.incr("hits") == 2
    with pytest.raises(ValueError, match="not found"):
        two_caches.incr("never-set")


def test_redis_is_not_asked_during_the_pause_then_asked_again(
    two_caches, clock, caplog
):
    caplog.set_level(logging.WARNING, logger="common.cache")
    two_caches.get("menu")  # Redis fails: the pause starts
    two_caches._primary_alias = "up"  # Redis is back, unknown to the process

    two_caches.set("menu", "during the pause", 60)
    assert caches["up"].get("menu") is None
    assert caches["local"].get("menu") == "during the pause"

    clock[0] += fallback_cache.RETRY_SECONDS + 1
    two_caches.set("menu", "after the pause", 60)

    assert caches["up"].get("menu") == "after the pause"
    assert not two_caches.is_down()
    told = [r.getMessage() for r in caplog.records]
    assert told == [
        "Cache 'down' unreachable (ConnectionError): this process uses its own memory",
        "Cache 'up' reachable again",
    ]


def test_clearing_empties_the_fallback_too(two_caches):
    caches["local"].set("stale", 1)

    two_caches.clear()

    assert caches["local"].get("stale") is None


def test_a_bounded_cache_keeps_nothing_longer_than_its_bound(settings, monkeypatch):
    settings.CACHES = {
        **settings.CACHES,
        "bounded": {
            "BACKEND": "common.cache.FallbackCache",
            "OPTIONS": {"PRIMARY": "kept", "FALLBACK": "kept", "MAX_TIMEOUT": 60},
        },
        "kept": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "kept",
        },
    }
    bounded = caches["bounded"]
    bounded.set("forever", 1, None)
    bounded.set("two-weeks", 2, 14 * 24 * 3600)
    bounded.set("ten-seconds", 3, 10)
    bounded.set_many({"many": 4}, 3600)

    def seconds_later(seconds):
        later = locmem.time.time() + seconds
        monkeypatch.setattr(locmem, "time", SimpleNamespace(time=lambda: later))

    seconds_later(30)
    assert bounded.get_many(["forever", "two-weeks", "ten-seconds", "many"]) == {
        "forever": 1,
        "two-weeks": 2,
        "many": 4,
    }
    seconds_later(31)
    assert bounded.get_many(["forever", "two-weeks", "many"]) == {}
