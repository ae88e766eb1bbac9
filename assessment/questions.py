"""The item bank in use: the published questions of the Wagtail bank.

Editors author the questions in the admin (``assessment.models.Item``); only
live ones are asked, a draft never. ``questions()`` gives them in the person's
language (a French question stands in where it has no live translation) and
``bank()`` the engine's view of the French originals, restricted to what the
test definition covers (``assessment.models.TestDefinition``).

The engine reads the bank several times per request: both are computed once
per process and remembered under the "content" generation
(``common.remembered``), which a publish, unpublish or delete of a question,
or a change of the test definition, bumps (``assessment.receivers``). Pass the
request when there is one: its generations are read once for all its calls.
"""

from __future__ import annotations

import logging

from django.utils.translation import get_language
from wagtail.images.models import SourceImageIOError

from assessment.bank import Answer, Picture, Question
from assessment.digcomp import load_competences
from assessment.engine import Bank
from assessment.engine import Item as EngineItem
from common.page_cache import CONTENT
from common.remembered import remembered

PICTURE_RENDITION = "max-800x600"

logger = logging.getLogger(__name__)


class _OneCall:
    """Stands for the request outside one: the generations are read anew."""


def bank(request=None) -> Bank:
    """The engine's bank: the live French questions the test definition covers."""
    return remembered(request or _OneCall(), CONTENT, ("assessment-bank",), _bank)


def questions(request=None, *, language: str | None = None) -> dict[str, Question]:
    """Every live question by its identifier, in ``language`` (the active one
    by default) where translated, in French otherwise."""
    language = (language or get_language() or "fr")[:2]
    return remembered(
        request or _OneCall(),
        CONTENT,
        ("assessment-questions", language),
        lambda: _questions(language),
    )


def _bank() -> Bank:
    from assessment.models import Item, TestDefinition

    definition = TestDefinition.load()
    chosen = set(definition.competences.values_list("code", flat=True))
    competences = tuple(c for c in load_competences() if not chosen or c.code in chosen)
    rows = (
        Item.objects.filter(
            live=True,
            translation_of=None,
            competence__in=[c.code for c in competences],
            level__lte=definition.top_level,
        )
        .order_by("id")
        .values_list("slug", "competence", "level")
    )
    items = tuple(
        EngineItem(id=slug, competence=competence, level=level)
        for slug, competence, level in rows
    )
    return Bank(competences=competences, items=items)


def _questions(language: str) -> dict[str, Question]:
    from assessment.models import Item

    originals = list(
        Item.objects.filter(live=True, translation_of=None)
        .select_related("picture")
        .order_by("id")
    )
    translations = {}
    if language != "fr":
        translations = {
            t.translation_of_id: t
            for t in Item.objects.filter(
                live=True, language=language, translation_of__isnull=False
            )
        }
    return {
        original.slug: _question(original, translations.get(original.pk, original))
        for original in originals
    }


def _question(original, shown) -> Question:
    """The original's identifier, competence, level, type and markers' places;
    the prompt and the answers' words of the version shown."""
    places = original.answer_values()
    answers = []
    for index, value in enumerate(shown.answer_values()):
        place = places[index] if index < len(places) else {}
        answers.append(
            Answer(
                text=value["text"],
                feedback=value["feedback"],
                correct=bool(value.get("correct")),
                x=_number(place.get("x")),
                y=_number(place.get("y")),
            )
        )
    return Question(
        id=original.slug,
        competence=original.competence,
        level=original.level,
        type=original.type,
        prompt=shown.prompt,
        answers=tuple(answers),
        picture=_picture(original, shown),
    )


def _picture(original, shown) -> Picture | None:
    if original.type != "picture" or original.picture is None:
        return None
    image = original.picture
    try:
        rendition = image.get_rendition(PICTURE_RENDITION)
        src, width, height = rendition.url, rendition.width, rendition.height
    except SourceImageIOError:
        # The file is missing from storage: the markers' words still answer,
        # and the rest of the test goes on.
        logger.warning("picture of test question %s unreadable", original.slug)
        src, width, height = image.file.url, image.width, image.height
    return Picture(
        src=src,
        alt=shown.picture_alt or original.picture_alt,
        width=width,
        height=height,
    )


def _number(value) -> float | None:
    return None if value is None else float(value)
