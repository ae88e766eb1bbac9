"""Baked badge images: the assertion embedded in a PNG or an SVG.

A baked image is the badge itself: whoever holds the file can verify it. The
PNG carries both versions: the Open Badges 2.0 hosted assertion (an iTXt
chunk "openbadges", written by openbadges_bakery) and the 3.0 credential as a
compact JWS (an iTXt chunk "openbadgecredential", OB 3.0 5.3.1, written with
pypng). An SVG can bind its "openbadges" prefix to one namespace only: the
2.0 and 3.0 SVGs are two files.
"""

from __future__ import annotations

import base64
import io
import json

import png
from openbadges_bakery import bake, unbake

# Badge images are shown square; 256 pixels is the size badge platforms expect.
RENDITION = "fill-256x256|format-png"


def badge_png(badge_class) -> bytes:
    """The badge class's image as a 256-pixel PNG (a Wagtail rendition)."""
    rendition = badge_class.image.get_rendition(RENDITION)
    with rendition.file.open("rb") as image:
        return image.read()


# OB 3.0, 5.3.1.1 and 5.3.2.1.
CREDENTIAL_KEYWORD = b"openbadgecredential"
OB3_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"


def baked_png(
    badge_class, assertion_document: dict, credential_jws: str | None = None
) -> bytes:
    """The badge's PNG with the 2.0 assertion baked in, and the 3.0
    credential too when given."""
    baked = _baked(io.BytesIO(badge_png(badge_class)), assertion_document)
    if credential_jws is None:
        return baked
    return _with_credential_chunk(baked, credential_jws)


def _with_credential_chunk(image: bytes, credential_jws: str) -> bytes:
    """An iTXt chunk "openbadgecredential", uncompressed, before IEND; one
    only (a chunk already there is replaced)."""
    chunks = [
        (kind, data)
        for kind, data in png.Reader(bytes=image).chunks()
        if not (kind == b"iTXt" and data.startswith(CREDENTIAL_KEYWORD + b"\x00"))
    ]
    # keyword NUL, compression flag 0, method 0, language NUL, translated NUL
    text = CREDENTIAL_KEYWORD + b"\x00\x00\x00\x00\x00" + credential_jws.encode()
    chunks.insert(len(chunks) - 1, (b"iTXt", text))
    out = io.BytesIO()
    png.write_chunks(out, chunks)
    return out.getvalue()


def credential_in_png(image: bytes) -> str | None:
    """The 3.0 credential a PNG carries (OB 3.0, 5.3.1.2), if any."""
    for kind, data in png.Reader(bytes=image).chunks():
        if kind == b"iTXt" and data.startswith(CREDENTIAL_KEYWORD + b"\x00"):
            return data.split(b"\x00", 5)[-1].decode()
    return None


def baked_svg_credential(badge_class, credential_jws: str) -> bytes:
    """An SVG showing the badge's PNG, with the 3.0 credential (a compact JWS)
    in the verify attribute of <openbadges:credential>, right after <svg>."""
    image = base64.b64encode(badge_png(badge_class)).decode()
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'xmlns:openbadges="{OB3_NAMESPACE}" '
        'width="256" height="256" viewBox="0 0 256 256">'
        f'<openbadges:credential verify="{credential_jws}"></openbadges:credential>'
        f'<image width="256" height="256" xlink:href="data:image/png;base64,{image}"/>'
        "</svg>"
    ).encode()


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
