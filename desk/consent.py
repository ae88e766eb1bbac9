"""The notice a facilitator explains before making an account for someone.

Versioned: a consent records the version it was given under, and the points
the facilitator ticked as explained. Change the text, change the version.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

NOTICE_VERSION = "2026-12"

NOTICE_POINTS = [
    (
        "account",
        _(
            "The platform keeps your first name, and if you wish your age, postal "
            "code and phone number. No e-mail address is needed."
        ),
    ),
    (
        "learning",
        _(
            "It keeps what you do in the courses (lessons seen, quizzes, badges) "
            "and your workshop bookings, so that you can come back to them."
        ),
    ),
    (
        "space",
        _(
            "The facilitators of this space see your courses, your progress and "
            "your bookings, to help you. They do not see your answers, except "
            "when they sit with you."
        ),
    ),
    (
        "log",
        _(
            "Everything a facilitator does for you is written down, and you can "
            "read it on your page."
        ),
    ),
    (
        "card",
        _(
            "Your login card is personal, like a key. If you lose it, the space "
            "gives you a new one and the old one stops working."
        ),
    ),
    (
        "end",
        _(
            "You can stop being accompanied, or have everything erased, whenever "
            "you want. An account unused for two years is erased."
        ),
    ),
]
NOTICE_POINT_CODES = [code for code, _text in NOTICE_POINTS]
