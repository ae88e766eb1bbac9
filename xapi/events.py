"""Live statement events on the Channels layer, for dashboards that follow them.

Each stored statement goes to a group per actor and a group per course-level
activity, so a learner's dashboard and a course's live view can both subscribe.
Group names come from here only.

A live view marks its group as watched (``group_watch``) when it subscribes;
statements are only published to watched groups. Publishing costs more CPU
than storing a statement, and almost every statement has nobody watching.
Asking whether a group is watched costs a round trip to Redis: each process
keeps the set of watched groups for a second instead.
"""

from __future__ import annotations

import asyncio
import functools
import hashlib
import logging
import threading
import time

from asgiref.sync import async_to_sync
from cachetools import TTLCache
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.core.cache import cache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from xapi.agents import agent_key

logger = logging.getLogger(__name__)

# A view renews its mark at least this often while it stays connected.
WATCH_SECONDS = 3600
# Each process reads the whole set of watched groups at most this often, instead
# of asking for every statement. A view that starts watching may miss what is
# stored in its first second, as it misses what is stored between the page's
# rendering and its subscription: it reads the current state after subscribing.
WATCHED_SNAPSHOT_SECONDS = 1
WATCHED_KEY = "xapi:watched"
_snapshot: TTLCache = TTLCache(maxsize=1, ttl=WATCHED_SNAPSHOT_SECONDS)
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def group_watch(group: str) -> None:
    """Mark a group as followed by a live view (on connect, then to renew)."""
    expires = time.time() + WATCH_SECONDS
    redis = _redis()
    if redis is None:
        watched = {g: t for g, t in _local_watches().items() if t > time.time()}
        cache.set(WATCHED_KEY, {**watched, group: expires}, None)
    else:
        redis.zadd(WATCHED_KEY, {group: expires})
    watched_snapshot_forget()


def watched_groups(statements: list[dict]) -> set[str]:
    """The groups of these statements that a live view follows."""
    groups = {group for s in statements for group in statement_groups(s)}
    return groups & _watched_now()


def watched_snapshot_forget() -> None:
    """Read the watched groups afresh next time (this process)."""
    _snapshot.clear()


def _watched_now() -> frozenset[str]:
    # One get(), which looks at the clock once: between a membership test
    # and a lookup, the entry can expire.
    groups = _snapshot.get("groups")
    if groups is None:
        try:
            groups = _watched_read()
        except UNREACHABLE as error:
            # Live views are best effort: nobody is watching until Redis is back
            # (they could not subscribe either), and storing goes on.
            logger.warning("Watched groups unreadable (%s)", type(error).__name__)
            groups = frozenset()
        _snapshot["groups"] = groups
    return groups


def _watched_read() -> frozenset[str]:
    now = time.time()
    redis = _redis()
    if redis is None:
        return frozenset(g for g, t in _local_watches().items() if t > now)
    with redis.pipeline() as pipe:
        pipe.zremrangebyscore(WATCHED_KEY, "-inf", now)
        pipe.zrangebyscore(WATCHED_KEY, now, "+inf")
        _removed, found = pipe.execute()
    return frozenset(group.decode() for group in found)


def _local_watches() -> dict[str, float]:
    # Without Redis, web and workers are one process (development): the
    # process's cache holds the marks.
    return cache.get(WATCHED_KEY, {})


def _redis():
    """The Redis connection behind the cache, if the platform has Redis."""
    alias = next(
        (
            alias
            for alias, cache_settings in settings.CACHES.items()
            if cache_settings["BACKEND"].startswith("django_redis")
        ),
        None,
    )
    if alias is None:
        return None
    from django_redis import get_redis_connection

    return get_redis_connection(alias)


def agent_group(agent: dict) -> str:
    """The Channels group of one agent's statements."""
    return f"xapi.agent.{_digest(agent_key(agent))}"


def activity_group(activity_id: str) -> str:
    """The Channels group of the statements about one activity."""
    return f"xapi.activity.{_digest(activity_id)}"


def _digest(value: str) -> str:
    # Group names are limited to 100 ASCII characters: IRIs and keys are hashed.
    return hashlib.sha256(value.encode()).hexdigest()[:40]


def statement_groups(statement: dict) -> set[str]:
    """The actor's group and the group of the broadest activity (e.g. the course).

    That is each grouping context activity, or the object itself when the
    statement has none (a statement about the course as a whole).
    """
    groups = {agent_group(statement["actor"])}
    context_activities = statement.get("context", {}).get("contextActivities", {})
    grouping = context_activities.get("grouping", [])
    for activity in grouping if isinstance(grouping, list) else [grouping]:
        groups.add(activity_group(activity["id"]))
    target = statement["object"]
    if not grouping and target.get("objectType", "Activity") == "Activity":
        groups.add(activity_group(target["id"]))
    return groups


def statements_publish(*, statements: list[dict]) -> None:
    """Send each statement to its watched groups; an outage never fails the caller."""
    layer = get_channel_layer()
    only = watched_groups(statements)
    if layer is None or not only:
        return
    if isinstance(layer, InMemoryChannelLayer):
        # In-process layer (development, tests): its queues belong to the
        # caller's loop, and sending costs nothing, so send and wait.
        async_to_sync(_send_all)(layer, statements, only)
        return
    # A network layer keeps one connection pool per event loop: a new loop per
    # request (async_to_sync) would open a Redis connection per request. One
    # long-lived loop per process sends in the background instead.
    future = asyncio.run_coroutine_threadsafe(
        _send_all(layer, statements, only), _background_loop()
    )
    future.add_done_callback(_log_failure)


def _log_failure(future) -> None:
    if future.exception() is not None:  # stored anyway; live views are best effort
        logger.error("Could not publish statements: %r", future.exception())


@functools.cache
def _background_loop() -> asyncio.AbstractEventLoop:
    loop = asyncio.new_event_loop()
    threading.Thread(target=loop.run_forever, name="xapi-events", daemon=True).start()
    return loop


# Below channels-redis' connection pool size (100).
CONCURRENT_SENDS = 16


async def _send_all(layer, statements: list[dict], only: set[str]) -> None:
    slots = asyncio.Semaphore(CONCURRENT_SENDS)

    async def send(group: str, statement: dict) -> None:
        async with slots:
            await layer.group_send(
                group, {"type": "xapi.statement", "statement": statement}
            )

    await asyncio.gather(
        *(
            send(group, statement)
            for statement in statements
            for group in statement_groups(statement) & only
        )
    )
