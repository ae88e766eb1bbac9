"""Searching the database whatever the accents: "Helene" finds "Hélène".

People type Walloon names (Hélène, François, Noël) without their accents, on
phones and on keyboards that lack them, and the other way round. ``Unaccent``
compares a column without its accents, in the database, on both engines the
platform runs on:

- PostgreSQL: its ``unaccent`` extension (created by common's migration
  0002; ``django.contrib.postgres`` need not be installed for it);
- SQLite (the embedded default and the tests): a function of the same name,
  written here and given to every new connection, that drops what
  ``unaccent`` drops.

Neither folds case: ``icontains`` on the result does that. Compare with the
words searched passed through it too (``Unaccent(Value(word))``), so that
"Hélène" typed finds "Helene": both sides then lose their accents by the same
function, whichever the engine (PostgreSQL's rules leave some scripts alone
that Unicode decomposes, such as Japanese voiced kana).
"""

from __future__ import annotations

import unicodedata

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created
from django.db.models import CharField, Func, TextField, Value

# Latin letters that have no decomposition, so NFKD keeps them, but that
# PostgreSQL's unaccent rules turn into plain letters: both engines agree.
_PLAIN_LETTERS = str.maketrans(
    {
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
        "Ø": "O",
        "ø": "o",
        "Ł": "L",
        "ł": "l",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Þ": "TH",
        "þ": "th",
        "ß": "ss",
        "ı": "i",
    }
)


def unaccent(text: str | None) -> str | None:
    """``text`` without its accents, its case kept ("Hélène" is "Helene")."""
    if text is None:
        return None
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Composed again: Korean syllables, decomposed into letters, stay whole.
    return unicodedata.normalize("NFC", letters.translate(_PLAIN_LETTERS))


class Unaccent(Func):
    """A text expression without its accents, in the database."""

    function = "UNACCENT"
    arity = 1
    output_field = TextField()


def unaccented(word: str) -> Unaccent:
    """A searched word without its accents, by the database's own function,
    as the columns it is compared with lose theirs."""
    return Unaccent(Value(word, output_field=CharField()))


def sqlite_unaccent_register(connection: BaseDatabaseWrapper) -> None:
    """Give a SQLite connection the ``unaccent`` that PostgreSQL has."""
    if connection.vendor == "sqlite":
        # Deterministic: SQLite may then use it in indexes and skip repeats.
        connection.connection.create_function(
            "unaccent", 1, unaccent, deterministic=True
        )


def connection_created_receiver(sender, connection, **kwargs) -> None:
    """Each new database connection: SQLite's gets its ``unaccent``."""
    sqlite_unaccent_register(connection)


def unaccent_connect() -> None:
    """From now on, and on the connections already open (common's ready())."""
    connection_created.connect(
        connection_created_receiver, dispatch_uid="common.accents.unaccent"
    )
    for connection in connections.all(initialized_only=True):
        if connection.connection is not None:
            sqlite_unaccent_register(connection)
