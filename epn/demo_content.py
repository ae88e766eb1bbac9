"""Demo spaces: a dozen public digital spaces across Walloon communes, four of
them with upcoming workshops, and a facilitator of the first one.

Addresses, phone numbers and e-mail addresses are made up (on real streets).
Idempotent: spaces are found by slug, the facilitator by e-mail, workshops by
space and title; nothing already there is changed, except that a workshop
without a course gets the demo course it goes with.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.utils import timezone

from common.public_holidays import SUNDAY, open_day
from courses.models import CoursePage
from epn import services
from epn.models import Equipment as E
from epn.models import ServiceOffered as S
from epn.models import Space, WheelchairAccess
from learners.models import User
from scheduling import services as scheduling
from scheduling.models import Audience, Session

DEMO_FACILITATOR = "animateur@demo.example"
DEMO_PASSWORD = "demo-wallonie-2026"

BASIC_EQUIPMENT = [E.COMPUTERS, E.WIFI, E.PRINTER, E.SCANNER]
BASIC_SERVICES = [S.FREE_ACCESS, S.WORKSHOPS, S.INDIVIDUAL_HELP, S.ONLINE_PROCEDURES]


@dataclass(frozen=True)
class DemoWorkshop:
    title: str
    topic: str
    in_days: int
    hour: time
    capacity: int
    audience: str = Audience.BEGINNERS
    description: str = ""
    # The demo course it is the classroom half of (blended learning), by slug.
    course_slug: str = ""


@dataclass(frozen=True)
class DemoSpace:
    slug: str
    name: str
    address: str
    postal_code: str
    commune: str
    latitude: float
    longitude: float
    opening_hours: str
    phone: str
    description: str
    computers: int
    equipment: list[str] = field(default_factory=lambda: list(BASIC_EQUIPMENT))
    services_offered: list[str] = field(default_factory=lambda: list(BASIC_SERVICES))
    wheelchair: str = WheelchairAccess.YES
    accessibility_notes: str = ""
    languages: list[str] = field(default_factory=lambda: ["fr"])
    workshops: tuple[DemoWorkshop, ...] = ()


SMARTPHONE = DemoWorkshop(
    title="Premiers pas sur smartphone",
    topic="smartphone",
    in_days=3,
    hour=time(9, 30),
    capacity=10,
    audience=Audience.SENIORS,
    course_slug="premiers-pas-avec-un-smartphone",
    description="Allumer, déverrouiller, appeler, envoyer un message : on "
    "apprend ensemble, avec votre téléphone.",
)
ITSME = DemoWorkshop(
    title="Itsme et e-ID : mes démarches en ligne",
    topic="itsme",
    in_days=7,
    hour=time(14),
    capacity=8,
    course_slug="demarches-administratives-en-ligne",
    description="Installer itsme, utiliser le lecteur de carte d'identité et "
    "se connecter à MyMinfin ou à sa mutuelle.",
)
SCAMS = DemoWorkshop(
    title="Reconnaître les arnaques",
    topic="sécurité",
    in_days=10,
    hour=time(9, 30),
    capacity=12,
    audience=Audience.EVERYONE,
    course_slug="se-proteger-des-arnaques-en-ligne",
    description="Faux SMS, faux colis, faux conseillers bancaires : les "
    "reconnaître et savoir quoi faire.",
)
EMAIL = DemoWorkshop(
    title="Mon courriel pas à pas",
    topic="courriel",
    in_days=5,
    hour=time(13, 30),
    capacity=10,
    description="Créer une adresse, lire et envoyer un courriel, joindre une photo.",
)
VIDEO_CALL = DemoWorkshop(
    title="Appeler ses proches en vidéo",
    topic="vidéo",
    in_days=12,
    hour=time(14),
    capacity=8,
    audience=Audience.SENIORS,
    description="WhatsApp, Messenger ou Teams : voir ses petits-enfants sur "
    "l'écran, tout simplement.",
)

SPACES = [
    DemoSpace(
        slug="epn-namur",
        name="EPN de Namur",
        address="Rue de Fer 42",
        postal_code="5000",
        commune="Namur",
        latitude=50.4663,
        longitude=4.8653,
        opening_hours="Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00; PH off",
        phone="081 00 42 42",
        description="En plein centre, à cinq minutes de la gare. Accès libre aux "
        "ordinateurs, aide pour vos démarches en ligne et ateliers en petits "
        "groupes.",
        computers=10,
        equipment=[*BASIC_EQUIPMENT, E.EID_READER, E.SMARTPHONES, E.ADAPTED],
        services_offered=[*BASIC_SERVICES, S.EID_ITSME, S.OWN_DEVICE],
        accessibility_notes="Entrée de plain-pied, toilettes adaptées, boucle "
        "magnétique à l'accueil.",
        languages=["fr", "nl", "en"],
        workshops=(SMARTPHONE, ITSME, SCAMS),
    ),
    DemoSpace(
        slug="epn-liege-outremeuse",
        name="EPN de Liège – Outremeuse",
        address="Rue Puits-en-Sock 18",
        postal_code="4020",
        commune="Liège",
        latitude=50.6402,
        longitude=5.5860,
        opening_hours="Tu-Fr 10:00-18:00; Sa 10:00-13:00; PH off",
        phone="04 000 18 18",
        description="Un espace convivial au cœur d'Outremeuse : ordinateurs, "
        "tablettes et une équipe pour vous aider, sans rendez-vous.",
        computers=12,
        equipment=[*BASIC_EQUIPMENT, E.TABLETS, E.WEBCAM],
        services_offered=[*BASIC_SERVICES, S.JOB_SEARCH, S.CODING],
        languages=["fr", "it", "ar"],
        workshops=(EMAIL, SCAMS),
    ),
    DemoSpace(
        slug="epn-charleroi",
        name="EPN de Charleroi – Ville Basse",
        address="Boulevard Tirou 112",
        postal_code="6000",
        commune="Charleroi",
        latitude=50.4098,
        longitude=4.4452,
        opening_hours="Mo-Fr 08:30-16:30; PH off",
        phone="071 00 11 20",
        description="Aide aux démarches en ligne, recherche d'emploi et ateliers "
        "pour débutants, près de la station de métro Sud.",
        computers=16,
        equipment=[*BASIC_EQUIPMENT, E.LAPTOPS, E.EID_READER],
        services_offered=[*BASIC_SERVICES, S.JOB_SEARCH, S.PRINTING],
        languages=["fr", "it", "tr"],
        workshops=(SMARTPHONE, ITSME, VIDEO_CALL),
    ),
    DemoSpace(
        slug="epn-mons",
        name="EPN de Mons",
        address="Rue de Nimy 25",
        postal_code="7000",
        commune="Mons",
        latitude=50.4558,
        longitude=3.9538,
        opening_hours="Mo,We,Fr 09:00-12:00,13:30-16:30; Tu,Th 13:30-19:00; PH off",
        phone="065 00 25 25",
        description="Des ordinateurs en accès libre et des ateliers en soirée "
        "pour celles et ceux qui travaillent en journée.",
        computers=8,
        wheelchair=WheelchairAccess.PARTIAL,
        accessibility_notes="Une marche de 10 cm à l'entrée ; une rampe est "
        "disponible sur demande (sonnette à gauche de la porte).",
        workshops=(EMAIL, SCAMS),
    ),
    DemoSpace(
        slug="epn-tournai",
        name="EPN de Tournai",
        address="Rue Royale 64",
        postal_code="7500",
        commune="Tournai",
        latitude=50.6063,
        longitude=3.3856,
        opening_hours="Mo-Fr 09:00-17:00; PH off",
        phone="069 00 64 64",
        description="À deux pas de la cathédrale : accès libre, impression et aide "
        "personnalisée.",
        computers=8,
        services_offered=[*BASIC_SERVICES, S.PRINTING],
    ),
    DemoSpace(
        slug="epn-arlon",
        name="EPN d'Arlon",
        address="Rue des Faubourgs 9",
        postal_code="6700",
        commune="Arlon",
        latitude=49.6829,
        longitude=5.8128,
        opening_hours="Mo-Th 09:00-12:00,13:00-16:00; Fr 09:00-12:00; PH off",
        phone="063 00 09 09",
        description="Ateliers pour débutants et aide aux démarches, en français "
        "et en allemand.",
        computers=6,
        languages=["fr", "de"],
    ),
    DemoSpace(
        slug="epn-wavre",
        name="EPN de Wavre",
        address="Rue du Commerce 30",
        postal_code="1300",
        commune="Wavre",
        latitude=50.7166,
        longitude=4.6072,
        opening_hours="Mo-Fr 09:30-17:30; Sa 10:00-12:30; PH off",
        phone="010 00 30 30",
        description="Un espace lumineux au centre-ville, avec un poste adapté aux "
        "personnes malvoyantes.",
        computers=10,
        equipment=[*BASIC_EQUIPMENT, E.ADAPTED, E.TABLETS],
        languages=["fr", "nl", "en"],
    ),
    DemoSpace(
        slug="epn-verviers",
        name="EPN de Verviers",
        address="Rue Spintay 40",
        postal_code="4800",
        commune="Verviers",
        latitude=50.5903,
        longitude=5.8652,
        opening_hours="Tu-Sa 10:00-17:00; PH off",
        phone="087 00 40 40",
        description="Accès libre du mardi au samedi ; aide pour les démarches en "
        "français et en allemand.",
        computers=8,
        languages=["fr", "de"],
    ),
    DemoSpace(
        slug="epn-dinant",
        name="EPN de Dinant",
        address="Rue Grande 77",
        postal_code="5500",
        commune="Dinant",
        latitude=50.2594,
        longitude=4.9124,
        opening_hours="Mo,Tu,Th 09:00-12:00,13:00-16:30; We 13:00-18:00; PH off",
        phone="082 00 77 77",
        description="Petit espace chaleureux au bord de la Meuse.",
        computers=5,
        wheelchair=WheelchairAccess.NO,
        accessibility_notes="À l'étage, sans ascenseur : nous pouvons vous "
        "recevoir à la bibliothèque voisine, sur rendez-vous.",
    ),
    DemoSpace(
        slug="epn-marche-en-famenne",
        name="EPN de Marche-en-Famenne",
        address="Rue du Luxembourg 5",
        postal_code="6900",
        commune="Marche-en-Famenne",
        latitude=50.2268,
        longitude=5.3436,
        opening_hours="Mo-Fr 08:30-12:00,13:00-16:30; PH off",
        phone="084 00 05 05",
        description="Aide aux démarches en ligne et ateliers smartphone, avec "
        "une attention particulière aux aînés.",
        computers=6,
        equipment=[*BASIC_EQUIPMENT, E.SMARTPHONES],
    ),
    DemoSpace(
        slug="epn-nivelles",
        name="EPN de Nivelles",
        address="Rue de Namur 55",
        postal_code="1400",
        commune="Nivelles",
        latitude=50.5972,
        longitude=4.3312,
        opening_hours="Mo-Fr 09:00-16:00; We 09:00-19:00; PH off",
        phone="067 00 55 55",
        description="Ordinateurs et Wi-Fi en accès libre, ateliers le mercredi "
        "en soirée.",
        computers=8,
    ),
    DemoSpace(
        slug="epn-huy",
        name="EPN de Huy",
        address="Quai de Namur 3",
        postal_code="4500",
        commune="Huy",
        latitude=50.5204,
        longitude=5.2381,
        opening_hours=(
            'Mo-Fr 09:00-12:00,13:00-17:00; Sa 09:00-12:00 "sur rendez-vous"; PH off'
        ),
        phone="085 00 03 03",
        description="Sur les quais, près du pont : accès libre en semaine, aide "
        "individuelle le samedi sur rendez-vous.",
        computers=6,
    ),
]


def demo_spaces_load() -> list[tuple[str, str]]:
    """A dozen public digital spaces across Walloon communes; idempotent.

    Returns the facilitator's login, for `load_demo` to print.
    """
    spaces = [_space_ensure(demo) for demo in SPACES]
    facilitator = _facilitator_ensure()
    services.space_facilitator_add(space=spaces[0], user=facilitator)
    for space, demo in zip(spaces, SPACES, strict=True):
        for workshop in demo.workshops:
            _workshop_ensure(
                space,
                workshop,
                facilitators=[facilitator] if space is spaces[0] else [],
            )
    return [(DEMO_FACILITATOR, DEMO_PASSWORD)]


def _space_ensure(demo: DemoSpace) -> Space:
    found = Space.objects.select_related("organiser").filter(slug=demo.slug).first()
    if found is not None:
        return found
    return services.space_create(
        name=demo.name,
        slug=demo.slug,
        address=demo.address,
        postal_code=demo.postal_code,
        commune=demo.commune,
        latitude=demo.latitude,
        longitude=demo.longitude,
        opening_hours=demo.opening_hours,
        phone=demo.phone,
        email=f"{demo.slug}@demo.example",
        website=f"https://{demo.slug}.demo.example/",
        description=demo.description,
        computers=demo.computers,
        equipment=demo.equipment,
        services_offered=demo.services_offered,
        wheelchair=demo.wheelchair,
        accessibility_notes=demo.accessibility_notes,
        languages=demo.languages,
    )


def _facilitator_ensure() -> User:
    user = User.objects.filter(email=DEMO_FACILITATOR).first()
    if user is None:
        user = User.objects.create_user(
            email=DEMO_FACILITATOR,
            password=DEMO_PASSWORD,
            display_name="Sophie (animatrice)",
        )
    EmailAddress.objects.get_or_create(
        user=user, email=DEMO_FACILITATOR, defaults={"verified": True, "primary": True}
    )
    return user


def _workshop_ensure(
    space: Space, workshop: DemoWorkshop, *, facilitators: list[User]
) -> Session:
    course = (
        CoursePage.objects.filter(slug=workshop.course_slug).first()
        if workshop.course_slug
        else None
    )
    found = Session.objects.filter(
        organiser_id=space.organiser_id, title=workshop.title
    ).first()
    if found is not None:
        if found.course_id is None and course is not None:
            # Demo workshops loaded before they named their course get it now.
            Session.objects.filter(id=found.id).update(course=course)
            found.course = course
        return found
    # Spaces are closed on Sundays and public holidays (25 December, 1 January…).
    day = open_day(
        timezone.localdate() + timedelta(days=workshop.in_days),
        closed_weekdays=(SUNDAY,),
    )
    starts = timezone.make_aware(datetime.combine(day, workshop.hour))
    return scheduling.session_save(
        session=Session(
            organiser_id=space.organiser_id,
            title=workshop.title,
            description=workshop.description,
            topic=workshop.topic,
            course=course,
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            venue_name=space.name,
            address=space.address,
            postal_code=space.postal_code,
            commune=space.commune,
            latitude=space.latitude,
            longitude=space.longitude,
            capacity=workshop.capacity,
            audience=workshop.audience,
            language="fr",
            price=Decimal("0"),
            status=Session.Status.PUBLISHED,
        ),
        facilitators=facilitators,
    )
