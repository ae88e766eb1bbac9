"""Demo content of the desk: the demo facilitator accompanies two people who
have no e-mail address, one of whom has started a course."""

from __future__ import annotations

from desk import selectors, services
from desk.consent import NOTICE_POINT_CODES
from desk.models import Accompaniment
from epn.demo_content import DEMO_FACILITATOR
from learners.demo_people import demo_first_lesson_done
from learners.login_cards import code_display
from learners.models import User

# (first name, age band, postal code, starts the first course)
DEMO_PEOPLE = [
    ("Josiane", "over_65", "5000", True),
    ("Ahmed", "26_45", "5100", False),
]


def demo_assisted_load() -> list[tuple[str, str]]:
    """Two assisted people for the demo facilitator's space; idempotent.

    Their cards are issued anew at each load (only digests are kept): the
    returned lines give each card's code and PIN, for `load_demo` to print.
    """
    facilitator = User.objects.get(email=DEMO_FACILITATOR)
    space = selectors.desk_spaces(user=facilitator).first()
    if space is None:
        return []
    cards = []
    for name, age_band, postal_code, learns in DEMO_PEOPLE:
        accompaniment = _accompaniment_ensure(
            space, facilitator, name, age_band, postal_code
        )
        issued = services.card_reissue(
            accompaniment=accompaniment, facilitator=facilitator
        )
        if learns:
            demo_first_lesson_done(accompaniment.learner)
        cards.append(
            (f"{name}: carte {code_display(issued.card.code)}", f"PIN {issued.pin}")
        )
    return cards


def _accompaniment_ensure(space, facilitator, name, age_band, postal_code):
    found = Accompaniment.objects.filter(
        organiser=space, learner__display_name=name, learner__email__isnull=True
    ).first()
    if found is not None:
        return found
    issued = services.assisted_account_create(
        organiser=space,
        facilitator=facilitator,
        display_name=name,
        explained=NOTICE_POINT_CODES,
        age_band=age_band,
        postal_code=postal_code,
    )
    return issued.card.user.accompaniments.get(organiser=space)
