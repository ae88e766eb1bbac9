from django.urls import path

from badges import views

app_name = "badges"
urlpatterns = [
    path("backpack/", views.backpack, name="backpack"),
    path("<uuid:uuid>/", views.badge_page, name="badge_page"),
    path("certificates/<uuid:uuid>/", views.certificate, name="certificate"),
    path(
        "certificates/enrolments/<int:enrolment_id>.pdf",
        views.certificate_pdf,
        name="certificate_pdf",
    ),
    path("issuers/<uuid:uuid>", views.issuer, name="issuer"),
    path("issuers/<uuid:uuid>/image", views.issuer_image, name="issuer_image"),
    path("issuers/<uuid:uuid>/revocations", views.revocations, name="revocations"),
    path("issuers/<uuid:uuid>/jwks", views.issuer_jwks, name="issuer_jwks"),
    path(
        "issuers/<uuid:uuid>/did.json",
        views.issuer_did_document,
        name="issuer_did_document",
    ),
    path(
        "issuers/<uuid:uuid>/status-list.json",
        views.issuer_status_list_with_proof,
        name="issuer_status_list_with_proof",
    ),
    path(
        "issuers/<uuid:uuid>/status-list",
        views.issuer_status_list,
        name="issuer_status_list",
    ),
    path("classes/<uuid:uuid>", views.badge_class, name="badge_class"),
    path(
        "classes/<uuid:uuid>/image", views.badge_class_image, name="badge_class_image"
    ),
    path("assertions/<uuid:uuid>", views.assertion, name="assertion"),
    path("assertions/<uuid:uuid>/credential.jwt", views.credential, name="credential"),
    path(
        "assertions/<uuid:uuid>/credential-rs256.jwt",
        views.credential,
        {"algorithm": "RS256"},
        name="credential_rs256",
    ),
    path(
        "assertions/<uuid:uuid>/credential.json",
        views.credential_with_proof,
        name="credential_with_proof",
    ),
    path(
        "assertions/<uuid:uuid>/badge.<str:extension>",
        views.baked_image,
        name="baked_image",
    ),
]
