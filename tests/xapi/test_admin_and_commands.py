import base64

import pytest
from django.core.management import CommandError, call_command

from xapi import clients, forwarding
from xapi.models import ExternalLRS, LRSClient

pytestmark = pytest.mark.django_db


def basic(key, secret):
    return "Basic " + base64.b64encode(f"{key}:{secret}".encode()).decode()


def test_lrs_client_create_prints_working_credentials(capsys):
    call_command("lrs_client", "create", "h5p", "--scope", "statements/write")
    out = capsys.readouterr().out
    key = out.split("key:")[1].split()[0]
    secret = out.split("secret:")[1].split()[0]

    client = clients.client_authenticate(basic(key, secret))

    assert client.name == "h5p"
    assert client.scopes == ["statements/write"]
    assert clients.client_authenticate(basic(key, "wrong")) is None


def test_lrs_client_list_and_revoke(capsys):
    client, secret = clients.client_create(name="cmi5")

    call_command("lrs_client", "list")
    assert "cmi5" in capsys.readouterr().out
    call_command("lrs_client", "revoke", "cmi5")

    assert clients.client_authenticate(basic(client.key, secret)) is None
    with pytest.raises(CommandError):
        call_command("lrs_client", "revoke", "nobody")


def test_secrets_are_not_stored_in_clear():
    client, secret = clients.client_create(name="x")

    assert (
        secret
        not in LRSClient.objects.filter(id=client.id).values_list(
            "secret_hash", flat=True
        )[0]
    )


def test_admin_shows_backlog_and_last_error_of_each_remote(admin_client):
    remote = ExternalLRS.objects.create(
        name="Région", endpoint="http://127.0.0.1:9/xapi/", username="u", password="p"
    )
    from tests.xapi.test_forwarding import store

    store(3)
    with pytest.raises(forwarding.DeliveryFailed):
        forwarding.outbox_deliver(remote_id=remote.id)

    page = admin_client.get("/django-admin/xapi/externallrs/").content.decode()
    detail = admin_client.get(
        f"/django-admin/xapi/externallrs/{remote.id}/change/"
    ).content.decode()

    assert ">3<" in page
    assert "ConnectionRefusedError" in detail


def test_admin_creates_a_client_and_shows_its_secret_once(admin_client):
    response = admin_client.post(
        "/django-admin/xapi/lrsclient/add/",
        {"name": "moodle", "scopes": '["statements/write"]', "active": "on"},
        follow=True,
    )

    client = LRSClient.objects.get(name="moodle")
    assert "secret" in response.content.decode()
    assert client.key in response.content.decode()


def test_an_endpoint_typed_without_its_scheme_is_stored_as_https(admin_client):
    admin_client.post(
        "/django-admin/xapi/externallrs/add/",
        {
            "name": "Région",
            "endpoint": "lrs.region.example.be/xapi/",
            "version": ExternalLRS._meta.get_field("version").default,
            "username": "u",
            "password": "p",
            "active": "on",
        },
    )

    assert ExternalLRS.objects.get().endpoint == "https://lrs.region.example.be/xapi/"
