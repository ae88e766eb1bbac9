"""Demo Wallcode partners: a coding club in Liège, a school in Charleroi and an
association in Namur, each with upcoming activities, and one activity already
held (with groups that came) so that the reach reports show figures.

Idempotent: partners are found by slug, the member by e-mail, activities by
partner and title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from allauth.account.models import EmailAddress
from django.db.models import Sum
from django.utils import timezone

from common.public_holidays import open_day
from learners.models import User
from scheduling import services as scheduling
from scheduling.models import AgeBand, Audience, Booking, Membership, Session
from wallcode import reports, services
from wallcode.models import Partner

DEMO_MEMBER = "partenaire@demo.example"
DEMO_PASSWORD = "demo-wallonie-2026"


@dataclass(frozen=True)
class DemoActivity:
    title: str
    topic: str
    ages: tuple[int, int]
    in_days: int
    hour: int
    capacity: int
    description: str


@dataclass(frozen=True)
class DemoPartner:
    slug: str
    name: str
    kind: str
    postal_code: str
    commune: str
    venue: str
    address: str
    website: str
    contact_email: str
    description: str
    activities: tuple[DemoActivity, ...]


PARTNERS = (
    DemoPartner(
        slug="coderdojo-liege",
        name="CoderDojo Liège",
        kind=Partner.Kind.CODING_CLUB,
        postal_code="4000",
        commune="Liège",
        venue="EPN de Liège — Espace Saint-Léonard",
        address="Rue Saint-Léonard 12",
        website="https://coderdojo-liege.example",
        contact_email="contact@coderdojo-liege.example",
        description="Un club de code gratuit, le samedi matin, animé par des "
        "bénévoles : chacun avance à son rythme, du premier projet Scratch au "
        "premier programme en Python.",
        activities=(
            DemoActivity(
                "Scratch : crée ton premier jeu",
                "Scratch",
                (8, 12),
                9,
                10,
                16,
                "Un chat, une souris, un score : on construit un jeu complet en "
                "deux heures. Aucune expérience nécessaire.",
            ),
            DemoActivity(
                "Python pour les curieux",
                "Python",
                (12, 16),
                16,
                10,
                12,
                "Variables, boucles et une petite tortue qui dessine : les bases "
                "de Python, sur les ordinateurs de l'EPN.",
            ),
            DemoActivity(
                "Robots mBot : suivre une ligne",
                "Robotique",
                (8, 12),
                23,
                14,
                10,
                "On programme un petit robot pour qu'il suive une ligne et évite "
                "les obstacles.",
            ),
        ),
    ),
    DemoPartner(
        slug="ecole-des-tilleuls-charleroi",
        name="École communale des Tilleuls",
        kind=Partner.Kind.SCHOOL,
        postal_code="6000",
        commune="Charleroi",
        venue="École communale des Tilleuls",
        address="Rue des Tilleuls 5",
        website="",
        contact_email="direction@ecole-tilleuls.example",
        description="Une école fondamentale qui ouvre son local informatique aux "
        "classes du quartier le mercredi après-midi.",
        activities=(
            DemoActivity(
                "Scratch en classe : raconter une histoire",
                "Scratch",
                (8, 12),
                12,
                13,
                24,
                "Une activité pour une classe entière : chaque binôme anime une "
                "petite histoire.",
            ),
            DemoActivity(
                "Robotique : Thymio en mission",
                "Robotique",
                (8, 12),
                26,
                13,
                20,
                "Les robots Thymio réagissent à leur environnement : on leur "
                "apprend à explorer un labyrinthe.",
            ),
        ),
    ),
    DemoPartner(
        slug="les-petits-codeurs-namur",
        name="Les Petits Codeurs ASBL",
        kind=Partner.Kind.ASSOCIATION,
        postal_code="5000",
        commune="Namur",
        venue="Maison des jeunes de Namur",
        address="Rue de Fer 40",
        website="https://petits-codeurs.example",
        contact_email="bonjour@petits-codeurs.example",
        description="Une association qui organise des ateliers de code pendant "
        "les congés scolaires, pour les 8 à 16 ans.",
        activities=(
            DemoActivity(
                "Stage Python : crée ton jeu d'aventure",
                "Python",
                (12, 16),
                20,
                9,
                14,
                "Un jeu d'aventure en mode texte, pièce par pièce, en Python.",
            ),
            DemoActivity(
                "Scratch et micro:bit",
                "Scratch",
                (8, 12),
                30,
                14,
                12,
                "On programme une carte micro:bit avec Scratch : un dé, une "
                "boussole, un jeu de réflexes.",
            ),
        ),
    ),
)

PAST_ACTIVITY = DemoActivity(
    "Scratch : animations de printemps",
    "Scratch",
    (8, 12),
    -14,
    10,
    40,
    "Activité passée de démonstration, avec ses groupes et leurs présences.",
)


@dataclass(frozen=True)
class DemoGroup:
    name: str
    seats: int
    age_band: str
    postal_code: str
    attended: bool
    girls: int | None = None
    boys: int | None = None


PAST_GROUPS = (
    DemoGroup(
        "Mme Lenoir (École Saint-Joseph, 5e primaire)",
        seats=18,
        girls=9,
        boys=8,
        age_band=AgeBand.UNDER_12,
        postal_code="4020",
        attended=True,
    ),
    DemoGroup(
        "M. Dubois (Athénée de Seraing, 1re secondaire)",
        seats=12,
        girls=5,
        boys=7,
        age_band=AgeBand.FROM_12_TO_15,
        postal_code="4100",
        attended=True,
    ),
    DemoGroup(
        "Mme Hendrickx (Maison de quartier Sainte-Marguerite)",
        seats=6,
        age_band=AgeBand.UNDER_12,
        postal_code="",
        attended=False,
    ),
)


def demo_partners_load() -> list[tuple[str, str]]:
    """Wallcode partners with members and activities; idempotent; their logins."""
    partners = [_partner_ensure(demo) for demo in PARTNERS]
    for partner, demo in zip(partners, PARTNERS, strict=True):
        for activity in demo.activities:
            _activity_ensure(partner, demo, activity)
    club, club_demo = partners[0], PARTNERS[0]
    services.partner_member_add(
        partner=club, user=_demo_member(), role=Membership.Role.MANAGER
    )
    _past_activity_ensure(club, club_demo)
    return [(DEMO_MEMBER, DEMO_PASSWORD)]


def _demo_member() -> User:
    member = User.objects.filter(email=DEMO_MEMBER).first()
    if member is None:
        member = User.objects.create_user(
            email=DEMO_MEMBER,
            password=DEMO_PASSWORD,
            display_name="Sophie (CoderDojo Liège)",
            postal_code="4000",
            commune="Liège",
        )
    EmailAddress.objects.update_or_create(
        user=member, email=DEMO_MEMBER, defaults={"verified": True, "primary": True}
    )
    return member


def _partner_ensure(demo: DemoPartner) -> Partner:
    partner = Partner.objects.filter(slug=demo.slug).first()
    if partner is not None:
        return partner
    return services.partner_save(
        partner=Partner(
            slug=demo.slug,
            name=demo.name,
            kind=demo.kind,
            postal_code=demo.postal_code,
            commune=demo.commune,
            website=demo.website,
            contact_email=demo.contact_email,
            description=demo.description,
        )
    )


def _activity_ensure(
    partner: Partner, demo: DemoPartner, activity: DemoActivity, *, starts=None
) -> Session:
    found = Session.objects.filter(
        organiser_id=partner.organiser_id, title=activity.title
    ).first()
    if found is not None:
        return found
    if starts is None:
        # No activity on a public holiday (25 December, 1 January…).
        day = open_day(timezone.localdate() + timedelta(days=activity.in_days))
        starts = timezone.make_aware(datetime.combine(day, time(activity.hour)))
    return scheduling.session_save(
        session=Session(
            organiser_id=partner.organiser_id,
            title=activity.title,
            description=activity.description,
            topic=activity.topic,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue_name=demo.venue,
            address=demo.address,
            postal_code=demo.postal_code,
            commune=demo.commune,
            capacity=activity.capacity,
            audience=Audience.YOUNG_PEOPLE,
            age_min=activity.ages[0],
            age_max=activity.ages[1],
            status=Session.Status.PUBLISHED,
        )
    )


def _past_activity_ensure(partner: Partner, demo: DemoPartner) -> None:
    """An activity held this school year, with the groups that came.

    Booking services refuse sessions that have started, so this history is
    written as it would stand after the day: seats taken, attendance ticked.
    """
    if Session.objects.filter(
        organiser_id=partner.organiser_id, title=PAST_ACTIVITY.title
    ).exists():
        return
    session = _activity_ensure(
        partner, demo, PAST_ACTIVITY, starts=_past_start(PAST_ACTIVITY.in_days)
    )
    Booking.objects.bulk_create(
        Booking(
            session=session,
            name=group.name,
            phone="0470 00 00 00",
            seats=group.seats,
            girls=group.girls,
            boys=group.boys,
            age_band=group.age_band,
            participant_postal_code=group.postal_code,
            attended=group.attended,
            status=Booking.Status.CONFIRMED,
            created_at=session.starts_at - timedelta(days=7),
            confirmed_at=session.starts_at - timedelta(days=7),
        )
        for group in PAST_GROUPS
    )
    taken = session.bookings.aggregate(seats=Sum("seats"))["seats"]
    Session.objects.filter(id=session.id).update(seats_taken=taken)


def _past_start(days_ago: int) -> datetime:
    """Some days ago, but inside the current school year (and over by now)."""
    now = timezone.now()
    year_start, _end = reports.school_year(today=timezone.localdate())
    earliest = timezone.make_aware(datetime.combine(year_start, time(10)))
    starts = max(now + timedelta(days=days_ago), earliest)
    starts = min(starts, now - timedelta(hours=3))
    local = timezone.localtime(starts)
    day = open_day(local.date(), step=-1)
    if day == local.date() or day < year_start:
        return starts  # a holiday only if the school year has no earlier day
    return timezone.make_aware(datetime.combine(day, local.time()))
