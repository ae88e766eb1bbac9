"""Operators' badge screens in the Wagtail admin: award, revoke, list, permissions."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import SUCCESS, WARNING, get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from badges import links, services
from badges.models import Assertion, Issuer
from tests.badges.factories import badge_class_create
from tests.factories import editor_create, learner_create

pytestmark = pytest.mark.django_db

AWARD_URL = "/admin/badges/award/"
ASSERTIONS_URL = "/admin/badges/awarded/"


def revoke_url(assertion):
    return f"/admin/badges/revoke/{assertion.uuid}/"


def operator_with(*codenames, email="op@example.be"):
    """A Wagtail admin user with these permissions on awarded badges."""
    group = Group.objects.create(name=f"Badges {'+'.join(codenames) or 'none'}")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(
            content_type__app_label="badges", codename__in=codenames
        ),
    )
    user = learner_create(email=email, language="en")
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(client):
    user = learner_create(
        email="admin@example.be", is_superuser=True, is_staff=True, language="en"
    )
    client.force_login(user)
    return user


@pytest.fixture
def badge():
    return badge_class_create(name="Premiers pas")


def messages_of(response):
    return [(m.level, str(m.message)) for m in get_messages(response.wsgi_request)]


def award_form(badge, email, **fields):
    return {"badge_class": badge.id, "recipient_email": email, **fields}


def test_an_operator_awards_a_badge_by_hand_with_evidence(
    client, superuser, badge, learner
):
    response = client.post(
        AWARD_URL,
        award_form(
            badge,
            "Jeanne@Example.BE",  # the address in another case: still her
            evidence_url="https://example.be/projet",
            evidence_narrative="A présenté son projet à l'EPN.",
        ),
    )

    assert response.status_code == 302
    assert response.url == ASSERTIONS_URL
    assertion = Assertion.objects.get(badge_class=badge, recipient=learner)
    assert assertion.evidence_url == "https://example.be/projet"
    assert assertion.evidence_narrative == "A présenté son projet à l'EPN."
    assert assertion.awarded_by == superuser
    [(level, text)] = messages_of(response)
    assert level == SUCCESS
    assert links.badge_page_url(assertion) in text
    assert "jeanne@example.be" in text


def test_awarding_to_an_unknown_email_is_a_form_error_and_stores_nothing(
    client, superuser, badge
):
    response = client.post(AWARD_URL, award_form(badge, "nobody@example.be"))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["recipient_email"]
    assert not Assertion.objects.exists()


def test_an_inactive_badge_cannot_be_awarded(client, superuser, learner):
    retired = badge_class_create(name="Ancien", active=False)

    response = client.get(AWARD_URL)
    assert retired not in response.context["form"].fields["badge_class"].queryset

    response = client.post(AWARD_URL, award_form(retired, learner.email))

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["badge_class"]
    assert not Assertion.objects.exists()


def test_an_evidence_url_must_be_a_web_address(client, superuser, badge, learner):
    response = client.post(
        AWARD_URL,
        award_form(badge, learner.email, evidence_url="javascript:alert(1)"),
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["evidence_url"]
    assert not Assertion.objects.exists()


def test_awarding_a_badge_already_held_says_so_and_changes_nothing(
    client, superuser, badge, learner
):
    held = services.badge_award(
        badge_class=badge, recipient=learner, evidence_narrative="Par la règle."
    ).assertion

    response = client.post(
        AWARD_URL,
        award_form(badge, learner.email, evidence_narrative="Encore une fois."),
    )

    assert response.status_code == 302
    [(level, text)] = messages_of(response)
    assert level == WARNING
    assert links.badge_page_url(held) in text
    assert Assertion.objects.get() == held
    held.refresh_from_db()
    assert held.evidence_narrative == "Par la règle."
    assert held.awarded_by is None


def test_a_staff_user_without_the_permission_cannot_award(client, badge, learner):
    editor = editor_create(email="editrice@example.be", can_publish=True)
    client.force_login(editor)

    assert client.get(AWARD_URL).status_code == 403
    response = client.post(AWARD_URL, award_form(badge, learner.email))

    assert response.status_code == 403
    assert not Assertion.objects.exists()


def test_the_award_permission_alone_awards_but_does_not_revoke(client, badge, learner):
    client.force_login(operator_with("add_assertion"))

    response = client.post(AWARD_URL, award_form(badge, learner.email))
    assert response.status_code == 302
    assertion = Assertion.objects.get()

    response = client.post(revoke_url(assertion), {"reason": "Erreur."})

    assert response.status_code == 403
    assertion.refresh_from_db()
    assert not assertion.is_revoked


def test_the_revoke_permission_alone_revokes_but_does_not_award(
    client, badge, learner, other_learner
):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion
    client.force_login(operator_with("change_assertion"))

    response = client.post(AWARD_URL, award_form(badge, other_learner.email))
    assert response.status_code == 403
    assert Assertion.objects.count() == 1

    response = client.post(revoke_url(assertion), {"reason": "Erreur."})

    assert response.status_code == 302
    assertion.refresh_from_db()
    assert assertion.is_revoked


def test_anonymous_visitors_are_sent_to_the_admin_login(client, badge):
    response = client.get(AWARD_URL)

    assert response.status_code == 302
    assert response.url.startswith(reverse("wagtailadmin_login"))


def test_revoking_with_a_reason_revokes_and_keeps_the_reason(
    client, superuser, badge, learner
):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion

    assert client.get(revoke_url(assertion)).status_code == 200
    response = client.post(
        revoke_url(assertion), {"reason": "  Attribué par erreur.  "}
    )

    assert response.status_code == 302
    assert response.url == ASSERTIONS_URL
    assertion.refresh_from_db()
    assert assertion.revoked_at is not None
    assert assertion.revocation_reason == "Attribué par erreur."
    [(level, _text)] = messages_of(response)
    assert level == SUCCESS


@pytest.mark.parametrize("reason", ["", "   "])
def test_revoking_without_a_reason_is_refused_and_changes_nothing(
    client, superuser, badge, learner, reason
):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion

    response = client.post(revoke_url(assertion), {"reason": reason})

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["reason"]
    assertion.refresh_from_db()
    assert assertion.revoked_at is None
    assert assertion.revocation_reason == ""


def test_revoking_twice_is_refused_and_keeps_the_first_reason(
    client, superuser, badge, learner
):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion
    services.badge_revoke(assertion=assertion, reason="Première raison.")

    response = client.post(revoke_url(assertion), {"reason": "Seconde raison."})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert "Première raison." in response.content.decode()
    assertion.refresh_from_db()
    assert assertion.revocation_reason == "Première raison."


def test_revoking_an_unknown_badge_is_not_found(client, superuser, badge, learner):
    held = services.badge_award(badge_class=badge, recipient=learner).assertion
    url = "/admin/badges/revoke/00000000-0000-0000-0000-000000000000/"

    shown = client.get(url)
    posted = client.post(url, {"reason": "Erreur."})

    assert (shown.status_code, posted.status_code) == (404, 404)
    held.refresh_from_db()
    assert not held.is_revoked
    assert held.revocation_reason == ""


def test_issuer_and_badge_screens_load_and_list_by_name(client, superuser, badge):
    Issuer.objects.create(
        name="Région wallonne", url="https://example.be", email="info@example.be"
    )
    badge_class_create(name="Courriels")

    response = client.get("/admin/badges/issuers/", {"q": "wallonne"})
    assert response.status_code == 200
    assert "Région wallonne" in response.content.decode()

    response = client.get("/admin/badges/classes/")
    assert response.status_code == 200
    assert "Courriels" in response.content.decode()
    response = client.get("/admin/badges/classes/", {"q": "Courr"})
    assert "Courriels" in response.content.decode()
    assert "Premiers pas" not in response.content.decode()
    assert client.get("/admin/badges/issuers/add/").status_code == 200
    assert client.get("/admin/badges/classes/add/").status_code == 200


def row_of(html: str, text: str) -> str:
    """The table row of the listing that contains ``text``."""
    [row] = [row for row in re.findall(r"<tr>.*?</tr>", html, re.S) if text in row]
    return row


def status_in(row: str) -> str:
    return re.search(r'<span class="w-status[^"]*">\s*(\w+)', row)[1]


def test_the_assertion_list_shows_status_public_page_and_revoke_links(
    client, superuser, badge, learner, other_learner
):
    valid = services.badge_award(badge_class=badge, recipient=learner).assertion
    revoked = services.badge_award(badge_class=badge, recipient=other_learner).assertion
    services.badge_revoke(assertion=revoked, reason="Erreur.")

    response = client.get(ASSERTIONS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert AWARD_URL in html
    valid_row = row_of(html, learner.email)
    assert status_in(valid_row) == "valid"
    assert links.badge_page_url(valid) in valid_row
    assert revoke_url(valid) in valid_row
    revoked_row = row_of(html, other_learner.email)
    assert status_in(revoked_row) == "revoked"
    assert links.badge_page_url(revoked) in revoked_row
    assert revoke_url(revoked) not in html


def test_an_expired_badge_is_listed_as_expired(client, superuser, badge, learner):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion
    Assertion.objects.filter(id=assertion.id).update(
        expires=timezone.now() - timedelta(days=1)
    )

    html = client.get(ASSERTIONS_URL).content.decode()

    assert status_in(row_of(html, learner.email)) == "expired"


def test_the_assertion_list_filters_revoked_badges(
    client, superuser, badge, learner, other_learner
):
    services.badge_award(badge_class=badge, recipient=learner)
    revoked = services.badge_award(badge_class=badge, recipient=other_learner).assertion
    services.badge_revoke(assertion=revoked, reason="Erreur.")

    revoked_only = client.get(ASSERTIONS_URL, {"revoked": "true"}).content.decode()
    valid_only = client.get(ASSERTIONS_URL, {"revoked": "false"}).content.decode()

    assert other_learner.email in revoked_only
    assert learner.email not in revoked_only
    assert learner.email in valid_only
    assert other_learner.email not in valid_only


def test_the_snippet_forms_never_write_assertions(client, superuser, badge, learner):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion

    add = client.get(f"{ASSERTIONS_URL}add/")
    edit = client.post(
        f"{ASSERTIONS_URL}edit/{assertion.pk}/",
        {"evidence_url": "https://example.be/faux"},
    )
    delete = client.post(f"{ASSERTIONS_URL}delete/{assertion.pk}/")

    # Wagtail's refusal: back to the dashboard, even for a superuser.
    assert {add.url, edit.url, delete.url} == {reverse("wagtailadmin_home")}
    assertion.refresh_from_db()
    assert assertion.evidence_url == ""
    inspect = client.get(f"{ASSERTIONS_URL}inspect/{assertion.pk}/")
    assert inspect.status_code == 200
    assert "Premiers pas" in inspect.content.decode()


def test_the_badges_menu_offers_awarding_only_to_those_allowed(client, superuser):
    assert AWARD_URL in client.get("/admin/").content.decode()

    client.force_login(operator_with("change_assertion", email="rev@example.be"))
    home = client.get("/admin/").content.decode()

    assert ASSERTIONS_URL in home
    assert AWARD_URL not in home


def test_the_view_permission_lists_awarded_badges_without_actions(
    client, badge, learner
):
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion
    client.force_login(operator_with("view_assertion"))

    response = client.get(ASSERTIONS_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert links.badge_page_url(assertion) in html
    assert AWARD_URL not in html
    assert revoke_url(assertion) not in html


def test_the_assertion_list_reads_in_a_fixed_number_of_queries(
    client, superuser, badge
):
    def queries_to_list() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(ASSERTIONS_URL).status_code == 200
        return len(queries)

    services.badge_award(
        badge_class=badge, recipient=learner_create(email="l0@example.be")
    )
    client.get(ASSERTIONS_URL)  # warm the per-process caches (content types)
    one = queries_to_list()
    for n in range(1, 4):
        services.badge_award(
            badge_class=badge_class_create(name=f"Badge {n}"),
            recipient=learner_create(email=f"l{n}@example.be"),
        )

    assert queries_to_list() == one
