"""Demo content in French, read from data files in courses/data/.

``demo_courses_load()`` builds the catalogue (demo_catalogue.json), makes it the
root of the default site, and adds the courses the catalogue file lists, in its
order: three short courses for beginners with their modules, lessons, quiz
questions and a few generated illustrations, the Wallcode course of block
puzzles (whose puzzles are in puzzles/data/demo_puzzles.json), then a beginner
course of Python exercises (demo_python_course.json). The files' format is
described in courses/data/README.md; this module reads them and draws the
illustrations, which are code.

It is idempotent: pages are found by slug and images by title, so running it
again creates and changes nothing.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses.blocks import exercise_data, puzzle_data, question_data
from courses.models import (
    CataloguePage,
    Competence,
    CoursePage,
    Language,
    LessonPage,
    ModulePage,
)
from puzzles.demo import demo_puzzle_definitions

PageType = TypeVar("PageType", bound=Page)
Drawing = Callable[[ImageDraw.ImageDraw], None]
Colour = tuple[int, int, int]

DATA = Path(__file__).resolve().parent / "data"
CATALOGUE_PATH = DATA / "demo_catalogue.json"
ILLUSTRATIONS_PATH = DATA / "demo_illustrations.json"
WELCOME_PAGE_SLUG = "home"
DEFAULT_SITE_HOSTNAME = "localhost"
DEFAULT_SITE_PORT = 80
ILLUSTRATION_SIZE = (640, 360)
COVER_SIZE = (960, 360)
PUZZLE_LESSON_DURATION = 5
PUZZLE_PASS_MARK = 100


class DemoContentError(ValueError):
    """A demo data file does not say what the loader expects."""


@transaction.atomic
def demo_courses_load() -> CataloguePage:
    """Create the demo catalogue and courses once; return the catalogue page.

    Safe to run again: existing pages (found by slug) and images (found by
    title) are reused as they are, so a second run creates and changes nothing.
    """
    catalogue_data = demo_catalogue_read()
    catalogue = _catalogue_ensure(catalogue_data)
    _default_site_point_to(catalogue)
    _welcome_page_delete_if_unused()
    illustrations = {key: _illustration_ensure(key) for key in demo_illustrations()}
    for name in catalogue_data["courses"]:
        _course_ensure(catalogue, demo_course_read(DATA / name), illustrations)
    return catalogue


# --- Reading the data files ----------------------------------------------------


def _json_read(path: Path) -> Any:
    with path.open(encoding="utf-8") as file:
        return json.load(file)


def demo_catalogue_read() -> dict[str, Any]:
    """The catalogue page's fields and its course files, from demo_catalogue.json.

    The course files are listed in loading order: a course's prerequisites
    come before it.
    """
    catalogue = _json_read(CATALOGUE_PATH)
    catalogue["intro"] = _p(catalogue["intro"])
    return catalogue


def demo_course_read(path: Path) -> dict[str, Any]:
    """A course file as page fields, its lessons' bodies as StreamField data.

    Image blocks still name their illustration by key; the loader puts the
    image in. A module that lists ``puzzles`` (indexes in
    puzzles/data/demo_puzzles.json) gets one lesson per puzzle, named after it,
    with the course's ``lesson_text`` as statement.
    """
    course = _json_read(path)
    course["cover_colours"] = tuple(tuple(colour) for colour in course["cover_colours"])
    lesson_text = course.pop("lesson_text", "")
    for module in course["modules"]:
        if "puzzles" in module:
            module["lessons"] = _puzzle_lessons(module.pop("puzzles"), lesson_text)
            continue
        for lesson in module["lessons"]:
            where = f"{path.name}, {lesson.get('slug', '?')}"
            if "exercise" in lesson:
                lesson["body"] = _exercise_lesson_body(lesson)
                continue
            if "body" not in lesson:
                raise DemoContentError(f"{where}: a lesson without a body")
            lesson["body"] = [_block(block, where) for block in lesson["body"]]
    return course


def _exercise_lesson_body(lesson: dict[str, Any]) -> list[dict[str, Any]]:
    """A Python lesson: its intro (plain text, paragraphs split on blank lines;
    it speaks of < and >), the example program, then the exercise."""
    paragraphs = [text for text in lesson.pop("intro").split("\n\n") if text]
    intro = "".join(_p(escape(text)) for text in paragraphs)
    body = [{"type": "paragraph", "value": intro}]
    if lesson.get("example"):
        body.append({"type": "code", "value": lesson.pop("example")})
    body.append(exercise_data(lesson.pop("exercise")))
    return body


def _puzzle_lessons(indexes: list[int], statement: str) -> list[dict[str, Any]]:
    puzzles = demo_puzzle_definitions()
    return [
        {
            "title": puzzles[index]["title"],
            "slug": f"defi-{index + 1}",
            "estimated_duration": PUZZLE_LESSON_DURATION,
            "pass_mark": PUZZLE_PASS_MARK,
            "body": [puzzle_data(puzzles[index], statement=statement)],
        }
        for index in indexes
    ]


def _block(block: dict[str, Any], where: str) -> dict[str, Any]:
    """One block of a lesson file as raw StreamField data."""
    kind = block.get("type")
    if kind == "text":
        return {"type": "paragraph", "value": _html(block["content"], where)}
    if kind == "callout":
        value = {"kind": block["kind"], "title": block["title"]}
        return {"type": "callout", "value": {**value, "text": _p(block["text"])}}
    if kind == "illustration":
        key = block["image"]
        illustration = demo_illustrations().get(key)
        if illustration is None:
            raise DemoContentError(f"{where}: no illustration named {key!r}")
        value = {
            "image": key,
            "alt_text": block.get("alt_text") or illustration["alt_text"],
            "caption": block.get("caption", ""),
        }
        return {"type": "image", "value": value}
    if kind == "question":
        return question_data(
            kind=block["kind"],
            prompt=block["prompt"],
            answers=[
                {
                    "text": answer["text"],
                    "correct": answer["correct"],
                    "feedback": answer["feedback"],
                }
                for answer in block["answers"]
            ],
            explanation_html=_p(block["explanation"]),
        )
    raise DemoContentError(f"{where}: unknown block type {kind!r}")


def _html(content: list[str | dict[str, Any]], where: str) -> str:
    """Rich text from a text block's parts.

    A string is a paragraph; ``{"h2": ...}`` a heading; ``{"ul": [...]}`` and
    ``{"ol": [...]}`` a bulleted and a numbered list. Strings may hold the
    rich text's inline HTML (<b>, <i>, links).
    """
    html = []
    for part in content:
        if isinstance(part, str):
            html.append(_p(part))
        elif set(part) == {"h2"}:
            html.append(f"<h2>{part['h2']}</h2>")
        elif set(part) in ({"ul"}, {"ol"}):
            tag = next(iter(part))
            items = "".join(f"<li>{item}</li>" for item in part[tag])
            html.append(f"<{tag}>{items}</{tag}>")
        else:
            raise DemoContentError(f"{where}: unknown text part {part!r}")
    return "".join(html)


def _p(text: str) -> str:
    return f"<p>{text}</p>"


# --- Pages -------------------------------------------------------------------


def _catalogue_ensure(data: dict[str, Any]) -> CataloguePage:
    root = Page.get_first_root_node()
    catalogue = _child_by_slug(root, CataloguePage, data["slug"])
    if catalogue is None:
        fields = {"title": data["title"], "slug": data["slug"], "intro": data["intro"]}
        catalogue = _publish_new_child(root, CataloguePage(**fields))
    return catalogue


def _default_site_point_to(catalogue: CataloguePage) -> None:
    site = (
        Site.objects.filter(is_default_site=True).first()
        or Site.objects.filter(
            hostname=DEFAULT_SITE_HOSTNAME, port=DEFAULT_SITE_PORT
        ).first()
    )
    if site is None:
        Site.objects.create(
            hostname=DEFAULT_SITE_HOSTNAME,
            port=DEFAULT_SITE_PORT,
            site_name=getattr(settings, "WAGTAIL_SITE_NAME", ""),
            root_page=catalogue,
            is_default_site=True,
        )
    elif site.root_page_id != catalogue.id or not site.is_default_site:
        site.root_page = catalogue
        site.is_default_site = True
        site.save()


def _welcome_page_delete_if_unused() -> None:
    """Delete Wagtail's "Welcome" page unless something still uses it."""
    root = Page.get_first_root_node()
    welcome = (
        Page.objects.child_of(root)
        .filter(
            slug=WELCOME_PAGE_SLUG,
            content_type=ContentType.objects.get_for_model(Page),
        )
        .first()
    )
    if welcome is None or welcome.get_children().exists():
        return
    if Site.objects.filter(root_page=welcome).exists():
        return
    welcome.delete()


def _course_ensure(
    catalogue: CataloguePage, data: dict[str, Any], illustrations: dict[str, Image]
) -> CoursePage:
    course = _child_by_slug(catalogue, CoursePage, data["slug"])
    if course is None:
        course = _course_create(catalogue, data)
    for module_data in data["modules"]:
        _module_ensure(course, module_data, illustrations)
    return course


def _course_create(catalogue: CataloguePage, data: dict[str, Any]) -> CoursePage:
    course = CoursePage(
        title=data["title"],
        slug=data["slug"],
        summary=data["summary"],
        audience=data["audience"],
        level=data["level"],
        estimated_duration=data["estimated_duration"],
        language=Language.FRENCH,
        cover_image=_cover_ensure(data),
    )
    course.competences = list(Competence.objects.filter(code__in=data["competences"]))
    course.prerequisites = _courses_by_slug(catalogue, data["prerequisites"])
    return _publish_new_child(catalogue, course)


def _courses_by_slug(catalogue: CataloguePage, slugs: list[str]) -> list[CoursePage]:
    return list(CoursePage.objects.child_of(catalogue).filter(slug__in=slugs))


def _module_ensure(
    course: CoursePage, data: dict[str, Any], illustrations: dict[str, Image]
) -> ModulePage:
    module = _child_by_slug(course, ModulePage, data["slug"])
    if module is None:
        module = _publish_new_child(
            course,
            ModulePage(title=data["title"], slug=data["slug"], summary=data["summary"]),
        )
    for lesson_data in data["lessons"]:
        _lesson_ensure(module, lesson_data, illustrations)
    return module


def _lesson_ensure(
    module: ModulePage, data: dict[str, Any], illustrations: dict[str, Image]
) -> LessonPage:
    lesson = _child_by_slug(module, LessonPage, data["slug"])
    if lesson is None:
        lesson = _publish_new_child(
            module,
            LessonPage(
                title=data["title"],
                slug=data["slug"],
                estimated_duration=data["estimated_duration"],
                pass_mark=data["pass_mark"],
                body=_body_with_images(data["body"], illustrations),
            ),
        )
    return lesson


def _body_with_images(
    blocks: list[dict[str, Any]], illustrations: dict[str, Image]
) -> list[dict[str, Any]]:
    """A copy of the blocks where each image key is replaced by the image's id."""
    body = copy.deepcopy(blocks)
    for block in body:
        if block["type"] == "image":
            block["value"]["image"] = illustrations[block["value"]["image"]].pk
    return body


def _child_by_slug(
    parent: Page, page_type: type[PageType], slug: str
) -> PageType | None:
    return page_type.objects.child_of(parent).filter(slug=slug).first()


def _publish_new_child(parent: Page, page: PageType) -> PageType:
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# --- Images ------------------------------------------------------------------


def _illustration_ensure(key: str) -> Image:
    spec = demo_illustrations()[key]
    return _image_ensure(
        title=spec["title"],
        filename=f"{key}.png",
        png=lambda: _png(ILLUSTRATION_SIZE, spec["background"], DRAWINGS[key]),
        description=spec["alt_text"],
    )


def _cover_ensure(course_data: dict[str, Any]) -> Image:
    background, accent, detail = course_data["cover_colours"]
    subject = DRAWINGS[course_data["cover_subject"]]
    return _image_ensure(
        # The title names the drawing: covers made before each course had its
        # own subject (all showed the same phone) are not reused.
        title=f"Couverture : {course_data['title']} ({course_data['cover_subject']})",
        filename=f"couverture-{course_data['slug']}.png",
        png=lambda: _cover_png(background, accent, detail, subject),
        description="",
    )


def _image_ensure(
    *, title: str, filename: str, png: Callable[[], bytes], description: str
) -> Image:
    """The image with this title; generated and saved the first time only."""
    image = Image.objects.filter(title=title).first()
    if image is None:
        data = png()
        image = Image(
            title=title,
            description=description,
            file=ImageFile(BytesIO(data), name=filename),
            file_size=len(data),
        )
        image.save()
    return image


def _png(size: tuple[int, int], background: Colour, drawing: Drawing) -> bytes:
    canvas = PillowImage.new("RGB", size, background)
    drawing(ImageDraw.Draw(canvas))
    buffer = BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


DARK = (44, 52, 64)
GREY = (120, 126, 136)
SCREEN = (220, 236, 248)
ORANGE = (230, 126, 34)
BLUE = (41, 128, 185)
ICON_COLOURS = [
    (231, 76, 60),
    (46, 204, 113),
    (52, 152, 219),
    (241, 196, 15),
    (155, 89, 182),
    (26, 188, 156),
]


def _draw_smartphone(draw: ImageDraw.ImageDraw) -> None:
    """A phone seen from the front: app icons, side buttons and a touch."""
    draw.rounded_rectangle((240, 20, 400, 340), radius=26, fill=DARK)
    draw.rounded_rectangle((252, 48, 388, 312), radius=10, fill=SCREEN)
    draw.rounded_rectangle((300, 30, 340, 37), radius=3, fill=GREY)
    for row in range(4):
        for column in range(3):
            left, top = 268 + column * 40, 66 + row * 46
            colour = ICON_COLOURS[(row * 3 + column) % len(ICON_COLOURS)]
            draw.rounded_rectangle((left, top, left + 26, top + 26), 6, fill=colour)
    draw.rounded_rectangle((295, 298, 345, 303), radius=2, fill=GREY)
    draw.rectangle((400, 96, 408, 150), fill=ORANGE)
    draw.rectangle((232, 90, 240, 125), fill=BLUE)
    draw.rectangle((232, 135, 240, 170), fill=BLUE)
    for radius in (10, 20):
        draw.ellipse(
            (321 - radius, 125 - radius, 321 + radius, 125 + radius),
            outline=DARK,
            width=3,
        )
    draw.line((408, 123, 500, 123), fill=ORANGE, width=4)
    draw.ellipse((496, 111, 520, 135), fill=ORANGE)
    draw.line((140, 130, 232, 130), fill=BLUE, width=4)
    draw.ellipse((120, 118, 144, 142), fill=BLUE)


def _draw_suspicious_message(draw: ImageDraw.ImageDraw) -> None:
    """A phone showing a message with a link, next to a warning sign."""
    draw.rounded_rectangle((90, 30, 250, 330), radius=24, fill=DARK)
    draw.rounded_rectangle((102, 58, 238, 302), radius=10, fill=(250, 250, 250))
    draw.rounded_rectangle((112, 90, 228, 184), radius=12, fill=(222, 224, 230))
    for top, right in ((104, 212), (120, 198), (136, 216)):
        draw.rounded_rectangle((122, top, right, top + 8), radius=4, fill=GREY)
    draw.rounded_rectangle((122, 156, 196, 166), radius=4, fill=BLUE)
    draw.polygon([(450, 50), (570, 290), (330, 290)], fill=(243, 156, 18))
    draw.rounded_rectangle((440, 130, 460, 228), radius=8, fill=DARK)
    draw.ellipse((438, 242, 462, 266), fill=DARK)


def _draw_card_reader(draw: ImageDraw.ImageDraw) -> None:
    """An eID card in a card reader plugged into a laptop."""
    draw.rounded_rectangle((340, 40, 590, 210), radius=10, fill=DARK)
    draw.rectangle((352, 52, 578, 198), fill=SCREEN)
    draw.polygon([(310, 210), (620, 210), (640, 240), (290, 240)], fill=GREY)
    draw.line([(230, 292), (270, 292), (270, 226), (300, 226)], fill=DARK, width=6)
    draw.rounded_rectangle((90, 110, 210, 280), radius=8, fill=(255, 250, 240))
    draw.rectangle((102, 128, 140, 172), fill=(174, 214, 241))
    draw.rounded_rectangle((160, 136, 196, 162), radius=4, fill=(241, 196, 15))
    for top in (190, 206, 222):
        draw.rounded_rectangle((102, top, 196, top + 6), radius=3, fill=(200, 200, 200))
    draw.rounded_rectangle((60, 250, 230, 325), radius=14, fill=(52, 73, 94))
    draw.rectangle((84, 248, 216, 256), fill=DARK)


def _draw_robot_grid(draw: ImageDraw.ImageDraw) -> None:
    """A grid with walls, a robot, a path of arrows and a flag."""
    cell = 56
    walls = {(1, 1), (2, 1), (3, 3), (0, 3)}
    for row in range(5):
        for column in range(6):
            left, top = 150 + column * cell, 40 + row * cell
            fill = DARK if (column, row) in walls else (238, 245, 233)
            draw.rectangle((left, top, left + cell - 4, top + cell - 4), fill=fill)
    draw.ellipse((158, 48, 198, 88), fill=BLUE)
    draw.polygon([(178, 52), (192, 72), (164, 72)], fill=(255, 255, 255))
    for column in (1, 2, 3):
        x = 150 + column * cell + 26
        draw.line((x - 12, 66, x + 12, 66), fill=ORANGE, width=5)
    draw.line((438, 260, 438, 210), fill=DARK, width=5)
    draw.polygon([(440, 210), (470, 222), (440, 234)], fill=(192, 57, 43))


def _cover_png(
    background: Colour, accent: Colour, detail: Colour, subject: Drawing
) -> bytes:
    """A course cover: the course's own subject on the right, in its colours."""
    canvas = PillowImage.new("RGB", COVER_SIZE, background)
    draw = ImageDraw.Draw(canvas)
    draw.ellipse((560, -120, 1080, 400), fill=accent)
    draw.ellipse((-80, 220, 240, 540), fill=detail)
    scene = PillowImage.new("RGBA", ILLUSTRATION_SIZE, (0, 0, 0, 0))
    subject(ImageDraw.Draw(scene))
    canvas.paste(scene, (COVER_SIZE[0] - ILLUSTRATION_SIZE[0], 0), scene)
    buffer = BytesIO()
    canvas.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


# The drawing of each illustration named in demo_illustrations.json (whose
# entries give its title, background colour and alternative text).
DRAWINGS: dict[str, Drawing] = {
    "smartphone": _draw_smartphone,
    "suspicious_message": _draw_suspicious_message,
    "card_reader": _draw_card_reader,
    "robot_grid": _draw_robot_grid,
}


@functools.cache
def demo_illustrations() -> dict[str, dict[str, Any]]:
    """Each illustration's title, background colour and alternative text, by key."""
    illustrations = _json_read(ILLUSTRATIONS_PATH)
    for key, spec in illustrations.items():
        if key not in DRAWINGS:
            raise DemoContentError(f"{ILLUSTRATIONS_PATH.name}: no drawing for {key!r}")
        spec["background"] = tuple(spec["background"])
    return illustrations
