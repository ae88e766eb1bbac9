"""Public Open Badges documents and images, badge pages, and the learner's backpack."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.views.decorators.cache import cache_control

from badges import (
    baking,
    certificates,
    credentials,
    data_integrity,
    links,
    openbadges,
    selectors,
    services,
)
from learners import selectors as learning

JSON_LD = "application/ld+json"


def _json_ld(document: dict, *, status: int = 200) -> JsonResponse:
    response = JsonResponse(document, status=status, content_type=JSON_LD)
    # Badge displayers and verifiers fetch these from other sites' pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _png(content: bytes, *, filename: str = "") -> HttpResponse:
    response = HttpResponse(content, content_type="image/png")
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Open Badges 3.0 contexts, as a client names one to ask for the 3.0 object.
OB3_PROFILE = "https://purl.imsglobal.org/spec/ob/v3p0/"


def _asks_for_3_0(request) -> bool:
    """Content negotiation at an issuer's or a badge class's id: a client
    asks for the Open Badges 3.0 object with the JSON-LD media type's profile
    parameter naming an Open Badges 3.0 context (JSON-LD 1.1, 9.1); every
    other request gets the 2.0 document that 2.0 verifiers fetch there."""
    return any(
        uri.startswith(OB3_PROFILE)
        for media in request.accepted_types
        for uri in media.params.get("profile", "").split()
    )


def _negotiated(request, document_2_0: dict, entity_3_0: dict) -> JsonResponse:
    if _asks_for_3_0(request):
        response = _json_ld(credentials.document_of(entity_3_0))
        response["Content-Type"] = f'{JSON_LD}; profile="{credentials.CONTEXT[1]}"'
    else:
        response = _json_ld(document_2_0)
    patch_vary_headers(response, ["Accept"])  # one URL, two documents
    return response


def issuer(request, uuid):
    """The issuer: its Open Badges 2.0 Profile, or the 3.0 Profile."""
    found = selectors.issuer_get(uuid=uuid)
    if found is None:
        raise Http404
    return _negotiated(
        request, openbadges.issuer_document(found), credentials.profile(found)
    )


def issuer_image(request, uuid):
    found = selectors.issuer_get(uuid=uuid)
    if found is None or found.image is None:
        raise Http404
    rendition = found.image.get_rendition("max-512x512|format-png")
    with rendition.file.open("rb") as image:
        return _png(image.read())


def issuer_jwks(request, uuid):
    """The issuer's public key, to check its Open Badges 3.0 credentials."""
    found = selectors.issuer_get(uuid=uuid)
    if found is None:
        raise Http404
    found = services.issuer_key_ensure(found)
    response = JsonResponse(credentials.issuer_public_jwks(found))
    response["Access-Control-Allow-Origin"] = "*"
    return response


def issuer_did_document(request, uuid):
    """Where the issuer's did:web resolves: the key that signs its
    credentials' Data Integrity proofs (DID Core, JSON-LD representation)."""
    found = selectors.issuer_get(uuid=uuid)
    if found is None:
        raise Http404
    found = services.issuer_key_ensure(found)
    response = JsonResponse(
        data_integrity.did_document(found), content_type="application/did+ld+json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _issuer_and_revoked(uuid) -> tuple:
    """The issuer with its keys, and the numbers of its revoked assertions
    (the bits its status lists set)."""
    found = selectors.issuer_get(uuid=uuid)
    if found is None:
        raise Http404
    found = services.issuer_key_ensure(found)
    revoked = selectors.revoked_assertions(issuer=found).values_list("pk", flat=True)
    return found, list(revoked)


@cache_control(max_age=60)
def issuer_status_list(request, uuid):
    """The issuer's Bitstring Status List: which of its Open Badges 3.0
    credentials are revoked, signed by the issuer."""
    found, revoked = _issuer_and_revoked(uuid)
    response = HttpResponse(
        credentials.status_list_jwt(found, revoked, now=timezone.now()),
        content_type=credentials.MEDIA_TYPE,
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cache_control(max_age=60)
def issuer_status_list_with_proof(request, uuid):
    """The same status list as a credential with a Data Integrity proof,
    issued by the issuer's did:web like the credentials that point to it."""
    found, revoked = _issuer_and_revoked(uuid)
    document = data_integrity.status_list_with_proof(found, revoked, now=timezone.now())
    response = JsonResponse(document, content_type=data_integrity.MEDIA_TYPE)
    response["Access-Control-Allow-Origin"] = "*"
    return response


@cache_control(max_age=60)
def revocations(request, uuid):
    found = selectors.issuer_get(uuid=uuid)
    if found is None:
        raise Http404
    revoked = list(selectors.revoked_assertions(issuer=found))
    return _json_ld(openbadges.revocation_list_document(found, revoked))


def badge_class(request, uuid):
    """The badge: its Open Badges 2.0 BadgeClass, or the 3.0 Achievement."""
    found = selectors.badge_class_get(uuid=uuid)
    if found is None:
        raise Http404
    return _negotiated(
        request,
        openbadges.badge_class_document(found, services.issuer_of(found)),
        credentials.achievement(found),
    )


def badge_class_image(request, uuid):
    found = selectors.badge_class_get(uuid=uuid)
    if found is None:
        raise Http404
    return _png(baking.badge_png(found))


def assertion(request, uuid):
    """The hosted assertion: 410 Gone, saying so, once revoked (Open Badges 2.0)."""
    found = selectors.assertion_get(uuid=uuid)
    if found is None:
        raise Http404
    status = 410 if found.is_revoked else 200
    return _json_ld(openbadges.assertion_document(found), status=status)


def _awarded(uuid) -> tuple:
    """An assertion and its issuer with keys, to sign its credential; no
    issuer when it is revoked (nothing signed is handed out then)."""
    found = selectors.assertion_get(uuid=uuid)
    if found is None:
        raise Http404
    if found.is_revoked:
        return found, None
    return found, services.issuer_key_ensure(services.issuer_of(found.badge_class))


def credential(request, uuid, algorithm: str = "EdDSA"):
    """The assertion as a signed Open Badges 3.0 credential (VC-JWT), to
    download: signed with EdDSA, or RS256 for any 3.0 verifier."""
    found, issuer = _awarded(uuid)
    if issuer is None:
        return HttpResponse(status=410)
    response = HttpResponse(
        credentials.credential_jwt(found, issuer, algorithm=algorithm),
        content_type=credentials.MEDIA_TYPE,
    )
    response["Content-Disposition"] = f'attachment; filename="badge-{found.uuid}.jwt"'
    return response


def credential_with_proof(request, uuid):
    """The assertion as an Open Badges 3.0 credential with an embedded Data
    Integrity proof (eddsa-rdfc-2022), issued by the issuer's did:web."""
    found, issuer = _awarded(uuid)
    if issuer is None:
        return HttpResponse(status=410)
    document = data_integrity.credential_with_proof(found, issuer, now=timezone.now())
    response = JsonResponse(
        document,
        content_type=data_integrity.MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Content-Disposition"] = f'attachment; filename="badge-{found.uuid}.json"'
    return response


BAKED_EXTENSIONS = ("png", "svg", "ob3.svg")


def baked_image(request, uuid, extension):
    """The badge image with its proof inside: the PNG carries the 2.0
    assertion and the 3.0 credential; badge.svg the 2.0 assertion, badge.ob3.svg
    the 3.0 credential."""
    found = selectors.assertion_get(uuid=uuid)
    if found is None or extension not in BAKED_EXTENSIONS:
        raise Http404
    if found.is_revoked:
        return HttpResponse(status=410)
    filename = f"badge-{found.uuid}.{extension}"
    if extension == "ob3.svg":
        return _svg(
            baking.baked_svg_credential(found.badge_class, _jws(found)), filename
        )
    document = openbadges.assertion_document(found)
    if extension == "svg":
        return _svg(baking.baked_svg(found.badge_class, document), filename)
    baked = baking.baked_png(found.badge_class, document, _jws(found))
    return _png(baked, filename=filename)


def _jws(assertion) -> str:
    # RS256: the algorithm every Open Badges 3.0 verifier supports.
    issuer = services.issuer_key_ensure(services.issuer_of(assertion.badge_class))
    return credentials.credential_jwt(assertion, issuer, algorithm=credentials.RS256)


def _svg(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def badge_page(request, uuid):
    """The human page of an awarded badge: what it says, whether it is valid."""
    found = selectors.assertion_get(uuid=uuid)
    if found is None:
        raise Http404
    page_url = links.badge_page_url(found)
    context = {
        "assertion": found,
        "badge": found.badge_class,
        "issuer": services.issuer_of(found.badge_class),
        "page_url": page_url,
        "image_url": links.badge_class_image_url(found.badge_class),
        "assertion_url": links.assertion_url(found),
        "linkedin_add_url": _linkedin_add_url(found, page_url),
        "linkedin_share_url": "https://www.linkedin.com/sharing/share-offsite/?"
        + urlencode({"url": page_url}),
        "is_recipient": request.user == found.recipient,
    }
    return render(request, "badges/badge_page.html", context)


def _linkedin_add_url(assertion, page_url: str) -> str:
    """LinkedIn's "add licence or certification" form, filled in."""
    issuer = services.issuer_of(assertion.badge_class)
    fields = {
        "startTask": "CERTIFICATION_NAME",
        "name": assertion.badge_class.name,
        "organizationName": issuer.name,
        "issueYear": assertion.issued_on.year,
        "issueMonth": assertion.issued_on.month,
        "certUrl": page_url,
        "certId": str(assertion.uuid),
    }
    if assertion.expires:
        fields |= {
            "expirationYear": assertion.expires.year,
            "expirationMonth": assertion.expires.month,
        }
    return "https://www.linkedin.com/profile/add?" + urlencode(fields)


@login_required
def backpack(request):
    context = {
        "assertions": selectors.backpack(user=request.user),
        "completed": learning.completed_enrolments(user=request.user),
    }
    return render(request, "badges/backpack.html", context)


@login_required
def certificate_pdf(request, enrolment_id: int):
    """A learner's certificate of a course they completed, as a PDF."""
    enrolment = learning.enrolment_get(user=request.user, enrolment_id=enrolment_id)
    if enrolment is None or enrolment.completed_at is None:
        raise Http404
    certificate = services.certificate_for(enrolment=enrolment)
    pdf = certificates.certificate_pdf(
        certificate=certificate,
        issuer=services.issuer_default(),
        verification_url=links.certificate_url(certificate),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"certificat-{enrolment.course.slug}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def certificate(request, uuid):
    """The public check of a certificate: who completed which course, when."""
    found = selectors.certificate_get(uuid=uuid)
    if found is None:
        raise Http404
    context = {"certificate": found, "issuer": services.issuer_default()}
    return render(request, "badges/certificate.html", context)
