"""Builders for EPN tests: spaces made through the service, as operators make them."""

from __future__ import annotations

from epn import services
from epn.models import Space


def space_create(
    *,
    name: str = "EPN de Namur",
    postal_code: str = "5000",
    commune: str = "Namur",
    address: str = "Rue de Fer 42",
    **fields,
) -> Space:
    return services.space_create(
        name=name, postal_code=postal_code, commune=commune, address=address, **fields
    )
