"""Tests run in parallel (pytest-xdist): each worker has a Redis database of its own."""

import pytest

from config.settings_test import _worker_redis_url


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/15", "gw0", "redis://127.0.0.1:6379/15"),
        ("redis://127.0.0.1:6379/15", "gw1", "redis://127.0.0.1:6379/14"),
        ("redis://127.0.0.1:6379", "gw1", "redis://127.0.0.1:6379/15"),
        ("redis://:secret@cache:6379/0", "gw2", "redis://:secret@cache:6379/14"),
        (
            "rediss://cache/3?ssl_cert_reqs=none",
            "gw1",
            "rediss://cache/2?ssl_cert_reqs=none",
        ),
    ],
)
def test_each_worker_has_its_own_redis_database(url, worker, expected):
    assert _worker_redis_url(url, worker) == expected
