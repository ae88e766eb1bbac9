"""Baked badge images: the assertion embedded in a PNG or an SVG (openbadges_bakery).

A baked image is the badge itself: whoever holds the file can verify it, by the
hosted assertion it carries.
"""

from __future__ import annotations

import base64
import io
import json

from openbadges_bakery import bake, unbake

# Badge images are shown square; 256 pixels is the size badge platforms expect.
RENDITION = "fill-256x256|format-png"


def badge_png(badge_class) -> bytes:
    """The badge class's image as a 256-pixel PNG (a Wagtail rendition)."""
    rendition = badge_class.image.get_rendition(RENDITION)
    with rendition.file.open("rb") as image:
        return image.read()


def baked_png(badge_class, assertion_document: dict) -> bytes:
    """The badge's PNG with the assertion baked in (an iTXt "openbadges" chunk)."""
    return _baked(io.BytesIO(badge_png(badge_class)), assertion_document)


def baked_svg(badge_class, assertion_document: dict) -> bytes:
    """An SVG showing the badge's PNG, with the assertion baked in."""
    png = base64.b64encode(badge_png(badge_class)).decode()
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        'width="256" height="256" viewBox="0 0 256 256">'
        f'<image width="256" height="256" xlink:href="data:image/png;base64,{png}"/>'
        "</svg>"
    )
    return _baked(io.BytesIO(svg.encode()), assertion_document)


def _baked(image: io.BytesIO, assertion_document: dict) -> bytes:
    baked = bake(image, json.dumps(assertion_document))
    baked.seek(0)
    return baked.read()


def unbaked(image: bytes) -> dict | str:
    """What a baked image carries: the assertion (PNG), or its URL (SVG).

    The bakery keeps only the hosted assertion's id in an SVG's verify attribute.
    """
    content = unbake(io.BytesIO(image))
    try:
        return json.loads(content)
    except ValueError:
        return content
