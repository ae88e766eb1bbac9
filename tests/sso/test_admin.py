"""Platform admins configure identity providers in Wagtail's settings menu."""

import pytest
from allauth.socialaccount.models import SocialApp

from sso import services
from sso.models import IdentityProvider
from tests.factories import learner_create

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/identity_providers/"
ADD_URL = "/admin/identity_providers/new/"
SECRET = "tr3s-secret-du-client"


def edit_url(provider):
    return f"/admin/identity_providers/edit/{provider.pk}/"


def delete_url(provider):
    return f"/admin/identity_providers/delete/{provider.pk}/"


@pytest.fixture
def operator(client):
    user = learner_create(
        email="admin@example.be", is_superuser=True, is_staff=True, language="en"
    )
    client.force_login(user)
    return user


@pytest.fixture
def spw(db):
    return services.identity_provider_create(
        name="SPW",
        provider_id="spw",
        server_url="https://idp.spw.example",
        client_id="skills",
        client_secret=SECRET,
    )


def form_data(**fields):
    return {
        "name": "SPW",
        "provider_id": "spw",
        "server_url": "https://idp.spw.example/realms/agents",
        "client_id": "skills",
        "client_secret": SECRET,
        "active": "on",
        **fields,
    }


def test_an_admin_adds_a_provider_and_its_allauth_app_is_made(client, operator):
    response = client.post(ADD_URL, form_data())

    assert response.status_code == 302
    provider = IdentityProvider.objects.select_related("app").get()
    assert provider.name == "SPW"
    assert provider.active
    app = provider.app
    assert (app.provider, app.provider_id, app.client_id, app.secret) == (
        "openid_connect",
        "spw",
        "skills",
        SECRET,
    )
    assert app.settings["server_url"] == "https://idp.spw.example/realms/agents"
    assert app.settings["oauth_pkce_enabled"] is True


def test_an_admin_names_the_organisation_whose_people_sign_in_through_it(
    client, operator, spw
):
    from organisations.models import Organisation

    organisation = Organisation.objects.create(name="Service public de Wallonie")

    response = client.post(
        edit_url(spw), form_data(client_secret="", organisation=organisation.pk)
    )

    assert response.status_code == 302
    spw.refresh_from_db()
    assert spw.organisation == organisation
    assert "Service public de Wallonie" in client.get(LIST_URL).content.decode()


def test_the_secret_is_never_shown_back(client, operator, spw):
    listing = client.get(LIST_URL)
    edit = client.get(edit_url(spw))

    assert listing.status_code == edit.status_code == 200
    assert b"idp.spw.example" in listing.content
    assert SECRET.encode() not in listing.content
    assert SECRET.encode() not in edit.content
    # What to register at the provider.
    assert b"/accounts/oidc/spw/login/callback/" in edit.content


def test_a_blank_secret_keeps_the_stored_one(client, operator, spw):
    response = client.post(
        edit_url(spw), form_data(name="SPW Wallonie", client_secret="", active="")
    )

    assert response.status_code == 302
    spw.refresh_from_db()
    spw.app.refresh_from_db()
    assert spw.name == spw.app.name == "SPW Wallonie"
    assert spw.app.secret == SECRET
    assert not spw.active


def test_the_identifier_cannot_change_nor_be_taken_twice(client, operator, spw):
    client.post(edit_url(spw), form_data(provider_id="autre"))
    assert SocialApp.objects.get().provider_id == "spw"

    response = client.post(ADD_URL, form_data(name="Autre"))
    assert response.status_code == 200
    assert IdentityProvider.objects.count() == 1


def test_a_new_provider_needs_a_secret(client, operator):
    response = client.post(ADD_URL, form_data(client_secret=""))

    assert response.status_code == 200
    assert not IdentityProvider.objects.exists()


def test_deleting_a_provider_deletes_its_app_and_secret(client, operator, spw):
    response = client.post(delete_url(spw))

    assert response.status_code == 302
    assert not IdentityProvider.objects.exists()
    assert not SocialApp.objects.exists()


def test_staff_with_every_permission_but_not_superuser_are_refused(client, spw):
    from django.contrib.auth.models import Permission

    editor = learner_create(email="editor@example.be", is_staff=True)
    editor.user_permissions.set(Permission.objects.all())
    client.force_login(editor)

    for url in (LIST_URL, ADD_URL, edit_url(spw), delete_url(spw)):
        assert client.get(url).status_code in (302, 403), url
    assert client.post(ADD_URL, form_data(provider_id="x")).status_code in (302, 403)
    assert IdentityProvider.objects.count() == 1
