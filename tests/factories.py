"""Builders for test data: real pages and users in the real database."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from wagtail.models import Locale, Page, Site

from courses.blocks import exercise_data, puzzle_data, question_data
from courses.models import CataloguePage, CoursePage, LessonPage, ModulePage
from learners.models import User

PASSWORD = "un-mot-de-passe-solide-42"


def site_with_catalogue() -> CataloguePage:
    """The default site rooted at a catalogue page (rebuilt after a flush)."""
    Locale.objects.get_or_create(language_code="fr")
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root")
    )
    catalogue = CataloguePage.objects.first()
    if catalogue is None:
        catalogue = root.add_child(
            instance=CataloguePage(title="Catalogue", slug="catalogue")
        )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": catalogue},
    )
    return catalogue


def learner_create(*, email: str, display_name: str = "", **fields) -> User:
    """A learner with a confirmed e-mail address, ready to sign in."""
    user = User.objects.create_user(
        email=email, password=PASSWORD, display_name=display_name, **fields
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def question(prompt: str = "Quelle est la bonne réponse ?", kind: str = "single"):
    answers = [
        {"text": "La bonne", "correct": True, "feedback": "Oui, c'est cela."},
        {"text": "La mauvaise", "correct": False, "feedback": "Non, relisez."},
    ]
    if kind == "multiple":
        answers.append({"text": "Aussi bonne", "correct": True, "feedback": "Aussi."})
    return question_data(
        kind=kind, prompt=prompt, answers=answers, explanation_html="<p>Parce que.</p>"
    )


def puzzle_definition(**changes):
    """A small puzzle: a corridor of three cells, the flag two steps east."""
    forward = {"type": "maze_move_forward"}
    definition = {
        "title": "Le couloir",
        "hint": "Avance deux fois.",
        "success": "Bravo, le robot est arrivé !",
        "width": 3,
        "height": 1,
        "start": {"x": 0, "y": 0, "direction": "east"},
        "goal": [2, 0],
        "blocks": ["maze_move_forward", "maze_turn"],
        "max_blocks": 5,
        "target_blocks": 2,
        "solution": program(forward, forward),
    }
    return definition | changes


def program(*blocks):
    """A Blockly workspace holding one stack of these blocks."""
    top = None
    for each in reversed(blocks):
        block = dict(each)
        if top is not None:
            block["next"] = {"block": top}
        top = block
    return {"blocks": {"languageVersion": 0, "blocks": [top] if top else []}}


def puzzle(**changes):
    return puzzle_data(
        puzzle_definition(**changes), statement="Amène le robot au drapeau."
    )


# A small exercise: two visible tests, one hidden, three hints.
EXERCISE = {
    "title": "Dire bonjour",
    "statement": "Écris la fonction saluer(nom) qui renvoie « Bonjour nom ! ».",
    "starter_code": "def saluer(nom):\n    return ''\n",
    "tests": [
        {
            "description": 'saluer("Léa") renvoie "Bonjour Léa !"',
            "code": 'assert saluer("Léa") == "Bonjour Léa !"',
        },
        {
            "description": 'saluer("Ahmed") renvoie "Bonjour Ahmed !"',
            "code": 'assert saluer("Ahmed") == "Bonjour Ahmed !"',
        },
        {
            "description": "un nom vide",
            "code": 'assert saluer("") == "Bonjour  !"',
            "hidden": True,
        },
    ],
    "hints": [
        "Une fonction renvoie son résultat avec return.",
        "Colle les morceaux de texte avec +.",
        'return "Bonjour " + nom + " !"',
    ],
    "solution": 'def saluer(nom):\n    return "Bonjour " + nom + " !"\n',
    "solution_after": 3,
    "time_limit": 3,
    "counts": True,
}
EXERCISE_SOLUTION = EXERCISE["solution"]


def exercise(**changes):
    return exercise_data({**EXERCISE, **changes})


class CourseBuilder:
    """Builds published course trees under a catalogue."""

    def __init__(self, catalogue: CataloguePage):
        self.catalogue = catalogue

    def build(
        self, *, title: str, modules: int = 2, lessons: int = 2, questions: int = 2
    ) -> CoursePage:
        course = self._publish(
            self.catalogue, CoursePage(title=title, summary=f"À propos de {title}.")
        )
        for m in range(1, modules + 1):
            module = self._publish(course, ModulePage(title=f"Module {m}"))
            for n in range(1, lessons + 1):
                self.lesson(module, title=f"Leçon {m}.{n}", questions=questions)
        return course

    def lesson(self, module: ModulePage, *, title: str, questions: int = 2):
        body = [{"type": "paragraph", "value": f"<p>Contenu de {title}.</p>"}]
        kinds = ["single", "multiple", "single"]
        body += [
            question(f"Question {i + 1} de {title} ?", kinds[i % 3])
            for i in range(questions)
        ]
        return self._publish(module, LessonPage(title=title, body=body))

    def puzzle_lesson(self, module: ModulePage, *, title: str, puzzles: int = 1):
        """A lesson of block puzzles only, all the same corridor."""
        body = [{"type": "paragraph", "value": f"<p>Contenu de {title}.</p>"}]
        body += [puzzle(title=f"Couloir {i + 1}") for i in range(puzzles)]
        return self._publish(module, LessonPage(title=title, body=body))

    def exercise_lesson(self, module: ModulePage, *, title: str, **changes):
        """A lesson of one Python exercise (EXERCISE, with these changes)."""
        body = [{"type": "paragraph", "value": f"<p>Contenu de {title}.</p>"}]
        body.append({"type": "code", "value": 'def saluer(nom):\n    print("Salut")\n'})
        body.append(exercise(**changes))
        return self._publish(module, LessonPage(title=title, body=body))

    @staticmethod
    def _publish(parent: Page, page: Page) -> Page:
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.descendant_of(course).order_by("path"))


def question_ids(lesson: LessonPage) -> list[str]:
    return list(lesson.questions)


def editor_create(*, email: str, can_publish: bool) -> User:
    """A content editor with Wagtail admin access on the catalogue's page tree.

    Built here rather than relying on Wagtail's migration-made groups: browser
    tests flush the database, which removes what data migrations created.
    """
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission

    name = "Moderators" if can_publish else "Editors"
    group, _created = Group.objects.get_or_create(name=name)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            codename__in=[
                "add_image",
                "choose_image",
                "add_document",
                "choose_document",
            ]
        ),
    )
    codenames = ["add_page", "change_page"] + (["publish_page"] if can_publish else [])
    root = Page.get_first_root_node()
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=codenames
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=root, permission=permission
        )
    user = learner_create(email=email, display_name=name)
    user.groups.add(group)
    return user


def form_token_in(response) -> str:
    """The hidden token of the form on a page (common.idempotency)."""
    [token] = re.findall(
        r'name="form_token" value="([0-9a-f-]{36})"', response.content.decode()
    )
    return token
