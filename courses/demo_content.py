"""Demo content in French: three short courses for beginners and a coding course.

``demo_courses_load()`` builds the catalogue, makes it the root of the default
site, and adds three courses with their modules, lessons, quiz questions and a
few generated illustrations, then the Wallcode course of block puzzles (data
files: courses/data/demo_coding_course.json, puzzles/data/demo_puzzles.json).
It is idempotent: pages are found by slug and images by title, so running it
again creates and changes nothing.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PillowImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses.blocks import puzzle_data, question_data
from courses.models import (
    Audience,
    CataloguePage,
    Competence,
    CoursePage,
    Language,
    LessonPage,
    Level,
    ModulePage,
)
from puzzles.demo import demo_puzzle_definitions

PageType = TypeVar("PageType", bound=Page)
Drawing = Callable[[ImageDraw.ImageDraw], None]
Colour = tuple[int, int, int]

WELCOME_PAGE_SLUG = "home"
DEFAULT_SITE_HOSTNAME = "localhost"
DEFAULT_SITE_PORT = 80
ILLUSTRATION_SIZE = (640, 360)
COVER_SIZE = (960, 360)


@transaction.atomic
def demo_courses_load() -> CataloguePage:
    """Create the demo catalogue and courses once; return the catalogue page.

    Safe to run again: existing pages (found by slug) and images (found by
    title) are reused as they are, so a second run creates and changes nothing.
    """
    catalogue = _catalogue_ensure()
    _default_site_point_to(catalogue)
    _welcome_page_delete_if_unused()
    illustrations = {key: _illustration_ensure(key) for key in ILLUSTRATIONS}
    for course_data in [*COURSES, coding_course()]:
        _course_ensure(catalogue, course_data, illustrations)
    return catalogue


CODING_COURSE_PATH = Path(__file__).parent / "data" / "demo_coding_course.json"


def coding_course() -> dict[str, Any]:
    """The Wallcode course of block puzzles, from its data files.

    The course, its modules and which puzzles they hold are in
    courses/data/demo_coding_course.json; the puzzles themselves (grids,
    hints, reference solutions) in puzzles/data/demo_puzzles.json. One lesson
    per puzzle, named after it; solving the puzzle completes the lesson.
    """
    with CODING_COURSE_PATH.open(encoding="utf-8") as file:
        course = json.load(file)
    puzzles = demo_puzzle_definitions()
    course["cover_colours"] = tuple(tuple(c) for c in course["cover_colours"])
    text = course.pop("lesson_text")
    for module in course["modules"]:
        module["lessons"] = [
            {
                "title": puzzles[index]["title"],
                "slug": f"defi-{index + 1}",
                "estimated_duration": 5,
                "pass_mark": 100,
                "body": [puzzle_data(puzzles[index], statement=text)],
            }
            for index in module.pop("puzzles")
        ]
    return course


# --- Pages -------------------------------------------------------------------


def _catalogue_ensure() -> CataloguePage:
    root = Page.get_first_root_node()
    catalogue = _child_by_slug(root, CataloguePage, CATALOGUE["slug"])
    if catalogue is None:
        catalogue = _publish_new_child(root, CataloguePage(**CATALOGUE))
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
    spec = ILLUSTRATIONS[key]
    return _image_ensure(
        title=spec["title"],
        filename=f"{key}.png",
        png=lambda: _png(ILLUSTRATION_SIZE, spec["background"], spec["draw"]),
        description=spec["alt_text"],
    )


def _cover_ensure(course_data: dict[str, Any]) -> Image:
    background, accent, detail = course_data["cover_colours"]
    subject = ILLUSTRATIONS[course_data["cover_subject"]]["draw"]
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


# --- Content builders ----------------------------------------------------------


def _p(text: str) -> str:
    return f"<p>{text}</p>"


def _h2(text: str) -> str:
    return f"<h2>{text}</h2>"


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _ol(*items: str) -> str:
    return "<ol>" + "".join(f"<li>{item}</li>" for item in items) + "</ol>"


def _text(*html: str) -> dict[str, Any]:
    return {"type": "paragraph", "value": "".join(html)}


def _callout(kind: str, title: str, text: str) -> dict[str, Any]:
    return {"type": "callout", "value": {"kind": kind, "title": title, "text": text}}


def _illustration(key: str, caption: str = "") -> dict[str, Any]:
    """An image block; ``key`` names an entry of ILLUSTRATIONS."""
    value = {
        "image": key,
        "alt_text": ILLUSTRATIONS[key]["alt_text"],
        "caption": caption,
    }
    return {"type": "image", "value": value}


def _right(text: str, feedback: str) -> dict[str, Any]:
    return {"text": text, "correct": True, "feedback": feedback}


def _wrong(text: str, feedback: str) -> dict[str, Any]:
    return {"text": text, "correct": False, "feedback": feedback}


def _question(
    kind: str, prompt: str, answers: list[dict[str, Any]], explanation: str
) -> dict[str, Any]:
    return question_data(
        kind=kind, prompt=prompt, answers=answers, explanation_html=_p(explanation)
    )


def _single(
    prompt: str, answers: list[dict[str, Any]], explanation: str
) -> dict[str, Any]:
    return _question("single", prompt, answers, explanation)


def _multiple(
    prompt: str, answers: list[dict[str, Any]], explanation: str
) -> dict[str, Any]:
    return _question("multiple", prompt, answers, explanation)


def _true_false(
    prompt: str, *, true: bool, if_true: str, if_false: str, explanation: str
) -> dict[str, Any]:
    """A true/false question: "Vrai" and "Faux", with the feedback of each."""
    answers = [
        {"text": "Vrai", "correct": true, "feedback": if_true},
        {"text": "Faux", "correct": not true, "feedback": if_false},
    ]
    return _question("true_false", prompt, answers, explanation)


# --- Content -----------------------------------------------------------------

ILLUSTRATIONS: dict[str, dict[str, Any]] = {
    "smartphone": {
        "title": "Illustration : un smartphone et ses boutons",
        "background": (246, 241, 232),
        "draw": _draw_smartphone,
        "alt_text": (
            "Dessin d'un smartphone vu de face. L'écran tactile montre des icônes "
            "de couleur ; des cercles autour d'une icône montrent qu'on la touche. "
            "Sur le côté droit, le bouton d'allumage en orange. Sur le côté gauche, "
            "les deux boutons de volume en bleu."
        ),
    },
    "suspicious_message": {
        "title": "Illustration : un message suspect sur un smartphone",
        "background": (250, 244, 236),
        "draw": _draw_suspicious_message,
        "alt_text": (
            "Dessin d'un smartphone qui affiche un message avec un lien bleu. "
            "À côté, un grand triangle orange avec un point d'exclamation : "
            "attention, ce message est peut-être une arnaque."
        ),
    },
    "card_reader": {
        "title": "Illustration : une carte d'identité dans un lecteur de carte",
        "background": (236, 244, 240),
        "draw": _draw_card_reader,
        "alt_text": (
            "Dessin d'une carte d'identité électronique avec sa puce dorée, "
            "glissée dans un petit lecteur de carte. Le lecteur est relié par "
            "un câble à un ordinateur portable."
        ),
    },
}

ILLUSTRATIONS["robot_grid"] = {
    "title": "Illustration : un robot sur une grille de jeu",
    "background": (240, 246, 252),
    "draw": _draw_robot_grid,
    "alt_text": (
        "Dessin d'une grille de jeu avec quelques murs gris foncé. En haut à "
        "gauche, un robot rond et bleu ; des flèches orange montrent son chemin "
        "vers la droite. En bas, un petit drapeau rouge marque l'arrivée."
    ),
}

CATALOGUE: dict[str, str] = {
    "title": "Apprendre le numérique",
    "slug": "catalogue",
    "intro": _p(
        "Des cours courts, en mots simples, pour prendre confiance avec le "
        "numérique. Avancez à votre rythme, une leçon à la fois. Chaque leçon se "
        "termine par quelques questions pour vérifier ce que vous avez retenu."
    ),
}

SMARTPHONE_COURSE: dict[str, Any] = {
    "title": "Premiers pas avec un smartphone",
    "slug": "premiers-pas-avec-un-smartphone",
    "summary": (
        "Vous avez un smartphone mais vous n'osez pas trop l'utiliser ? Ce cours "
        "vous montre, pas à pas, comment vous en servir : les boutons, l'écran "
        "tactile, les applications, les appels et les SMS. Vous apprendrez aussi "
        "à le protéger avec un code."
    ),
    "audience": Audience.CITIZENS,
    "level": Level.FOUNDATION,
    "estimated_duration": 60,
    "competences": ["2.1", "4.1", "5.1"],
    "prerequisites": [],
    "cover_colours": ((232, 246, 243), (118, 215, 196), (22, 160, 133)),
    "cover_subject": "smartphone",
    "modules": [
        {
            "title": "Découvrir son smartphone",
            "slug": "decouvrir-son-smartphone",
            "summary": "Connaître les boutons, l'écran tactile et l'écran d'accueil.",
            "lessons": [
                {
                    "title": "Les boutons et l'écran tactile",
                    "slug": "boutons-et-ecran-tactile",
                    "estimated_duration": 15,
                    "pass_mark": 50,
                    "body": [
                        _text(
                            _p(
                                "Un smartphone est un petit ordinateur qui tient "
                                "dans la main. Il sert à téléphoner. Il sert aussi "
                                "à envoyer des messages, à prendre des photos ou à "
                                "lire ses courriels."
                            ),
                            _p(
                                "Bonne nouvelle : il n'a que quelques boutons. "
                                "Presque tout se fait avec le doigt, directement "
                                "sur l'écran."
                            ),
                            _h2("Les boutons sur les côtés"),
                            _ul(
                                "<b>Le bouton d'allumage</b> : un appui court "
                                "allume ou éteint l'écran. Le téléphone, lui, "
                                "reste allumé.",
                                "<b>Les boutons de volume</b> : ils montent ou "
                                "baissent le son de la sonnerie, d'un appel ou "
                                "d'une vidéo.",
                            ),
                        ),
                        _illustration(
                            "smartphone",
                            caption=(
                                "La place des boutons change d'un modèle à "
                                "l'autre, mais ils sont presque toujours sur les "
                                "côtés."
                            ),
                        ),
                        _text(
                            _h2("Les gestes sur l'écran tactile"),
                            _p(
                                "L'écran réagit au toucher de votre doigt. Voici "
                                "les gestes les plus utiles :"
                            ),
                            _ul(
                                "<b>Toucher</b> : posez brièvement le doigt sur "
                                "une icône pour l'ouvrir.",
                                "<b>Appui long</b> : gardez le doigt posé une ou "
                                "deux secondes. Un petit menu apparaît souvent.",
                                "<b>Glisser</b> : posez le doigt et faites-le "
                                "glisser pour faire défiler une page vers le haut "
                                "ou vers le bas.",
                                "<b>Écarter deux doigts</b> : posez deux doigts "
                                "sur l'écran et écartez-les pour agrandir une "
                                "photo ou un texte. Rapprochez-les pour réduire.",
                            ),
                        ),
                        _callout(
                            "tip",
                            "Pas de panique",
                            _p(
                                "Vous n'abîmerez pas le téléphone en touchant "
                                "l'écran. Si vous vous trompez, vous pouvez presque "
                                "toujours revenir en arrière. Essayez, sans peur !"
                            ),
                        ),
                        _multiple(
                            "Quels gestes pouvez-vous faire sur un écran tactile ?",
                            [
                                _right(
                                    "Toucher une icône pour l'ouvrir",
                                    "Oui. C'est le geste le plus courant.",
                                ),
                                _right(
                                    "Glisser le doigt pour faire défiler une page",
                                    "Oui. On glisse pour descendre dans une page.",
                                ),
                                _right(
                                    "Écarter deux doigts pour agrandir",
                                    "Oui. C'est pratique pour lire un petit texte.",
                                ),
                                _wrong(
                                    "Souffler sur l'écran pour l'allumer",
                                    "Non. L'écran réagit au toucher du doigt, pas "
                                    "au souffle.",
                                ),
                            ],
                            "Toucher, appui long, glisser et écarter deux doigts : "
                            "avec ces quatre gestes, vous pouvez presque tout faire.",
                        ),
                        _single(
                            "Un texte est trop petit sur l'écran. Que faites-vous ?",
                            [
                                _right(
                                    "J'écarte deux doigts sur le texte",
                                    "Bravo. Le texte s'agrandit.",
                                ),
                                _wrong(
                                    "J'appuie sur le bouton d'allumage",
                                    "Non. Ce bouton allume ou éteint l'écran.",
                                ),
                                _wrong(
                                    "Je secoue le téléphone",
                                    "Non. Secouer le téléphone n'agrandit pas le "
                                    "texte.",
                                ),
                            ],
                            "Pour agrandir, écartez deux doigts. Pour réduire, "
                            "rapprochez-les.",
                        ),
                        _true_false(
                            "Toucher l'écran avec le doigt peut abîmer le téléphone.",
                            true=False,
                            if_true="Non, rassurez-vous. L'écran est fait pour être "
                            "touché.",
                            if_false="Exact. L'écran est fait pour être touché avec "
                            "le doigt.",
                            explanation="Un écran tactile est fait pour être touché. "
                            "Évitez seulement les objets pointus et les chocs.",
                        ),
                    ],
                },
                {
                    "title": "L'écran d'accueil et les applications",
                    "slug": "ecran-d-accueil-et-applications",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Quand vous allumez l'écran et déverrouillez le "
                                "téléphone, vous arrivez sur <b>l'écran "
                                "d'accueil</b>. C'est le point de départ, comme le "
                                "hall d'entrée d'une maison."
                            ),
                            _h2("Les applications"),
                            _p(
                                "Les petites images sur l'écran d'accueil "
                                "s'appellent des <b>icônes</b>. Chaque icône ouvre "
                                "une <b>application</b>, souvent appelée « appli » "
                                "ou « app »."
                            ),
                            _p(
                                "Une application est un programme qui sert à une "
                                "chose précise : téléphoner, envoyer des messages, "
                                "prendre des photos, consulter la météo… Pour "
                                "ouvrir une application, touchez son icône une fois."
                            ),
                            _h2("Revenir à l'écran d'accueil"),
                            _p(
                                "Selon votre modèle de téléphone, il y a deux "
                                "façons de faire :"
                            ),
                            _ul(
                                "touchez le bouton en forme de rond ou de maison, "
                                "en bas de l'écran ;",
                                "ou faites glisser votre doigt depuis le bord du "
                                "bas de l'écran vers le haut.",
                            ),
                            _p(
                                "Vous pouvez le faire à tout moment. L'application "
                                "n'est pas effacée : elle attend simplement en "
                                "arrière-plan."
                            ),
                            _h2("Les réglages"),
                            _p(
                                "L'application <b>Paramètres</b> (ou "
                                "<b>Réglages</b>) a souvent une icône en forme de "
                                "roue dentée. Elle permet par exemple d'agrandir le "
                                "texte ou de régler la luminosité de l'écran."
                            ),
                        ),
                        _callout(
                            "info",
                            "Agrandir le texte une fois pour toutes",
                            _p(
                                "Les lettres sont trop petites ? Ouvrez les "
                                "<b>Paramètres</b> et cherchez « Affichage » ou "
                                "« Taille du texte ». Vous pouvez tout agrandir."
                            ),
                        ),
                        _single(
                            "Comment s'appelle le programme qui s'ouvre quand vous "
                            "touchez une icône ?",
                            [
                                _right(
                                    "Une application",
                                    "Oui. On dit aussi « appli » ou « app ».",
                                ),
                                _wrong(
                                    "Un courriel",
                                    "Non. Un courriel est un message électronique.",
                                ),
                                _wrong(
                                    "Un mot de passe",
                                    "Non. Un mot de passe sert à protéger un compte.",
                                ),
                            ],
                            "Chaque icône ouvre une application. Une application "
                            "sert à une chose précise.",
                        ),
                        _true_false(
                            "Revenir à l'écran d'accueil efface l'application que "
                            "vous utilisiez.",
                            true=False,
                            if_true="Non. L'application n'est pas effacée. Elle "
                            "reste ouverte en arrière-plan.",
                            if_false="C'est juste. L'application attend simplement "
                            "en arrière-plan.",
                            explanation="Vous pouvez revenir à l'écran d'accueil à "
                            "tout moment, sans rien perdre.",
                        ),
                        _multiple(
                            "Que pouvez-vous faire dans l'application Paramètres ?",
                            [
                                _right(
                                    "Agrandir la taille du texte",
                                    "Oui. C'est très utile si vous lisez mal les "
                                    "petites lettres.",
                                ),
                                _right(
                                    "Régler la luminosité de l'écran",
                                    "Oui. Vous pouvez rendre l'écran plus clair ou "
                                    "plus sombre.",
                                ),
                                _wrong(
                                    "Acheter un nouveau téléphone",
                                    "Non. Les Paramètres servent à régler votre "
                                    "téléphone.",
                                ),
                            ],
                            "Les Paramètres permettent d'adapter le téléphone à vos "
                            "besoins : taille du texte, luminosité, son…",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Utiliser son smartphone au quotidien",
            "slug": "utiliser-son-smartphone-au-quotidien",
            "summary": "Téléphoner, écrire un SMS et protéger son téléphone.",
            "lessons": [
                {
                    "title": "Téléphoner et envoyer un SMS",
                    "slug": "telephoner-et-envoyer-un-sms",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Pour téléphoner, ouvrez l'application "
                                "<b>Téléphone</b>. Son icône montre souvent un "
                                "combiné de téléphone."
                            ),
                            _h2("Appeler quelqu'un"),
                            _ol(
                                "Touchez l'icône <b>Téléphone</b>.",
                                "Tapez le numéro sur le clavier qui apparaît, ou "
                                "choisissez une personne dans vos <b>Contacts</b>.",
                                "Touchez le bouton vert pour appeler.",
                                "Pour raccrocher, touchez le bouton rouge.",
                            ),
                            _h2("Envoyer un SMS"),
                            _p(
                                "Un SMS est un court message écrit. Ouvrez "
                                "l'application <b>Messages</b> et choisissez un "
                                "contact. Écrivez votre texte avec le clavier, puis "
                                "touchez la flèche pour l'envoyer."
                            ),
                            _p(
                                "Enregistrez les numéros de vos proches dans vos "
                                "<b>Contacts</b>. Vous ne devrez plus les retaper."
                            ),
                        ),
                        _callout(
                            "info",
                            "Les numéros d'urgence",
                            _p(
                                "En Belgique, composez le <b>112</b> pour une "
                                "ambulance ou les pompiers, et le <b>101</b> pour "
                                "la police. Ces appels sont gratuits."
                            ),
                        ),
                        _single(
                            "Vous voulez appeler votre fille. Quelle application "
                            "ouvrez-vous ?",
                            [
                                _right(
                                    "Téléphone",
                                    "Oui. Ensuite, choisissez votre fille dans vos "
                                    "contacts.",
                                ),
                                _wrong(
                                    "Appareil photo",
                                    "Non. L'appareil photo sert à prendre des photos.",
                                ),
                                _wrong(
                                    "Paramètres",
                                    "Non. Les Paramètres servent à régler le "
                                    "téléphone.",
                                ),
                            ],
                            "Pour appeler, on ouvre l'application Téléphone, puis "
                            "on tape un numéro ou on choisit un contact.",
                        ),
                        _single(
                            "En Belgique, quel numéro appelez-vous pour une "
                            "ambulance ?",
                            [
                                _right("Le 112", "Oui. Le 112 est gratuit."),
                                _wrong(
                                    "Le 101",
                                    "Non. Le 101 est le numéro de la police.",
                                ),
                                _wrong(
                                    "Le numéro de mon médecin",
                                    "Pas en cas d'urgence grave. Appelez alors le 112.",
                                ),
                            ],
                            "Le 112 pour une ambulance ou les pompiers, le 101 pour "
                            "la police. Notez-les dans vos contacts.",
                        ),
                        _true_false(
                            "Un SMS est un court message écrit, envoyé d'un "
                            "téléphone à un autre.",
                            true=True,
                            if_true="C'est juste. On l'écrit dans l'application "
                            "Messages.",
                            if_false="Si, c'est bien cela. On l'écrit dans "
                            "l'application Messages.",
                            explanation="Un SMS est un court message écrit. On "
                            "l'envoie avec l'application Messages.",
                        ),
                    ],
                },
                {
                    "title": "Protéger son smartphone",
                    "slug": "proteger-son-smartphone",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Votre smartphone contient beaucoup de choses "
                                "personnelles : vos contacts, vos photos, vos "
                                "messages, parfois l'accès à votre banque. Il faut "
                                "donc le protéger."
                            ),
                            _h2("Verrouiller l'écran avec un code"),
                            _p(
                                "Le <b>verrouillage</b> empêche une autre personne "
                                "d'utiliser votre téléphone. Pour le déverrouiller, "
                                "il faut un code secret, votre empreinte digitale "
                                "ou votre visage."
                            ),
                            _p(
                                "Choisissez un code difficile à deviner. Évitez "
                                "0000, 1234 ou votre date de naissance."
                            ),
                            _h2("Faire les mises à jour"),
                            _p(
                                "Les <b>mises à jour</b> corrigent des problèmes de "
                                "sécurité. Quand votre téléphone propose une mise à "
                                "jour, acceptez-la. Faites-la de préférence avec le "
                                "Wi-Fi, téléphone branché sur le chargeur."
                            ),
                            _h2("Installer des applications sûres"),
                            _p(
                                "Installez vos applications seulement depuis le "
                                "magasin officiel de votre téléphone : <b>Google "
                                "Play</b> sur Android, ou l'<b>App Store</b> sur "
                                "iPhone. N'installez jamais une application à "
                                "partir d'un lien reçu par message."
                            ),
                        ),
                        _callout(
                            "warning",
                            "Votre code reste secret",
                            _p(
                                "Ne donnez jamais le code de votre téléphone. Même "
                                "pas à une personne qui dit travailler pour votre "
                                "banque ou pour votre opérateur."
                            ),
                        ),
                        _multiple(
                            "Quels codes sont trop faciles à deviner ?",
                            [
                                _right("1234", "Oui. C'est l'un des plus utilisés."),
                                _right("0000", "Oui. C'est le premier qu'on essaie."),
                                _right(
                                    "Votre date de naissance",
                                    "Oui. Beaucoup de gens la connaissent.",
                                ),
                                _wrong(
                                    "Six chiffres choisis au hasard",
                                    "C'est un bon choix, si vous le retenez bien.",
                                ),
                            ],
                            "Un bon code ne suit pas de logique et ne parle pas de "
                            "vous. Gardez-le pour vous.",
                        ),
                        _true_false(
                            "Il vaut mieux refuser les mises à jour, car elles "
                            "abîment le téléphone.",
                            true=False,
                            if_true="Non. Les mises à jour protègent votre téléphone.",
                            if_false="Exact. Les mises à jour corrigent des "
                            "problèmes de sécurité.",
                            explanation="Acceptez les mises à jour. Faites-les de "
                            "préférence avec le Wi-Fi et le chargeur branché.",
                        ),
                        _single(
                            "Où installer une nouvelle application en toute sécurité ?",
                            [
                                _right(
                                    "Dans le magasin officiel : Google Play ou "
                                    "l'App Store",
                                    "Oui. Ces magasins vérifient les applications.",
                                ),
                                _wrong(
                                    "À partir d'un lien reçu par SMS",
                                    "Non. Ce lien peut installer un programme "
                                    "dangereux.",
                                ),
                                _wrong(
                                    "Sur un site qui la propose gratuitement",
                                    "Attention : ce site peut cacher un programme "
                                    "dangereux.",
                                ),
                            ],
                            "Installez vos applications seulement depuis Google "
                            "Play ou l'App Store.",
                        ),
                    ],
                },
            ],
        },
    ],
}

SCAMS_COURSE: dict[str, Any] = {
    "title": "Se protéger des arnaques en ligne",
    "slug": "se-proteger-des-arnaques-en-ligne",
    "summary": (
        "Faux SMS de colis, faux conseiller bancaire, faux site de vente : les "
        "arnaques sont nombreuses. Ce cours vous apprend à les reconnaître, à "
        "adopter les bons réflexes et à réagir vite si vous êtes victime."
    ),
    "audience": Audience.EVERYONE,
    "level": Level.FOUNDATION,
    "estimated_duration": 60,
    "competences": ["1.2", "4.1", "4.2"],
    "prerequisites": [SMARTPHONE_COURSE["slug"]],
    "cover_colours": ((253, 242, 233), (245, 176, 65), (211, 84, 0)),
    "cover_subject": "suspicious_message",
    "modules": [
        {
            "title": "Reconnaître une arnaque",
            "slug": "reconnaitre-une-arnaque",
            "summary": "Repérer les signes d'un message ou d'un appel frauduleux.",
            "lessons": [
                {
                    "title": "Les signes d'un message frauduleux",
                    "slug": "signes-d-un-message-frauduleux",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Chaque jour, des escrocs envoient des faux "
                                "messages par SMS, par courriel ou sur WhatsApp. "
                                "Ils se font passer pour votre banque, pour un "
                                "service de livraison, pour une administration ou "
                                "même pour un proche."
                            ),
                            _p(
                                "On appelle cela l'<b>hameçonnage</b> (en anglais : "
                                "<i>phishing</i>). Le but de l'escroc : vous faire "
                                "cliquer sur un lien, obtenir vos codes bancaires "
                                "ou vous faire envoyer de l'argent."
                            ),
                        ),
                        _illustration(
                            "suspicious_message",
                            caption="Un message inattendu avec un lien : prudence.",
                        ),
                        _text(
                            _h2("Les signes qui doivent vous alerter"),
                            _ul(
                                "<b>L'urgence</b> : « Votre compte sera bloqué "
                                "dans 24 heures ! »",
                                "<b>La peur ou la bonne surprise</b> : une amende à "
                                "payer, un colis bloqué, un gain inattendu.",
                                "<b>Une demande de codes</b> : code de carte "
                                "bancaire, codes du lecteur de carte, code itsme.",
                                "<b>Un lien étrange</b> : l'adresse ne correspond "
                                "pas au site officiel.",
                                "<b>Un « proche » qui a changé de numéro</b> et qui "
                                "vous demande de l'argent.",
                            ),
                            _p("Un seul de ces signes suffit pour être prudent."),
                        ),
                        _callout(
                            "warning",
                            "Votre banque ne vous demandera jamais vos codes",
                            _p(
                                "Ni par téléphone, ni par SMS, ni par courriel. Si "
                                "quelqu'un vous demande vos codes, c'est une "
                                "arnaque."
                            ),
                        ),
                        _callout(
                            "tip",
                            "Transférez les courriels suspects",
                            _p(
                                "Transférez un courriel suspect à "
                                "<b>suspect@safeonweb.be</b>. Le Centre pour la "
                                "Cybersécurité Belgique l'analyse et peut bloquer "
                                "les liens dangereux. Ensuite, supprimez-le."
                            ),
                        ),
                        _multiple(
                            "Vous recevez ce SMS : « Votre colis est bloqué. Payez "
                            "1,99 € de frais avant ce soir via ce lien. » Quels "
                            "signes d'arnaque voyez-vous ?",
                            [
                                _right(
                                    "L'urgence : « avant ce soir »",
                                    "Oui. L'escroc veut vous empêcher de réfléchir.",
                                ),
                                _right(
                                    "Un lien pour payer",
                                    "Oui. Ce lien mène souvent à un faux site de "
                                    "paiement.",
                                ),
                                _right(
                                    "Un petit montant qui met en confiance",
                                    "Oui. Le but est de voler les données de votre "
                                    "carte.",
                                ),
                                _wrong(
                                    "Le message parle d'un colis",
                                    "Pas en soi : les vrais livreurs parlent aussi "
                                    "de colis. L'urgence et le lien sont les vrais "
                                    "signes.",
                                ),
                            ],
                            "Urgence, lien de paiement, petit montant : ce sont les "
                            "signes classiques d'un faux SMS de livraison.",
                        ),
                        _true_false(
                            "Votre banque peut vous demander votre code secret par "
                            "téléphone pour vérifier votre identité.",
                            true=False,
                            if_true="Non. Une banque ne demande jamais vos codes. "
                            "C'est une arnaque.",
                            if_false="Exact. Une banque ne demande jamais vos codes.",
                            explanation="Vos codes sont secrets. Personne ne doit "
                            "vous les demander, pas même votre banque.",
                        ),
                        _single(
                            "Votre « fille » vous écrit sur WhatsApp depuis un "
                            "nouveau numéro. Elle demande de l'argent en urgence. "
                            "Que faites-vous ?",
                            [
                                _right(
                                    "J'appelle ma fille sur son ancien numéro pour "
                                    "vérifier",
                                    "Très bien. Vous saurez tout de suite si c'est "
                                    "vraiment elle.",
                                ),
                                _wrong(
                                    "J'envoie l'argent tout de suite",
                                    "Attention : c'est une arnaque très courante. "
                                    "Vérifiez d'abord.",
                                ),
                                _wrong(
                                    "Je lui envoie mes codes bancaires",
                                    "Non. Ne donnez jamais vos codes, à personne.",
                                ),
                            ],
                            "Un proche qui change de numéro et demande de l'argent : "
                            "vérifiez toujours en l'appelant sur son ancien numéro.",
                        ),
                    ],
                },
                {
                    "title": "Les arnaques par téléphone et sur les réseaux sociaux",
                    "slug": "arnaques-par-telephone-et-reseaux-sociaux",
                    "estimated_duration": 15,
                    "pass_mark": 50,
                    "body": [
                        _text(
                            _p(
                                "Les escrocs n'envoient pas que des messages. Ils "
                                "appellent aussi, et ils sont très convaincants."
                            ),
                            _h2("Le faux conseiller bancaire"),
                            _p(
                                "Une personne vous appelle. Elle dit travailler "
                                "pour votre banque, pour Card Stop ou pour la "
                                "police. Elle connaît parfois votre nom et votre "
                                "adresse. Le numéro affiché peut même ressembler à "
                                "celui de votre banque."
                            ),
                            _p(
                                "Elle annonce un problème urgent sur votre compte. "
                                "Elle vous demande de « sécuriser » votre argent : "
                                "donner vos codes, confirmer une opération avec "
                                "votre application bancaire, ou remettre votre "
                                "carte à un coursier."
                            ),
                            _p(
                                "<b>Le bon réflexe :</b> raccrochez. Puis appelez "
                                "vous-même votre banque, avec le numéro inscrit au "
                                "dos de votre carte ou sur son site officiel."
                            ),
                            _h2("Les arnaques sur les réseaux sociaux"),
                            _ul(
                                "<b>Les faux placements</b> : une publicité avec "
                                "une personne connue promet de gagner beaucoup "
                                "d'argent très vite. C'est faux.",
                                "<b>Les fausses annonces</b> : un objet très bon "
                                "marché, à payer d'avance, qui n'arrive jamais.",
                                "<b>Les arnaques aux sentiments</b> : une personne "
                                "rencontrée en ligne gagne votre confiance pendant "
                                "des semaines, puis demande de l'argent.",
                            ),
                        ),
                        _callout(
                            "tip",
                            "Prenez votre temps",
                            _p(
                                "Un escroc vous presse toujours. Une vraie banque "
                                "ou une vraie administration vous laisse le temps "
                                "de réfléchir et de vérifier."
                            ),
                        ),
                        _single(
                            "Une personne qui dit travailler pour votre banque vous "
                            "appelle pour un problème urgent. Quel est le bon "
                            "réflexe ?",
                            [
                                _right(
                                    "Je raccroche et j'appelle ma banque avec le "
                                    "numéro au dos de ma carte",
                                    "Bravo. Vous parlez ainsi à votre vraie banque.",
                                ),
                                _wrong(
                                    "Je donne mes codes pour qu'elle règle le problème",
                                    "Non. Une banque ne demande jamais vos codes.",
                                ),
                                _wrong(
                                    "Je rappelle le numéro qui vient de m'appeler",
                                    "Non. Ce numéro peut être truqué. Utilisez le "
                                    "numéro au dos de votre carte.",
                                ),
                            ],
                            "Raccrochez, puis appelez vous-même votre banque avec "
                            "un numéro que vous connaissez.",
                        ),
                        _true_false(
                            "Si le numéro affiché ressemble à celui de ma banque, "
                            "l'appel vient forcément de ma banque.",
                            true=False,
                            if_true="Non. Les escrocs savent afficher un faux numéro.",
                            if_false="Exact. Un numéro affiché peut être truqué.",
                            explanation="Le numéro affiché ne prouve rien. En cas de "
                            "doute, raccrochez et rappelez vous-même.",
                        ),
                        _multiple(
                            "Quelles propositions sont probablement des arnaques ?",
                            [
                                _right(
                                    "Une célébrité promet de doubler votre argent "
                                    "en un mois",
                                    "Oui. Les célébrités de ces publicités sont "
                                    "utilisées sans leur accord.",
                                ),
                                _right(
                                    "Un téléphone neuf à moitié prix, à payer "
                                    "d'avance par virement",
                                    "Oui. Un prix trop beau et un paiement "
                                    "d'avance : méfiance.",
                                ),
                                _right(
                                    "Un ami rencontré en ligne, jamais vu, demande "
                                    "de l'argent pour un billet d'avion",
                                    "Oui. C'est une arnaque aux sentiments.",
                                ),
                                _wrong(
                                    "Votre médecin vous rappelle votre "
                                    "rendez-vous de demain",
                                    "Ce message ne demande ni argent ni code. Il "
                                    "n'a rien de suspect.",
                                ),
                            ],
                            "Gain facile, prix trop bas, demande d'argent d'une "
                            "personne jamais rencontrée : ce sont des signaux "
                            "d'alarme.",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Adopter les bons réflexes",
            "slug": "adopter-les-bons-reflexes",
            "summary": "Acheter en ligne en sécurité et réagir en cas de problème.",
            "lessons": [
                {
                    "title": "Vérifier un site avant de payer",
                    "slug": "verifier-un-site-avant-de-payer",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Acheter en ligne est pratique. Mais il existe de "
                                "faux sites de vente. Avant de payer, prenez deux "
                                "minutes pour vérifier."
                            ),
                            _h2("Cinq vérifications simples"),
                            _ol(
                                "<b>Regardez l'adresse du site</b>, dans la barre "
                                "en haut de l'écran. Une faute ou un mot en trop "
                                "doivent vous alerter.",
                                "<b>Cherchez les coordonnées du vendeur</b> : une "
                                "adresse, un numéro de téléphone, un numéro "
                                "d'entreprise.",
                                "<b>Lisez les avis</b> d'autres clients sur un "
                                "autre site. Cherchez le nom de la boutique suivi "
                                "du mot « avis » ou « arnaque ».",
                                "<b>Méfiez-vous des prix trop bas</b> : une affaire "
                                "incroyable est souvent une arnaque.",
                                "<b>Choisissez un paiement sûr</b>, comme la carte "
                                "bancaire. Évitez les cartes prépayées et les "
                                "simples virements à un vendeur inconnu : l'argent "
                                "est alors presque impossible à récupérer.",
                            ),
                            _h2("Et le petit cadenas ?"),
                            _p(
                                "Le cadenas à côté de l'adresse, ou le début "
                                "<b>https://</b>, veut dire que la connexion est "
                                "chiffrée : personne ne peut lire vos données en "
                                "chemin."
                            ),
                            _p(
                                "Mais attention : le cadenas ne prouve pas que le "
                                "site est honnête. Les faux sites ont souvent un "
                                "cadenas, eux aussi."
                            ),
                        ),
                        _callout(
                            "info",
                            "Un doute sur un site ?",
                            _p(
                                "Vous pouvez signaler un site suspect au "
                                "<b>Point de contact</b> du SPF Économie : "
                                '<a href="https://pointdecontact.belgique.be">'
                                "pointdecontact.belgique.be</a>."
                            ),
                        ),
                        _true_false(
                            "Un cadenas à côté de l'adresse prouve que le site est "
                            "honnête.",
                            true=False,
                            if_true="Non. Le cadenas protège la connexion, pas "
                            "votre achat.",
                            if_false="Exact. Les faux sites ont souvent un cadenas, "
                            "eux aussi.",
                            explanation="Le cadenas veut dire que la connexion est "
                            "chiffrée. Il ne dit rien sur l'honnêteté du vendeur.",
                        ),
                        _multiple(
                            "Quels éléments doivent vous faire douter d'une boutique "
                            "en ligne ?",
                            [
                                _right(
                                    "Des prix beaucoup plus bas que partout ailleurs",
                                    "Oui. Une affaire trop belle cache souvent une "
                                    "arnaque.",
                                ),
                                _right(
                                    "Aucune adresse ni numéro de téléphone",
                                    "Oui. Un vrai vendeur donne ses coordonnées.",
                                ),
                                _right(
                                    "Une faute d'orthographe dans l'adresse du site",
                                    "Oui. Les faux sites imitent souvent le nom "
                                    "d'une vraie marque.",
                                ),
                                _wrong(
                                    "Des avis positifs et négatifs sur d'autres sites",
                                    "Des avis variés, sur d'autres sites, sont "
                                    "plutôt bon signe.",
                                ),
                            ],
                            "Prix, coordonnées, adresse du site et avis : quatre "
                            "choses à vérifier avant de payer.",
                        ),
                        _single(
                            "Chez un vendeur inconnu, quel paiement est le plus "
                            "risqué ?",
                            [
                                _right(
                                    "Une carte prépayée ou un simple virement",
                                    "Exact. En cas de problème, l'argent est "
                                    "presque impossible à récupérer.",
                                ),
                                _wrong(
                                    "Une carte bancaire, sur un site vérifié",
                                    "Non. C'est le choix le plus sûr : votre banque "
                                    "peut parfois vous aider en cas de problème.",
                                ),
                            ],
                            "Payez de préférence par carte bancaire, sur un site que "
                            "vous avez vérifié.",
                        ),
                    ],
                },
                {
                    "title": "Que faire si je me suis fait avoir ?",
                    "slug": "que-faire-en-cas-d-arnaque",
                    "estimated_duration": 15,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Cela peut arriver à tout le monde. Les escrocs "
                                "sont des professionnels. Il n'y a pas de honte à "
                                "avoir : l'important est de réagir vite."
                            ),
                            _h2("Vous avez donné vos codes ou votre carte"),
                            _ol(
                                "Appelez <b>Card Stop au 078 170 170</b> pour "
                                "bloquer votre carte. Ce service répond jour et "
                                "nuit.",
                                "Prévenez votre banque tout de suite.",
                                "Surveillez vos comptes les jours suivants.",
                            ),
                            _h2("Vous avez donné un mot de passe"),
                            _p(
                                "Changez tout de suite ce mot de passe. Changez-le "
                                "aussi partout où vous utilisiez le même."
                            ),
                            _h2("Dans tous les cas"),
                            _ul(
                                "<b>Portez plainte</b> à la police. Gardez les "
                                "messages, les numéros et les preuves de paiement.",
                                "<b>Signalez l'arnaque</b> au Point de contact du "
                                "SPF Économie : "
                                '<a href="https://pointdecontact.belgique.be">'
                                "pointdecontact.belgique.be</a>.",
                                "<b>Parlez-en</b> à vos proches. Vous les aidez à "
                                "éviter le même piège.",
                            ),
                        ),
                        _callout(
                            "tip",
                            "Notez ce numéro dès maintenant",
                            _p(
                                "Card Stop : <b>078 170 170</b>. Enregistrez-le "
                                "dans vos contacts et notez-le sur un papier, à la "
                                "maison."
                            ),
                        ),
                        _single(
                            "Vous avez donné le code de votre carte bancaire à un "
                            "inconnu. Que faites-vous d'abord ?",
                            [
                                _right(
                                    "J'appelle Card Stop au 078 170 170",
                                    "Bravo. Votre carte est bloquée, l'escroc ne "
                                    "peut plus l'utiliser.",
                                ),
                                _wrong(
                                    "J'attends de voir si de l'argent disparaît",
                                    "Non. Chaque minute compte : bloquez votre "
                                    "carte tout de suite.",
                                ),
                                _wrong(
                                    "Je rappelle l'escroc pour qu'il arrête",
                                    "Non. Ne parlez plus à l'escroc. Bloquez votre "
                                    "carte.",
                                ),
                            ],
                            "Bloquez d'abord votre carte avec Card Stop, puis "
                            "prévenez votre banque.",
                        ),
                        _true_false(
                            "Seules les personnes naïves se font arnaquer en ligne.",
                            true=False,
                            if_true="Non. Tout le monde peut se faire avoir, même "
                            "les experts.",
                            if_false="Exact. Les escrocs sont des professionnels. "
                            "Tout le monde peut se faire avoir.",
                            explanation="Il n'y a pas de honte. Ce qui compte, c'est "
                            "de réagir vite et d'en parler.",
                        ),
                        _multiple(
                            "Que faut-il garder pour porter plainte ?",
                            [
                                _right(
                                    "Les messages reçus",
                                    "Oui. Faites aussi des captures d'écran.",
                                ),
                                _right(
                                    "Le numéro de téléphone de l'escroc",
                                    "Oui. Il aide la police dans son enquête.",
                                ),
                                _right(
                                    "Les preuves de paiement",
                                    "Oui. Votre banque et la police en auront besoin.",
                                ),
                                _wrong(
                                    "Rien : il vaut mieux tout effacer",
                                    "Non. Sans preuves, l'enquête est plus difficile.",
                                ),
                            ],
                            "Gardez toutes les traces : messages, numéros, preuves "
                            "de paiement.",
                        ),
                    ],
                },
            ],
        },
    ],
}

ADMINISTRATION_COURSE: dict[str, Any] = {
    "title": "Démarches administratives en ligne",
    "slug": "demarches-administratives-en-ligne",
    "summary": (
        "Déclaration d'impôts, documents de la commune : beaucoup de démarches se "
        "font maintenant en ligne. Ce cours vous explique comment vous identifier "
        "avec itsme ou votre carte d'identité. Puis comment utiliser MyMinfin et "
        "l'e-guichet de votre commune."
    ),
    "audience": Audience.CITIZENS,
    "level": Level.INTERMEDIATE,
    "estimated_duration": 75,
    "competences": ["1.1", "2.3", "2.6", "4.2"],
    "prerequisites": [],
    "cover_colours": ((234, 242, 250), (133, 193, 233), (40, 116, 166)),
    "cover_subject": "card_reader",
    "modules": [
        {
            "title": "S'identifier en ligne",
            "slug": "s-identifier-en-ligne",
            "summary": "Prouver qui vous êtes sur les sites des services publics.",
            "lessons": [
                {
                    "title": "itsme et la carte d'identité électronique",
                    "slug": "itsme-et-carte-d-identite",
                    "estimated_duration": 20,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Sur les sites des services publics, vous devez "
                                "prouver qui vous êtes. C'est comme montrer sa "
                                "carte d'identité au guichet, mais en ligne. En "
                                "Belgique, il y a deux moyens principaux."
                            ),
                            _h2("L'application itsme"),
                            _p(
                                "<b>itsme</b> est une application pour smartphone. "
                                "Elle vous identifie et vous permet de confirmer "
                                "une démarche. Vous utilisez pour cela un code "
                                "secret à 5 chiffres, votre empreinte ou votre "
                                "visage."
                            ),
                            _p(
                                "Il faut l'activer une seule fois, par exemple avec "
                                "votre carte d'identité ou avec l'application de "
                                "votre banque. L'application vous guide pas à pas."
                            ),
                            _h2("La carte d'identité et le lecteur de carte"),
                            _p(
                                "Vous pouvez aussi utiliser votre <b>carte "
                                "d'identité électronique</b> (eID) sur un "
                                "ordinateur. Il vous faut :"
                            ),
                            _ul(
                                "un <b>lecteur de carte</b> branché à l'ordinateur ;",
                                "le <b>logiciel eID</b>, gratuit, à installer "
                                "depuis le site officiel "
                                '<a href="https://eid.belgium.be">eid.belgium.be'
                                "</a> ;",
                                "le <b>code PIN</b> de votre carte, reçu par "
                                "courrier avec votre carte.",
                            ),
                        ),
                        _illustration(
                            "card_reader",
                            caption=(
                                "La carte d'identité dans un lecteur, relié à "
                                "l'ordinateur."
                            ),
                        ),
                        _text(
                            _p(
                                "Vous avez oublié votre code PIN, ou il est bloqué ? "
                                "Adressez-vous au service population de votre "
                                "commune. Il vous aidera à obtenir de nouveaux "
                                "codes."
                            ),
                        ),
                        _callout(
                            "warning",
                            "Vos codes sont personnels",
                            _p(
                                "Ne donnez jamais votre code itsme ni le code PIN "
                                "de votre carte. Même pas à un proche, ni à une "
                                "personne qui dit travailler pour un service "
                                "public. Avec ces codes, on peut agir en votre nom."
                            ),
                        ),
                        _multiple(
                            "De quoi avez-vous besoin pour utiliser votre carte "
                            "d'identité sur un ordinateur ?",
                            [
                                _right(
                                    "Un lecteur de carte",
                                    "Oui. On le branche à l'ordinateur.",
                                ),
                                _right(
                                    "Le logiciel eID",
                                    "Oui. Il est gratuit, sur eid.belgium.be.",
                                ),
                                _right(
                                    "Le code PIN de la carte",
                                    "Oui. Il confirme que c'est bien vous.",
                                ),
                                _wrong(
                                    "Mon numéro de compte bancaire",
                                    "Non. Il ne sert pas à vous identifier.",
                                ),
                            ],
                            "Carte, lecteur, logiciel eID et code PIN : avec ces "
                            "quatre éléments, vous pouvez vous identifier.",
                        ),
                        _true_false(
                            "Vous pouvez donner votre code itsme à un proche pour "
                            "qu'il fasse une démarche à votre place.",
                            true=False,
                            if_true="Non. Avec votre code, on peut agir en votre "
                            "nom. Il doit rester secret.",
                            if_false="Exact. Votre code itsme doit rester secret.",
                            explanation="Vos codes sont personnels. Un proche peut "
                            "vous aider, mais c'est vous qui tapez le code.",
                        ),
                        _single(
                            "Vous avez oublié le code PIN de votre carte d'identité. "
                            "Où obtenir de nouveaux codes ?",
                            [
                                _right(
                                    "Au service population de ma commune",
                                    "Oui. La commune peut vous aider à obtenir de "
                                    "nouveaux codes.",
                                ),
                                _wrong(
                                    "Chez mon opérateur de téléphone",
                                    "Non. Il ne gère pas votre carte d'identité.",
                                ),
                                _wrong(
                                    "Sur un site qui retrouve les codes oubliés",
                                    "Attention : un tel site est une arnaque.",
                                ),
                            ],
                            "Pour le code PIN de votre carte d'identité, adressez-"
                            "vous à votre commune.",
                        ),
                    ],
                },
                {
                    "title": "Se connecter en sécurité aux services publics",
                    "slug": "se-connecter-en-securite",
                    "estimated_duration": 15,
                    "pass_mark": 50,
                    "body": [
                        _text(
                            _p(
                                "Pour beaucoup de démarches en ligne, les services "
                                "publics utilisent une même page de connexion. Vous "
                                "y choisissez comment vous identifier : avec itsme, "
                                "ou avec votre carte d'identité et un lecteur."
                            ),
                            _h2("Vérifier que vous êtes sur le bon site"),
                            _ul(
                                "Tapez vous-même l'adresse du site officiel. "
                                "Évitez les liens reçus par message.",
                                "Regardez l'adresse : les sites de l'État fédéral "
                                "se terminent souvent par <b>.belgium.be</b> ou "
                                "<b>.fgov.be</b>. Les sites de la Wallonie, "
                                "souvent par <b>wallonie.be</b>.",
                                "En cas de doute, ne vous connectez pas.",
                            ),
                            _h2("Sur un ordinateur partagé"),
                            _p(
                                "À la bibliothèque ou dans un Espace public "
                                "numérique (EPN), pensez à vous <b>déconnecter</b> "
                                "à la fin. Fermez ensuite le navigateur. Et "
                                "n'oubliez pas votre carte d'identité dans le "
                                "lecteur !"
                            ),
                        ),
                        _callout(
                            "tip",
                            "Ne restez pas seul",
                            _p(
                                "Un Espace public numérique (EPN) près de chez "
                                "vous peut vous accompagner dans vos premières "
                                "démarches. Vous pouvez aussi demander conseil à "
                                "votre commune."
                            ),
                        ),
                        _single(
                            "Un courriel vous invite à cliquer sur un lien pour "
                            "ouvrir votre dossier d'impôts. Que faites-vous ?",
                            [
                                _right(
                                    "Je tape moi-même l'adresse du site officiel",
                                    "Très bien. Vous êtes sûr d'arriver sur le vrai "
                                    "site.",
                                ),
                                _wrong(
                                    "Je clique sur le lien, c'est plus rapide",
                                    "Attention : le lien peut mener à un faux site.",
                                ),
                                _wrong(
                                    "Je réponds au courriel avec mon code",
                                    "Non. Ne donnez jamais vos codes par courriel.",
                                ),
                            ],
                            "Pour vos démarches, tapez vous-même l'adresse du site "
                            "officiel.",
                        ),
                        _true_false(
                            "Sur un ordinateur partagé, il faut se déconnecter à la "
                            "fin de sa démarche.",
                            true=True,
                            if_true="C'est juste. Sinon, la personne suivante "
                            "pourrait voir votre dossier.",
                            if_false="Si, il le faut. Sinon, la personne suivante "
                            "pourrait voir votre dossier.",
                            explanation="Déconnectez-vous, fermez le navigateur et "
                            "reprenez votre carte d'identité.",
                        ),
                        _multiple(
                            "Quelles adresses ressemblent à celles de sites "
                            "officiels ?",
                            [
                                _right(
                                    "finances.belgium.be",
                                    "Oui. C'est le site du SPF Finances.",
                                ),
                                _right(
                                    "www.wallonie.be",
                                    "Oui. C'est le portail de la Wallonie.",
                                ),
                                _wrong(
                                    "belgium-remboursement-impots.com",
                                    "Non. Cette adresse imite un site officiel pour "
                                    "vous tromper.",
                                ),
                            ],
                            "Les sites officiels se terminent souvent par "
                            ".belgium.be, .fgov.be ou wallonie.be.",
                        ),
                    ],
                },
            ],
        },
        {
            "title": "Les démarches courantes",
            "slug": "les-demarches-courantes",
            "summary": "Vos impôts avec MyMinfin et les documents de votre commune.",
            "lessons": [
                {
                    "title": "MyMinfin et Tax-on-web : vos impôts en ligne",
                    "slug": "myminfin-et-tax-on-web",
                    "estimated_duration": 20,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "<b>MyMinfin</b> est le site personnel du SPF "
                                "Finances. Vous vous y connectez avec itsme ou avec "
                                "votre carte d'identité."
                            ),
                            _h2("Ce que vous trouvez dans MyMinfin"),
                            _ul(
                                "vos documents fiscaux, comme vos "
                                "avertissements-extraits de rôle ;",
                                "des informations sur vos biens immobiliers ;",
                                "l'accès à <b>Tax-on-web</b>, pour remplir votre "
                                "déclaration d'impôts.",
                            ),
                            _h2("La déclaration avec Tax-on-web"),
                            _p(
                                "Chaque année, au printemps, la période de "
                                "déclaration commence. Dans Tax-on-web, beaucoup de "
                                "données sont déjà remplies pour vous, par exemple "
                                "votre salaire ou votre pension."
                            ),
                            _p(
                                "Certaines personnes reçoivent une <b>proposition "
                                "de déclaration simplifiée</b>. Vérifiez-la bien. "
                                "Si tout est correct, vous n'avez en principe rien "
                                "à faire. Si quelque chose manque ou est faux, "
                                "corrigez-la, par exemple dans Tax-on-web."
                            ),
                            _h2("Vous pouvez vous faire aider"),
                            _p(
                                "Le SPF Finances propose de l'aide pour remplir la "
                                "déclaration. Vous pouvez aussi donner une "
                                "procuration à une personne de confiance ou à un "
                                "comptable. Cette personne fera la démarche en "
                                "votre nom."
                            ),
                        ),
                        _callout(
                            "warning",
                            "Attention aux faux remboursements",
                            _p(
                                "Des escrocs envoient de faux messages de "
                                "« remboursement d'impôts » avec un lien. Ne "
                                "cliquez pas. Connectez-vous toujours vous-même à "
                                "MyMinfin pour voir vos vrais documents."
                            ),
                        ),
                        _single(
                            "Qu'est-ce que MyMinfin ?",
                            [
                                _right(
                                    "Le site personnel du SPF Finances",
                                    "Oui. Vous y trouvez vos documents fiscaux et "
                                    "Tax-on-web.",
                                ),
                                _wrong(
                                    "Le guichet en ligne de ma commune",
                                    "Non. Celui-là s'appelle souvent l'e-guichet.",
                                ),
                                _wrong(
                                    "Une banque en ligne",
                                    "Non. MyMinfin dépend du SPF Finances.",
                                ),
                            ],
                            "MyMinfin est le site du SPF Finances. On y trouve ses "
                            "documents fiscaux et Tax-on-web.",
                        ),
                        _true_false(
                            "Si votre proposition de déclaration simplifiée est "
                            "correcte, vous n'avez en principe rien à faire.",
                            true=True,
                            if_true="C'est juste. Vérifiez-la bien quand même.",
                            if_false="En fait, si elle est correcte, vous n'avez en "
                            "principe rien à faire.",
                            explanation="Lisez la proposition attentivement. "
                            "Corrigez-la seulement si quelque chose manque ou est "
                            "faux.",
                        ),
                        _multiple(
                            "Comment pouvez-vous vous connecter à MyMinfin ?",
                            [
                                _right(
                                    "Avec l'application itsme",
                                    "Oui. C'est souvent le plus simple.",
                                ),
                                _right(
                                    "Avec ma carte d'identité et un lecteur",
                                    "Oui. N'oubliez pas votre code PIN.",
                                ),
                                _wrong(
                                    "Avec le lien d'un SMS « remboursement d'impôts »",
                                    "Non. Ce genre de SMS est une arnaque.",
                                ),
                            ],
                            "Connectez-vous avec itsme ou avec votre carte "
                            "d'identité, en tapant vous-même l'adresse du site.",
                        ),
                    ],
                },
                {
                    "title": "L'e-guichet de votre commune",
                    "slug": "e-guichet-de-la-commune",
                    "estimated_duration": 20,
                    "pass_mark": 70,
                    "body": [
                        _text(
                            _p(
                                "Beaucoup de communes wallonnes proposent un "
                                "<b>e-guichet</b> : un guichet en ligne, ouvert "
                                "jour et nuit. Vous pouvez y demander des documents "
                                "sans vous déplacer."
                            ),
                            _h2("Quels documents ?"),
                            _p("Cela dépend de votre commune. On y trouve souvent :"),
                            _ul(
                                "une composition de ménage ;",
                                "un certificat de résidence ;",
                                "un extrait d'acte de naissance ou de mariage.",
                            ),
                            _p(
                                "Certains documents sont gratuits, d'autres sont "
                                "payants. Le site de la commune l'indique."
                            ),
                            _h2("Comment faire ?"),
                            _ol(
                                "Allez sur le site officiel de votre commune et "
                                "cherchez « e-guichet ».",
                                "Identifiez-vous avec itsme ou avec votre carte "
                                "d'identité.",
                                "Choisissez le document et suivez les étapes.",
                                "Vous recevez le document par courriel ou dans "
                                "votre espace personnel.",
                            ),
                            _p(
                                "Le document reçu porte souvent une signature "
                                "électronique. Il est alors aussi valable qu'un "
                                "document papier."
                            ),
                        ),
                        _callout(
                            "info",
                            "Bon à savoir",
                            _p(
                                "Certains certificats, comme la composition de "
                                "ménage, peuvent aussi se télécharger gratuitement "
                                "avec <b>Mon DOSSIER</b>, le service en ligne du "
                                "SPF Intérieur."
                            ),
                        ),
                        _multiple(
                            "Quels documents trouve-t-on souvent à l'e-guichet "
                            "d'une commune ?",
                            [
                                _right(
                                    "Une composition de ménage",
                                    "Oui. C'est l'un des documents les plus demandés.",
                                ),
                                _right(
                                    "Un certificat de résidence",
                                    "Oui. Il prouve où vous habitez.",
                                ),
                                _wrong(
                                    "Un passeport envoyé par la poste",
                                    "Non. Pour un passeport, il faut en général se "
                                    "rendre à la commune, pour la photo et les "
                                    "empreintes.",
                                ),
                            ],
                            "L'e-guichet propose surtout des certificats et des "
                            "extraits d'actes. La liste dépend de la commune.",
                        ),
                        _true_false(
                            "Tous les documents de l'e-guichet sont payants.",
                            true=False,
                            if_true="Non. Certains documents sont gratuits.",
                            if_false="Exact. Certains sont gratuits, d'autres payants.",
                            explanation="Le prix dépend du document et de la "
                            "commune. Le site de la commune l'indique.",
                        ),
                        _single(
                            "Comment trouver l'e-guichet de votre commune ?",
                            [
                                _right(
                                    "Sur le site officiel de ma commune",
                                    "Oui. Cherchez « e-guichet » sur ce site.",
                                ),
                                _wrong(
                                    "Par une publicité sur un réseau social",
                                    "Prudence : une publicité peut mener à un faux "
                                    "site.",
                                ),
                                _wrong(
                                    "En répondant à un SMS qui propose un document",
                                    "Non. Un SMS inattendu peut mener à un faux site.",
                                ),
                            ],
                            "Passez toujours par le site officiel de votre commune.",
                        ),
                    ],
                },
            ],
        },
    ],
}

# In this order: a course's prerequisites must come before it.
COURSES: list[dict[str, Any]] = [
    SMARTPHONE_COURSE,
    SCAMS_COURSE,
    ADMINISTRATION_COURSE,
]
