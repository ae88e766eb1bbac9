"""The statement formats of GET /statements: exact, ids and canonical."""

from __future__ import annotations

from xapi.agents import agent_key

LANGUAGE_MAP_KEYS = ("display", "name", "description")


def statement_ids_format(statement: dict) -> dict:
    """Agents, activities and verbs reduced to their identifiers (format=ids)."""
    out = dict(statement)
    out["actor"] = _agent_ids(statement["actor"])
    out["verb"] = {"id": statement["verb"]["id"]}
    target = statement["object"]
    kind = target.get("objectType", "Activity")
    if kind == "Activity":
        out["object"] = {"objectType": "Activity", "id": target["id"]}
    elif kind in ("Agent", "Group"):
        out["object"] = _agent_ids(target)
    return out


def _agent_ids(agent: dict) -> dict:
    if agent_key(agent):
        keep = ("objectType", "mbox", "mbox_sha1sum", "openid", "account")
        return {k: v for k, v in agent.items() if k in keep}
    return {
        "objectType": "Group",
        "member": [_agent_ids(member) for member in agent.get("member", [])],
    }


def statement_canonical_format(statement: dict, language: str = "") -> dict:
    """Language maps reduced to one entry (format=canonical)."""
    return _canonical(statement, language)


def _canonical(value, language: str):
    if isinstance(value, list):
        return [_canonical(item, language) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, item in value.items():
        if key in LANGUAGE_MAP_KEYS and isinstance(item, dict) and item:
            chosen = item.get(language) or next(iter(item.values()))
            lang = language if language in item else next(iter(item))
            out[key] = {lang: chosen}
        else:
            out[key] = _canonical(item, language)
    return out
