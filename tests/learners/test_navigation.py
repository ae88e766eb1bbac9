"""The main menu, where people land after signing in, and the language buttons."""

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from learners.models import User
from tests.scheduling.factories import organiser_create
from tests.wallcode.factories import partner_create

pytestmark = pytest.mark.django_db


def _header(response) -> str:
    html = response.content.decode()
    return html[html.index('<header class="site-header">') : html.index("</header>")]


def _learner_menu_urls() -> list[str]:
    return [
        reverse("learners:dashboard"),
        reverse("scheduling:my_bookings"),
        reverse("badges:backpack"),
    ]


def test_anonymous_menu_shows_what_people_come_for(client, catalogue):
    header = _header(client.get("/"))

    for url in (
        reverse("scheduling:agenda"),
        reverse("epn:directory"),
        reverse("wallcode:partners"),
        reverse("account_login"),
    ):
        assert f'href="{url}"' in header
    assert f'href="{reverse("learners:dashboard")}"' not in header


def test_learner_menu_shows_their_learning_bookings_and_badges(
    client, catalogue, learner
):
    client.force_login(learner)

    header = _header(client.get("/"))

    for url in _learner_menu_urls():
        assert f'href="{url}"' in header
    assert f'href="{reverse("scheduling:facilitator")}"' not in header


def test_each_page_of_the_learners_menu_is_titled_as_its_link(
    client, catalogue, learner
):
    """A person who taps "Mes réservations" lands on a page of that name (its
    title: the dashboard's heading greets the person)."""
    client.force_login(learner)
    header = _header(client.get("/"))

    for url in _learner_menu_urls():
        link = re.search(rf'href="{re.escape(url)}"[^>]*>([^<]+)</a>', header)
        page = client.get(url).content.decode()
        title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
        assert title.startswith(f"{link.group(1).strip()} — "), (url, title)


def test_facilitator_menu_leads_to_their_sessions(client, catalogue, learner):
    organiser_create(members=[learner])
    client.force_login(learner)

    header = _header(client.get("/"))

    assert f'href="{reverse("scheduling:facilitator")}"' in header


def test_partner_menu_leads_to_their_report(client, catalogue, learner):
    partner = partner_create(members=[learner])
    client.force_login(learner)

    header = _header(client.get("/"))

    report = reverse("wallcode:partner_report", args=[partner.slug])
    assert f'href="{report}"' in header


def _sign_in(client, user: User, password: str = "secret-password-42"):
    user.set_password(password)
    user.save()
    return client.post(
        reverse("account_login"), {"login": user.email, "password": password}
    )


def test_learner_lands_on_their_learning_after_sign_in(client, learner):
    response = _sign_in(client, learner)

    assert client.get(response.url).url == reverse("learners:dashboard")


def test_facilitator_lands_on_their_sessions_after_sign_in(client, learner):
    organiser_create(members=[learner])

    response = _sign_in(client, learner)

    assert client.get(response.url).url == reverse("scheduling:facilitator")


def test_an_organisations_manager_lands_on_their_organisation_after_sign_in(
    client, learner
):
    from organisations.models import Membership, Organisation, Role

    organisation = Organisation.objects.create(name="Commune de Namur")
    Membership.objects.create(
        organisation=organisation, user=learner, role=Role.MANAGER
    )

    response = _sign_in(client, learner)

    assert client.get(response.url).url == reverse("organisations:home")


def test_sign_in_keeps_the_page_the_person_was_going_to(client, learner):
    organiser_create(members=[learner])
    learner.set_password("secret-password-42")
    learner.save()

    response = client.post(
        reverse("account_login") + "?next=/agenda/",
        {"login": learner.email, "password": "secret-password-42"},
    )

    assert response.url == "/agenda/"


def test_language_button_is_remembered_in_the_profile(client, learner):
    client.force_login(learner)

    response = client.post(
        reverse("learners:language"), {"language": "nl", "next": "/agenda/"}
    )

    learner.refresh_from_db()
    assert learner.language == "nl"
    assert response.url == "/agenda/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nl"


def test_language_button_for_a_visitor_sets_the_cookie_only(client, catalogue):
    response = client.post(reverse("learners:language"), {"language": "de"})

    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "de"
    assert ">Kurse<" in client.get("/").content.decode()


def test_unknown_language_changes_nothing(client, learner):
    client.force_login(learner)

    client.post(reverse("learners:language"), {"language": "xx"})

    learner.refresh_from_db()
    assert learner.language == "fr"


def test_language_buttons_are_in_the_header(client, catalogue):
    header = _header(client.get("/"))

    for code in ("fr", "de", "nl", "en"):
        assert f'name="language" value="{code}"' in header


def test_editor_lands_in_the_content_admin_and_finds_it_in_the_menu(client, catalogue):
    from tests.factories import editor_create

    editor = editor_create(email="redaction@example.be", can_publish=False)

    response = _sign_in(client, editor)

    assert client.get(response.url).url == reverse("wagtailadmin_home")
    assert f'href="{reverse("wagtailadmin_home")}"' in _header(client.get("/"))


def test_staff_who_read_wallcode_figures_find_the_programme_report(
    client, catalogue, learner
):
    learner.is_staff = learner.is_superuser = True
    learner.save()
    client.force_login(learner)

    header = _header(client.get("/"))

    assert f'href="{reverse("wallcode:programme_report")}"' in header


def test_a_kept_menu_is_the_persons_own_and_signs_them_out(
    client, catalogue, learner, other_learner
):
    organiser_create(members=[learner])
    client.force_login(learner)
    client.get("/")  # the facilitator's menu is kept
    client.force_login(other_learner)

    header = _header(client.get("/"))

    assert f'href="{reverse("scheduling:facilitator")}"' not in header
    assert f'href="{reverse("learners:dashboard")}"' in header
    # The sign-out form carries this browser's token: signing out works.
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', header)[1]
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.cookies = client.cookies
    signed_out = csrf_client.post(
        reverse("account_logout"), {"csrfmiddlewaretoken": token}
    )
    assert signed_out.status_code == 302
    assert "_auth_user_id" not in csrf_client.session


def test_a_kept_menu_follows_the_language(client, catalogue, learner):
    client.force_login(learner)
    client.get("/")  # kept in French, the profile's language

    learner.language = "nl"
    learner.save(update_fields=["language"])
    header = _header(client.get("/"))

    assert 'lang="nl" aria-label="Nederlands" aria-current="true"' in header
    assert "Mijn profiel" in header
