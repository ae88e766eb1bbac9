"""The demo bank of the positioning test: the French items of the data file
(assessment/data/items_fr.json), published as questions of the Wagtail bank.
Idempotent: an item already there, by its identifier, is left alone."""

from __future__ import annotations

from assessment import services


def demo_bank_load() -> None:
    """Publish the data file's items that the bank does not have yet."""
    services.item_bank_load()
