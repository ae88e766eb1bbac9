"""The xAPI statement of attending a session, built with tincan objects."""

from __future__ import annotations

import json
import uuid

from django.conf import settings
from tincan import Activity, ActivityDefinition, Context, LanguageMap, Statement, Verb

from learners.learning_mode import GROUP, learning_mode_iri
from learners.statements import learner_agent

ATTENDED = "http://adlnet.gov/expapi/verbs/attended"
MEETING = "http://adlnet.gov/expapi/activities/meeting"
ATTENDANCE_NAMESPACE = uuid.UUID("6f0b3f3e-2b1a-4d55-9a55-5f3e4f8e2a10")


def session_activity_iri(session) -> str:
    return f"{settings.XAPI_IRI_BASE}activities/sessions/{session.id}"


def attended_statement(booking) -> dict:
    """<learner> attended <session>."""
    session = booking.session
    statement = Statement(
        id=uuid.uuid5(ATTENDANCE_NAMESPACE, str(booking.uuid)),
        actor=learner_agent(booking.user),
        verb=Verb(id=ATTENDED, display=LanguageMap({"en-US": "attended"})),
        object=Activity(
            id=session_activity_iri(session),
            definition=ActivityDefinition(
                name=LanguageMap({session.language: session.title}),
                type=MEETING,
            ),
        ),
        context=Context(
            platform=settings.XAPI_PLATFORM,
            language=session.language,
            extensions={learning_mode_iri(): GROUP},
        ),
        timestamp=session.starts_at,
    )
    return json.loads(statement.to_json())
