"""Signals of the LRS: other apps react to statements without xapi knowing them."""

from django.dispatch import Signal

# Sent once the transaction that stored the statements has committed.
# Arguments: statements (list of statement dicts, as stored).
statements_stored = Signal()
