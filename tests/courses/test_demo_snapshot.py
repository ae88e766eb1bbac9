"""What the demo loader puts in the database, against a recorded snapshot.

The snapshot (``demo_snapshot.json`` beside this file) was recorded from the
loader of before the demo courses moved to data files; the loader reading
courses/data/ must give the same catalogue: titles, slugs, settings, block
types, image titles, question prompts and correct answers.

After an intended change to the demo content, record it anew:
``DEMO_SNAPSHOT_RECORD=1 .venv/bin/pytest -q tests/courses/test_demo_snapshot.py``
and review the diff of the snapshot file.
"""

import json
import os
from pathlib import Path
from typing import Any

import pytest

from courses.demo_content import demo_courses_load
from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage

SNAPSHOT = Path(__file__).parent / "demo_snapshot.json"


def block_snapshot(block) -> list[Any]:
    """A block's type and the parts that say what it is."""
    value = block.value
    if block.block_type == "question":
        correct = [answer["text"] for answer in value["answers"] if answer["correct"]]
        return ["question", value["kind"], value["prompt"], correct]
    if block.block_type == "image":
        return ["image", value["image"].title, value["caption"]]
    if block.block_type == "callout":
        return ["callout", value["kind"], value["title"]]
    if block.block_type == "puzzle":
        return ["puzzle", value["title"]]
    return [block.block_type]


def lesson_snapshot(lesson: LessonPage) -> dict[str, Any]:
    return {
        "title": lesson.title,
        "slug": lesson.slug,
        "estimated_duration": lesson.estimated_duration,
        "pass_mark": lesson.pass_mark,
        "blocks": [block_snapshot(block) for block in lesson.body],
    }


def course_snapshot(course: CoursePage) -> dict[str, Any]:
    modules = ModulePage.objects.child_of(course).live().order_by("path")
    return {
        "title": course.title,
        "slug": course.slug,
        "summary": course.summary,
        "audience": course.audience,
        "level": course.level,
        "estimated_duration": course.estimated_duration,
        "language": course.language,
        "competences": sorted(course.competences.values_list("code", flat=True)),
        "prerequisites": sorted(course.prerequisites.values_list("slug", flat=True)),
        "cover": course.cover_image.title,
        "modules": [
            {
                "title": module.title,
                "slug": module.slug,
                "summary": module.summary,
                "lessons": [
                    lesson_snapshot(lesson)
                    for lesson in LessonPage.objects.child_of(module)
                    .live()
                    .order_by("path")
                ],
            }
            for module in modules
        ],
    }


def catalogue_snapshot(catalogue: CataloguePage) -> dict[str, Any]:
    courses = CoursePage.objects.child_of(catalogue).live().order_by("path")
    return {
        "title": catalogue.title,
        "slug": catalogue.slug,
        "intro": catalogue.intro,
        "courses": [course_snapshot(course) for course in courses],
    }


@pytest.mark.django_db
def test_the_demo_loader_gives_the_recorded_catalogue():
    loaded = catalogue_snapshot(demo_courses_load())

    if os.environ.get("DEMO_SNAPSHOT_RECORD"):
        SNAPSHOT.write_text(
            json.dumps(loaded, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert loaded == json.loads(SNAPSHOT.read_text(encoding="utf-8"))
