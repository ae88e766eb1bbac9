"""Finding people to assign: by name or address, whatever the case and the
accents people type them with, and only among those the manager manages."""

import pytest

from learners.models import User
from organisations.models import Role
from tests.factories import learner_create
from tests.organisations.conftest import HR, RECEPTION
from tests.organisations.factories import member_add
from training import selectors

pytestmark = pytest.mark.django_db


@pytest.fixture
def reception(administration):
    """Reception agents whose names have accents, or are written without."""
    people = {}
    for email, name in [
        ("h.dubois@spw-test.be", "Hélène Dubois"),
        ("helene.martin@spw-test.be", "Helene Martin"),
        ("f.leroy@spw-test.be", "FRANÇOIS LEROY"),
        ("noel@spw-test.be", "Noël Lejeune"),
        ("hhenry@spw-test.be", "HÉLÈNE HENRY"),
        ("soren@spw-test.be", "Søren Lætitia Kœnig"),
        ("sans.nom@spw-test.be", ""),
    ]:
        people[email] = learner_create(email=email, display_name=name)
        member_add(administration, people[email], team=RECEPTION)
    return people


def _found(scope, text: str) -> set[str]:
    return {user.email for user in selectors.people_matching(scope=scope, text=text)}


@pytest.mark.parametrize(
    ("typed", "found"),
    [
        # Without the accents, as on a phone: the names with them are found.
        (
            "Helene",
            {"h.dubois@spw-test.be", "helene.martin@spw-test.be", "hhenry@spw-test.be"},
        ),
        ("francois", {"f.leroy@spw-test.be"}),
        ("NOEL", {"noel@spw-test.be"}),
        # Case is ignored in accented letters too.
        (
            "hélène",
            {"h.dubois@spw-test.be", "helene.martin@spw-test.be", "hhenry@spw-test.be"},
        ),
        # With the accents: the names written without are found as well.
        ("Hélène Martin", {"helene.martin@spw-test.be"}),
        ("Françoís", {"f.leroy@spw-test.be"}),
        # Letters that are not a letter and an accent, as PostgreSQL's unaccent.
        ("soren laetitia koenig", {"soren@spw-test.be"}),
        # Every word, in any order, in the name or the address.
        ("dubois hélène", {"h.dubois@spw-test.be"}),
        ("hélène spw-test.be martin", {"helene.martin@spw-test.be"}),
        ("hélène leroy", set()),
    ],
)
def test_people_are_found_whatever_the_accents_and_case(
    team_manager_scope, reception, typed, found
):
    assert _found(team_manager_scope, typed) == found


def test_people_are_found_by_their_address(team_manager_scope, reception):
    assert _found(team_manager_scope, "F.LEROY@") == {"f.leroy@spw-test.be"}
    assert _found(team_manager_scope, "sans.nom") == {"sans.nom@spw-test.be"}
    # An accent typed in an address finds it written without.
    assert _found(team_manager_scope, "noël@spw") == {"noel@spw-test.be"}


def test_people_without_an_address_are_found_by_name(team_manager_scope, reception):
    assisted = User.objects.create_assisted_user(display_name="Gaëlle Piérard")
    member_add(team_manager_scope.organisation, assisted, team=RECEPTION)

    found = list(selectors.people_matching(scope=team_manager_scope, text="gaelle"))

    assert found == [assisted]


def test_nobody_outside_the_managers_scope_is_found(
    team_manager_scope, administration, reception, other_administration
):
    """The HR service is not the department's; another administration is not
    the manager's: their Hélènes are never found."""
    hr_helene = learner_create(email="helene.rh@spw-test.be", display_name="Hélène")
    member_add(administration, hr_helene, team=HR)
    elsewhere = learner_create(email="helene@commune-test.be", display_name="Hélène")
    member_add(other_administration, elsewhere, role=Role.MANAGER)

    found = _found(team_manager_scope, "helene")

    assert found == {
        "h.dubois@spw-test.be",
        "helene.martin@spw-test.be",
        "hhenry@spw-test.be",
    }
    assert _found(team_manager_scope, "helene.rh") == set()
    assert _found(team_manager_scope, "commune-test") == set()


def test_a_search_is_one_query_however_many_words(
    team_manager_scope, reception, django_assert_num_queries
):
    with django_assert_num_queries(1):
        list(
            selectors.people_matching(
                scope=team_manager_scope, text="h e l è n e spw test"
            )
        )
