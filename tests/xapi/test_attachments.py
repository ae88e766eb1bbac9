"""Statement attachments (multipart/mixed) and signed statements, over HTTP.

Section numbers refer to xAPI-Communication.md (Comm.) and xAPI-Data.md (Data) of
xAPI 1.0.3. Requests are written out byte by byte here, and responses read with
the standard library's email parser, so neither side relies on the LRS's own code.
"""

import base64
import copy
import hashlib
import json
import uuid
from email.parser import BytesParser
from email.policy import HTTP

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jws
from joserfc.jwk import OctKey, RSAKey

from tests.xapi.test_api import URL, Lrs, statement
from xapi.models import Attachment, Scope, Statement

pytestmark = pytest.mark.django_db

SIGNATURE = "http://adlnet.gov/expapi/attachments/signature"
CERTIFICATE = "http://example.com/attachment-usage/certificate"
BOUNDARY = "abcABC0123'()+_,-./:=?"  # Comm. 1.5.2.s6: every character class
# Bytes a line-based parser could get wrong: CR, LF, CRLF, NUL, high bytes, dashes.
BINARY = bytes(range(256)) + b"\r\n--\r\n\r\rline\n--" + BOUNDARY[:5].encode()


@pytest.fixture
def lrs(client):
    return Lrs(client, "lms", [Scope.STATEMENTS_WRITE, Scope.STATEMENTS_READ])


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def attachment(
    data: bytes,
    *,
    content_type: str = "application/pdf",
    usage: str = CERTIFICATE,
    **extra,
) -> dict:
    """The attachment object declaring ``data``."""
    return {
        "usageType": usage,
        "display": {"en-US": "Certificate"},
        "contentType": content_type,
        "length": len(data),
        "sha2": sha256(data),
        **extra,
    }


def part(
    data: bytes,
    *,
    content_type: str | None = "application/pdf",
    sha2: str | None = None,
    encoding: str | None = "binary",
) -> tuple[dict, bytes]:
    """An attachment part; None leaves a header out."""
    headers = {
        "Content-Type": content_type,
        "Content-Transfer-Encoding": encoding,
        "X-Experience-API-Hash": sha256(data) if sha2 is None else sha2,
    }
    return {k: v for k, v in headers.items() if v is not None}, data


def multipart(
    statements,
    *parts: tuple[dict, bytes],
    first_type: str = "application/json",
    boundary: str = BOUNDARY,
    close: bool = True,
) -> bytes:
    """A multipart/mixed body, CRLF everywhere as RFC 2046 says."""
    delimiter = b"--" + boundary.encode()
    chunks = [
        delimiter + f"\r\nContent-Type: {first_type}\r\n\r\n".encode(),
        json.dumps(statements).encode(),
    ]
    for headers, data in parts:
        lines = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        chunks += [b"\r\n" + delimiter + b"\r\n" + lines.encode() + b"\r\n", data]
    chunks.append(b"\r\n" + delimiter + (b"--\r\n" if close else b"\r\n"))
    return b"".join(chunks)


def post_multipart(lrs: Lrs, body: bytes, boundary: str = BOUNDARY, **headers):
    return lrs.post(
        body, content_type=f'multipart/mixed; boundary="{boundary}"', **headers
    )


def put_multipart(lrs: Lrs, body: bytes, statement_id: str):
    return lrs.http.put(
        f"{URL}?statementId={statement_id}",
        body,
        content_type=f'multipart/mixed; boundary="{BOUNDARY}"',
        **lrs.headers,
    )


def with_attachments(*attachments: dict, **kwargs) -> dict:
    return statement(attachments=list(attachments), **kwargs)


def read_multipart(response) -> list:
    """The parts of a multipart/mixed response, parsed by the standard library."""
    head = f"Content-Type: {response['Content-Type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + response.content)
    assert message.is_multipart()
    assert not message.defects
    return list(message.iter_parts())


def assert_refused(response, *fragments: str) -> str:
    assert response.status_code == 400, response.content
    message = response.json()["error"]
    for fragment in fragments:
        assert fragment in message
    return message


def assert_nothing_stored() -> None:
    assert not Statement.objects.exists()
    assert not Attachment.objects.exists()


# -- storing ------------------------------------------------------------------------


def test_post_with_one_attachment_stores_statement_and_data(lrs):
    data = b"%PDF-1.4 certificate of completion"
    sent = with_attachments(attachment(data))

    response = post_multipart(lrs, multipart(sent, part(data)))

    assert response.status_code == 200, response.content
    assert response.json() == [sent["id"]]
    assert Statement.objects.filter(id=sent["id"]).exists()
    stored = Attachment.objects.get()
    assert (stored.sha2, stored.content_type, stored.length) == (
        sha256(data),
        "application/pdf",
        len(data),
    )
    assert bytes(stored.content) == data


def test_spec_example_with_charset_parameter_is_accepted(lrs):
    """Comm. 1.5.2.s6: contentType has a charset, the part's Content-Type not."""
    data = b"here is a simple attachment"
    sent = with_attachments(attachment(data, content_type="text/plain; charset=ascii"))

    response = post_multipart(
        lrs, multipart(sent, part(data, content_type="text/plain"))
    )

    assert response.status_code == 200, response.content
    assert sha256(data) == (
        "495395e777cd98da653df9615d09c0fd6bb2f8d4788394cd53c56a3bfdcd848a"
    )
    assert Attachment.objects.get().content_type == "text/plain"


def test_binary_data_round_trips_byte_for_byte(lrs):
    sent = with_attachments(attachment(BINARY, content_type="application/octet-stream"))
    posted = post_multipart(
        lrs, multipart(sent, part(BINARY, content_type="application/octet-stream"))
    )
    assert posted.status_code == 200, posted.content

    response = lrs.get(statementId=sent["id"], attachments="true")

    assert response.status_code == 200
    _, data = read_multipart(response)
    assert data.get_payload(decode=True) == BINARY


def test_data_shared_by_a_batch_is_sent_and_stored_once(lrs):
    data = b"shared certificate"
    first, second = (with_attachments(attachment(data)) for _ in range(2))

    response = post_multipart(lrs, multipart([first, second], part(data)))

    assert response.status_code == 200, response.content
    assert response.json() == [first["id"], second["id"]]
    assert Attachment.objects.count() == 1


def test_data_already_stored_is_shared_by_a_later_statement(lrs):
    data = b"the same certificate twice"
    for _ in range(2):
        response = post_multipart(
            lrs, multipart(with_attachments(attachment(data)), part(data))
        )
        assert response.status_code == 200, response.content

    assert Statement.objects.count() == 2
    assert Attachment.objects.count() == 1


def test_resending_a_statement_with_its_attachment_is_harmless(lrs):
    data = b"resent"
    sent = with_attachments(attachment(data))
    body = multipart(sent, part(data))

    assert post_multipart(lrs, body).status_code == 200
    assert post_multipart(lrs, body).status_code == 200

    assert (Statement.objects.count(), Attachment.objects.count()) == (1, 1)


def test_put_with_an_attachment_stores_both(lrs):
    data = b"put certificate"
    sent = with_attachments(attachment(data))

    response = put_multipart(lrs, multipart(sent, part(data)), sent["id"])

    assert response.status_code == 204, response.content
    assert Statement.objects.filter(id=sent["id"]).exists()
    assert bytes(Attachment.objects.get().content) == data


def test_substatement_attachment_data_is_matched_too(lrs):
    data = b"sub certificate"
    sub = statement(with_id=False, attachments=[attachment(data)])
    del sub["timestamp"]
    sent = statement(object={"objectType": "SubStatement", **sub})

    response = post_multipart(lrs, multipart(sent, part(data)))

    assert response.status_code == 200, response.content
    assert Attachment.objects.get().sha2 == sha256(data)


def test_multipart_without_attachments_is_accepted(lrs):
    """Comm. 1.5.2.s3.b8: multipart does not mean there are attachments."""
    sent = statement()

    response = post_multipart(lrs, multipart(sent))

    assert response.status_code == 200, response.content
    assert Statement.objects.filter(id=sent["id"]).exists()


def test_multipart_with_only_file_urls_is_accepted(lrs):
    """Comm. 1.5.2.s3.b9."""
    sent = with_attachments(attachment(b"x", fileUrl="https://files.example.be/x"))

    response = post_multipart(lrs, multipart(sent))

    assert response.status_code == 200, response.content
    assert not Attachment.objects.exists()


def test_sha2_is_matched_whatever_its_case(lrs):
    data = b"case"
    declared = attachment(data)
    declared["sha2"] = declared["sha2"].upper()

    response = post_multipart(lrs, multipart(with_attachments(declared), part(data)))

    assert response.status_code == 200, response.content
    assert Attachment.objects.get().sha2 == sha256(data)


@pytest.mark.parametrize("algorithm", ["sha224", "sha384", "sha512"])
def test_other_sha2_digests_are_matched(lrs, algorithm):
    data = b"digest"
    digest = hashlib.new(algorithm, data).hexdigest()
    declared = {**attachment(data), "sha2": digest}

    response = post_multipart(
        lrs, multipart(with_attachments(declared), part(data, sha2=digest))
    )

    assert response.status_code == 200, response.content
    assert Attachment.objects.get().sha2 == digest


# -- application/json ---------------------------------------------------------------


def test_json_with_file_urls_only_is_accepted(lrs):
    """Comm. 1.5.1.s1.b2."""
    sent = with_attachments(attachment(b"x", fileUrl="https://files.example.be/x"))

    response = lrs.post(sent)

    assert response.status_code == 200, response.content
    assert not Attachment.objects.exists()


def test_json_with_an_attachment_without_file_url_is_refused(lrs):
    """Comm. 1.5.2.s2.b1: application/json needs a fileUrl for every attachment."""
    sent = with_attachments(
        attachment(b"x", fileUrl="https://files.example.be/x"), attachment(b"y")
    )

    response = lrs.post(sent)

    assert_refused(response, "statement[0].attachments[1]", "fileUrl", "multipart")
    assert_nothing_stored()


# -- refusals -----------------------------------------------------------------------


def test_attachment_with_neither_file_url_nor_part_is_refused(lrs):
    """Comm. 1.5.2.s3.b5."""
    sent = with_attachments(attachment(b"present"), attachment(b"missing"))

    response = post_multipart(lrs, multipart(sent, part(b"present")))

    assert_refused(response, "statement[0].attachments[1]", "no fileUrl")
    assert_nothing_stored()


def test_part_no_attachment_declares_is_refused(lrs):
    sent = with_attachments(attachment(b"declared"))

    response = post_multipart(
        lrs, multipart(sent, part(b"declared"), part(b"extra part"))
    )

    assert_refused(response, "part[2]", sha256(b"extra part"), "no attachment")
    assert_nothing_stored()


def test_part_whose_hash_is_not_its_data_sha2_is_refused(lrs):
    """Comm. 1.5.2.s1.b4: parts are matched by the SHA-2 of their raw data."""
    sent = with_attachments(attachment(b"declared"))

    response = post_multipart(
        lrs, multipart(sent, part(b"other data", sha2=sha256(b"declared")))
    )

    assert_refused(response, "part[1]", "X-Experience-API-Hash", "SHA-2")
    assert_nothing_stored()


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        pytest.param({"sha2": ""}, "no X-Experience-API-Hash", id="no-hash"),
        pytest.param({"encoding": None}, "Content-Transfer-Encoding", id="no-cte"),
        pytest.param({"encoding": "base64"}, "not base64", id="base64"),
    ],
)
def test_part_without_its_mandatory_headers_is_refused(lrs, headers, fragment):
    """Comm. 1.5.2.s2.b2.b3 and b4."""
    data = b"headers"
    sent = with_attachments(attachment(data))

    response = post_multipart(lrs, multipart(sent, part(data, **headers)))

    assert_refused(response, "Part 1", fragment)
    assert_nothing_stored()


def test_part_content_type_other_than_the_attachments_is_refused(lrs):
    """Comm. 1.5.2.s2.b2.b7: header and property must match."""
    data = b"typed"
    sent = with_attachments(attachment(data, content_type="application/pdf"))

    response = post_multipart(
        lrs, multipart(sent, part(data, content_type="image/png"))
    )

    assert_refused(response, "statement[0].attachments[0].contentType", "image/png")
    assert_nothing_stored()


def test_part_without_content_type_takes_the_attachments(lrs):
    data = b"untyped"
    sent = with_attachments(attachment(data, content_type="image/png"))

    response = post_multipart(lrs, multipart(sent, part(data, content_type=None)))

    assert response.status_code == 200, response.content
    assert Attachment.objects.get().content_type == "image/png"


def test_a_length_other_than_the_octets_is_accepted_matching_by_sha2_only(lrs):
    """Comm. 1.5.2.s1.b4: data and attachment are matched by SHA-2 and "MUST
    not" be any other way; no LRS requirement rejects a length that differs.
    The statement keeps the length declared, the stored data its own."""
    data = b"twelve bytes"
    declared = {**attachment(data), "length": 13}
    sent = with_attachments(declared)

    response = post_multipart(lrs, multipart(sent, part(data)))

    assert response.status_code == 200, response.content
    assert Attachment.objects.get().length == 12
    got = lrs.get(statementId=sent["id"]).json()
    assert got["attachments"][0]["length"] == 13


def test_a_length_other_than_the_parts_content_length_header_is_refused(lrs):
    """Comm. 1.5.2.s2.b2.b7: a part's header and the attachment's property
    for the same thing MUST match."""
    data = b"twelve bytes"
    declared = {**attachment(data), "length": 13}
    headers, body = part(data)

    response = post_multipart(
        lrs,
        multipart(
            with_attachments(declared), ({**headers, "Content-Length": "12"}, body)
        ),
    )

    assert_refused(response, "statement[0].attachments[0].length", "Content-Length: 12")
    assert_nothing_stored()


def test_first_part_other_than_json_is_refused(lrs):
    """Comm. 1.5.2.s2.b2.b1."""
    data = b"first"
    body = multipart(
        with_attachments(attachment(data)), part(data), first_type="text/plain"
    )

    assert_refused(post_multipart(lrs, body), "first part", "application/json")
    assert_nothing_stored()


def test_missing_boundary_parameter_is_refused(lrs):
    body = multipart(statement())

    response = lrs.post(body, content_type="multipart/mixed")

    assert_refused(response, "boundary")
    assert_nothing_stored()


def test_body_without_the_declared_boundary_is_refused(lrs):
    body = multipart(statement(), boundary="another-boundary")

    assert_refused(post_multipart(lrs, body), "Malformed multipart/mixed")
    assert_nothing_stored()


def test_body_without_closing_boundary_is_refused(lrs):
    body = multipart(statement(), close=False)

    assert_refused(post_multipart(lrs, body), "CloseBoundaryNotFound")
    assert_nothing_stored()


def test_multipart_form_data_is_refused(lrs):
    body = multipart(statement())

    response = lrs.post(body, content_type=f"multipart/form-data; boundary={BOUNDARY}")

    assert_refused(response, "application/json or multipart/mixed")
    assert_nothing_stored()


def test_statements_part_that_is_not_json_is_refused(lrs):
    body = multipart(statement()).replace(b'{"actor"', b'{actor"', 1)

    assert_refused(post_multipart(lrs, body), "not valid JSON")


def test_malformed_attachment_is_refused_for_what_it_is(lrs):
    data = b"no usage"
    declared = attachment(data)
    del declared["usageType"]

    response = post_multipart(lrs, multipart(with_attachments(declared), part(data)))

    assert_refused(response, "statement[0].attachments[0]", "usageType")
    assert_nothing_stored()


# -- atomicity ----------------------------------------------------------------------


def test_invalid_statement_in_the_batch_stores_no_attachment(lrs):
    data = b"rolled back"
    good = with_attachments(attachment(data))
    bad = statement(verb="not an iri")

    response = post_multipart(lrs, multipart([good, bad], part(data)))

    assert_refused(response, "statement[1].verb")
    assert_nothing_stored()


def test_conflict_stores_no_attachment(lrs):
    """Comm. 2.1.2.s2.b4: no change of state at all on a conflicting id."""
    first = statement()
    assert lrs.post(first).status_code == 200
    data = b"conflicting"
    changed = {**first, "attachments": [attachment(data)]}

    response = post_multipart(lrs, multipart(changed, part(data)))

    assert response.status_code == 409
    assert not Attachment.objects.exists()


# -- GET with attachments -----------------------------------------------------------


def _stored_with_data(lrs: Lrs, data: bytes, **kwargs) -> dict:
    sent = with_attachments(attachment(data), **kwargs)
    assert post_multipart(lrs, multipart(sent, part(data))).status_code == 200
    return sent


def test_get_by_id_with_attachments_is_multipart_statement_first(lrs):
    """Comm. 2.1.3.s2.b6, 1.5.2.s2.b2."""
    data = b"by id"
    sent = _stored_with_data(lrs, data)

    response = lrs.get(statementId=sent["id"], attachments="true")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("multipart/mixed; boundary=")
    assert response["X-Experience-API-Consistent-Through"]
    assert response["Last-Modified"]
    first, second = read_multipart(response)
    assert first.get_content_type() == "application/json"
    assert json.loads(first.get_payload(decode=True))["id"] == sent["id"]
    assert second["Content-Type"] == "application/pdf"
    assert second["Content-Transfer-Encoding"] == "binary"
    assert second["X-Experience-API-Hash"] == sha256(data)
    assert second.get_payload(decode=True) == data


@pytest.mark.parametrize("params", [{}, {"attachments": "false"}])
def test_get_without_attachments_is_json_without_data(lrs, params):
    """Comm. 2.1.3.s2.b7."""
    sent = _stored_with_data(lrs, b"not sent")

    response = lrs.get(statementId=sent["id"], **params)

    assert response["Content-Type"] == "application/json"
    assert response.json()["attachments"] == sent["attachments"]


def test_query_with_attachments_sends_each_stored_attachment_once(lrs):
    shared, own = b"shared", b"own"
    _stored_with_data(lrs, shared)
    sent = with_attachments(
        attachment(shared),
        attachment(own),
        attachment(b"remote", fileUrl="https://files.example.be/r"),
    )
    assert (
        post_multipart(lrs, multipart(sent, part(shared), part(own))).status_code == 200
    )

    response = lrs.get(attachments="true")

    first, *parts = read_multipart(response)
    result = json.loads(first.get_payload(decode=True))
    assert len(result["statements"]) == 2
    assert result["more"] == ""
    sent_data = {p["X-Experience-API-Hash"]: p.get_payload(decode=True) for p in parts}
    assert sent_data == {sha256(shared): shared, sha256(own): own}
    assert len(parts) == 2


def test_query_with_attachments_and_nothing_attached_is_multipart_too(lrs):
    assert lrs.post(statement()).status_code == 200

    response = lrs.get(attachments="true")

    (first,) = read_multipart(response)
    assert len(json.loads(first.get_payload(decode=True))["statements"]) == 1


def test_more_link_keeps_asking_for_attachments(lrs):
    for index in range(2):
        _stored_with_data(lrs, f"page {index}".encode())

    response = lrs.get(attachments="true", limit="1")
    first, _ = read_multipart(response)
    more = json.loads(first.get_payload(decode=True))["more"]
    assert more.endswith("&attachments=true")
    following = lrs.get(more)

    assert following.status_code == 200
    first, data = read_multipart(following)
    assert json.loads(first.get_payload(decode=True))["more"] == ""
    assert data.get_payload(decode=True).startswith(b"page ")


# -- signed statements (Data 2.6) ---------------------------------------------------


def jws_token(payload, key, algorithm: str = "RS256", x5c: str | None = None) -> bytes:
    """A JWS in Compact Serialization of ``payload`` (JSON unless bytes).

    ``key`` is an RSA private key, or the bytes of an HMAC secret.
    """
    header = {"alg": algorithm}
    if x5c is not None:
        header["x5c"] = [x5c]
    content = payload if isinstance(payload, bytes) else json.dumps(payload)
    if isinstance(key, bytes):
        jose_key = OctKey.import_key(key)
    else:
        jose_key = RSAKey.import_key(key)
    return jws.serialize_compact(
        header, content, jose_key, algorithms=[algorithm]
    ).encode()


def signed(
    original: dict, token: bytes, content_type: str = "application/octet-stream"
) -> dict:
    """The statement with a signature attachment for ``token`` added (Data 2.6)."""
    result = copy.deepcopy(original)
    signature = attachment(token, usage=SIGNATURE, content_type=content_type)
    result.setdefault("attachments", []).append(signature)
    return result


def post_signed(
    lrs: Lrs, sent: dict, token: bytes, content_type: str | None = None, **headers
):
    part_type = "application/octet-stream" if content_type is None else content_type
    body = multipart(sent, part(token, content_type=part_type))
    return post_multipart(lrs, body, **headers)


def assert_stored_with_its_signature(response, sent: dict, token: bytes) -> dict:
    """Accepted: the statement stored as sent, its JWS kept for later verifiers."""
    assert response.status_code == 200, response.content
    assert response.json() == [sent["id"]]
    stored = Statement.objects.get(pk=sent["id"]).data
    signature = stored["attachments"][-1]
    assert (signature["usageType"], signature["sha2"]) == (SIGNATURE, sha256(token))
    assert bytes(Attachment.objects.get(sha2=sha256(token)).content) == token
    return stored


@pytest.mark.parametrize("algorithm", ["RS256", "RS384", "RS512"])
def test_signed_statement_with_x5c_is_accepted_and_its_jws_stored(
    lrs, signer, algorithm
):
    key, x5c = signer
    original = statement()
    token = jws_token(original, key, algorithm, x5c)

    response = post_signed(lrs, signed(original, token), token)

    assert response.status_code == 200, response.content
    assert bytes(Attachment.objects.get(sha2=sha256(token)).content) == token


def test_signed_statement_without_x5c_is_accepted(lrs, signer):
    key, _ = signer
    original = statement()
    token = jws_token(original, key)
    sent = signed(original, token)

    response = post_signed(lrs, sent, token)

    assert_stored_with_its_signature(response, sent, token)


def test_signature_covers_the_other_attachments(lrs, signer):
    key, x5c = signer
    data = b"signed certificate"
    original = with_attachments(attachment(data))
    token = jws_token(original, key, x5c=x5c)
    sent = signed(original, token)
    body = multipart(
        sent, part(data), part(token, content_type="application/octet-stream")
    )

    response = post_multipart(lrs, body)

    assert response.status_code == 200, response.content
    assert Attachment.objects.count() == 2


def test_properties_the_lrs_sets_may_be_absent_from_the_signed_payload(lrs, signer):
    """Data 2.3.1.b1: id, authority, stored, timestamp and version are the LRS's."""
    key, x5c = signer
    original = statement()
    payload = {k: v for k, v in original.items() if k not in ("id", "timestamp")}
    sent = {
        **original,
        "version": "1.0.0",
        "stored": "2025-03-01T10:00:00Z",
        "authority": {"objectType": "Agent", "mbox": "mailto:lrs@example.com"},
    }
    token = jws_token(payload, key, x5c=x5c)
    sent = signed(sent, token)

    response = post_signed(lrs, sent, token)

    stored = assert_stored_with_its_signature(response, sent, token)
    # What the LRS sets is the LRS's, whatever the statement said.
    assert stored["authority"] != sent["authority"]
    assert stored["stored"] != sent["stored"]
    assert stored["version"] == "1.0.0"


def test_same_instant_and_group_members_in_another_order_are_equivalent(lrs, signer):
    """Data 2.3.1.b4 and b5."""
    key, x5c = signer
    members = [
        {"mbox": "mailto:a@example.com"},
        {"mbox": "mailto:b@example.com"},
    ]
    original = statement(actor={"objectType": "Group", "member": members})
    payload = copy.deepcopy(original)
    payload["actor"]["member"].reverse()
    payload["timestamp"] = "2025-03-01T11:00:00+01:00"
    token = jws_token(payload, key, x5c=x5c)
    sent = signed(original, token)

    response = post_signed(lrs, sent, token)

    stored = assert_stored_with_its_signature(response, sent, token)
    assert stored["actor"]["member"] == members  # as sent, not as signed
    assert stored["timestamp"] == original["timestamp"]


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            {"verb": {"id": "http://adlnet.gov/expapi/verbs/passed"}}, id="verb"
        ),
        pytest.param({"result": {"success": True}}, id="added-result"),
        pytest.param({"id": str(uuid.uuid4())}, id="other-id"),
        pytest.param({"timestamp": "2025-03-01T10:00:01Z"}, id="other-timestamp"),
    ],
)
def test_signature_whose_payload_is_another_statement_is_refused(lrs, signer, change):
    """Data 2.6.s4.b3, 2.6.s5.b3.b2."""
    key, x5c = signer
    original = statement()
    token = jws_token({**original, **change}, key, x5c=x5c)

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "statement[0].attachments[0]", "JWS payload")
    assert_nothing_stored()


def test_signature_with_a_hmac_algorithm_is_refused(lrs):
    """Data 2.6.s4.b4: RS256, RS384 or RS512 only."""
    original = statement()
    token = jws_token(original, b"a shared secret of 32 bytes!!!!!", "HS256")

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "'HS256'", "RS256, RS384, RS512")
    assert_nothing_stored()


def test_signature_not_made_with_the_x5c_certificates_key_is_refused(lrs, signer):
    """Data 2.6.s5.b3.b3."""
    _, x5c = signer
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    original = statement()
    token = jws_token(original, other_key, x5c=x5c)

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "does not verify", "x5c")
    assert_nothing_stored()


def test_x5c_that_is_not_a_certificate_is_refused(lrs, signer):
    key, _ = signer
    original = statement()
    token = jws_token(original, key, x5c=base64.b64encode(b"not DER").decode())

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "x5c", "certificate")


def test_signature_attachment_not_octet_stream_is_refused(lrs, signer):
    """Data 2.6.s4.b1."""
    key, _ = signer
    original = statement()
    token = jws_token(original, key)
    sent = signed(original, token, content_type="text/plain")

    response = post_signed(lrs, sent, token, content_type="text/plain")

    assert_refused(response, "attachments[0].contentType", "application/octet-stream")
    assert_nothing_stored()


@pytest.mark.parametrize(
    "token",
    [
        pytest.param(b"not a signature", id="garbage"),
        pytest.param(b'{"payload": "e30", "signatures": []}', id="json-serialization"),
    ],
)
def test_signature_that_is_not_a_compact_jws_is_refused(lrs, token):
    original = statement()

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "not a JWS in Compact Serialization")
    assert_nothing_stored()


def test_signature_whose_payload_is_not_a_statement_is_refused(lrs, signer):
    key, x5c = signer
    original = statement()
    token = jws_token(b"not json", key, x5c=x5c)

    response = post_signed(lrs, signed(original, token), token)

    assert_refused(response, "payload is not a statement")


def test_signature_sent_only_as_file_url_cannot_be_checked_and_is_accepted(lrs):
    """Comm. 1.5.1.s1.b2: JSON with fileUrls only is accepted; no data to check."""
    sent = with_attachments(
        attachment(
            b"remote jws",
            usage=SIGNATURE,
            content_type="application/octet-stream",
            fileUrl="https://files.example.be/sig.jws",
        )
    )

    response = lrs.post(sent)

    assert response.status_code == 200, response.content
    assert response.json() == [sent["id"]]
    stored = Statement.objects.get(pk=sent["id"]).data
    assert stored["attachments"] == sent["attachments"]
    assert not Attachment.objects.exists()
