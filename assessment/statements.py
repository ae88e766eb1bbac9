"""The xAPI statement of an answer to the positioning test (tincan)."""

from __future__ import annotations

import json

from django.conf import settings
from django.utils import timezone
from tincan import (
    Activity,
    ActivityDefinition,
    Context,
    LanguageMap,
    Result,
    Statement,
    Verb,
)

from learners.learning_mode import (
    ACCOMPANIED,
    ALONE,
    current_accompaniment,
    learning_mode_iri,
)
from learners.statements import ANSWERED, learner_agent

INTERACTION = "http://adlnet.gov/expapi/activities/cmi.interaction"
ASSESSMENT = "http://adlnet.gov/expapi/activities/assessment"


def competence_iri() -> str:
    """The context extension naming the item's DigComp competence and level."""
    return f"{settings.XAPI_IRI_BASE}extensions/digcomp"


def answer_statement(*, attempt, question, chosen: list[int], correct: bool) -> dict:
    """answered, for one item, with the indexes chosen and whether right."""
    item = Activity(
        id=f"{settings.XAPI_IRI_BASE}activities/assessment/items/{question.id}",
        definition=ActivityDefinition(
            name=LanguageMap({"fr": question.prompt}), type=INTERACTION
        ),
    )
    test = Activity(
        id=f"{settings.XAPI_IRI_BASE}activities/assessment",
        definition=ActivityDefinition(
            name=LanguageMap({"fr": "Où en suis-je ?"}), type=ASSESSMENT
        ),
    )
    accompanied = current_accompaniment() is not None or attempt.accompanied_by_id
    mode = ACCOMPANIED if accompanied else ALONE
    statement = Statement(
        actor=learner_agent(attempt.user),
        verb=Verb(id=ANSWERED, display=LanguageMap({"en-US": "answered"})),
        object=item,
        result=Result(success=correct, response="[,]".join(map(str, chosen))),
        context=Context(
            registration=str(attempt.uuid),
            context_activities={"parent": [test]},
            platform=settings.XAPI_PLATFORM,
            extensions={
                learning_mode_iri(): mode,
                competence_iri(): {
                    "competence": question.competence,
                    "level": question.level,
                },
            },
        ),
        timestamp=timezone.now(),
    )
    return json.loads(statement.to_json())
