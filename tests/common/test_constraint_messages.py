"""No constraint's name reaches a person: every constraint a form can hit says why."""

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from badges.models import BadgeClass
from courses.models import LessonPage

OUR_APPS = [
    "learners",
    "courses",
    "scheduling",
    "epn",
    "wallcode",
    "badges",
    "siteinfo",
]
# Written by services only, which never let a person's input reach them.
NO_FORM_WRITES = {"lesson_progress_once"}


def our_constraints():
    for label in OUR_APPS:
        for model in apps.get_app_config(label).get_models():
            for constraint in model._meta.constraints:
                if constraint.name not in NO_FORM_WRITES:
                    yield pytest.param(constraint, id=constraint.name)


@pytest.mark.parametrize("constraint", list(our_constraints()))
def test_each_constraint_has_a_message_for_people(constraint):
    message = str(constraint.violation_error_message)

    assert message != str(constraint.default_violation_error_message)
    assert constraint.name not in message


@pytest.mark.parametrize(
    ("model", "field"), [(BadgeClass, "rule_min_score"), (LessonPage, "pass_mark")]
)
@pytest.mark.django_db
def test_a_percentage_over_100_is_refused_next_to_its_field(model, field):
    instance = model(**{field: 150})
    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            instance.clean_fields()
        said = refused.value.message_dict[field]  # lazy: read in English

    assert said == ["Give a percentage, from 0 to 100."]
