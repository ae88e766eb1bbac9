"""Reading the PDFs that reportlab writes, for tests to assert what they say."""

import base64
import re
import zlib

OBJECT = re.compile(rb"(\d+) 0 obj\s*(.*?)endobj", re.S)
STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.S)
# In a page's commands: a change of font, or a piece of text drawn.
TEXT_OR_FONT = re.compile(
    r"/(?P<font>[^\s/]+) [\d.]+ Tf|\((?P<text>(?:\\.|[^\\)])*)\) Tj"
)
ESCAPE = re.compile(r"\\([0-7]{1,3}|.)", re.S)
ESCAPED = {"n": "\n", "r": "\r", "t": "\t", "b": "\b", "f": "\f"}


def pdf_text(pdf: bytes) -> str:
    """The drawing commands of a reportlab PDF (its ASCII85 + Flate streams
    decoded), where each piece of text shows as ``(text) Tj``.

    Text in an embedded font (a subset numbered anew in each document) is given
    back as the letters it shows, read from the font's ToUnicode map."""
    letters = _embedded_font_letters(pdf)
    text = []
    for stream in STREAM.findall(pdf):
        try:
            inflated = zlib.decompress(base64.a85decode(stream.strip(), adobe=True))
        except (ValueError, zlib.error):
            continue  # not an ASCII85 stream (an image, a font)
        text.append(_letters_shown(inflated.decode("latin-1"), letters))
    return "\n".join(text)


def _embedded_font_letters(pdf: bytes) -> dict[str, dict[int, str]]:
    """For each embedded font, by the name the pages call it: letter by code."""
    objects = dict(OBJECT.findall(pdf))
    fonts = {}
    for body in objects.values():
        name = re.search(rb"/Name /(\S+)", body)
        cmap = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if name and cmap:
            stream = STREAM.search(objects[cmap.group(1)]).group(1)
            pairs = re.findall(rb"<([0-9A-F]+)> <([0-9A-F]+)>", zlib.decompress(stream))
            fonts[name.group(1).decode()] = {
                int(code, 16): chr(int(letter, 16)) for code, letter in pairs[1:]
            }  # the first pair is the code space range
    return fonts


def _letters_shown(commands: str, letters: dict[str, dict[int, str]]) -> str:
    font = None

    def decode(match: re.Match) -> str:
        nonlocal font
        if match.group("font"):
            font = match.group("font")
            return match.group(0)
        if font not in letters:
            return match.group(0)  # a built-in font: the text is as written
        codes = ESCAPE.sub(_unescaped, match.group("text"))
        shown = "".join(letters[font].get(ord(code), code) for code in codes)
        return "(" + re.sub(r"([()\\])", r"\\\1", shown) + ") Tj"

    return TEXT_OR_FONT.sub(decode, commands)


def _unescaped(match: re.Match) -> str:
    escaped = match.group(1)
    if escaped[0] in "01234567":
        return chr(int(escaped, 8))
    return ESCAPED.get(escaped, escaped)
