"""Login cards: how a person without e-mail or password signs in.

A card carries a QR code, which is a link holding a long random key, and a short
code with a PIN for typing by hand. Both are secrets known only when the card is
issued: the database keeps the key's SHA-256 and the PIN's hash, so a copy of
the database signs nobody in. The code alone is not a secret (it names the card),
and a wrong code and a wrong PIN get the same answer in about the same time, so
guessing never tells whether an account exists.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils import timezone

from learners.models import LoginCard, User

# No 0/O, 1/I/L, 2/Z, 5/S, 8/B: a code copied from paper by hand reads one way.
CODE_ALPHABET = "ACDEFHJKMNPRTUVWXY34679"
CODE_LENGTH = 6  # 23^6: 148 million codes
PIN_LENGTH = 4


@dataclass(frozen=True)
class IssuedCard:
    """A card as printed: its secrets exist in clear only here."""

    card: LoginCard
    link_key: str
    pin: str

    @property
    def code_display(self) -> str:
        return code_display(self.card.code)


def code_display(code: str) -> str:
    """``ACDEFH`` as ``ACD-EFH``: two halves are easier to copy."""
    half = len(code) // 2
    return f"{code[:half]}-{code[half:]}"


def code_normalise(typed: str) -> str:
    """What a person typed, as stored: capitals, no spaces or dashes."""
    return "".join(char for char in typed.upper() if char.isalnum())


def link_key_digest(link_key: str) -> str:
    return hashlib.sha256(link_key.encode()).hexdigest()


def card_issue(*, user: User, issued_by: User | None) -> IssuedCard:
    """Issue a new card for a person; their previous card stops working."""
    pin = "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))
    link_key = secrets.token_urlsafe(18)
    for _attempt in range(5):
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                card_revoke(user=user)
                card = LoginCard.objects.create(
                    user=user,
                    code=code,
                    pin=make_password(pin),
                    link_key_digest=link_key_digest(link_key),
                    issued_by=issued_by,
                )
        except IntegrityError:  # a code already taken, once in millions: draw again
            continue
        return IssuedCard(card=card, link_key=link_key, pin=pin)
    raise RuntimeError("No free card code after five draws")


def card_revoke(*, user: User) -> int:
    """Make every card of a person stop working; how many were live."""
    return LoginCard.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def card_by_link(*, link_key: str) -> LoginCard | None:
    """The live card whose QR code holds this key, if any."""
    return (
        LoginCard.objects.select_related("user")
        .filter(
            link_key_digest=link_key_digest(link_key),
            revoked_at__isnull=True,
            user__is_active=True,
        )
        .first()
    )


def card_check(*, code: str, pin: str) -> LoginCard | None:
    """The live card of this code if the PIN is its PIN, else None."""
    card = (
        LoginCard.objects.select_related("user")
        .filter(
            code=code_normalise(code), revoked_at__isnull=True, user__is_active=True
        )
        .first()
    )
    if card is None:
        # As costly as a wrong PIN: the answer's time tells nothing either.
        check_password(pin, _unknown_code_pin())
        return None
    return card if check_password(pin, card.pin) else None


@functools.cache
def _unknown_code_pin() -> str:
    return make_password(secrets.token_hex(8))


def card_used(*, card: LoginCard) -> None:
    """Note that a card signed its holder in (for the facilitator's list)."""
    LoginCard.objects.filter(id=card.id).update(last_used_at=timezone.now())
