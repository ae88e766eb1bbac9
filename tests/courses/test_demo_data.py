"""The demo data files in courses/data/ and how the loader reads them."""

import json

import pytest

from courses.demo_content import (
    DATA,
    DemoContentError,
    demo_catalogue_read,
    demo_course_read,
    demo_illustrations,
)


def course_file(tmp_path, body: list) -> dict:
    """A one-lesson course file with this body, read by the loader."""
    course = {
        "title": "Essai",
        "slug": "essai",
        "summary": "Un essai.",
        "audience": "everyone",
        "level": "foundation",
        "estimated_duration": 10,
        "competences": [],
        "prerequisites": [],
        "cover_colours": [[1, 2, 3], [4, 5, 6], [7, 8, 9]],
        "cover_subject": "smartphone",
        "modules": [
            {
                "title": "Module",
                "slug": "module",
                "summary": "",
                "lessons": [
                    {
                        "title": "Leçon",
                        "slug": "lecon",
                        "estimated_duration": 5,
                        "pass_mark": 50,
                        "body": body,
                    }
                ],
            }
        ],
    }
    path = tmp_path / "demo_essai_course.json"
    path.write_text(json.dumps(course), encoding="utf-8")
    return demo_course_read(path)


def lesson_body(course: dict) -> list:
    return course["modules"][0]["lessons"][0]["body"]


def test_the_catalogue_lists_course_files_that_exist_prerequisites_first():
    seen: set[str] = set()
    for name in demo_catalogue_read()["courses"]:
        course = demo_course_read(DATA / name)
        assert set(course["prerequisites"]) <= seen, name
        assert course["cover_subject"] in demo_illustrations()
        seen.add(course["slug"])


def test_a_text_block_becomes_paragraphs_headings_and_lists(tmp_path):
    content = ["Un <b>mot</b>.", {"h2": "Titre"}, {"ul": ["a", "b"]}, {"ol": ["c"]}]

    course = course_file(tmp_path, [{"type": "text", "content": content}])

    assert lesson_body(course) == [
        {
            "type": "paragraph",
            "value": "<p>Un <b>mot</b>.</p><h2>Titre</h2>"
            "<ul><li>a</li><li>b</li></ul><ol><li>c</li></ol>",
        }
    ]


def test_callout_illustration_and_question_blocks_are_read(tmp_path):
    body = [
        {"type": "callout", "kind": "tip", "title": "Astuce", "text": "Texte."},
        {"type": "illustration", "image": "smartphone", "caption": "Légende"},
        {
            "type": "question",
            "kind": "true_false",
            "prompt": "Vrai ?",
            "answers": [
                {"text": "Vrai", "correct": True, "feedback": "Oui."},
                {"text": "Faux", "correct": False, "feedback": "Non."},
            ],
            "explanation": "Parce que.",
        },
    ]

    callout, image, question = lesson_body(course_file(tmp_path, body))

    assert callout["value"] == {
        "kind": "tip",
        "title": "Astuce",
        "text": "<p>Texte.</p>",
    }
    assert image["value"] == {
        "image": "smartphone",
        "alt_text": demo_illustrations()["smartphone"]["alt_text"],
        "caption": "Légende",
    }
    assert question["type"] == "question"
    assert question["value"]["explanation"] == "<p>Parce que.</p>"
    assert [a["correct"] for a in question["value"]["answers"]] == [True, False]


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ({"type": "video"}, "unknown block type 'video'"),
        ({"type": "illustration", "image": "licorne"}, "no illustration named"),
        ({"type": "text", "content": [{"h5": "Titre"}]}, "unknown text part"),
    ],
)
def test_a_mistake_in_a_file_names_the_file_and_the_lesson(tmp_path, block, message):
    with pytest.raises(DemoContentError, match=message) as error:
        course_file(tmp_path, [block])

    assert "demo_essai_course.json, lecon" in str(error.value)
