"""The xAPI statement of an earned badge, built with tincan objects."""

from __future__ import annotations

import json

from django.conf import settings
from tincan import (
    Activity,
    ActivityDefinition,
    Context,
    Extensions,
    LanguageMap,
    Statement,
    Verb,
)

from learners.statements import learner_agent

EARNED = "http://id.tincanapi.com/verb/earned"
BADGE_ACTIVITY_TYPE = "http://activitystrea.ms/schema/1.0/badge"


def badge_activity_iri(badge_class) -> str:
    """The stable IRI of a badge class as an xAPI activity."""
    return f"{settings.XAPI_IRI_BASE}activities/badges/{badge_class.uuid}"


def assertion_extension() -> str:
    """Context extension whose value is the hosted Open Badges assertion URL."""
    return f"{settings.XAPI_IRI_BASE}extensions/badge-assertion"


def earned_statement(assertion, *, assertion_url: str) -> dict:
    """<learner> earned <badge>, with the assertion's URL in the context."""
    badge = assertion.badge_class
    statement = Statement(
        actor=learner_agent(assertion.recipient),
        verb=Verb(id=EARNED, display=LanguageMap({"en-US": "earned"})),
        object=Activity(
            id=badge_activity_iri(badge),
            definition=ActivityDefinition(
                name=LanguageMap({settings.LANGUAGE_CODE: badge.name}),
                description=LanguageMap({settings.LANGUAGE_CODE: badge.description}),
                type=BADGE_ACTIVITY_TYPE,
            ),
        ),
        context=Context(
            platform=settings.XAPI_PLATFORM,
            language=settings.LANGUAGE_CODE,
            extensions=Extensions({assertion_extension(): assertion_url}),
        ),
        timestamp=assertion.issued_on,
    )
    return json.loads(statement.to_json())
