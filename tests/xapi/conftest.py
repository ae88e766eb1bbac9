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
def gunicorn_api(django_db_setup, django_db_blocker, tmp_path_factory):
    """The API as production serves it (gunicorn, ``config.wsgi_api``), on the
    test database; its URL."""
    from django.db import connection

    log = tmp_path_factory.mktemp("gunicorn") / "stderr.log"
    server, url = start_gunicorn(connection.settings_dict, log)
    yield url
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(
    params=[
        "test client",
        # Another process sees only committed rows: these tests commit.
        pytest.param("gunicorn", marks=pytest.mark.django_db(transaction=True)),
    ]
)
def http(request, client):
    """Django's test client, then the same calls over HTTP to gunicorn."""
    if request.param == "test client":
        return client
    return OverHttp(request.getfixturevalue("gunicorn_api"))
