"""Text without its accents, in Python and in the database, on SQLite and on
PostgreSQL alike (the suite runs on both)."""

import pytest
from django.db.models import CharField, Value

from common.accents import Unaccent, unaccent
from common.models import DeferredTask

# As people write them, then as PostgreSQL's unaccent gives them back.
NAMES = [
    ("Hélène", "Helene"),
    ("HÉLÈNE", "HELENE"),
    ("François", "Francois"),
    ("Noël Lejeune-Dôme", "Noel Lejeune-Dome"),
    ("Søren Ødegaard", "Soren Odegaard"),
    ("Lætitia Kœnig", "Laetitia Koenig"),
    ("Łukasz Straße", "Lukasz Strasse"),
    ("Helene", "Helene"),
    ("", ""),
]


@pytest.mark.parametrize(("written", "plain"), NAMES)
def test_accents_are_dropped_and_case_is_kept(written, plain):
    assert unaccent(written) == plain


def test_korean_names_stay_whole():
    assert unaccent("김민준") == "김민준"


@pytest.mark.django_db
def test_the_database_drops_the_same_accents():
    for written, _plain in NAMES:
        DeferredTask.objects.create(name=written)

    in_database = DeferredTask.objects.annotate(plain=Unaccent("name"))

    assert list(in_database.values_list("name", "plain")) == NAMES


@pytest.mark.django_db
def test_the_database_finds_an_accented_name_typed_without_and_with():
    DeferredTask.objects.create(name="Hélène Dubois")
    DeferredTask.objects.create(name="Helene Martin")
    DeferredTask.objects.create(name="Léon")
    tasks = DeferredTask.objects.alias(key=Unaccent("name")).order_by("id")

    for typed in ("helene", "HÉLÈNE", "hélène"):
        found = tasks.filter(key__icontains=Unaccent(Value(typed)))
        assert [task.name for task in found] == ["Hélène Dubois", "Helene Martin"]


@pytest.mark.django_db
def test_no_text_stays_no_text():
    DeferredTask.objects.create(name="Hélène")
    nothing = Unaccent(Value(None, output_field=CharField()))

    assert DeferredTask.objects.annotate(plain=nothing).get().plain is None
