"""Comparing names as people type them."""

import unicodedata


def search_key(text: str) -> str:
    """Text to compare as people type it: no accents, case, hyphens or apostrophes."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    letters = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in "-'’`.,/":
        letters = letters.replace(mark, " ")
    return " ".join(letters.replace("œ", "oe").split())
