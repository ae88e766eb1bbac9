"""Live statement events on the Channels layer, for dashboards that follow them.

Each stored statement goes to a group per actor and a group per activity it is
about (its object and its context activities), so a learner's dashboard and a
course's live view can both subscribe. Group names come from here only.
"""

from __future__ import annotations

import hashlib
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from xapi.agents import agent_key

logger = logging.getLogger(__name__)


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
    groups = {agent_group(statement["actor"])}
    target = statement["object"]
    if target.get("objectType", "Activity") == "Activity":
        groups.add(activity_group(target["id"]))
    context_activities = statement.get("context", {}).get("contextActivities", {})
    for activities in context_activities.values():
        for activity in activities if isinstance(activities, list) else [activities]:
            groups.add(activity_group(activity["id"]))
    return groups


def statements_publish(*, statements: list[dict]) -> None:
    """Send each statement to its groups; a layer outage never fails the caller."""
    layer = get_channel_layer()
    if layer is None:
        return
    send = async_to_sync(layer.group_send)
    try:
        for statement in statements:
            message = {"type": "xapi.statement", "statement": statement}
            for group in statement_groups(statement):
                send(group, message)
    except Exception:  # the statement is stored; live views are best effort
        logger.exception("Could not publish statements on the channel layer")
