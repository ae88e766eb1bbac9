"""The statement formats of GET /statements: exact, ids and canonical."""

from __future__ import annotations

from collections.abc import Sequence

from xapi.agents import agent_key

LANGUAGE_MAP_KEYS = ("display", "name", "description")
IFI_KEYS = ("mbox", "mbox_sha1sum", "openid", "account")
CONTEXT_AGENT_KEYS = ("instructor", "team")


def statement_ids_format(statement: dict) -> dict:
    """Agents, activities and verbs reduced to their identifiers (format=ids).

    Everywhere they occur: actor, object, authority, context and the same inside
    a SubStatement (xAPI-Communication 2.1.3, format).
    """
    out = dict(statement)
    out["actor"] = _agent_ids(statement["actor"])
    out["verb"] = {"id": statement["verb"]["id"]}
    out["object"] = _object_ids(statement["object"])
    if "authority" in statement:
        out["authority"] = _agent_ids(statement["authority"])
    if "context" in statement:
        out["context"] = _context_ids(statement["context"])
    return out


def _object_ids(target: dict) -> dict:
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        return _activity_ids(target)
    if kind in ("Agent", "Group"):
        return _agent_ids(target)
    if kind == "SubStatement":
        return statement_ids_format(target)
    return target  # a StatementRef is only an id already


def _activity_ids(activity: dict) -> dict:
    # Comm. 2.1.3 (format=ids): "only include the id" of an Activity.
    return {"id": activity["id"]}


def _agent_ids(agent: dict) -> dict:
    if agent_key(agent):
        keep = ("objectType", *IFI_KEYS)
        return {k: v for k, v in agent.items() if k in keep}
    return {
        "objectType": "Group",
        "member": [_agent_ids(member) for member in agent.get("member", [])],
    }


def _context_ids(context: dict) -> dict:
    out = dict(context)
    for key in CONTEXT_AGENT_KEYS:
        if key in context:
            out[key] = _agent_ids(context[key])
    # 9274: the agents and groups of contextAgents and contextGroups too.
    if "contextAgents" in context:
        out["contextAgents"] = [
            {**entry, "agent": _agent_ids(entry["agent"])}
            for entry in context["contextAgents"]
        ]
    if "contextGroups" in context:
        out["contextGroups"] = [
            {**entry, "group": _agent_ids(entry["group"])}
            for entry in context["contextGroups"]
        ]
    if "contextActivities" in context:
        out["contextActivities"] = {
            kind: [_activity_ids(a) for a in activities]
            if isinstance(activities, list)
            else _activity_ids(activities)
            for kind, activities in context["contextActivities"].items()
        }
    return out


def context_activities_as_lists(statement: dict) -> dict:
    """The statement with each context activity given alone as a list of one
    (Data 2.4.6.2: the LRS MUST return a single Activity Object as an array
    of length one), in its SubStatement too. Done on the way out, so that
    statements stored before the rule was followed come out right too."""
    out = _context_lists(statement)
    target = statement.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        out = {**out, "object": _context_lists(target)}
    return out


def _context_lists(statement: dict) -> dict:
    activities = statement.get("context", {}).get("contextActivities")
    if not activities or all(isinstance(v, list) for v in activities.values()):
        return statement
    listed = {k: v if isinstance(v, list) else [v] for k, v in activities.items()}
    context = {**statement["context"], "contextActivities": listed}
    return {**statement, "context": context}


def statement_canonical_format(statement: dict, languages: Sequence[str] = ()) -> dict:
    """Language maps reduced to one entry each (format=canonical).

    ``languages`` are the Accept-Language ranges, most wanted first; each map keeps
    the entry they prefer, or its first one.
    """
    return _canonical(statement, [range_.lower() for range_ in languages])


def accepted_languages(header: str) -> list[str]:
    """The language ranges of an Accept-Language header, by decreasing quality."""
    ranges = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if tag and quality > 0:
            ranges.append((-quality, position, tag.strip()))
    return [tag for _, _, tag in sorted(ranges)]


def _canonical(value, languages: list[str]):
    if isinstance(value, list):
        return [_canonical(item, languages) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key == "extensions":
            # Extension values are the extension's own data, not language maps.
            out[key] = item
        elif key in LANGUAGE_MAP_KEYS and isinstance(item, dict) and item:
            lang = _preferred(item, languages)
            out[key] = {lang: item[lang]}
        else:
            out[key] = _canonical(item, languages)
    return out


def _preferred(language_map: dict, languages: list[str]) -> str:
    """The key of the map that the ranges prefer (RFC 2616 14.4 prefix matching)."""
    for range_ in languages:
        for tag in language_map:
            lowered = tag.lower()
            if range_ in ("*", lowered) or lowered.startswith(range_ + "-"):
                return tag
    return next(iter(language_map))
