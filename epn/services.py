"""Writes of EPN spaces: a space and its organiser, made and renamed together."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from epn.models import CHOICE_LISTS, Space
from scheduling.models import Membership, Organiser

NAME_MAX_LENGTH = Organiser._meta.get_field("name").max_length


def space_create(
    *,
    name: str,
    address: str,
    postal_code: str,
    commune: str,
    slug: str = "",
    **details: Any,
) -> Space:
    """Add a space to the directory, with the organiser that runs its workshops."""
    space = Space(
        slug=slug,
        address=address,
        postal_code=postal_code,
        commune=commune,
        **details,
    )
    return _space_store(space, name=name)


def space_update(*, space: Space, name: str | None = None, **details: Any) -> Space:
    """Change a space's facts; a new name is its organiser's new name too."""
    for field, value in details.items():
        if field not in _EDITABLE:
            raise TypeError(f"space_update() got an unexpected field {field!r}")
        setattr(space, field, value)
    return _space_store(space, name=space.name if name is None else name)


_EDITABLE = frozenset(
    field.name
    for field in Space._meta.get_fields()
    if field.concrete and field.editable and field.name not in ("id", "organiser")
)


def _space_store(space: Space, *, name: str) -> Space:
    name = " ".join(name.split())
    if not name:
        raise ValidationError(
            {"name": ValidationError(_("Give the space a name."), code="name_missing")}
        )
    if len(name) > NAME_MAX_LENGTH:
        raise ValidationError(
            {
                "name": ValidationError(
                    _("A name has at most %(limit)d characters."),
                    code="name_too_long",
                    params={"limit": NAME_MAX_LENGTH},
                )
            }
        )
    for field in ("address", "postal_code", "commune", "opening_hours", "phone"):
        setattr(space, field, " ".join(str(getattr(space, field)).split()))
    with transaction.atomic():
        if not space.slug:
            space.slug = _slug_free(name, space_id=space.pk)
        space.full_clean(exclude=["organiser"])
        for field, choices in CHOICE_LISTS.items():
            # Kept in the order of the choices, once each: pages list them so.
            chosen = set(getattr(space, field))
            setattr(space, field, [code for code in choices.values if code in chosen])
        if space.organiser_id is None:
            space.organiser = Organiser.objects.create(
                name=name, kind=Organiser.Kind.SPACE
            )
        elif space.organiser.name != name:
            space.organiser.name = name
            space.organiser.save(update_fields=["name"])
        space.save()
    return space


def _slug_free(name: str, *, space_id: int | None) -> str:
    """A slug from the name, numbered when another space has it already."""
    base = slugify(name)[:70].strip("-") or "epn"
    taken = set(
        Space.objects.filter(slug__startswith=base)
        .exclude(id=space_id)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def space_facilitator_add(
    *, space: Space, user, role: str = Membership.Role.FACILITATOR
) -> Membership:
    """Let a person run the space's workshops (or manage it); idempotent."""
    membership, created = Membership.objects.get_or_create(
        organiser=space.organiser, user=user, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    return membership
