"""Reading the PDFs that reportlab writes, for tests to assert what they say."""

import base64
import re
import zlib


def pdf_text(pdf: bytes) -> str:
    """The drawing commands of a reportlab PDF (its ASCII85 + Flate streams
    decoded), where each piece of text shows as ``(text) Tj``."""
    streams = re.findall(rb"stream\r?\n(.*?)endstream", pdf, re.S)
    text = []
    for stream in streams:
        try:
            inflated = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        except (ValueError, zlib.error):
            continue  # not an ASCII85 stream (an image, a font)
        text.append(inflated.decode("latin-1"))
    return "\n".join(text)
