"""Fixtures shared by the LRS's tests."""

import base64
from datetime import UTC, datetime, timedelta

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID

from tests.xapi.over_http import OverHttp, start_gunicorn


@pytest.fixture(scope="module")
def signer() -> tuple[rsa.RSAPrivateKey, str]:
    """An RSA key and its self-signed certificate, as x5c wants it (base64 DER)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Test LRP")])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return key, base64.b64encode(der).decode()


@pytest.fixture(scope="session")
def gunicorn_api(django_db_setup, tmp_path_factory):
    """The API as production serves it (gunicorn, ``config.wsgi_api``), on the
    test database; its URL."""
    from django.db import connection

    log = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    server, url = start_gunicorn(connection.settings_dict, log)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="session")
def daphne_api(django_db_setup):
    """The whole site under Daphne, as ``make run`` serves it (ASGI, channels),
    forked on the test database; its URL."""
    from django.conf import settings

    from tests.conftest import daphne_started

    hosts = settings.ALLOWED_HOSTS
    settings.ALLOWED_HOSTS = [*hosts, "127.0.0.1"]  # the forked copy keeps it
    try:
        server = daphne_started()
    finally:
        settings.ALLOWED_HOSTS = hosts
    yield f"http://127.0.0.1:{server.port.value}"
    server.terminate()
    server.join(timeout=10)


# Another process sees only committed rows: the tests over HTTP commit.
_COMMITTING = pytest.mark.django_db(transaction=True)


# A test that tries many inputs on one rule's refusal: the input varies, not the
# path through the server, so one representative case runs over HTTP elsewhere.
IN_PROCESS = pytest.mark.parametrize("http", ["test client"], indirect=True)


@pytest.fixture(
    params=[
        "test client",
        pytest.param("daphne", marks=_COMMITTING),
        pytest.param("gunicorn", marks=_COMMITTING),
    ]
)
def http(request, client):
    """Django's test client, then the same calls over HTTP to Daphne as
    ``make run`` serves the site, and to gunicorn as production serves the API."""
    if request.param == "test client":
        return client
    return OverHttp(request.getfixturevalue(f"{request.param}_api"))
