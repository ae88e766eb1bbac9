"""Wagtail hooks of the course content."""

from __future__ import annotations

from django.http import HttpResponse
from wagtail import hooks

# Text tracks of the media block (courses.blocks.MediaBlock).
CAPTIONS = {"vtt": "text/vtt; charset=utf-8", "srt": "text/plain; charset=utf-8"}


# After Wagtail's own check of the collection's view restrictions (order 0).
@hooks.register("before_serve_document", order=100)
def captions_from_the_sites_origin(document, request):
    """Caption files answered by the site itself, when documents are in a bucket.

    Wagtail redirects a document in object storage to its signed URL. A video
    plays from another origin, but its <track> is fetched from the page's origin
    only (the player has no crossorigin attribute, the bucket no CORS rules):
    redirected, the video would lose its captions. Caption files are small:
    read whole, since Wagtail takes only an HttpResponse (not a streaming one).
    """
    content_type = CAPTIONS.get(document.file_extension.lower())
    if content_type is None or _is_on_local_disk(document):
        return None
    with document.file.open("rb") as captions:
        response = HttpResponse(captions.read(), content_type=content_type)
    # What Wagtail's own serving adds: never run, never sniffed.
    response["Content-Security-Policy"] = "default-src 'none'"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _is_on_local_disk(document) -> bool:
    """Wagtail serves files on the local disk itself, from the same origin."""
    try:
        document.file.path  # noqa: B018 (remote storages raise here)
    except NotImplementedError:
        return False
    return True
