"""The platform's editors publish paths in the Wagtail admin; organisations'
own paths stay out of it."""

import html
import re
from datetime import UTC, datetime

import pytest
from django.utils import timezone

from tests.factories import learner_create
from tests.scheduling.factories import organiser_create, session_create
from training.models import TrainingPath

pytestmark = pytest.mark.django_db

ADD = "/admin/training/paths/add/"


@pytest.fixture
def editor(client):
    user = learner_create(email="editrice@wallonie.example")
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    return user


def _form(**items) -> dict:
    data = {
        "name": "Parcours régional",
        "description": "",
        "effort_hours": "2",
        "published": "on",
        "items-TOTAL_FORMS": str(len(items.get("rows", []))),
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for index, (kind, course) in enumerate(items.get("rows", [])):
        data[f"items-{index}-kind"] = kind
        data[f"items-{index}-course"] = course.id if course else ""
        data[f"items-{index}-session"] = ""
        data[f"items-{index}-ORDER"] = str(index + 1)
        data[f"items-{index}-id"] = ""
        data[f"items-{index}-DELETE"] = ""
    return data


def test_an_editor_publishes_a_platform_path_of_courses(client, editor, course):
    response = client.post(
        ADD, _form(rows=[("course", course), ("positioning_test", None)])
    )

    assert response.status_code == 302
    path = TrainingPath.objects.get()
    assert path.organisation is None
    assert path.published
    assert list(path.items.values_list("kind", flat=True)) == [
        "course",
        "positioning_test",
    ]


def test_a_course_item_without_a_course_is_a_form_error(client, editor):
    response = client.post(ADD, _form(rows=[("course", None)]))

    assert response.status_code == 200
    assert not TrainingPath.objects.exists()


def test_the_organisations_paths_are_not_listed(client, editor, path):
    listing = client.get("/admin/training/paths/")

    assert listing.status_code == 200
    assert path.name not in listing.content.decode()


def test_an_organisations_path_is_not_edited_in_the_admin(client, editor, path):
    response = client.get(f"/admin/training/paths/edit/{path.id}/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("post", "/admin/training/paths/edit/{id}/"),
        ("get", "/admin/training/paths/delete/{id}/"),
        ("post", "/admin/training/paths/delete/{id}/"),
        ("get", "/admin/training/paths/history/{id}/"),
        ("get", "/admin/training/paths/usage/{id}/"),
        ("get", "/admin/bulk/training/platformpath/delete/?id={id}"),
        ("post", "/admin/bulk/training/platformpath/delete/?id={id}"),
    ],
)
def test_no_admin_view_reaches_an_organisations_path(
    client, editor, path, method, address
):
    response = getattr(client, method)(address.format(id=path.id), _form())

    assert response.status_code == 404
    path.refresh_from_db()
    assert path.name == "Bases du numérique"


def test_an_editor_still_edits_a_platform_path(client, editor):
    platform_path = TrainingPath.objects.create(name="Parcours régional")

    response = client.post(
        f"/admin/training/paths/edit/{platform_path.id}/",
        _form() | {"name": "Parcours régional, mis à jour"},
    )

    assert response.status_code == 302
    platform_path.refresh_from_db()
    assert platform_path.name == "Parcours régional, mis à jour"


def test_an_editor_chooses_a_workshop_by_its_local_time_and_its_place(client, editor):
    """The session's name in the admin (its ``__str__``, in logs too): Brussels
    time, not UTC, and where; never the facilitator's name."""
    facilitator = learner_create(email="anim@epn.example", display_name="Anim Dupont")
    workshop = session_create(
        organiser_create(members=[facilitator]),
        title="Premiers pas sur smartphone",
        starts_at=datetime(timezone.localdate().year + 1, 12, 9, 8, 30, tzinfo=UTC),
    )
    workshop.facilitators.add(facilitator)

    page = client.get(ADD).text

    labels = re.findall(rf'<option value="{workshop.id}"[^>]*>([^<]*)<', page)
    assert labels
    label = html.unescape(labels[0])
    assert label.startswith("Premiers pas sur smartphone — ")
    assert label.endswith(", 09:30 — EPN de Namur, Namur")
    assert "Anim" not in label
