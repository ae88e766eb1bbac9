"""Media in S3-compatible object storage: a real S3 server (moto), the real code paths.

Several web machines share one bucket: what an editor uploads, the renditions
made of it, the badges baked from it must all be there, never on one machine's
disk, and private files must not be readable without a signed URL.
"""

from __future__ import annotations

import html
import io
import json
import os
import re
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from urllib.parse import urlsplit

import boto3
import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from config import env as config_env
from config.object_storage import media_origin, media_storage

REGION = "eu-west-1"
KEYS = {"access_key_id": "test-key", "secret_access_key": "test-secret"}

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def s3_endpoint():
    """A moto S3 server in a thread of this process, on a free port."""
    from moto.server import ThreadedMotoServer

    server = ThreadedMotoServer(
        ip_address="127.0.0.1", port=_free_port(), verbose=False
    )
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, tmp_path):
    """A fresh private bucket, configured as the platform would from S3_* variables.

    MEDIA_ROOT points at an empty folder: nothing may land there.
    """
    name = f"media-{uuid.uuid4().hex[:12]}"
    s3 = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["access_key_id"],
        aws_secret_access_key=KEYS["secret_access_key"],
    )
    s3.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION}
    )
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": media_storage(
            bucket=name, endpoint_url=s3_endpoint, region=REGION, **KEYS
        ),
    }
    s3.bucket_name = name
    return s3


def keys_in(bucket) -> set[str]:
    listing = bucket.list_objects_v2(Bucket=bucket.bucket_name)
    return {item["Key"] for item in listing.get("Contents", [])}


def object_bytes(bucket, key: str) -> bytes:
    return bucket.get_object(Bucket=bucket.bucket_name, Key=key)["Body"].read()


def fetch(url: str) -> tuple[int, bytes]:
    """What a browser gets from a media URL, straight from the S3 server."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as refused:
        return refused.code, b""


def png(colour=(20, 90, 160), size=(300, 300)) -> bytes:
    buffer = io.BytesIO()
    PillowImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def unsigned(url: str) -> str:
    return url.split("?", 1)[0]


def root_collection() -> Collection:
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def editor_with_media_rights(email: str):
    """An editor allowed to add images and documents in the root collection."""
    from django.contrib.auth.models import Permission
    from wagtail.models import GroupCollectionPermission

    from tests.factories import editor_create

    editor = editor_create(email=email, can_publish=False)
    group = editor.groups.get()
    for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in ("add", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection(),
                permission=Permission.objects.get(
                    content_type__app_label=app, codename=f"{action}_{model}"
                ),
            )
    return editor


def test_an_editors_uploaded_image_and_its_rendition_land_in_the_bucket(
    client, bucket, settings
):
    root_collection()
    client.force_login(editor_with_media_rights("editeur@example.be"))
    original = png()

    response = client.post(
        "/admin/images/add/",
        {
            "title": "Une souris",
            "file": ContentFile(original, name="souris.png"),
            "collection": root_collection().id,
        },
    )

    assert response.status_code == 302, response.content[:2000]
    image = Image.objects.get(title="Une souris")
    assert object_bytes(bucket, image.file.name) == original
    rendition = image.get_rendition("fill-120x80|format-png")
    assert rendition.file.name in keys_in(bucket)
    # The browser gets the rendition from the bucket, by a signed URL only.
    status, served = fetch(rendition.url)
    assert status == 200
    assert PillowImage.open(io.BytesIO(served)).size == (120, 80)
    assert fetch(unsigned(rendition.url))[0] == 403
    assert not settings.MEDIA_ROOT.exists()


def test_a_course_cover_is_served_from_the_bucket_to_visitors(client, bucket, course):
    cover = Image.objects.create(
        title="Couverture", file=ContentFile(png(), name="couverture.png")
    )
    course.cover_image = cover
    course.save_revision().publish()

    page = client.get(course.url).content.decode()

    sources = re.findall(r'src="([^"]+)"', page)
    from_bucket = [src for src in sources if src.startswith(media_origin_of(bucket))]
    assert from_bucket, sources
    status, served = fetch(html.unescape(from_bucket[0]))
    assert status == 200
    assert PillowImage.open(io.BytesIO(served)).format == "PNG"
    assert {r.file.name for r in cover.renditions.all()} <= keys_in(bucket)


def test_a_badge_baked_from_an_image_in_the_bucket_downloads_for_its_learner(
    client, bucket, learner, other_learner, settings
):
    from badges import baking, services
    from tests.badges.factories import badge_class_create

    badge = badge_class_create(name="Premiers pas")
    assertion = services.badge_award(badge_class=badge, recipient=learner).assertion
    client.force_login(learner)
    baked_url = reverse("badges:baked_image", args=[assertion.uuid, "png"])

    assert baked_url in client.get("/badges/backpack/").content.decode()
    response = client.get(baked_url)

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert str(assertion.uuid) in json.dumps(baking.unbaked(response.content))
    # Baked from the badge's 256-pixel rendition, made and kept in the bucket.
    rendition = badge.image.get_rendition(baking.RENDITION)
    assert {badge.image.file.name, rendition.file.name} <= keys_in(bucket)
    assert not settings.MEDIA_ROOT.exists()
    client.force_login(other_learner)
    assert baked_url not in client.get("/badges/backpack/").content.decode()


def test_certificates_and_data_exports_are_made_per_request_and_never_stored(
    client, bucket, learner, other_learner, course, settings
):
    """Personal files are answered by views that check who asks: none in the bucket."""
    from tests.badges.factories import course_finish

    enrolment = course_finish(learner, course)
    certificate_url = reverse("badges:certificate_pdf", args=[enrolment.id])
    export_url = reverse("learners:data_export")
    before = keys_in(bucket)

    client.force_login(learner)
    certificate = client.get(certificate_url)
    export = client.get(export_url)

    assert certificate.status_code == 200
    assert certificate.content.startswith(b"%PDF")
    assert json.loads(export.content)["profile"]["email"] == learner.email
    assert keys_in(bucket) == before
    assert not settings.MEDIA_ROOT.exists()
    client.force_login(other_learner)
    assert client.get(certificate_url).status_code == 404
    assert learner.email not in client.get(export_url).content.decode()


def private_collection():
    """A collection whose documents only signed-in people may fetch."""
    from wagtail.models import CollectionViewRestriction

    private = root_collection().add_child(name="Réservé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    return private


def test_a_document_of_a_private_collection_needs_signing_in_then_a_signed_url(
    client, bucket, learner
):
    private = private_collection()
    document = Document.objects.create(
        title="Fiche",
        collection=private,
        file=ContentFile(b"%PDF-1.4 fiche", name="fiche.pdf"),
    )
    assert object_bytes(bucket, document.file.name) == b"%PDF-1.4 fiche"

    anonymous = client.get(document.url)
    assert anonymous.status_code == 302
    assert "login/?next=" in anonymous["Location"]
    client.force_login(learner)
    response = client.get(document.url)

    assert response.status_code == 302
    signed = response["Location"]
    assert signed.startswith(media_origin_of(bucket))
    assert fetch(signed) == (200, b"%PDF-1.4 fiche")
    assert fetch(unsigned(signed))[0] == 403


def test_a_videos_captions_come_from_the_site_and_the_video_from_the_bucket(
    client, bucket
):
    """A <track> is fetched from the page's origin only: no redirect for captions."""
    root_collection()
    video = Document.objects.create(
        title="Vidéo", file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="v.mp4")
    )
    captions = Document.objects.create(
        title="Sous-titres", file=ContentFile(b"WEBVTT\n\n", name="v.vtt")
    )

    to_video = client.get(video.url)
    answered = client.get(captions.url)

    assert to_video.status_code == 302
    assert to_video["Location"].startswith(media_origin_of(bucket))
    assert answered.status_code == 200
    assert answered["Content-Type"].startswith("text/vtt")
    assert answered.content == b"WEBVTT\n\n"
    assert captions.file.name in keys_in(bucket)


def test_captions_of_a_private_collection_still_need_signing_in(
    client, bucket, learner
):
    private = private_collection()
    captions = Document.objects.create(
        title="Sous-titres",
        collection=private,
        file=ContentFile(b"WEBVTT\n\n", name="v.vtt"),
    )

    assert "login/?next=" in client.get(captions.url)["Location"]
    client.force_login(learner)
    assert client.get(captions.url).status_code == 200


def media_origin_of(bucket) -> str:
    endpoint = bucket.meta.endpoint_url
    return media_origin(bucket=bucket.bucket_name, endpoint_url=endpoint)


SHOW_MEDIA_SETTINGS = """
import json
from config import settings
directives = settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]
print(json.dumps({
    "default": settings.STORAGES["default"],
    "img-src": directives["img-src"],
    "media-src": directives["media-src"],
}))
"""


def media_settings(environment: dict) -> dict:
    """The media settings that this environment gives, in a fresh interpreter."""
    result = subprocess.run(
        [sys.executable, "-c", SHOW_MEDIA_SETTINGS],
        env={"PATH": os.environ["PATH"], **environment},
        cwd=config_env.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_without_a_bucket_media_stay_on_the_local_disk():
    found = media_settings({})

    assert found["default"] == {
        "BACKEND": "django.core.files.storage.FileSystemStorage"
    }
    assert found["img-src"] == ["'self'", "data:"]
    assert found["media-src"] == ["'self'"]


def test_s3_variables_give_a_private_bucket_allowed_by_the_security_policy():
    found = media_settings(
        {
            "S3_BUCKET": "competences-media",
            "S3_ENDPOINT_URL": "https://s3.fr-par.scw.cloud",
            "S3_REGION": "fr-par",
            "S3_ACCESS_KEY_ID": "key",
            "S3_SECRET_ACCESS_KEY": "secret",
        }
    )

    assert found["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    options = found["default"]["OPTIONS"]
    assert options["bucket_name"] == "competences-media"
    assert options["endpoint_url"] == "https://s3.fr-par.scw.cloud"
    assert options["region_name"] == "fr-par"
    assert (options["access_key"], options["secret_key"]) == ("key", "secret")
    assert options["querystring_auth"] is True
    assert options["default_acl"] is None
    assert options["file_overwrite"] is False
    # Signatures outlast the hour a cached page keeps its image URLs.
    assert options["querystring_expire"] > 60 * 60
    assert "https://s3.fr-par.scw.cloud" in found["img-src"]
    assert "https://s3.fr-par.scw.cloud" in found["media-src"]


@pytest.mark.parametrize(
    "where",
    [
        {"endpoint_url": "https://s3.fr-par.scw.cloud", "region": "fr-par"},
        {"endpoint_url": "http://127.0.0.1:9000"},
        {"region": "eu-west-3"},
        {"region": "us-east-1"},
        {"region": "eu-west-3", "custom_domain": "media.competences.example.be"},
    ],
)
def test_the_policys_media_origin_is_where_the_storage_points(where):
    """Computed from the configuration alone; no request leaves the machine."""
    from storages.backends.s3 import S3Storage

    storage = S3Storage(**media_storage(bucket="media", **KEYS, **where)["OPTIONS"])
    parts = urlsplit(storage.url("images/souris.png"))

    assert f"{parts.scheme}://{parts.netloc}" == media_origin(bucket="media", **where)
