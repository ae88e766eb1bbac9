"""LRS client credentials: creation, revocation and HTTP Basic authentication."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets

from cachetools import TTLCache
from django.conf import settings

from xapi.models import LRSClient, Scope

DEFAULT_SCOPES = [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ_MINE, Scope.STATE]


def client_create(
    *, name: str, scopes: list[str] | None = None, trusted_for_progress: bool = False
) -> tuple[LRSClient, str]:
    """Create a client; return it with its secret, which is shown only once."""
    unknown = set(scopes or []) - set(Scope.values)
    if unknown:
        raise ValueError(f"Unknown scopes: {', '.join(sorted(unknown))}")
    secret = secrets.token_urlsafe(32)
    client = LRSClient.objects.create(
        name=name,
        key=secrets.token_hex(16),
        secret_hash=_digest(secret),
        scopes=list(scopes or DEFAULT_SCOPES),
        trusted_for_progress=trusted_for_progress,
    )
    return client, secret


def client_trust(*, name: str, trusted: bool = True) -> bool:
    """Set whether a client is trusted for progress; return whether one was found.

    Statements stored before the change follow it at the next rebuild of progress.
    """
    return bool(
        LRSClient.objects.filter(name=name).update(trusted_for_progress=trusted)
    )


def client_revoke(*, name: str) -> bool:
    """Deactivate a client; return whether one was found."""
    _recently_authenticated.clear()  # this process at once, others within seconds
    return bool(LRSClient.objects.filter(name=name).update(active=False))


# Clients call thousands of times a second with the same credentials: a process
# remembers a verified header briefly. A revocation takes effect within this time.
AUTHENTICATION_CACHE_SECONDS = 10
_recently_authenticated: TTLCache = TTLCache(
    maxsize=1024, ttl=AUTHENTICATION_CACHE_SECONDS
)


def client_authenticate(authorization: str) -> LRSClient | None:
    """The active client named by an HTTP Basic Authorization header, if valid."""
    cache_key = _digest(authorization)
    client = _recently_authenticated.get(cache_key)
    if client is None:
        client = _client_from_header(authorization)
        if client is not None:
            _recently_authenticated[cache_key] = client
    return client


_KEY_LENGTH = LRSClient._meta.get_field("key").max_length


def _client_from_header(authorization: str) -> LRSClient | None:
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() != "basic":
        return None
    try:
        key, _, secret = base64.b64decode(credentials).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return None
    if "\x00" in key or len(key) > _KEY_LENGTH:
        # Never a key, and PostgreSQL refuses NUL even in a lookup.
        return None
    client = LRSClient.objects.filter(key=key, active=True).first()
    if client is None or not hmac.compare_digest(client.secret_hash, _digest(secret)):
        return None
    return client


def client_authority(client: LRSClient) -> dict:
    """The authority the LRS sets on statements this client stores."""
    return {
        "objectType": "Agent",
        "name": client.name,
        "account": {"homePage": settings.XAPI_IRI_BASE, "name": client.key},
    }


def client_can(client: LRSClient, scope: str) -> bool:
    """Whether the client's scopes grant ``scope`` (``all`` grants everything)."""
    granted = set(client.scopes)
    if Scope.ALL in granted:
        return True
    if scope.endswith("/read") or scope == Scope.STATEMENTS_READ_MINE:
        if Scope.ALL_READ in granted:
            return True
    return scope in granted


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
