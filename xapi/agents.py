"""Agent identity: one canonical key per inverse functional identifier (IFI)."""


def agent_key(agent: dict) -> str:
    """A string that is equal for two agents exactly when their IFIs are equal."""
    if "mbox" in agent:
        return f"mbox|{agent['mbox'].lower()}"
    if "mbox_sha1sum" in agent:
        return f"sha1|{agent['mbox_sha1sum'].lower()}"
    if "openid" in agent:
        return f"openid|{agent['openid']}"
    if "account" in agent:
        account = agent["account"]
        return f"account|{account['homePage']}|{account['name']}"
    return ""  # an anonymous group has no identity of its own
