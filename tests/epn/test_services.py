"""Making and changing spaces: what is stored, and what is refused with a reason."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from epn import services
from epn.models import Space
from scheduling.models import Membership, Organiser
from tests.epn.factories import space_create
from tests.factories import learner_create

pytestmark = pytest.mark.django_db


def error_codes(error: ValidationError) -> dict[str, list[str]]:
    return {
        field: [e.code for e in errors] for field, errors in error.error_dict.items()
    }


def test_space_create_makes_its_organiser_of_kind_space_with_the_same_name():
    space = space_create(
        name="  EPN   de Jambes ",
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00",
        equipment=["wifi", "computers", "wifi"],
    )

    space.refresh_from_db()
    assert space.organiser.kind == Organiser.Kind.SPACE
    assert space.organiser.name == "EPN de Jambes"
    assert space.name == "EPN de Jambes"
    assert space.slug == "epn-de-jambes"
    # Stored once each, in the order of the choices.
    assert space.equipment == ["computers", "wifi"]


def test_a_second_space_of_the_same_name_gets_a_numbered_slug():
    first = space_create(name="EPN de Namur")
    second = space_create(name="EPN de Namur", address="Rue de Bruxelles 1")

    assert (first.slug, second.slug) == ("epn-de-namur", "epn-de-namur-2")
    assert first.organiser_id != second.organiser_id


def test_renaming_a_space_renames_its_organiser():
    space = space_create(name="EPN de Namur")

    services.space_update(space=space, name="EPN de Namur – Centre", commune="Namur")

    assert Organiser.objects.get(id=space.organiser_id).name == "EPN de Namur – Centre"
    assert Space.objects.get(id=space.id).slug == "epn-de-namur"  # links keep working


@pytest.mark.parametrize(
    ("opening_hours", "shown"),
    [
        ("Lu-Ve 9h-12h", "Lu-Ve 9h-12h"),
        ("Mo-Fr 09:00-12:00 13:00-17:00", "“13:00-17:00”"),
        ("Mo-Fr 09:00-12:00;", "missing at the end"),
    ],
)
def test_opening_hours_not_in_the_osm_syntax_are_refused_saying_where(
    opening_hours, shown
):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            space_create(opening_hours=opening_hours)
        message = refused.value.message_dict["opening_hours"][0]

    assert error_codes(refused.value) == {"opening_hours": ["opening_hours_invalid"]}
    assert shown in message
    assert "Mo-Fr 09:00-12:00,13:00-17:00" in message  # an example to follow
    assert not Space.objects.exists()
    assert not Organiser.objects.exists()  # nothing half-made


@pytest.mark.parametrize("postal_code", ["500", "05000", "0500", "B-5000", "abcd"])
def test_a_postal_code_that_is_not_four_belgian_digits_is_refused(postal_code):
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            space_create(postal_code=postal_code)
        message = refused.value.message_dict["postal_code"][0]

    assert "postal_code_invalid" in error_codes(refused.value)["postal_code"]
    assert "four digits" in message


def test_the_database_refuses_a_bad_postal_code_too():
    space = space_create()

    with pytest.raises(IntegrityError):
        Space.objects.filter(id=space.id).update(postal_code="ABCD")


def test_coordinates_typed_the_wrong_way_round_are_refused():
    with pytest.raises(ValidationError) as refused:
        space_create(latitude=4.8675, longitude=50.4669)

    assert error_codes(refused.value) == {"latitude": ["coordinates_outside_belgium"]}


def test_a_latitude_without_longitude_is_refused():
    with pytest.raises(ValidationError) as refused:
        space_create(latitude=50.4669)

    assert "coordinates_incomplete" in error_codes(refused.value)["longitude"]


def test_unknown_choices_are_refused():
    with pytest.raises(ValidationError) as refused:
        space_create(equipment=["computers", "teleporter"], languages=["fr"])

    assert error_codes(refused.value) == {"equipment": ["choice_unknown"]}


def test_a_space_needs_a_name():
    with pytest.raises(ValidationError) as refused:
        space_create(name="   ")

    assert error_codes(refused.value) == {"name": ["name_missing"]}


def test_adding_a_facilitator_twice_keeps_one_membership_with_the_last_role():
    space = space_create()
    person = learner_create(email="anim@epn-namur.be")

    services.space_facilitator_add(space=space, user=person)
    services.space_facilitator_add(
        space=space, user=person, role=Membership.Role.MANAGER
    )

    membership = Membership.objects.get(organiser=space.organiser, user=person)
    assert membership.role == Membership.Role.MANAGER
