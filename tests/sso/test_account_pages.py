"""allauth's account pages as the platform shows them: "Remove" on the page of
e-mail addresses asks first (sso.views.email_remove), without JavaScript; the
sign-in and sign-up pages' cross links keep where the visitor was going; the
"remember me" box sits inside its label."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext

from learners.models import User
from tests.factories import PASSWORD, learner_create

pytestmark = pytest.mark.django_db

SECOND = "jeanne.travail@example.be"


def fr(message: str) -> str:
    """What a French page says for this msgid, whatever the catalogue holds today."""
    with translation.override("fr"):
        return gettext(message)


@pytest.fixture
def jeanne(client, learner):
    """Signed in, with a second, unconfirmed address beside her primary one."""
    EmailAddress.objects.create(user=learner, email=SECOND, verified=False)
    client.force_login(learner)
    return learner


def html_of(response) -> str:
    return response.content.decode()


def main_of(response) -> str:
    """The page's own content, without the header's menu and language buttons."""
    return html_of(response).split('<main id="main"')[1].split("</main>")[0]


def test_remove_on_the_page_of_addresses_posts_the_choice_to_a_question(client, jeanne):
    page = html_of(client.get("/accounts/email/"))

    remove = re.search(r"<button[^>]*formaction=\"([^\"]+)\"[^>]*>\s*(\w+)", page)
    assert remove.group(2) == fr("Remove")
    assert remove.group(1) == "/accounts/email/remove/"
    # Each address's radio inside its label, beside the address.
    assert re.search(
        rf'<label class="choice"><input type="radio" name="email" '
        rf'value="{re.escape(SECOND)}"[^>]*>\s*<span>{re.escape(SECOND)}',
        page,
    )
    assert "<script" not in page.split('<main id="main"')[1]  # no confirm script


def test_the_question_names_the_address_and_removes_nothing_yet(client, jeanne):
    question = client.post("/accounts/email/remove/", {"email": SECOND})

    page = html_of(question)
    heading = fr("Remove the address %(email)s?") % {"email": SECOND}
    assert f"<h1>{heading}</h1>" in page
    assert EmailAddress.objects.filter(user=jeanne, email=SECOND).exists()
    assert '<a class="button" href="/accounts/email/">' in page  # "No, go back"
    # "Yes" posts what allauth's own page would have: the address and its action.
    form = re.search(
        r'<form method="post" action="/accounts/email/">(.*?)</form>', page, re.S
    ).group(1)
    assert f'<input type="hidden" name="email" value="{SECOND}">' in form
    assert re.search(r'<button type="submit" name="action_remove"[^>]*>', form)


def test_yes_lets_allauth_remove_the_address(client, jeanne):
    answer = client.post(
        "/accounts/email/", {"email": SECOND, "action_remove": ""}, follow=True
    )

    assert not EmailAddress.objects.filter(user=jeanne, email=SECOND).exists()
    assert EmailAddress.objects.filter(user=jeanne, primary=True).exists()
    assert answer.redirect_chain[-1][0] == "/accounts/email/"
    assert SECOND in html_of(answer)  # allauth's "removed" message


def test_the_primary_address_is_refused_at_once_in_allauths_words(client, jeanne):
    refused = client.post(
        "/accounts/email/remove/", {"email": jeanne.email}, follow=True
    )

    assert refused.redirect_chain == [("/accounts/email/", 302)]
    assert "<h1>" + fr("Remove the address %(email)s?") % {
        "email": jeanne.email
    } not in html_of(refused)
    with translation.override("fr"):
        said = gettext("You cannot remove your primary email address (%(email)s).")
    assert said % {"email": jeanne.email} in html_of(refused)
    assert EmailAddress.objects.filter(user=jeanne, email=jeanne.email).exists()


def test_no_question_about_another_persons_address(client, jeanne, other_learner):
    answer = client.post("/accounts/email/remove/", {"email": other_learner.email})

    assert answer.status_code == 302
    assert answer["Location"] == "/accounts/email/"
    assert EmailAddress.objects.filter(email=other_learner.email).exists()


def test_the_question_is_asked_by_post_only_and_to_signed_in_people(client, learner):
    assert client.get("/accounts/email/remove/")["Location"].startswith(
        "/accounts/login/"
    )
    client.force_login(learner)
    assert client.get("/accounts/email/remove/")["Location"] == "/accounts/email/"


def test_a_single_confirmed_address_is_shown_without_pointless_actions(client, learner):
    client.force_login(learner)

    page = html_of(client.get("/accounts/email/"))

    assert learner.email in page
    for action in ("action_primary", "action_send", "email/remove/"):
        assert action not in page
    assert 'name="action_add"' in page  # adding one stays possible


def test_resend_is_offered_only_while_an_address_is_unconfirmed(client, jeanne):
    assert 'name="action_send"' in html_of(client.get("/accounts/email/"))

    EmailAddress.objects.filter(email=SECOND).update(verified=True)

    assert 'name="action_send"' not in html_of(client.get("/accounts/email/"))


def test_the_sign_in_page_links_to_the_sign_up_with_where_the_visitor_was_going(
    client,
):
    page = html_of(client.get("/accounts/login/?next=/agenda/1/"))

    assert '<a href="/accounts/signup/?next=%2Fagenda%2F1%2F">' in page


def test_the_sign_up_page_links_to_the_sign_in_with_where_the_visitor_was_going(
    client,
):
    page = html_of(client.get("/accounts/signup/?next=/agenda/1/"))

    assert '<a href="/accounts/login/?next=%2Fagenda%2F1%2F">' in page


def test_the_cross_links_keep_no_next_from_elsewhere_and_escape_it(client):
    elsewhere = main_of(client.get("/accounts/login/?next=https://evil.example/"))
    assert '<a href="/accounts/signup/">' in elsewhere

    odd = main_of(client.get('/accounts/login/?next=/agenda/"><b>x</b>&page=2'))
    assert "<b>x</b>" not in odd
    assert '<a href="/accounts/signup/?next=%2Fagenda%2F%22%3E%3Cb%3Ex%3C%2Fb%3E">' in (
        odd
    )


def test_signing_up_through_the_link_ends_on_the_page_the_visitor_was_on(client):
    sign_in = main_of(client.get("/accounts/login/?next=/agenda/1/"))
    signup_url = re.search(r'<a href="(/accounts/signup/[^"]*)">', sign_in).group(1)
    signup = html_of(client.get(signup_url.replace("&amp;", "&")))
    carried = re.search(r'<input type="hidden" name="next" value="([^"]*)">', signup)
    assert carried.group(1) == "/agenda/1/"

    client.post(
        "/accounts/signup/",
        {
            "email": "lea@example.be",
            "display_name": "Léa",
            "password1": PASSWORD,
            "next": carried.group(1),
        },
    )
    link = re.search(r"http\S+/accounts/confirm-email/\S+", mail.outbox[-1].body)
    confirmed = client.post(link.group(0))

    assert confirmed.status_code == 302
    assert confirmed["Location"] == "/agenda/1/"
    lea = User.objects.get(email="lea@example.be")
    assert client.session["_auth_user_id"] == str(lea.pk)


def test_the_sign_in_page_offers_a_new_password_once_beside_the_password(client):
    page = html_of(client.get("/accounts/login/"))

    assert page.count('href="/accounts/password/reset/"') == 1
    assert re.search(
        r'id="id_password_helptext"><a href="/accounts/password/reset/">', page
    )


def test_remember_me_is_a_box_inside_its_label(client):
    page = html_of(client.get("/accounts/login/"))

    assert re.search(
        r'<label class="choice"><input type="checkbox" name="remember"[^>]*>\s*'
        + re.escape(fr("Remember Me")),
        page,
    )


def test_a_failed_sign_in_still_says_what_is_wrong(client):
    learner_create(email="paul@example.be")

    page = html_of(
        client.post(
            "/accounts/login/", {"login": "paul@example.be", "password": "faux"}
        )
    )

    assert 'class="error-summary"' in page
    assert 'name="remember"' in page
