"""A demo administration (fictional, in the style of the regional public
service) with a department and one of its services, a manager and a few
members; idempotent. Returns the manager's login for `make setup` to print."""

from __future__ import annotations

from allauth.account.models import EmailAddress

from learners.demo_people import DEMO_PASSWORD
from learners.models import LearnerType, User
from organisations.models import Membership, Organisation, Role, Team

DEMO_MANAGER = "manager@demo.example"
ORGANISATION = "Service public de Wallonie (démo) — Direction du Numérique"
DEPARTMENT = "Département de la Transformation numérique"
SERVICE = "Service Accueil et Guichet"
# (e-mail, display name, team, job title, role)
PEOPLE = [
    (
        DEMO_MANAGER,
        "Nadia (responsable formation)",
        None,
        "Responsable formation",
        Role.MANAGER,
    ),
    (
        "chef.service@demo.example",
        "Thomas",
        SERVICE,
        "Chef de service",
        Role.TEAM_MANAGER,
    ),
    ("agent.accueil@demo.example", "Fatima", SERVICE, "Agente d'accueil", Role.MEMBER),
    (
        "agent.numerique@demo.example",
        "Luc",
        DEPARTMENT,
        "Gestionnaire de projets",
        Role.MEMBER,
    ),
    ("attache@demo.example", "Sarah", DEPARTMENT, "Attachée", Role.MEMBER),
]


def demo_organisation_load() -> list[tuple[str, str]]:
    """The demo administration, its teams and people, once."""
    organisation, _created = Organisation.objects.get_or_create(
        name=ORGANISATION, defaults={"kind": Organisation.Kind.ADMINISTRATION}
    )
    department, _created = Team.objects.get_or_create(
        organisation=organisation, name=DEPARTMENT
    )
    service, _created = Team.objects.get_or_create(
        organisation=organisation, name=SERVICE, defaults={"parent": department}
    )
    teams = {DEPARTMENT: department, SERVICE: service}
    for email, name, team, job_title, role in PEOPLE:
        Membership.objects.get_or_create(
            organisation=organisation,
            user=_demo_person(email, name),
            defaults={
                "team": teams.get(team),
                "job_title": job_title,
                "role": role,
            },
        )
    return [(DEMO_MANAGER, DEMO_PASSWORD)]


def _demo_person(email: str, name: str) -> User:
    person = User.objects.filter(email=email).first()
    if person is None:
        person = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            display_name=name,
            learner_type=LearnerType.CIVIL_SERVANT,
            postal_code="5000",
            commune="Namur",
        )
    EmailAddress.objects.update_or_create(
        user=person, email=email, defaults={"verified": True, "primary": True}
    )
    return person
